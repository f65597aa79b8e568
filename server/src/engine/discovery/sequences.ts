// The elements of an argvalues expression when they can be known without running code:
// literal lists/tuples (with `*` splats), names bound to them, `+` and `*` of sequences,
// `range()`, `itertools.product()`/`chain()` (also `chain(*lists)`, `chain.from_iterable`), `zip()`,
// `list()/tuple()`, `sum(lists, [])`, `filter()`, `dict(a=1)`, the characters of a string,
// subscripts and slices of literal dicts, lists and tuples, comprehensions (with their `if`s), lists
// of other modules, and what the module's own helpers return (helperCalls.ts).

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { markerName } from '../model/decorators';
import { callArguments, dottedName } from '../model/syntax';
import { Element, evaluate, isComputed, PyValue } from './pyValues';
import { truth } from './conditions';
import { callHelper } from './helperCalls';
import { enumMembers } from './enumMembers';
import { idFunctionOf } from './idFunctions';
import { Scope } from './scope';

const MAX_DEPTH = 8;
/** Beyond this many elements a computed sequence is not worth listing statically. */
const MAX_ELEMENTS = 20_000;
/** Larger dicts of other modules are registries or tables, not argvalues. */
const MAX_DICT_ENTRIES = 500;

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
}

export function evaluateSequence(element: Element | undefined, scope: Scope, depth = 0): Element[] | undefined {
  if (!element || depth > MAX_DEPTH) return undefined;
  if (isComputed(element)) return computedItems(element);
  const node = element;
  switch (node.type) {
    case 'list':
    case 'tuple':
    case 'expression_list': {
      const out: Element[] = [];
      for (const child of childrenOf(node)) {
        if (child.type === 'list_splat' || child.type === 'parenthesized_list_splat') {
          const inner = evaluateSequence(child.namedChildren.find((c) => c?.type !== 'comment') ?? undefined, scope, depth + 1);
          if (!inner) return undefined;
          out.push(...inner);
        } else out.push(child);
      }
      return out;
    }
    case 'parenthesized_expression':
      return evaluateSequence(childrenOf(node)[0], scope, depth + 1);
    case 'dictionary':
      // Iterating a dict gives its keys.
      return displayEntries(node, scope)?.map((entry) => entry.key);
    case 'identifier': {
      const binding = scope.lookup(node.text, node.startIndex);
      if (binding?.kind === 'value') return evaluateSequence(binding.node, binding.scope ?? scope, depth + 1);
      // `parametrize("color", Color)`: an Enum class iterates its members.
      if (binding?.kind === 'class') return enumMembers(binding, node.text, scope, depth);
      // `from .params import CASES`: a list, tuple or dict of another module, computed there.
      const imported = binding?.kind === 'import' && binding.from ? scope.externalNames()?.imported(binding.from, binding.importedName) : undefined;
      return imported && imported.kind !== 'str' ? computedItems(imported) : undefined;
    }
    case 'attribute': {
      // `np.typecodes`: a dict (its keys), list or tuple of another module.
      const value = evaluate(node, scope, depth + 1);
      return value.kind !== 'str' ? computedItems(value) : undefined;
    }
    case 'string':
    case 'concatenated_string': {
      const value = evaluate(node, scope);
      return value.kind === 'str' ? [...value.value].map(str) : undefined;
    }
    case 'binary_operator':
      return evaluateOperator(node, scope, depth);
    case 'augmented_assignment': // a name bound by `x += y` (see scopeOf)
      return evaluateOperator(node, scope, depth, node.childForFieldName('operator')?.text.slice(0, -1));
    case 'list_comprehension':
    case 'generator_expression':
      return evaluateComprehension(node, scope, depth);
    case 'dictionary_comprehension':
      return comprehensionEntries(node, scope, depth)?.map(([key]) => key); // iterating a dict gives its keys
    case 'call':
      return evaluateCall(node, scope, depth);
    case 'subscript': {
      const slice = sliceOf(node, scope, depth);
      if (slice) return slice;
      const found = subscriptElement(node, scope, depth);
      return found && evaluateSequence(found.element, found.scope, depth + 1);
    }
    default:
      return undefined;
  }
}

/** The elements iterating a computed value gives: a tuple's or list's items, a dict's keys, a string's characters. */
function computedItems(value: PyValue): Element[] | undefined {
  if (value.kind === 'tuple' || value.kind === 'list') return value.items;
  if (value.kind === 'dict') return value.entries.map(([key]) => key);
  return value.kind === 'str' ? [...value.value].map(str) : undefined;
}

/** A literal container (dict, list, tuple), a tuple or list already computed, or a dict of another module. */
type Container =
  | { node: SyntaxNode; scope: Scope; items?: undefined; entries?: undefined }
  | { node?: undefined; items: Element[]; scope: Scope; entries?: undefined }
  | { node?: undefined; items?: undefined; entries: [PyValue, PyValue][]; scope: Scope };

