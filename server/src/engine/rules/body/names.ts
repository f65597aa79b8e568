import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import { dottedName } from '../../model/syntax';
import type { Decorated, ImportedName, PytestFile } from '../../model/types';

/**
 * The dotted name of an expression with its first segment resolved through the file's imports, so
 * `sleep` (from `from time import sleep`), `t.sleep` (`import time as t`) and `time.sleep` all read
 * `time.sleep`. Names that are not imported come back as written.
 */
export function resolvedName(file: PytestFile, node: SyntaxNode | null | undefined): string | undefined {
  const dotted = dottedName(node);
  if (!dotted) return undefined;
  const [head, ...rest] = dotted.split('.');
  const imported = importsOf(file).find((i) => i.local === head);
  if (!imported) return dotted;
  let base: string;
  if (imported.name) base = imported.module.endsWith('.') ? `${imported.module}${imported.name}` : `${imported.module}.${imported.name}`;
  else if (imported.module === head || imported.module.startsWith(`${head}.`)) base = head;
  else base = imported.module;
  return [base, ...rest].join('.');
}

/** The callee of a `call` node, resolved as in `resolvedName`. */
export function resolvedCallee(file: PytestFile, call: SyntaxNode): string | undefined {
  return call.type === 'call' ? resolvedName(file, call.childForFieldName('function')) : undefined;
}

/** Tests and fixtures: the functions whose bodies run as part of a test. */
export function testsAndFixtures(file: PytestFile): { fn: Decorated; kind: 'test' | 'fixture' }[] {
  const all = [
    ...allTests(file).map((fn) => ({ fn, kind: 'test' as const })),
    ...file.fixtures.map((fn) => ({ fn, kind: 'fixture' as const })),
  ];
  return all.sort((a, b) => a.fn.node.startIndex - b.fn.node.startIndex);
}

/** Every descendant of `node` (entering nested scopes), in source order. */
export function walkAll(node: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [];
  for (let i = node.namedChildCount - 1; i >= 0; i--) {
    const child = node.namedChild(i);
    if (child) stack.push(child);
  }
  while (stack.length) {
    const current = stack.pop()!;
    if (visit(current) === false) continue;
    for (let i = current.namedChildCount - 1; i >= 0; i--) {
      const child = current.namedChild(i);
      if (child) stack.push(child);
    }
  }
}

/** `x` for an `identifier`, the root identifier of `x.a.b` / `x[0].a` / `x().a`; undefined otherwise. */
export function rootIdentifier(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node;
  while (current) {
    if (current.type === 'identifier') return current;
    if (current.type === 'attribute') current = current.childForFieldName('object');
    else if (current.type === 'subscript') current = current.childForFieldName('value');
    else if (current.type === 'call') current = current.childForFieldName('function');
    else return undefined;
  }
  return undefined;
}

/** A number literal's value (`0`, `0.5`, `1_000`, `-1`), or undefined when not a literal. */
export function numberValue(node: SyntaxNode | null | undefined): number | undefined {
  if (!node) return undefined;
  if (node.type === 'integer' || node.type === 'float') {
    const value = Number(node.text.replace(/_/g, ''));
    return Number.isNaN(value) ? undefined : value;
  }
  if (node.type === 'unary_operator' && node.child(0)?.type === '-') {
    const inner = numberValue(node.namedChild(0));
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

const importCache = new WeakMap<PytestFile, ImportedName[]>();

/**
 * The file's imports including those inside functions (`import pdb; pdb.set_trace()` in a test),
 * which the model's list leaves out.
 */
export function importsOf(file: PytestFile): ImportedName[] {
  const cached = importCache.get(file);
  if (cached) return cached;
  const known = new Set(file.imports.map((i) => i.node.id));
  const result = [...file.imports];
  walkAll(file.root, (n) => {
    if ((n.type === 'import_statement' || n.type === 'import_from_statement') && !known.has(n.id)) result.push(...readImport(n));
  });
  importCache.set(file, result);
  return result;
}

function readImport(statement: SyntaxNode): ImportedName[] {
  const result: ImportedName[] = [];
  const moduleNode = statement.type === 'import_from_statement' ? statement.childForFieldName('module_name') : null;
  const module = moduleNode?.text;
  for (const child of statement.namedChildren) {
    if (!child || child.id === moduleNode?.id) continue;
    const name = child.type === 'aliased_import' ? child.childForFieldName('name')?.text : child.type === 'dotted_name' ? child.text : undefined;
    if (!name) continue;
    const alias = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : undefined;
    if (module !== undefined) result.push({ module, name, local: alias ?? name, node: statement });
    else result.push({ module: name, local: alias ?? name.split('.')[0], node: statement });
  }
  return result;
}

const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/**
 * The named descendants of `node` whose type is in `types`, in source order. tree-sitter finds them
 * inside wasm in one call (`descendantsOfType`), so only the matches cross into JS: a 400 KB test
 * file is linted by a few dozen such queries. With `sameScope`, what nested functions, classes and
 * lambdas hold is left out (those nodes themselves still match).
 */
export function nodesOfType(node: SyntaxNode, types: ReadonlySet<string>, sameScope = false): SyntaxNode[] {
  const wanted = sameScope ? [...types, ...SCOPES] : [...types];
  const found: SyntaxNode[] = [];
  let skipUntil = -1; // end of the nested scope being left out
  for (const match of node.descendantsOfType(wanted)) {
    if (!match || match.id === node.id || match.startIndex < skipUntil || !match.isNamed) continue;
    if (types.has(match.type)) found.push(match);
    if (sameScope && SCOPES.has(match.type)) skipUntil = match.endIndex;
  }
  return found;
}
