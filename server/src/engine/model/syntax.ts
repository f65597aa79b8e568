import type { Node as SyntaxNode } from 'web-tree-sitter';

/** `a.b.c` for identifiers/attributes, the callee's name for calls; undefined for anything else. */
export function dottedName(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute': {
      const object = dottedName(node.childForFieldName('object'));
      const attribute = node.childForFieldName('attribute');
      return object && attribute ? `${object}.${attribute.text}` : undefined;
    }
    case 'call':
      return dottedName(node.childForFieldName('function'));
    default:
      return undefined;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** The value of a plain (non-f, non-bytes) string literal, or of an implicit concatenation of them. */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of node.namedChildren) {
      const value = part ? stringValue(part) : undefined;
      if (value === undefined) return undefined;
      out += value;
    }
    return out;
  }
  if (node.type !== 'string') return undefined;
  const start = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '"';
  const prefix = start.replace(/['"]/g, '').toLowerCase();
  if (prefix.includes('f') || prefix.includes('b') || prefix.includes('t')) return undefined;
  const raw = prefix.includes('r');
  let out = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') {
      out += raw ? child.text : decodeEscapes(child.text);
    } else if (child.type === 'interpolation') return undefined;
  }
  return out;
}

function decodeEscapes(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (whole, esc: string) => {
    if (esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
    return SIMPLE_ESCAPES[esc] ?? whole;
  });
}

export interface CallArguments {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
}

/** Splits an `argument_list` into positional values and keyword values. */
export function callArguments(argumentList: SyntaxNode | null | undefined): CallArguments {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  for (const child of argumentList?.namedChildren ?? []) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')?.text;
      const value = child.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else positional.push(child);
  }
  return { positional, keywords };
}

/** The first string of a body block, if it is a docstring (implicitly concatenated literals are one, as for Python). */
export function docstringOf(body: SyntaxNode | null): string | undefined {
  const first = body?.namedChildren.find((c) => c?.type !== 'comment');
  if (first?.type !== 'expression_statement') return undefined;
  const expr = first.namedChild(0);
  return expr?.type === 'string' || expr?.type === 'concatenated_string' ? stringValue(expr) : undefined;
}

const SCOPE_BOUNDARIES = new Set(['function_definition', 'class_definition', 'lambda']);

/** A scope's descendants in pre-order, with the index just past each node's subtree (for skipping). */
interface ScopeIndex {
  nodes: SyntaxNode[];
  subtreeEnd: number[];
}

// Every rule walks the same function bodies; crossing into WASM for each child is the cost, so each
// scope's node list is built once per tree. Trees are immutable (an edit yields a new tree object).
const scopeIndexes = new WeakMap<object, Map<number, ScopeIndex>>();

function scopeIndex(node: SyntaxNode): ScopeIndex {
  let perTree = scopeIndexes.get(node.tree);
  if (!perTree) {
    perTree = new Map();
    scopeIndexes.set(node.tree, perTree);
  }
  let index = perTree.get(node.id);
  if (!index) {
    index = { nodes: [], subtreeEnd: [] };
    const add = (current: SyntaxNode, into: ScopeIndex) => {
      const at = into.nodes.length;
      into.nodes.push(current);
      into.subtreeEnd.push(at + 1);
      if (!SCOPE_BOUNDARIES.has(current.type)) {
        for (const child of current.namedChildren) if (child) add(child, into);
      }
      into.subtreeEnd[at] = into.nodes.length;
    };
    for (const child of node.namedChildren) if (child) add(child, index);
    perTree.set(node.id, index);
  }
  return index;
}

/**
 * Visits `node`'s descendants in source order without entering nested functions, classes or lambdas
 * (their code runs in another scope). Return false from the visitor to skip a node's children.
 */
export function walkScope(node: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  const { nodes, subtreeEnd } = scopeIndex(node);
  for (let i = 0; i < nodes.length; ) {
    i = visit(nodes[i]) === false ? subtreeEnd[i] : i + 1;
  }
}

/** Every descendant of a type within the same scope. */
export function findInScope(node: SyntaxNode, type: string | Set<string>): SyntaxNode[] {
  const types = typeof type === 'string' ? new Set([type]) : type;
  const found: SyntaxNode[] = [];
  walkScope(node, (n) => {
    if (types.has(n.type)) found.push(n);
  });
  return found;
}

export function notNull<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** Python truthiness of a literal: `True`, `False`, `None`, numbers; undefined when not a literal. */
export function literalBool(node: SyntaxNode | undefined): boolean | undefined {
  if (!node) return undefined;
  if (node.type === 'true') return true;
  if (node.type === 'false' || node.type === 'none') return false;
  if (node.type === 'integer' || node.type === 'float') return Number(node.text.replace(/_/g, '')) !== 0;
  return undefined;
}
