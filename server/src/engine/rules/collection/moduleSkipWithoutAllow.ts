import type { Node as SyntaxNode } from 'web-tree-sitter';
import { callArguments } from '../../model/syntax';
import type { PytestFile } from '../../model/types';
import { rangeOf } from '../../text/positions';
import { qualifiedName } from '../support/qualifiedName';
import type { Fix, PythonRule } from '../types';

const SKIPS = new Set(['pytest.skip', 'pytest.skip.Exception']);

/** PP107 — `pytest.skip(...)` runs on import without `allow_module_level=True`: pytest fails to collect the module. */
export const moduleSkipWithoutAllow: PythonRule = {
  meta: {
    code: 'PP107',
    name: 'module-skip-without-allow',
    summary: 'A `pytest.skip(...)` that runs on import passes `allow_module_level=True`; without it pytest fails to collect the module.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, text, report }) {
    if (file.kind !== 'test' || !text.includes('skip')) return;
    for (const call of importTimeSkips(file)) {
      const allow = callArguments(call.childForFieldName('arguments')).keywords.get('allow_module_level');
      if (allow && allow.type !== 'false') continue; // True, or computed: not ours to judge
      const fix = allowFix(call, allow);
      report({
        range: rangeOf(call),
        message:
          '`pytest.skip(...)` runs when pytest imports this module, and without `allow_module_level=True` pytest refuses it ' +
          '("Using pytest.skip outside of a test will skip the entire module"): the module fails to collect and none of its tests run. ' +
          'Pass `allow_module_level=True` to skip the module, or mark the tests with `@pytest.mark.skip`/`skipif`.',
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};

/** Calls to `pytest.skip` in code that runs on import: top level, its blocks and class bodies, not function bodies. */
function importTimeSkips(file: PytestFile): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  // Function bodies (methods too) are not entered: they run later, and they are most of a file.
  const visit = (node: SyntaxNode): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      const type = child.type;
      if (type === 'function_definition' || type === 'lambda') continue;
      if (type === 'call' && SKIPS.has(qualifiedName(file, child.childForFieldName('function')) ?? '')) found.push(child);
      visit(child);
    }
  };
  for (const statement of file.root.namedChildren) if (statement && statement.type !== 'function_definition' && statement.text.includes('skip')) visit(statement);
  return found;
}

/** `allow_module_level=True` added before the closing parenthesis, or `False` made `True`. */
function allowFix(call: SyntaxNode, allow: SyntaxNode | undefined): Fix | undefined {
  const title = 'Pass `allow_module_level=True`';
  if (allow) return { title, edits: [{ range: rangeOf(allow), newText: 'True' }], safe: false };
  const args = call.childForFieldName('arguments');
  const close = args?.lastChild;
  if (args?.type !== 'argument_list' || close?.type !== ')') return undefined;
  const before = close.previousSibling;
  // After a trailing comma, right behind it (the call keeps its layout); else before the `)`.
  const at = before?.type === ',' ? rangeOf(before).end : rangeOf(close).start;
  const newText = before?.type === ',' ? ' allow_module_level=True,' : before?.type === '(' ? 'allow_module_level=True' : ', allow_module_level=True';
  return { title, edits: [{ range: { start: at, end: at }, newText }], safe: false };
}