function computedContainer(value: PyValue, scope: Scope): Container | undefined {
  if (value.kind === 'tuple' || value.kind === 'list') return { items: value.items, scope };
  return value.kind === 'dict' ? { entries: value.entries, scope } : undefined;
}

/** The container an expression names, and the scope its elements live in. */
function containerOf(node: SyntaxNode | undefined, scope: Scope, depth: number): Container | undefined {
  let target = node;
  let targetScope = scope;
  for (let hop = 0; hop < MAX_DEPTH && target; hop++) {
    if (target.type === 'parenthesized_expression') target = childrenOf(target)[0];
    else if (target.type === 'identifier') {
      const binding = targetScope.lookup(target.text, target.startIndex);
      if (binding?.kind === 'value' && isComputed(binding.node) && (binding.node.kind === 'tuple' || binding.node.kind === 'list')) {
        return { items: binding.node.items, scope: targetScope };
      }
      // An `ids=` callable's parameter bound to a dict case (`lambda case: case["name"]`).
      if (binding?.kind === 'value' && isComputed(binding.node) && binding.node.kind === 'dict') return { entries: binding.node.entries, scope: targetScope };
      if (binding?.kind === 'import') return computedContainer(evaluate(target, targetScope, depth + 1), targetScope);
      if (binding?.kind !== 'value' || isComputed(binding.node)) return undefined;
      target = binding.node;
      targetScope = binding.scope ?? targetScope;
    } else if (target.type === 'subscript') {
      const found = subscriptElement(target, targetScope, depth + 1);
      if (!found || isComputed(found.element)) return undefined;
      target = found.element;
      targetScope = found.scope;
    } else if (target.type === 'attribute') {
      // `np.typecodes["All"]`: a container another module computed.
      return computedContainer(evaluate(target, targetScope, depth + 1), targetScope);
    } else break;
  }
  if (target?.type === 'dictionary_comprehension') {
    const entries = comprehensionEntries(target, targetScope, depth + 1);
    return entries && { entries, scope: targetScope };
  }
  // A display, or a list made in place (`[n * n for n in xs]`, `sorted(xs)`), also through a name.
  return target && (['dictionary', 'list', 'tuple'].includes(target.type) || madeInPlace(target)) ? { node: target, scope: targetScope } : undefined;
}

/**
 * A key equal for values Python finds equal (`1 == 1.0 == True`), for dict keys, set items and
 * Enum aliases; undefined when unsure.
 */
