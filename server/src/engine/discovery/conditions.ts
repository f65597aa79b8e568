// Conditions as Python evaluates them, for the `if` of a comprehension or of a helper that builds
// argvalues: comparisons (chained), `and`/`or`/`not` and truthiness. Undefined when the outcome
// needs a value we do not know: the caller then gives up rather than guess which branch runs.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { evaluate, isComputed, PyValue } from './pyValues';
import type { Scope } from './scope';
import { evaluateSequence } from './sequences';

/** Python's `bool(value)`, or undefined when it depends on something we do not know. */
export function truth(value: PyValue): boolean | undefined {
  switch (value.kind) {
    case 'bool':
      return value.value;
    case 'int':
      return value.value !== 0n;
    case 'float':
      return value.value !== 0;
    case 'complex':
      return value.real !== 0 || value.imag !== 0;
    case 'str':
      return value.value.length > 0;
    case 'bytes':
      return value.value.length > 0;
    case 'none':
      return false;
    case 'tuple':
    case 'list':
    case 'set':
      return value.items.length > 0;
    case 'dict':
      return value.entries.length > 0;
    case 'named':
    case 'pattern':
      return true; // classes, functions and compiled patterns are always true
    default:
      return undefined;
  }
}

const BOOL = (value: boolean): PyValue => ({ kind: 'bool', value });
const UNKNOWN: PyValue = { kind: 'unknown' };

/** `a < b <= c`, `x in (1, 2)`, `y is not None`: a bool, or unknown. */
export function evaluateComparison(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const parts = node.children.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  let left = parts[0];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const operator = parts[i].type;
    const right = parts[i + 1];
    const outcome = operator === 'in' || operator === 'not in' ? contains(right, left, scope, depth) : compare(operator, evaluate(left, scope, depth + 1), evaluate(right, scope, depth + 1));
    if (outcome === undefined) return UNKNOWN;
    if ((operator === 'not in') === outcome) return BOOL(false); // a chain stops at its first false link
    left = right;
  }
  return BOOL(true);
}

/** `not x`, `a and b`, `a or b` (Python returns an operand, not always a bool). */
export function evaluateBoolean(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  if (node.type === 'not_operator') {
    const outcome = truth(evaluate(node.childForFieldName('argument'), scope, depth + 1));
    return outcome === undefined ? UNKNOWN : BOOL(!outcome);
  }
  const operator = node.childForFieldName('operator')?.type;
  const left = evaluate(node.childForFieldName('left'), scope, depth + 1);
  const decided = truth(left);
  if (decided === undefined) return UNKNOWN;
  if (operator === 'and') return decided ? evaluate(node.childForFieldName('right'), scope, depth + 1) : left;
  if (operator === 'or') return decided ? left : evaluate(node.childForFieldName('right'), scope, depth + 1);
  return UNKNOWN;
}

