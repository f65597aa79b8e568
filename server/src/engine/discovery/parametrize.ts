// Reads a `parametrize(argnames, argvalues, indirect, ids)` call into a Parametrization,
// following names bound in the module (`CASES = [...]`) to their literal values.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { markerName } from '../model/decorators';
import { callArguments } from '../model/syntax';
import { idFunctionOf } from './idFunctions';
import { HIDDEN, ParameterSet, Parametrization } from './nodeIds';
import { Element, evaluate, isComputed } from './pyValues';
import { evaluateSequence, isPytestParam } from './sequences';
import { Scope } from './scope';

const MAX_HOPS = 8;

/** Follows `NAME` to the expression bound to it, through module/class assignments. */
export function resolveNode(node: SyntaxNode | undefined, scope: Scope): { node?: SyntaxNode; scope: Scope } {
  let current = node;
  let currentScope = scope;
  for (let hop = 0; hop < MAX_HOPS && current; hop++) {
    if (current.type === 'parenthesized_expression') {
      current = current.namedChildren.find((c) => c?.type !== 'comment') ?? undefined;
      continue;
    }
    if (current.type !== 'identifier') break;
    const binding = currentScope.lookup(current.text, current.startIndex);
    if (binding?.kind !== 'value' || isComputed(binding.node)) break;
    current = binding.node;
    currentScope = binding.scope ?? currentScope;
  }
  return { node: current, scope: currentScope };
}

function children(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
}

export function readArgnames(node: SyntaxNode | undefined, scope: Scope): string[] | undefined {
  return argnamesOf(resolveNode(node, scope));
}

/** The argnames of an already resolved argnames expression. */
function argnamesOf(resolved: { node?: SyntaxNode; scope: Scope }): string[] | undefined {
  if (!resolved.node) return undefined;
  const value = evaluate(resolved.node, resolved.scope);
  if (value.kind === 'str') return value.value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (resolved.node.type === 'list' || resolved.node.type === 'tuple') {
    const names = children(resolved.node).map((c) => evaluate(c, resolved.scope));
    return names.every((n) => n.kind === 'str') ? names.map((n) => (n as { value: string }).value) : undefined;
  }
  return undefined;
}

/**
 * `arity` 1 with `forceTuple` (argnames written as one string): each value is the row's only value.
 * Argnames written as a list or tuple (`["x"]`) make pytest unpack every row, even for one name.
 */
function readRow(element: Element, arity: number, scope: Scope, forceTuple: boolean): ParameterSet {
  if (!isComputed(element) && element.type === 'call' && !isPytestParam(element)) {
    // `make_param(f, g)`: a helper may return a `pytest.param` (its id and marks) or a row to unpack.
    const value = evaluate(element, scope);
    if (value.kind === 'param') return { ...readRow(value, arity, scope, forceTuple), node: element };
    const row = arity === 1 && forceTuple ? [value] : value.kind === 'tuple' || value.kind === 'list' ? value.items : undefined;
    return { values: row, node: element, marks: [] };
  }
  if (isComputed(element) && element.kind === 'param') {
    return { values: element.values, id: element.hidden ? HIDDEN : element.id, marks: element.marks };
  }
  if (!isComputed(element) && isPytestParam(element)) {
    const { positional, keywords } = callArguments(element.childForFieldName('arguments'));
    const idNode = keywords.get('id');
    const marksNode = keywords.get('marks');
    const markNodes = marksNode ? (marksNode.type === 'list' || marksNode.type === 'tuple' ? children(marksNode) : [marksNode]) : [];
    return {
      values: positional.some((p) => p.type === 'list_splat') ? undefined : positional,
      id: idNode && /(?:^|\.)HIDDEN_PARAM$/.test(idNode.text) ? HIDDEN : idNode,
      node: element,
      marks: markNodes.map((m) => markerName(m)).filter((m): m is string => !!m),
    };
  }
  const node = isComputed(element) ? undefined : element;
  if (arity === 1 && forceTuple) return { values: [element], node, marks: [] };
  const resolved = isComputed(element) ? element : resolveNode(element, scope).node;
  // A string row is unpacked too: `parametrize("a, b", ["xy"])` gives a="x", b="y".
  const unpackable = resolved && (isComputed(resolved) ? resolved.kind === 'tuple' || resolved.kind === 'list' || resolved.kind === 'str' : resolved.type === 'tuple' || resolved.type === 'list' || resolved.type === 'string' || resolved.type === 'concatenated_string');
  return { values: unpackable ? evaluateSequence(resolved, scope) : undefined, node, marks: [] };
}