export function equalityKey(value: PyValue, scope: Scope): string | undefined {
  switch (value.kind) {
    case 'str':
      return `s${value.value}`;
    case 'int':
      return `n${value.value}`;
    case 'bool':
      return value.value ? 'n1' : 'n0';
    case 'float':
      if (Number.isNaN(value.value)) return undefined; // nan != nan
      return Number.isInteger(value.value) ? `n${BigInt(value.value)}` : `f${value.value}`;
    case 'none':
      return 'N';
    case 'tuple': {
      const items = value.items.map((item) => equalityKey(isComputed(item) ? item : evaluate(item, scope), scope));
      return items.every((item) => item !== undefined) ? `t(${items.join(',')})` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `CASES["key"]`, `ROWS[0]`, `ROWS[-1]` of a literal dict, list or tuple (or a name bound to one):
 * the element and the scope to evaluate it in. Undefined when any key or the index is not literal.
 */
export function subscriptElement(node: SyntaxNode, scope: Scope, depth = 0): { element: Element; scope: Scope } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const indexes = node.childrenForFieldName('subscript').filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  const container = containerOf(node.childForFieldName('value') ?? undefined, scope, depth);
  if (!container || indexes.length !== 1 || indexes[0].type === 'slice') return undefined;
  const wanted = evaluate(indexes[0], scope, depth + 1);
  if (container.entries || container.node?.type === 'dictionary') {
    const entry = dictEntry(container, wanted, scope, depth);
    return entry === 'missing' ? undefined : entry; // a missing key raises
  }
  const items = container.items ?? evaluateSequence(container.node, container.scope, depth + 1);
  if (!items || wanted.kind !== 'int') return undefined;
  const index = Number(wanted.value) < 0 ? items.length + Number(wanted.value) : Number(wanted.value);
  return index >= 0 && index < items.length ? { element: items[index], scope: container.scope } : undefined;
}

/** The value under `wanted` in a dict container; 'missing' when it surely has no such key; undefined when unknown. */
function dictEntry(container: Container, wanted: PyValue, scope: Scope, depth: number): { element: Element; scope: Scope } | 'missing' | undefined {
  const identity = equalityKey(wanted, scope);
  if (identity === undefined) return undefined;
  if (container.entries) {
    const entry = container.entries.find(([key]) => equalityKey(key, scope) === identity);
    return entry ? { element: entry[1], scope: container.scope } : 'missing';
  }
  if (container.node?.type !== 'dictionary') return undefined;
  let found: SyntaxNode | undefined;
  for (const pair of childrenOf(container.node)) {
    if (pair.type !== 'pair') return undefined; // `**other` may hold the key
    const key = equalityKey(evaluate(pair.childForFieldName('key'), container.scope, depth + 1), container.scope);
    if (key === undefined) return undefined;
    if (key === identity) found = pair.childForFieldName('value') ?? undefined; // the last equal key wins
  }
  return found ? { element: found, scope: container.scope } : 'missing';
}

/** `TABLE.get(key)` / `TABLE.get(key, default)` of a dict whose keys are all known: the value, or the default (None). */
export function dictGet(node: SyntaxNode, scope: Scope, depth: number): PyValue | undefined {
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get' || depth > MAX_DEPTH) return undefined;
  const { positional, keywords } = callArguments(node.childForFieldName('arguments'));
  if (keywords.size > 0 || positional.length < 1 || positional.length > 2 || positional.some((p) => p.type.includes('splat'))) return undefined;
  const container = containerOf(fn.childForFieldName('object') ?? undefined, scope, depth);
  if (!container || !(container.entries || container.node?.type === 'dictionary')) return undefined;
  const entry = dictEntry(container, evaluate(positional[0], scope, depth + 1), scope, depth);
  if (entry === undefined) return { kind: 'unknown' };
  if (entry !== 'missing') return materialize(entry.element, entry.scope, depth + 1);
  return positional.length === 2 ? evaluate(positional[1], scope, depth + 1) : { kind: 'none' };
}

/** `ROWS[1:]`, `ROWS[:-1]`, `ROWS[::2]` of a literal list or tuple. */
function sliceOf(node: SyntaxNode, scope: Scope, depth: number): Element[] | undefined {
  const indexes = node.childrenForFieldName('subscript').filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (indexes.length !== 1 || indexes[0].type !== 'slice') return undefined;
  const container = containerOf(node.childForFieldName('value') ?? undefined, scope, depth);
  if (!container || container.entries || container.node?.type === 'dictionary') return undefined;
  const items = container.items ?? evaluateSequence(container.node, container.scope, depth + 1);
  const bounds = items && sliceBounds(indexes[0], scope, depth);
  if (!items || !bounds) return undefined;
  const [start, stop, step = 1] = bounds;
  if (step === -1 && start === undefined && stop === undefined) return [...items].reverse().map((e) => (isComputed(e) || container.scope === scope ? e : materialize(e, container.scope, depth)));
  if (step !== 1) return undefined; // other strides are rare in argvalues: leave them to pytest
  const clamp = (i: number | undefined, fallback: number): number => (i === undefined ? fallback : Math.max(0, Math.min(items.length, i < 0 ? items.length + i : i)));
  const elements = items.slice(clamp(start, 0), clamp(stop, items.length));
  return container.scope === scope ? elements : elements.map((e) => (isComputed(e) ? e : materialize(e, container.scope, depth)));
}

/** An expression that makes a list, tuple or range in place: indexing or slicing it reaches its items. */
function madeInPlace(node: SyntaxNode): boolean {
  if (node.type === 'list_comprehension') return true;
  if (node.type !== 'call') return false;
  const callee = dottedName(node.childForFieldName('function'));
  return callee === 'list' || callee === 'tuple' || callee === 'sorted' || callee === 'range';
}

/** A slice's parts in order, undefined for an omitted one or `None`: `a:b:c`, `:b`, `a:`, `::c`; undefined when one is not an int. */
export function sliceBounds(slice: SyntaxNode, scope: Scope, depth: number): (number | undefined)[] | undefined {
  const bounds: (number | undefined)[] = [];
  let current: number | undefined;
  for (const child of slice.children) {
    if (!child) continue;
    if (child.type === ':') {
      bounds.push(current);
      current = undefined;
      continue;
    }
    const value = evaluate(child, scope, depth + 1);
    if (value.kind === 'none') continue;
    if (value.kind !== 'int') return undefined;
    current = Number(value.value);
  }
  bounds.push(current);
  return bounds;
}

function str(value: string): PyValue {
  return { kind: 'str', value };
}

function evaluateOperator(node: SyntaxNode, scope: Scope, depth: number, operator = node.childForFieldName('operator')?.text): Element[] | undefined {
  const left = node.childForFieldName('left') ?? undefined;
  const right = node.childForFieldName('right') ?? undefined;
  if (operator === '+') {
    const a = evaluateSequence(left, scope, depth + 1);
    const b = a && evaluateSequence(right, scope, depth + 1);
    return a && b ? [...a, ...b] : undefined;
  }
  if (operator === '*') {
    const [sequenceNode, countNode] = evaluate(right, scope).kind === 'int' ? [left, right] : [right, left];
    const count = evaluate(countNode, scope);
    const items = evaluateSequence(sequenceNode, scope, depth + 1);
    if (!items || count.kind !== 'int' || Number(count.value) * items.length > MAX_ELEMENTS) return undefined;
    return Array.from({ length: Math.max(0, Number(count.value)) }, () => items).flat();
  }
  return undefined;
}

function evaluateCall(node: SyntaxNode, scope: Scope, depth: number): Element[] | undefined {
  const callee = dottedName(node.childForFieldName('function'));
  const { positional, keywords } = callArguments(node.childForFieldName('arguments'));
  switch (callee) {
    case 'range':
      return rangeOf(positional.map((p) => evaluate(p, scope)));
    case 'np.arange':
    case 'numpy.arange': {
      // numpy integers are not Python ints: each element takes pytest's `argname<index>` id.
      if (keywords.size > 0) return undefined;
      return rangeOf(positional.map((p) => evaluate(p, scope)))?.map(() => ({ kind: 'object' }) as PyValue);
    }
    case 'list':
    case 'tuple':
      if (keywords.size > 0) return undefined;
      // `list(x for x in ...)`: the generator is the whole argument list.
      if (positional.length === 0 && node.childForFieldName('arguments')?.type === 'generator_expression') {
        return evaluateComprehension(node.childForFieldName('arguments')!, scope, depth + 1);
      }
      return positional.length === 1 ? evaluateSequence(positional[0], scope, depth + 1) : undefined;
    case 'itertools.product':
    case 'product': {
      const repeat = keywords.get('repeat') ? evaluate(keywords.get('repeat'), scope) : { kind: 'int' as const, value: 1n };
      if (repeat.kind !== 'int' || positional.some((p) => p.type === 'list_splat')) return undefined;
      const pools = positional.map((p) => evaluateSequence(p, scope, depth + 1));
      if (pools.some((p) => !p)) return undefined;
      const all = Array.from({ length: Number(repeat.value) }, () => pools as Element[][]).flat();
      let rows: Element[][] = [[]];
      for (const pool of all) {
        rows = rows.flatMap((row) => pool.map((item) => [...row, item]));
        if (rows.length > MAX_ELEMENTS) return undefined;
      }
      return rows.map((items) => ({ kind: 'tuple', items }));
    }
    case 'set':
    case 'frozenset': {
      // Iteration order is hash order: only the count is known, each element's value is not.
      if (keywords.size > 0 || positional.length !== 1 || scope.lookup(callee, node.startIndex)) return undefined;
      const items = evaluateSequence(positional[0], scope, depth + 1);
      const identities = items?.map((item) => equalityKey(materialize(item, scope, depth + 1), scope));
      if (!identities || identities.some((identity) => identity === undefined)) return undefined;
      return Array.from({ length: new Set(identities).size }, () => ({ kind: 'unknown' }) as PyValue);
    }
    case 'permutations':
    case 'itertools.permutations':
    case 'combinations':
    case 'itertools.combinations': {
      // Rows are tuples: as one argvalue, pytest ids them `<argname><index>` whatever they hold.
      const pool = positional.length >= 1 && positional.length <= 2 && keywords.size === 0 ? evaluateSequence(positional[0], scope, depth + 1) : undefined;
      const size = positional[1] ? evaluate(positional[1], scope) : undefined;
      if (!pool || (size && size.kind !== 'int')) return undefined;
      const r = size?.kind === 'int' ? Number(size.value) : callee.endsWith('permutations') ? pool.length : undefined;
      return r === undefined ? undefined : arrangements(pool, r, callee.endsWith('permutations'));
    }
    case 'sorted':
      return scope.lookup('sorted', node.startIndex) ? undefined : sortedOf(positional, keywords, scope, depth);
    case 'iter':
      // A fresh iterator over a sequence, written in the decorator: pytest takes its items once.
      // (One bound to a name may be used up by an earlier use: `scopeOf` makes that a guess.)
      if (scope.lookup('iter', node.startIndex) || positional.length !== 1 || keywords.size > 0) return undefined;
      return evaluateSequence(positional[0], scope, depth + 1);
    case 'reversed': {
      if (scope.lookup('reversed', node.startIndex) || positional.length !== 1 || keywords.size > 0) return undefined;
      return evaluateSequence(positional[0], scope, depth + 1)?.map((item) => materialize(item, scope, depth + 1)).reverse();
    }
    case 'enumerate': {
      // Rows `(index, item)`, from `start` (0 unless given).
      if (scope.lookup('enumerate', node.startIndex) || positional.length < 1 || positional.length > 2 || [...keywords.keys()].some((k) => k !== 'start')) return undefined;
      const start = positional[1] ?? keywords.get('start');
      const first = start ? evaluate(start, scope) : ({ kind: 'int', value: 0n } as PyValue);
      const items = evaluateSequence(positional[0], scope, depth + 1);
      if (first.kind !== 'int' || !items) return undefined;
      return items.map((item, i) => ({ kind: 'tuple', items: [{ kind: 'int', value: first.value + BigInt(i) }, item] }) as PyValue);
    }
    case 'chain':
    case 'itertools.chain': {
      if (keywords.size > 0 || (callee === 'chain' && scope.lookup('chain', node.startIndex)?.kind !== 'import')) return undefined;
      // `chain(a, b)`, and `chain(*lists)`: each star argument gives several pools.
      const pools = positional.flatMap((p) => (p.type === 'list_splat' ? (evaluateSequence(p.namedChildren[0] ?? undefined, scope, depth + 1) ?? [undefined]) : [p]));
      return concatenated(pools, scope, depth);
    }
    case 'chain.from_iterable':
    case 'itertools.chain.from_iterable': {
      if (keywords.size > 0 || positional.length !== 1 || (callee === 'chain.from_iterable' && scope.lookup('chain', node.startIndex)?.kind !== 'import')) return undefined;
      const pools = evaluateSequence(positional[0], scope, depth + 1);
      return pools && concatenated(pools, scope, depth);
    }
    case 'sum': {
      // `sum(lists, [])`: lists concatenated (a list start, list items only: anything else adds numbers or raises).
      if (scope.lookup('sum', node.startIndex) || positional.length !== 2 || keywords.size > 0 || positional[1].type !== 'list') return undefined;
      const pools = evaluateSequence(positional[0], scope, depth + 1);
      if (!pools?.every((pool) => (isComputed(pool) ? pool.kind === 'list' : pool.type === 'list'))) return undefined;
      return concatenated([positional[1], ...pools], scope, depth);
    }
    case 'filter': {
      // `filter(None, xs)`, `filter(lambda x: ..., xs)`: the items whose (mapped) value is true.
      if (scope.lookup('filter', node.startIndex) || positional.length !== 2 || keywords.size > 0) return undefined;
      const keep = positional[0].type === 'none' ? (value: PyValue): PyValue => value : idFunctionOf(positional[0], scope);
      const items = keep && evaluateSequence(positional[1], scope, depth + 1)?.map((item) => materialize(item, scope, depth + 1));
      const verdicts = items?.map((item) => truth(keep!(item)));
      return verdicts?.every((v) => v !== undefined) ? items!.filter((_, i) => verdicts[i]) : undefined;
    }
    case 'dict': {
      // `dict(a=1, b=2)` iterates its keys.
      if (scope.lookup('dict', node.startIndex) || positional.length > 0) return undefined; // `**other` is positional here
      return [...keywords.keys()].map((key) => str(key));
    }
    case 'map': {
      // `map(str, SIZES)`, `map(lambda n: n * 2, SIZES)`: the callable run on each item.
      if (scope.lookup('map', node.startIndex) || positional.length !== 2 || keywords.size > 0) return undefined;
      const fn = idFunctionOf(positional[0], scope);
      const items = fn && evaluateSequence(positional[1], scope, depth + 1);
      return items?.map((item) => fn!(materialize(item, scope, depth + 1)));
    }
    case 'zip': {
      if (keywords.size > 0) return undefined;
      const pools = positional.map((p) => evaluateSequence(p, scope, depth + 1));
      if (pools.some((p) => !p) || pools.length === 0) return undefined;
      const length = Math.min(...pools.map((p) => p!.length));
      return Array.from({ length }, (_, i) => ({ kind: 'tuple', items: pools.map((p) => p![i]) }) as PyValue);
    }
    default: {
      const view = dictView(node, positional.length + keywords.size, scope, depth);
      if (view) return view;
      const split = splitOf(node, positional, keywords, scope);
      if (split) return split;
      const returned = callHelper(node, scope, depth + 1);
      return returned && evaluateSequence(returned, scope, depth + 1);
    }
  }
}

/** The items of several sequences, one after the other; undefined when one is not known. */
function concatenated(pools: readonly (Element | undefined)[], scope: Scope, depth: number): Element[] | undefined {
  const out: Element[] = [];
  for (const pool of pools) {
    const items = pool === undefined ? undefined : evaluateSequence(pool, scope, depth + 1);
    if (!items || out.length + items.length > MAX_ELEMENTS) return undefined;
    out.push(...items.map((item) => materialize(item, scope, depth + 1)));
  }
  return out;
}

/** `"a,b".split(",")` (or `.split()` of ASCII text): the parts, as Python splits them. */
function splitOf(node: SyntaxNode, positional: SyntaxNode[], keywords: Map<string, SyntaxNode>, scope: Scope): Element[] | undefined {
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'split' || keywords.size > 0 || positional.length > 1) return undefined;
  const receiver = evaluate(fn.childForFieldName('object'), scope);
  if (receiver.kind !== 'str') return undefined;
  if (positional.length === 0) {
    // Python's whitespace beyond ASCII differs from JS's \s: only plain text is split here.
    if (!/^[\x20-\x7e\t\n\r\v\f]*$/.test(receiver.value)) return undefined;
    const trimmed = receiver.value.trim();
    return trimmed === '' ? [] : trimmed.split(/[ \t\n\r\v\f]+/).map(str);
  }
  const separator = evaluate(positional[0], scope);
  if (separator.kind !== 'str' || separator.value === '') return undefined; // '' raises
  return receiver.value.split(separator.value).map(str);
}

/** `sorted(items, reverse=...)` of numbers or of strings (Python's order: numeric, or by code point). */
function sortedOf(positional: SyntaxNode[], keywords: Map<string, SyntaxNode>, scope: Scope, depth: number): Element[] | undefined {
  if (positional.length !== 1 || [...keywords.keys()].some((k) => k !== 'reverse')) return undefined;
  const reverse = keywords.has('reverse') ? truth(evaluate(keywords.get('reverse'), scope)) : false;
  const items = setItems(positional[0], scope, depth) ?? evaluateSequence(positional[0], scope, depth + 1)?.map((item) => materialize(item, scope, depth + 1));
  if (reverse === undefined || !items) return undefined;
  const numbers = items.every((item) => item.kind === 'int' || item.kind === 'bool' || (item.kind === 'float' && !Number.isNaN(item.value)));
  const strings = items.every((item) => item.kind === 'str');
  if (!numbers && !strings) return undefined; // mixed types raise; tuples, None… are left to pytest
  const compare = numbers ? compareNumbers : (a: PyValue, b: PyValue) => compareCodePoints((a as { value: string }).value, (b as { value: string }).value);
  // Python's sort is stable, also with reverse=True (equal items keep their order).
  return [...items].sort((a, b) => (reverse ? compare(b, a) : compare(a, b)));
}

/** The distinct items of a set display or `set(...)`/`frozenset(...)` (a name bound to one too), or undefined. */
function setItems(node: SyntaxNode, scope: Scope, depth: number): PyValue[] | undefined {
  let items: Element[] | undefined;
  if (node.type === 'set') items = childrenOf(node);
  else if (node.type === 'call' && ['set', 'frozenset'].includes(node.childForFieldName('function')?.text ?? '') && !scope.lookup(node.childForFieldName('function')!.text, node.startIndex)) {
    const args = callArguments(node.childForFieldName('arguments'));
    items = args.positional.length === 1 && args.keywords.size === 0 ? evaluateSequence(args.positional[0], scope, depth + 1) : undefined;
  } else if (node.type === 'identifier') {
    const binding = scope.lookup(node.text, node.startIndex);
    if (binding?.kind === 'value' && !isComputed(binding.node)) return setItems(binding.node, binding.scope ?? scope, depth + 1);
    return undefined;
  } else return undefined;
  if (!items || items.some((item) => !isComputed(item) && item.type.includes('splat'))) return undefined;
  const distinct = new Map<string, PyValue>();
  for (const item of items) {
    const value = materialize(item, scope, depth + 1);
    const key = equalityKey(value, scope);
    if (key === undefined) return undefined;
    if (!distinct.has(key)) distinct.set(key, value);
  }
  return [...distinct.values()];
}

function numberOf(value: PyValue): number | bigint {
  if (value.kind === 'bool') return value.value ? 1n : 0n;
  return (value as { value: number | bigint }).value;
}

export function compareNumbers(a: PyValue, b: PyValue): number {
  const x = numberOf(a);
  const y = numberOf(b);
  return x < y ? -1 : x > y ? 1 : 0; // bigint and number compare exactly in JS
}

/** Python compares str by code point; JS `<` by UTF-16 unit (different above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** `itertools.permutations(pool, r)` or `combinations(pool, r)` in itertools' order, as tuples. */
function arrangements(pool: Element[], r: number, ordered: boolean): Element[] | undefined {
  const rows: Element[] = [];
  const pick = (chosen: number[], from: number): boolean => {
    if (chosen.length === r) {
      rows.push({ kind: 'tuple', items: chosen.map((i) => pool[i]) });
      return rows.length <= MAX_ELEMENTS;
    }
    for (let i = ordered ? 0 : from; i < pool.length; i++) {
      if (ordered && chosen.includes(i)) continue;
      if (!pick([...chosen, i], i + 1)) return false;
    }
    return true;
  };
  if (r < 0) return undefined;
  return r > pool.length ? [] : pick([], 0) ? rows : undefined;
}

/** A dict display's entries; undefined when a `**other` splat may add keys. */
function displayEntries(node: SyntaxNode, scope: Scope): { key: Element; value: Element; identity?: string }[] | undefined {
  // Later equal keys replace the value but keep the first position, as in a dict display.
  const entries: { key: Element; value: Element; identity?: string }[] = [];
  for (const pair of childrenOf(node)) {
    if (pair.type !== 'pair') return undefined; // `**other` splats
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (!key || !value) return undefined;
    // `{helper: 1, helper: 2}`: one name written twice is one object, so one key.
    const identity = equalityKey(evaluate(key, scope), scope) ?? (key.type === 'identifier' || key.type === 'attribute' ? `x${key.text}` : undefined);
    const existing = identity !== undefined ? entries.find((e) => e.identity === identity) : undefined;
    if (existing) existing.value = value;
    else entries.push({ key, value, identity });
  }
  return entries;
}

/** `D.items()`, `D.keys()`, `D.values()` of a dict literal (or a name bound to one). */
function dictView(node: SyntaxNode, argCount: number, scope: Scope, depth: number): Element[] | undefined {
  const fn = node.childForFieldName('function');
  const view = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (argCount > 0 || (view !== 'items' && view !== 'keys' && view !== 'values')) return undefined;
  const container = containerOf(fn!.childForFieldName('object') ?? undefined, scope, depth);
  if (container?.entries) {
    if (view === 'keys') return container.entries.map(([key]) => key);
    if (view === 'values') return container.entries.map(([, value]) => value);
    return container.entries.map(([key, value]) => ({ kind: 'tuple', items: [key, value] }) as PyValue);
  }
  if (container?.node?.type !== 'dictionary') return undefined;
  const targetScope = container.scope;
  const entries = displayEntries(container.node, targetScope);
  if (!entries) return undefined;
  const scoped = (element: Element): Element => (targetScope === scope || isComputed(element) ? element : materialize(element, targetScope, depth));
  if (view === 'keys') return entries.map((e) => scoped(e.key));
  if (view === 'values') return entries.map((e) => scoped(e.value));
  return entries.map((e) => ({ kind: 'tuple', items: [scoped(e.key), scoped(e.value)] }) as PyValue);
}

function rangeOf(args: PyValue[]): Element[] | undefined {
  if (args.length === 0 || args.length > 3 || args.some((a) => a.kind !== 'int')) return undefined;
  const numbers = args.map((a) => Number((a as { value: bigint }).value));
  const [start, stop, step] = numbers.length === 1 ? [0, numbers[0], 1] : [numbers[0], numbers[1], numbers[2] ?? 1];
  if (step === 0) return undefined;
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_ELEMENTS) return undefined;
  return Array.from({ length: count }, (_, i) => ({ kind: 'int', value: BigInt(start + i * step) }) as PyValue);
}