type Number_ = { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | { kind: 'bool'; value: boolean };

function asNumber(value: PyValue): Number_ | undefined {
  return value.kind === 'int' || value.kind === 'float' || value.kind === 'bool' ? value : undefined;
}

/** -1, 0, 1 like Python's number ordering (bool is an int); NaN compares unordered. */
function order(a: Number_, b: Number_): number | undefined {
  const big = (n: Number_): bigint | undefined => (n.kind === 'int' ? n.value : n.kind === 'bool' ? (n.value ? 1n : 0n) : undefined);
  const x = big(a);
  const y = big(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const fx = x !== undefined ? Number(x) : (a as { value: number }).value;
  const fy = y !== undefined ? Number(y) : (b as { value: number }).value;
  if (Number.isNaN(fx) || Number.isNaN(fy)) return undefined;
  return fx < fy ? -1 : fx > fy ? 1 : 0;
}

/** Code point order, as Python compares str (JS compares UTF-16 units). */
function orderStrings(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

/** Equality of two known scalars (undefined when either is not a plain value). */
export function equal(a: PyValue, b: PyValue): boolean | undefined {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x && y) {
    const o = order(x, y);
    return o === undefined ? false : o === 0; // NaN equals nothing
  }
  if (a.kind === 'str' && b.kind === 'str') return a.value === b.value;
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind ? true : isPlain(a) && isPlain(b) ? false : undefined;
  // Different plain kinds (str and int) are never equal.
  if (isPlain(a) && isPlain(b)) return false;
  // Functions and classes compare by identity (`op != operator.pow`).
  return identical(a, b);
}

function isPlain(value: PyValue): boolean {
  return ['str', 'int', 'float', 'bool', 'none', 'bytes'].includes(value.kind);
}

/** Whether two functions or classes are one object; undefined when that is not certain. */
function identical(a: PyValue, b: PyValue): boolean | undefined {
  const certain = (v: PyValue): boolean => v.kind === 'named' && !v.guess;
  if (a.kind === 'named' && b.kind === 'named' && certain(a) && certain(b)) {
    if (a.name !== b.name) return false; // one object has one `__name__`
    return a.identity !== undefined && b.identity !== undefined ? a.identity === b.identity : undefined;
  }
  // A function or class is never None, a bool, a number, a str or bytes.
  return (certain(a) && isPlain(b)) || (certain(b) && isPlain(a)) ? false : undefined;
}

function compare(operator: string, a: PyValue, b: PyValue): boolean | undefined {
  if (operator === '==' || operator === '!=') {
    const same = equal(a, b);
    return same === undefined ? undefined : (operator === '==') === same;
  }
  if (operator === 'is' || operator === 'is not') {
    // Identity is certain for the singletons None, True and False, for functions and classes known
    // as one object (`op is not operator.pow`), and as a difference between certain names.
    const sameObject = identical(a, b);
    if (sameObject !== undefined) return (operator === 'is') === sameObject;
    const singleton = (v: PyValue): boolean => v.kind === 'none' || v.kind === 'bool';
    if (!singleton(a) && !singleton(b)) return undefined;
    if (singleton(a) !== singleton(b) && isPlain(a) && isPlain(b)) return operator === 'is not';
    const same = singleton(a) && singleton(b) ? a.kind === b.kind && (a.kind === 'none' || (a as { value: boolean }).value === (b as { value: boolean }).value) : undefined;
    return same === undefined ? undefined : (operator === 'is') === same;
  }
  let o: number | undefined;
  const x = asNumber(a);
  const y = asNumber(b);
  if (x && y) o = order(x, y);
  else if (a.kind === 'str' && b.kind === 'str') o = orderStrings(a.value, b.value);
  if (o === undefined) return undefined;
  switch (operator) {
    case '<':
      return o < 0;
    case '<=':
      return o <= 0;
    case '>':
      return o > 0;
    case '>=':
      return o >= 0;
    default:
      return undefined;
  }
}

/** A `{...}` set display (or a name bound to one) as a list display, for membership only: a set's order is not Python's. */
function setDisplay(node: SyntaxNode, scope: Scope): { node: SyntaxNode; scope: Scope } | undefined {
  const binding = node.type === 'identifier' ? scope.lookup(node.text, node.startIndex) : undefined;
  if (binding?.kind === 'value' && !isComputed(binding.node)) return binding.node.type === 'set' ? { node: binding.node, scope: binding.scope ?? scope } : undefined;
  return node.type === 'set' ? { node, scope } : undefined;
}

/** `needle in haystack` for a str haystack or a known sequence (or set) of plain values. */
function contains(haystackNode: SyntaxNode, needleNode: SyntaxNode, scope: Scope, depth: number): boolean | undefined {
  const needle = evaluate(needleNode, scope, depth + 1);
  const haystack = evaluate(haystackNode, scope, depth + 1);
  if (haystack.kind === 'str') return needle.kind === 'str' ? haystack.value.includes(needle.value) : undefined;
  const set = setDisplay(haystackNode, scope);
  const items = haystack.kind === 'set' ? haystack.items : set ? set.node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : evaluateSequence(haystackNode, scope, depth + 1);
  if (!items || items.some((item) => !isComputed(item) && item.type.includes('splat'))) return undefined;
  const itemScope = set?.scope ?? scope;
  let unsure = false;
  for (const item of items) {
    const same = equal(needle, evaluate(item, itemScope, depth + 1));
    if (same) return true;
    if (same === undefined) unsure = true;
  }
  return unsure ? undefined : false;
}
