import type { Node as SyntaxNode } from 'web-tree-sitter';
import { rangeOf } from '../../text/positions';
import type { Fix, PythonRule, Report } from '../types';
import { MOCK_ASSERTIONS, PSEUDO_ASSERTIONS, nearestAssertions } from './mockAssertionNames';

/**
 * PP213 — a statement calls a method that only looks like a mock assertion (`m.called_once_with()`,
 * `m.assert_called_onece()`), or names a real one without calling it (`m.assert_called_once`).
 */
export const mockAssertionTypo: PythonRule = {
  meta: {
    code: 'PP213',
    name: 'mock-assertion-typo',
    summary: 'A mock "assertion" that checks nothing: a misspelt or non-`assert_` name, or a missing `()`.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, report }) {
    const defined = definedNames(file.root);
    for (const statement of file.root.descendantsOfType('expression_statement')) {
      const expression = statement?.namedChild(0);
      if (!expression) continue;
      const found =
        expression.type === 'call' ? misnamedCall(expression, defined) : expression.type === 'attribute' ? uncalledAssertion(expression) : undefined;
      if (found) report(found);
    }
  },
};

function misnamedCall(call: SyntaxNode, defined: Set<string>): Report | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const receiver = fn.childForFieldName('object');
  const nameNode = fn.childForFieldName('attribute');
  if (!receiver || !nameNode || receiver.text === 'self' || receiver.text === 'cls') return undefined;
  const name = nameNode.text;
  if (defined.has(name)) return undefined;
  const pseudo = PSEUDO_ASSERTIONS.get(name);
  if (pseudo) {
    return {
      range: rangeOf(nameNode),
      message: `\`${name}\` is not a Mock assertion: the call returns a new Mock and checks nothing. Use \`${pseudo}\`.`,
      fixes: [rename(nameNode, pseudo)],
    };
  }
  const nearest = nearestAssertions(name);
  if (nearest.length === 0) return undefined;
  const suggestion = nearest.map((n) => `\`${n}\``).join(' or ');
  return {
    range: rangeOf(nameNode),
    message: `\`${name}\` looks like a misspelt mock assertion (did you mean ${suggestion}?): it checks nothing, or raises \`AttributeError\`.`,
    fixes: nearest.length === 1 ? [rename(nameNode, nearest[0])] : undefined,
  };
}

/** `m.assert_called_once` without `()`: the method object is evaluated and thrown away. */
function uncalledAssertion(attribute: SyntaxNode): Report | undefined {
  const nameNode = attribute.childForFieldName('attribute');
  if (!nameNode || !(MOCK_ASSERTIONS as readonly string[]).includes(nameNode.text)) return undefined;
  const end = rangeOf(attribute).end;
  return {
    range: rangeOf(nameNode),
    message: `\`${nameNode.text}\` is never called, so it asserts nothing: add \`()\`.`,
    fixes: [{ title: `Call \`${nameNode.text}()\``, edits: [{ range: { start: end, end }, newText: '()' }], safe: true }],
  };
}

function rename(nameNode: SyntaxNode, to: string): Fix {
  return { title: `Rename to \`${to}\``, edits: [{ range: rangeOf(nameNode), newText: to }], safe: true };
}

/** Functions and methods the file defines itself: a helper named `assert_calls` is not a typo. */
function definedNames(root: SyntaxNode): Set<string> {
  const names = new Set<string>();
  for (const definition of root.descendantsOfType('function_definition')) {
    const name = definition?.childForFieldName('name')?.text;
    if (name) names.add(name);
  }
  return names;
}