/** A value with everything that depends on `scope` computed (tuples and list displays element by element). */
export function materialize(element: Element, scope: Scope, depth: number): PyValue {
  if (!isComputed(element) && isPytestParam(element)) return paramValue(element, scope, depth);
  if (!isComputed(element) && element.type === 'set' && depth <= MAX_DEPTH && !childrenOf(element).some((c) => c.type.includes('splat'))) {
    return { kind: 'set', items: childrenOf(element).map((item) => materialize(item, scope, depth + 1)) };
  }
  // A list display or comprehension: its items, evaluated here (a comprehension's names live in `scope`).
  if (!isComputed(element) && (element.type === 'list' || element.type === 'list_comprehension') && depth <= MAX_DEPTH) {
    const items = evaluateSequence(element, scope, depth + 1);
    return items ? { kind: 'list', items: items.map((item) => materialize(item, scope, depth + 1)) } : { kind: 'object' };
  }
  // A dict display with literal keys: its entries, so an `ids=` callable can read them.
  if (!isComputed(element) && element.type === 'dictionary' && depth <= MAX_DEPTH) return dictValue(element, scope, depth + 1);
  const value = evaluate(element, scope);
  // `integer_types + float_types` (scipy's ndimage `types`): a list, whose items an importer iterates.
  if ((value.kind === 'object' || value.kind === 'unknown') && !isComputed(element) && element.type === 'binary_operator' && depth <= MAX_DEPTH) {
    const items = evaluateSequence(element, scope, depth + 1);
    if (items) return { kind: 'list', items: items.map((item) => materialize(item, scope, depth + 1)) };
  }
  if (value.kind !== 'tuple' || depth > MAX_DEPTH) return value;
  return { kind: 'tuple', items: value.items.map((item) => materialize(item, scope, depth + 1)) };
}

