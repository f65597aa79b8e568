import type { Node as SyntaxNode } from 'web-tree-sitter';
import { rangeOf } from '../../text/positions';
import { snippet } from '../support/snippet';
import type { Fix, PythonRule } from '../types';
import { PSEUDO_ASSERTIONS } from './mockAssertionNames';

/** PP212 — an `assert` whose condition is always true, so it can never fail. */
export const alwaysTrueAssert: PythonRule = {
  meta: {
    code: 'PP212',
    name: 'always-true-assert',
    summary: 'An `assert` that can never fail: a tuple, a non-empty literal, `True`, or a pseudo mock assertion.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, report }) {
    for (const statement of file.root.descendantsOfType('assert_statement')) {
      const condition = statement?.namedChild(0);
      if (!statement || !condition) continue;
      const hasMessage = statement.namedChildren.filter((c) => c?.type !== 'comment').length > 1;
      const problem = explain(condition, statement, hasMessage);
      if (!problem) continue;
      const messageNode = hasMessage ? statement.namedChildren.filter((c) => c?.type !== 'comment')[1] : undefined;
      // `assert 17, 19 == f(17, 19)`: the comparison meant as the check became the message.
      const hint = messageNode?.type === 'comparison_operator' ? ` The comma makes \`${snippet(messageNode, 40)}\` the assert message, not part of the check.` : '';
      report({ range: rangeOf(condition), message: problem.message + hint, fixes: problem.fix ? [problem.fix] : undefined });
    }
  },
};

function explain(condition: SyntaxNode, statement: SyntaxNode, hasMessage: boolean): { message: string; fix?: Fix } | undefined {
  switch (condition.type) {
    case 'tuple':
      return condition.namedChildCount > 0 ? tupleProblem(condition, hasMessage) : undefined;
    case 'parenthesized_expression': {
      const inner = condition.namedChild(0);
      return inner && inner.type !== 'tuple' ? explain(inner, statement, hasMessage) : undefined;
    }
    case 'string':
    case 'concatenated_string':
      return hasLiteralText(condition) ? { message: `\`assert ${snippet(condition)}\` is always true: a non-empty string is truthy.` } : undefined;
    case 'integer':
    case 'float':
      return Number(condition.text.replace(/_/g, '')) !== 0 ? { message: `\`assert ${condition.text}\` is always true and checks nothing.` } : undefined;
    case 'true':
      return { message: '`assert True` checks nothing: assert on the result the test is about, or drop the line.' };
    case 'list':
    case 'set':
    case 'dictionary':
      return condition.namedChildren.some((c) => c?.type !== 'comment')
        ? { message: `\`assert ${snippet(condition)}\` is always true: a non-empty ${condition.type === 'dictionary' ? 'dict' : condition.type} is truthy.` }
        : undefined;
    case 'call':
      return pseudoMockAssertion(condition, statement, hasMessage);
    default:
      return undefined;
  }
}

function tupleProblem(tuple: SyntaxNode, hasMessage: boolean): { message: string; fix?: Fix } {
  const items = tuple.namedChildren.filter((c) => c !== null && c.type !== 'comment');
  const message = `\`assert ${snippet(tuple)}\` asserts a non-empty tuple, which is always true.`;
  const messageLike = items[1]?.type === 'string' || items[1]?.type === 'concatenated_string';
  if (hasMessage || items.length !== 2 || !messageLike) return { message };
  return {
    message: `${message} Drop the parentheses: \`assert ${snippet(items[0]!, 30)}, ${snippet(items[1]!, 30)}\`.`,
    fix: {
      title: 'Remove the parentheses so the message is the assert message',
      edits: [{ range: rangeOf(tuple), newText: `${items[0]!.text}, ${items[1]!.text}` }],
      safe: true,
    },
  };
}

/** `assert m.called_once_with(x)`: the attribute is an auto-created child mock, and calling it returns a truthy Mock. */
function pseudoMockAssertion(call: SyntaxNode, statement: SyntaxNode, hasMessage: boolean): { message: string; fix?: Fix } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const name = fn.childForFieldName('attribute')?.text ?? '';
  const real = PSEUDO_ASSERTIONS.get(name);
  if (!real) return undefined;
  const receiver = fn.childForFieldName('object')!;
  const args = call.childForFieldName('arguments');
  const replacement = `${receiver.text}.${real}${args?.text ?? '()'}`;
  return {
    message: `\`assert ${snippet(call)}\` is always true: \`${name}\` is not a Mock method, it returns a new truthy Mock. Call \`.${real}(...)\` instead.`,
    fix: hasMessage
      ? undefined
      : { title: `Call \`${real}\` instead`, edits: [{ range: rangeOf(statement), newText: replacement }], safe: true },
  };
}

/** A string (or f-string) with at least one character of literal text, hence never empty. */
function hasLiteralText(node: SyntaxNode): boolean {
  if (node.type === 'concatenated_string') return node.namedChildren.some((c) => c !== null && hasLiteralText(c));
  return node.namedChildren.some((c) => (c?.type === 'string_content' || c?.type === 'escape_sequence') && c.text.length > 0);
}