/** The rows of argvalues when they can be known statically; undefined otherwise. */
export function readSets(node: SyntaxNode | undefined, arity: number, scope: Scope, forceTuple = true): ParameterSet[] | undefined {
  const elements = evaluateSequence(node, scope);
  return elements?.map((e) => readRow(e, arity, scope, forceTuple));
}

export function readIds(node: SyntaxNode | undefined, scope: Scope): Parametrization['ids'] {
  if (!node) return undefined;
  const resolved = resolveNode(node, scope).node;
  if (resolved?.type === 'none') return undefined;
  if (resolved?.type === 'list' || resolved?.type === 'tuple') {
    if (children(resolved).some((e) => e.type === 'list_splat')) return 'dynamic';
    return children(resolved).map((e) => (e.type === 'none' ? null : e));
  }
  // Computed ids (`[f.__name__ for f in FUNCS]`, `CASES.keys()`): their items when known; a
  // callable discovery can run is called with each value, as pytest does; anything else pytest
  // would call or iterate at run time stays dynamic.
  const items = evaluateSequence(node, scope);
  if (!items) return idFunctionOf(node, scope) ?? 'dynamic';
  return items.map((e) => (isComputed(e) ? (e.kind === 'none' ? null : e) : e.type === 'none' ? null : e));
}

/**
 * Whether an expression reads a guessed binding (a value an `if` block may change), directly or
 * through the names its bound values use.
 */
export function readsGuess(node: SyntaxNode | undefined, scope: Scope, depth = 0): boolean {
  if (!node || depth > MAX_HOPS || !scope.hasGuesses()) return false;
  const names = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
  for (const name of names) {
    if (!name) continue;
    const binding = scope.lookup(name.text, name.startIndex);
    if (binding?.kind === 'function' && binding.node && binding.scope && depth < 2) {
      // A helper the decorator calls: the globals its body reads (as of the call).
      const body = binding.scope.functionSources()?.definition(binding.node)?.childForFieldName('body') ?? undefined;
      if (body && readsGuess(body, new Scope(binding.scope, scope.offsetIn(binding.scope, name.startIndex)), depth + 1)) return true;
      continue;
    }
    if (binding?.kind !== 'value') continue;
    if (binding.guess) return true;
    if (!isComputed(binding.node) && readsGuess(binding.node, binding.scope ?? scope, depth + 1)) return true;
  }
  return false;
}

/** A parametrize call's argument list → Parametrization (argnames undefined: not literal). */
export function readParametrization(args: SyntaxNode | undefined, scope: Scope): Parametrization {
  const { positional, keywords } = callArguments(args);
  const argnamesNode = positional[0] ?? keywords.get('argnames');
  // Resolved once: the names, and whether they are written as one string.
  const resolvedArgnames = resolveNode(argnamesNode, scope);
  const argnames = argnamesOf(resolvedArgnames);
  const written = resolvedArgnames.node;
  const forceTuple = written?.type !== 'list' && written?.type !== 'tuple';
  const sets = argnames ? readSets(positional[1] ?? keywords.get('argvalues'), argnames.length, scope, forceTuple) : undefined;
  return {
    argnames: argnames ?? [],
    sets,
    ids: readIds(keywords.get('ids') ?? positional[3], scope),
    scope,
    ...(readsGuess(args, scope) ? { guessed: true } : {}),
  };
}