export function isPytestParam(node: SyntaxNode): boolean {
  return node.type === 'call' && /^(?:pytest\.)?param$/.test(dottedName(node.childForFieldName('function')) ?? '');
}

/**
 * A dict display of another module with its keys and values computed there, so an importer can
 * subscript it or iterate its views. Keys must be literal-like (str, numbers, bool, None).
 */
export function dictValue(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const entries: [PyValue, PyValue][] = [];
  for (const pair of childrenOf(node)) {
    const key = pair.type === 'pair' ? evaluate(pair.childForFieldName('key'), scope, depth + 1) : undefined;
    // Tuple keys would carry syntax of that module: left as an object.
    const identity = key && key.kind !== 'tuple' ? equalityKey(key, scope) : undefined;
    const valueNode = pair.childForFieldName('value');
    if (!key || identity === undefined || !valueNode || entries.length >= MAX_DICT_ENTRIES) return { kind: 'object' };
    const value = materialize(valueNode, scope, depth + 1);
    // Later equal keys replace the value but keep the first position, as in a dict display.
    const existing = entries.find(([other]) => equalityKey(other, scope) === identity);
    if (existing) existing[1] = value;
    else entries.push([key, value]);
  }
  return { kind: 'dict', entries };
}

/** `pytest.param(...)` with its values computed, for a helper that builds one in a loop. */
function paramValue(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  const { positional, keywords } = callArguments(node.childForFieldName('arguments'));
  const idNode = keywords.get('id');
  const marksNode = keywords.get('marks');
  const markNodes = marksNode ? (marksNode.type === 'list' || marksNode.type === 'tuple' ? childrenOf(marksNode) : [marksNode]) : [];
  const hidden = idNode !== undefined && /(?:^|\.)HIDDEN_PARAM$/.test(idNode.text);
  // `pytest.param(func, *args)`: a splat of a known sequence spreads into the values.
  let values: PyValue[] | undefined = [];
  for (const p of positional) {
    if (p.type !== 'list_splat') values?.push(materialize(p, scope, depth + 1));
    else {
      const spread = evaluateSequence(p.namedChildren.find((c) => c?.type !== 'comment') ?? undefined, scope, depth + 1);
      values = spread && values?.concat(spread.map((item) => materialize(item, scope, depth + 1)));
    }
  }
  return {
    kind: 'param',
    values,
    ...(idNode && !hidden ? { id: evaluate(idNode, scope, depth + 1) } : {}),
    ...(hidden ? { hidden } : {}),
    marks: markNodes.map((m) => markerName(m)).filter((m): m is string => !!m),
  };
}

