import type { Node as SyntaxNode } from 'web-tree-sitter';
import { rangeOf } from '../text/positions';
import { callArguments, dottedName, literalBool, notNull, stringValue } from './syntax';
import type { Decorator, Marker, ParamRow, Parametrize } from './types';

// Discovery asks about a definition's decorators several times (fixture? marks? factory?): each
// read crosses into wasm for every node, so a node's decorators are read once (nodes are immutable).
const decoratorsOf = new WeakMap<SyntaxNode, Decorator[]>();

export function readDecorators(outer: SyntaxNode): Decorator[] {
  let decorators = decoratorsOf.get(outer);
  if (!decorators) {
    decorators = outer.type === 'decorated_definition' ? outer.namedChildren.filter(notNull).filter((c) => c.type === 'decorator').map(readDecorator) : [];
    decoratorsOf.set(outer, decorators);
  }
  return decorators;
}

function readDecorator(node: SyntaxNode): Decorator {
  const expr = node.namedChildren.find((c) => c?.type !== 'comment') ?? node;
  return {
    node,
    callee: dottedName(expr) ?? '',
    args: expr.type === 'call' ? expr.childForFieldName('arguments') ?? undefined : undefined,
    range: rangeOf(node),
  };
}

const MARK = /^(?:pytest\.)?mark\.(\w+)$/;

/** `pytest.mark.slow` / `mark.slow(...)` → `slow`. */
/** Misspellings of `parametrize` pytest itself refuses when a module is imported (pytest 9): "Unknown 'parametrise' mark, did you mean 'parametrize'?". */
export const REFUSED_PARAMETRIZE_SPELLINGS: ReadonlySet<string> = new Set(['parameterize', 'parametrise', 'parameterise']);

export function markerName(expr: SyntaxNode): string | undefined {
  return MARK.exec(dottedName(expr) ?? '')?.[1];
}

export function markersFromDecorators(decorators: readonly Decorator[]): Marker[] {
  const markers: Marker[] = [];
  for (const decorator of decorators) {
    const name = MARK.exec(decorator.callee)?.[1];
    if (name) markers.push({ name, node: decorator.node, args: decorator.args, range: decorator.range });
  }
  return markers;
}

/** Markers from a `pytestmark = pytest.mark.x` or `pytestmark = [pytest.mark.a, ...]` value. */
export function markersFromValue(value: SyntaxNode): Marker[] {
  const items = value.type === 'list' || value.type === 'tuple' ? value.namedChildren.filter(notNull) : [value];
  const markers: Marker[] = [];
  for (const item of items) {
    const name = markerName(item);
    if (!name) continue;
    const args = item.type === 'call' ? item.childForFieldName('arguments') ?? undefined : undefined;
    markers.push({ name, node: item, args, range: rangeOf(item) });
  }
  return markers;
}

/**
 * Decorators that hand pytest the function itself (marks; staticmethod and classmethod, which
 * pytest unwraps): what pytest sees is then the `def` as written. Any other one may wrap it.
 */
export function keepsFunction(decorators: readonly Decorator[]): boolean {
  return decorators.every((d) => MARK.test(d.callee) || d.callee === 'staticmethod' || d.callee === 'classmethod');
}

export function isFixtureDecorator(callee: string): boolean {
  return callee === 'pytest.fixture' || callee === 'fixture' || callee === 'pytest_asyncio.fixture';
}

/** The argnames of a parametrize call: `"a,b"`, `"a, b"`, `["a", "b"]`, `("a",)`. */
export function parseArgnames(node: SyntaxNode | undefined): string[] | undefined {
  while (node?.type === 'parenthesized_expression') node = node.namedChildren.find((c) => c?.type !== 'comment') ?? undefined;
  if (!node) return undefined;
  const asString = stringValue(node);
  if (asString !== undefined) return asString.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (node.type === 'list' || node.type === 'tuple') {
    const names = node.namedChildren.filter(notNull).map((c) => stringValue(c));
    return names.every((n): n is string => n !== undefined) ? names.map((n) => n.trim()) : undefined;
  }
  return undefined;
}

export function readParametrize(decorator: Decorator): Parametrize {
  const { positional, keywords } = callArguments(decorator.args);
  const argnamesNode = positional[0] ?? keywords.get('argnames');
  const argvaluesNode = positional[1] ?? keywords.get('argvalues');
  const idsNode = keywords.get('ids') ?? positional[3];
  const indirectNode = keywords.get('indirect') ?? positional[2];
  const argnames = parseArgnames(argnamesNode);
  return {
    decorator,
    argnames,
    argnamesNode,
    argvaluesNode,
    rows: argvaluesNode ? readRows(argvaluesNode, argnames?.length ?? 1) : undefined,
    idsNode,
    ids: idsNode && (idsNode.type === 'list' || idsNode.type === 'tuple') ? readIds(idsNode) : undefined,
    indirect: indirectNode ? literalBool(indirectNode) !== false : false,
  };
}

function readIds(node: SyntaxNode): (string | null)[] {
  return node.namedChildren.filter(notNull).filter((c) => c.type !== 'comment').map((c) => stringValue(c) ?? null);
}

function readRows(node: SyntaxNode, arity: number): ParamRow[] | undefined {
  if (node.type !== 'list' && node.type !== 'tuple') return undefined;
  const rows: ParamRow[] = [];
  for (const element of node.namedChildren) {
    if (!element || element.type === 'comment') continue;
    if (element.type === 'list_splat' || element.type === 'parenthesized_list_splat') return undefined;
    rows.push(readRow(element, arity));
  }
  return rows;
}

function readRow(element: SyntaxNode, arity: number): ParamRow {
  if (element.type === 'call' && /^(?:pytest\.)?param$/.test(dottedName(element) ?? '')) {
    const { positional, keywords } = callArguments(element.childForFieldName('arguments'));
    const marksNode = keywords.get('marks');
    const markNodes = marksNode ? (marksNode.type === 'list' || marksNode.type === 'tuple' ? marksNode.namedChildren.filter(notNull) : [marksNode]) : [];
    return {
      node: element,
      values: positional,
      isPytestParam: true,
      id: stringValue(keywords.get('id')),
      marks: markNodes.map((m) => markerName(m)).filter(notNull),
    };
  }
  const unpack = arity > 1 && (element.type === 'tuple' || element.type === 'list' || element.type === 'parenthesized_expression');
  const values = unpack ? element.namedChildren.filter(notNull).filter((c) => c.type !== 'comment') : [element];
  return { node: element, values, isPytestParam: false, marks: [] };
}
