import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import type { PytestFile, TestFunction } from '../../model/types';
import type { Range } from '../../text/positions';
import type { PythonRule } from '../types';
import { nodesOfType, resolvedCallee } from './names';

// Conditions about the environment (platform, Python version, optional features in CONSTANTS):
// parametrize cannot replace them, so asserting per platform is legitimate.
const ENVIRONMENT = /\bsys\.|\bos\.(?:name|environ|getenv)\b|\bplatform\.|\bTYPE_CHECKING\b|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?:PY|IS|HAS)[A-Z0-9_]*\b/;
// `if hasattr(sock, "sendmsg"):` probes what the platform or build offers.
const FEATURE_CHECK = /^(?:not\s+)?hasattr\(/;
const GUARDS = new Set(['pytest.skip', 'pytest.xfail', 'pytest.fail', 'pytest.importorskip']);
const CONDITIONALS = new Set(['if_statement', 'match_statement']);
const ASSERT = new Set(['assert_statement']);
const CALL = new Set(['call']);

/** PP204 — assertions that run only on some paths through a test. */
export const conditionalAssertion: PythonRule = {
  meta: {
    code: 'PP204',
    name: 'conditional-assertion',
    summary: 'No `assert` under `if`/`else`/`match` in a test: split the cases (parametrize) so every test asserts unconditionally.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, text, report }) {
    if (!text.includes('assert')) return;
    const environmentNames = environmentConstants(file);
    const aboutEnvironment = (condition: SyntaxNode) =>
      ENVIRONMENT.test(condition.text) ||
      FEATURE_CHECK.test(condition.text) ||
      (condition.text.match(/\b\w+\b/g) ?? []).some((word) => environmentNames.has(word));
    for (const test of allTests(file)) {
      let coveredUntil = -1;
      for (const node of nodesOfType(test.body, CONDITIONALS, true)) {
        // The outermost conditional only: the nested ones are part of the same finding (or guard).
        if (node.startIndex < coveredUntil) continue;
        const condition = node.childForFieldName(node.type === 'if_statement' ? 'condition' : 'subject');
        if (!condition || nodesOfType(node, ASSERT, true).length === 0) continue;
        coveredUntil = node.endIndex;
        if (aboutEnvironment(condition) || guardsWithPytest(file, node)) continue;
        report({ range: headerRange(node, condition), message: message(test, node, condition) });
      }
    }
  },
};

/** A branch that skips, xfails or fails makes the other branch's assertion the only way to pass. */
function guardsWithPytest(file: PytestFile, node: SyntaxNode): boolean {
  if (nodesOfType(node, CALL, true).some((call) => GUARDS.has(resolvedCallee(file, call) ?? ''))) return true;
  // `if problems: assert False, problems` is `pytest.fail` spelled as an assert.
  return nodesOfType(node, ASSERT, true).some((a) => /^(?:False|0)$/.test(a.namedChild(0)?.text ?? ''));
}

/** Module-level names computed from the environment: `posix = os.name == "posix"`. */
function environmentConstants(file: PytestFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.root.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right && ENVIRONMENT.test(right.text)) names.add(left.text);
  }
  return names;
}

function headerRange(node: SyntaxNode, condition: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: condition.endPosition.row, character: condition.endPosition.column },
  };
}

function message(test: TestFunction, node: SyntaxNode, condition: SyntaxNode): string {
  const keyword = node.type === 'if_statement' ? 'if' : 'match';
  const header = `${keyword} ${condition.text.length > 40 ? `${condition.text.slice(0, 37)}...` : condition.text}`;
  const argnames = new Set(test.parametrize.flatMap((p) => p.argnames ?? []));
  const parameter = [...argnames].find((name) => new RegExp(`\\b${name}\\b`).test(condition.text));
  if (parameter) {
    return `Assertions under \`${header}\` depend on the parameter \`${parameter}\`: parametrize the expected outcome (or split the rows into separate tests) so each case asserts unconditionally.`;
  }
  return `Assertions under \`${header}\` run only on some paths, so the test can pass without checking anything: assert the condition itself, or split the cases into separate tests.`;
}