/** Names bound by a `for` target: `x`, `a, b`, `(a, b)`. */
export function bindTarget(target: SyntaxNode, element: Element, scope: Scope, depth: number): boolean {
  if (target.type === 'identifier') {
    scope.bind(target.text, -1, { kind: 'value', node: materialize(element, scope, depth) });
    return true;
  }
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
    const parts = childrenOf(target);
    const values = evaluateSequence(element, scope, depth + 1);
    if (!values || values.length !== parts.length) return false;
    return parts.every((part, i) => bindTarget(part, values[i], scope, depth + 1));
  }
  return false;
}

/** `[body for target in iterable if condition ...]` over statically known iterables and conditions. */
/** `{k: v for ...}`: its entries as Python builds them (a repeated key keeps its first place and takes the last value). */
function comprehensionEntries(node: SyntaxNode, scope: Scope, depth: number): [PyValue, PyValue][] | undefined {
  const pairs = evaluateComprehension(node, scope, depth, (pair, current) => {
    const key = materialize(pair.childForFieldName('key') ?? pair, current, depth + 1);
    const value = materialize(pair.childForFieldName('value') ?? pair, current, depth + 1);
    return key.kind === 'unknown' || value.kind === 'unknown' ? key : { kind: 'tuple', items: [key, value] };
  });
  if (!pairs) return undefined;
  const entries = new Map<string, [PyValue, PyValue]>();
  for (const pair of pairs) {
    if (!isComputed(pair) || pair.kind !== 'tuple') return undefined;
    const [key, value] = pair.items as PyValue[]; // both computed by the producer above
    const identity = equalityKey(key, scope);
    if (identity === undefined) return undefined;
    entries.set(identity, [entries.get(identity)?.[0] ?? key, value]);
  }
  return [...entries.values()];
}

