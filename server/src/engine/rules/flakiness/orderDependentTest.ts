import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import { walkScope } from '../../model/syntax';
import type { Decorated, PytestFile } from '../../model/types';
import { rangeOf } from '../../text/positions';
import { snippet } from '../support/snippet';
import type { PythonRule } from '../types';
import { isMutableValue, mutationOf } from './mutations';

/** PP215 — a test writes module-level state that other tests in the file read. */
export const orderDependentTest: PythonRule = {
  meta: {
    code: 'PP215',
    name: 'order-dependent-test',
    summary: 'A test writes module-level state (`global x`, `RESULTS.append(…)`) that other tests in the file read.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, report }) {
    const moduleNames = moduleAssignments(file.root);
    if (moduleNames.size === 0) return;
    const resetByFixture = namesUsedByAutouseFixtures(file);
    const tests = allTests(file);
    for (const writer of tests) {
      for (const { name, site } of writes(writer, moduleNames)) {
        if (resetByFixture.has(name) || restoresInFinally(writer, name)) continue;
        const reader = tests.find((t) => t !== writer && reads(t, name));
        if (!reader) continue;
        report({
          range: rangeOf(site),
          message:
            `\`${writer.name}\` writes module-level \`${name}\` (\`${snippet(site, 40)}\`), which \`${reader.name}\` reads: ` +
            'the outcome depends on which tests run and in what order. Keep the state in a fixture.',
        });
      }
    }
  },
};

/** Module-level `NAME = value` bindings. */
function moduleAssignments(root: SyntaxNode): Map<string, SyntaxNode> {
  const names = new Map<string, SyntaxNode>();
  for (const statement of root.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right) names.set(left.text, right);
  }
  return names;
}

/** Names a function binds locally (parameters, plain assignments) unless declared `global`. */
function localNames(fn: Decorated, globals: Set<string>): Set<string> {
  const locals = new Set(fn.params.map((p) => p.name));
  walkScope(fn.body, (node) => {
    const target =
      node.type === 'assignment' || node.type === 'augmented_assignment' ? node.childForFieldName('left')
      : node.type === 'for_statement' ? node.childForFieldName('left')
      : node.type === 'as_pattern_target' ? node.namedChild(0) : undefined;
    const targets = target?.type === 'pattern_list' || target?.type === 'tuple_pattern' ? target.namedChildren : [target];
    for (const t of targets) if (t?.type === 'identifier' && !globals.has(t.text)) locals.add(t.text);
  });
  return locals;
}

function declaredGlobals(fn: Decorated): Set<string> {
  const globals = new Set<string>();
  walkScope(fn.body, (node) => {
    if (node.type === 'global_statement') node.namedChildren.forEach((n) => n?.type === 'identifier' && globals.add(n.text));
  });
  return globals;
}

function writes(test: Decorated, moduleNames: Map<string, SyntaxNode>): { name: string; site: SyntaxNode }[] {
  const globals = declaredGlobals(test);
  const locals = localNames(test, globals);
  const found = new Map<string, SyntaxNode>();
  const note = (name: string, site: SyntaxNode) => {
    if (!found.has(name)) found.set(name, site);
  };
  // The module names a mutation here would change: read once, then one look at each node (not
  // one per name: a data-heavy module has dozens, and its long tests thousands of nodes).
  const watched = new Set([...moduleNames].filter(([name, value]) => !locals.has(name) && (globals.has(name) || isMutableValue(value))).map(([name]) => name));
  const mutated: string[] = [];
  const isWatched = (n: SyntaxNode): boolean => {
    if (n.type === 'identifier' && watched.has(n.text)) mutated.push(n.text);
    return false; // keep looking: `del A[0], B[0]` mutates both
  };
  walkScope(test.body, (node) => {
    if ((node.type === 'assignment' || node.type === 'augmented_assignment') && node.childForFieldName('left')?.type === 'identifier') {
      const name = node.childForFieldName('left')!.text;
      if (globals.has(name)) note(name, node);
    }
    if (watched.size === 0) return;
    mutated.length = 0;
    mutationOf(node, isWatched);
    for (const name of mutated) note(name, node);
  });
  return [...found].map(([name, site]) => ({ name, site }));
}

function reads(test: Decorated, name: string): boolean {
  const globals = declaredGlobals(test);
  if (localNames(test, globals).has(name)) return false;
  let used = false;
  walkScope(test.body, (node) => {
    if (node.type !== 'identifier' || node.text !== name) return;
    const parent = node.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return;
    if (parent?.type === 'global_statement' || isWriteOnlyUse(node)) return;
    used = true;
  });
  return used;
}

/** `X[k] = v`, `X.append(v)`, `del X[k]`: uses that store into the state without looking at it. */
function isWriteOnlyUse(identifier: SyntaxNode): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === identifier.id) {
    const holder = parent.parent;
    if (holder?.type === 'assignment' && holder.childForFieldName('left')?.id === parent.id) return true;
    if (holder?.type === 'delete_statement' || holder?.parent?.type === 'delete_statement') return true;
  }
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === identifier.id && parent.parent?.type === 'call') {
    const method = parent.childForFieldName('attribute')?.text ?? '';
    return STORE_ONLY_METHODS.has(method) && parent.parent.parent?.type === 'expression_statement';
  }
  return false;
}

/** Mutating methods whose result, when dropped, tells the caller nothing about the state. */
const STORE_ONLY_METHODS = new Set(['append', 'extend', 'insert', 'add', 'update', 'clear', 'appendleft', 'extendleft', 'discard']);

/** `try: … finally: RESULTS.clear()` puts the state back, so order no longer matters. */
function restoresInFinally(test: Decorated, name: string): boolean {
  let restores = false;
  walkScope(test.body, (node) => {
    if (node.type === 'finally_clause' && node.descendantsOfType('identifier').some((i) => i?.text === name)) restores = true;
  });
  return restores;
}

function namesUsedByAutouseFixtures(file: PytestFile): Set<string> {
  const names = new Set<string>();
  for (const fixture of file.fixtures.filter((f) => f.autouse)) {
    for (const identifier of fixture.body.descendantsOfType('identifier')) if (identifier) names.add(identifier.text);
  }
  return names;
}
