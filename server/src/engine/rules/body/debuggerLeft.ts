import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { PytestFile } from '../../model/types';
import { rangeOf } from '../../text/positions';
import type { Fix, PythonRule } from '../types';
import { importsOf, nodesOfType, resolvedCallee, walkAll } from './names';
import { removeStatements } from './removeStatements';

const DEBUGGER_MODULES = ['pdb', 'ipdb', 'pudb', 'pdbpp'];
const DEBUGGER_CALLS = new Set([
  'breakpoint',
  ...DEBUGGER_MODULES.flatMap((m) => [`${m}.set_trace`, `${m}.post_mortem`, `${m}.pm`, `${m}.Pdb.set_trace`]),
  'IPython.embed',
  'debugpy.breakpoint',
]);

/** PP202 — a debugger call left in a test file or conftest. */
export const debuggerLeft: PythonRule = {
  meta: {
    code: 'PP202',
    name: 'debugger-left',
    summary: 'No `breakpoint()` / `pdb.set_trace()` left in test code.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, text, report }) {
    if (!/breakpoint|set_trace|post_mortem|\bpm\b|embed/.test(text)) return;
    // Tests of the breakpoint machinery itself install a hook: their `breakpoint()` calls are the subject.
    const testsBreakpointHook = /breakpointhook|PYTHONBREAKPOINT/.test(text);
    for (const node of nodesOfType(file.root, new Set(['call']))) {
      const callee = resolvedCallee(file, node);
      if (!callee || !DEBUGGER_CALLS.has(callee)) continue;
      if (callee === 'breakpoint' && testsBreakpointHook) continue;
      // A forgotten debugger call is bare; `pdb.set_trace(header=...)` is a test of pdb.
      if (callee !== 'IPython.embed' && (node.childForFieldName('arguments')?.namedChildCount ?? 0) > 0) continue;
      const fix = removalFix(file, text, node);
      report({
        range: rangeOf(node),
        message: `Debugger call \`${node.childForFieldName('function')?.text}()\` left in test code: the run stops and waits for a debugger session.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};

/** Deletes the call's statement, and the debugger import when nothing else uses it. */
function removalFix(file: PytestFile, text: string, call: SyntaxNode): Fix | undefined {
  const statement = call.parent;
  if (statement?.type !== 'expression_statement' || statement.namedChildCount !== 1) return undefined;
  const toRemove = [statement, ...unusedImports(file, call)];
  return { title: 'Remove the debugger call', edits: removeStatements(text, toRemove), safe: true };
}

/** Import statements that bind only the call's first name and whose binding is used nowhere else. */
function unusedImports(file: PytestFile, call: SyntaxNode): SyntaxNode[] {
  const head = call.childForFieldName('function')?.text.split('.')[0];
  if (!head) return [];
  const imports = importsOf(file).filter((i) => i.local === head);
  if (imports.length === 0) return [];
  const importIds = new Set(imports.map((i) => i.node.id));
  if (imports.some((i) => importsOf(file).filter((other) => other.node.id === i.node.id).length > 1)) return [];
  let otherUses = 0;
  walkAll(file.root, (n) => {
    if (importIds.has(n.id) || n.id === call.id) return false;
    if (n.type === 'identifier' && n.text === head) otherUses++;
    return true;
  });
  return otherUses === 0 ? [...new Map(imports.map((i) => [i.node.id, i.node])).values()] : [];
}