function evaluateComprehension(
  node: SyntaxNode,
  scope: Scope,
  depth: number,
  produce: (body: SyntaxNode, current: Scope) => PyValue = (body, current) => materialize(body, current, depth),
): Element[] | undefined {
  const parts = childrenOf(node);
  const body = node.childForFieldName('body') ?? parts[0];
  const clauses = parts.filter((p) => p.type === 'for_in_clause' || p.type === 'if_clause');
  if (!body || clauses[0]?.type !== 'for_in_clause') return undefined;
  const out: Element[] = [];
  const expand = (index: number, current: Scope): boolean => {
    if (index === clauses.length) {
      const value = produce(body, current);
      if (value.kind === 'unknown') return false;
      out.push(value);
      return out.length <= MAX_ELEMENTS;
    }
    const clause = clauses[index];
    if (clause.type === 'if_clause') {
      // An `if` filters the rows its `for`s made so far: a condition we cannot decide gives up.
      const keep = truth(evaluate(childrenOf(clause)[0], current, depth + 1));
      return keep === undefined ? false : !keep || expand(index + 1, current);
    }
    const target = clause.childForFieldName('left');
    const items = evaluateSequence(clause.childForFieldName('right') ?? undefined, current, depth + 1);
    if (!target || !items) return false;
    for (const item of items) {
      const inner = new Scope(current);
      if (!bindTarget(target, item, inner, depth + 1) || !expand(index + 1, inner)) return false;
    }
    return true;
  };
  return expand(0, scope) ? out : undefined;
}
