// pytest's parametrize ids (`_pytest.python.IdMaker` of pytest 9): one id per parameter set from
// `pytest.param(id=)`, `ids=`, the values, or `<argname><index>`; duplicates get counters; stacked
// parametrizations combine as a product whose ids are joined with `-`.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { IdFunction } from './idFunctions';
import { asciiEscapedBytes, asciiEscapedString, pythonComplexRepr, pythonFloatRepr } from './pyRepr';
import { Element, evaluate, isComputed, PyValue } from './pyValues';
import type { Scope } from './scope';
import { materialize } from './sequences';

const UNKNOWN: PyValue = { kind: 'unknown' };

/**
 * Whether str ids are ASCII-escaped, as pytest does unless the ini option
 * `disable_test_id_escaping_and_forfeit_all_rights_to_community_support` is set. One crate's
 * discovery at a time sets it (discovery is synchronous), through `withIdEscaping`.
 */
let escapeIds = true;

export function withIdEscaping<T>(escape: boolean, discover: () => T): T {
  const previous = escapeIds;
  escapeIds = escape;
  try {
    return discover();
  } finally {
    escapeIds = previous;
  }
}

/** A str id as pytest shows it (`_ascii_escaped_by_config`). */
function strId(text: string): string {
  return escapeIds ? asciiEscapedString(text) : text;
}

/** `pytest.HIDDEN_PARAM`: the set adds nothing to the id. */
export const HIDDEN = Symbol('pytest.HIDDEN_PARAM');
export type SetId = string | typeof HIDDEN;

export interface ParameterSet {
  /** The row's values, one per argname; undefined when the row cannot be unpacked statically. */
  values?: Element[];
  /** `pytest.param(..., id=...)`: a node (or its value, computed by a helper), or HIDDEN. */
  id?: Element | typeof HIDDEN;
  /** Where the row is written (for the case's range). */
  node?: SyntaxNode;
  marks: string[];
}

export interface Parametrization {
  argnames: string[];
  /** undefined: the values are computed at run time (pytest will know them, we do not). */
  sets?: ParameterSet[];
  /** `ids=[...]` entries (null for a `None` entry), a callable discovery can run, or 'dynamic' for other callables and computed ids. */
  ids?: (Element | null)[] | 'dynamic' | IdFunction;
  scope: Scope;
  /** The values read a name an `if` block may change: every id is a best guess. */
  guessed?: boolean;
}

export interface ResolvedSetId {
  id: SetId;
  /** false when the id depends on something evaluated only at run time (a best guess). */
  exact: boolean;
  /** Not exact only because a guessed sibling may get the same id (pytest then adds `_0`, `_1`). */
  suffixOnly?: boolean;
  node?: SyntaxNode;
  marks: string[];
}

/** The text pytest derives from a value, or undefined when it falls back to `<argname><index>`. */
export function idFromValue(value: PyValue): string | undefined {
  switch (value.kind) {
    case 'str':
      return strId(value.value);
    case 'bytes':
      return asciiEscapedBytes(value.value);
    case 'none':
      return 'None';
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'int':
      return value.value.toString();
    case 'float':
      return pythonFloatRepr(value.value);
    case 'complex':
      return pythonComplexRepr(value.real, value.imag);
    case 'pattern':
      return asciiEscapedString(value.source);
    case 'enum':
      return value.text;
    case 'named':
      return value.name;
    default:
      return undefined;
  }
}

function isUncertain(value: PyValue): boolean {
  return value.kind === 'unknown' || ((value.kind === 'named' || value.kind === 'enum') && value.guess === true);
}

/** `IdMaker._resolve_ids` for one parametrization (before duplicates are made unique). */
/** Each set's id before pytest makes them unique (`exact` false where it is a guess). */
export function resolveIds(p: Parametrization, sets: ParameterSet[]): ResolvedSetId[] {
  // Objects of one shape built directly: spreads are slow on the many cases of a large tree.
  const resolved = (set: ParameterSet, id: SetId, exact: boolean): ResolvedSetId => ({ node: set.node, marks: set.marks, id, exact: exact && !p.guessed });
  const guessed = (set: ParameterSet, index: number): ResolvedSetId => resolved(set, fromValues(p, set, index).id, false);
  return sets.map((set, index) => {
    if (set.id === HIDDEN) return resolved(set, HIDDEN, true);
    const explicit = set.id ? evaluate(set.id, p.scope) : undefined;
    if (explicit && explicit.kind !== 'none') {
      if (explicit.kind === 'str') return resolved(set, strId(explicit.value), true);
      // `id=func.__name__` of a decorated function: likely its name.
      if (explicit.kind === 'named' && explicit.guess) return resolved(set, strId(explicit.name), false);
      return guessed(set, index);
    }
    if (p.ids === 'dynamic') return guessed(set, index);
    if (typeof p.ids === 'function') {
      const fromFunction = fromIdFunction(p, p.ids, set, index);
      return resolved(set, fromFunction.id, fromFunction.exact);
    }
    const listed = p.ids?.[index];
    if (listed) {
      if (!isComputed(listed) && listed.type === 'attribute' && listed.text.endsWith('HIDDEN_PARAM')) return resolved(set, HIDDEN, true);
      const value = evaluate(listed, p.scope);
      if (value.kind !== 'none') {
        const text = idFromValue(value);
        return text !== undefined ? resolved(set, text, !isUncertain(value)) : guessed(set, index);
      }
    }
    const fromSet = fromValues(p, set, index);
    return resolved(set, fromSet.id, fromSet.exact);
  });
}

/** `ids=callable`: called with each value; what it returns is the value's id, unless `None` (or an object without one). */
function fromIdFunction(p: Parametrization, idFunction: IdFunction, set: ParameterSet, index: number): { id: string; exact: boolean } {
  if (!set.values || set.values.length !== p.argnames.length) return fromValues(p, set, index);
  let exact = true;
  const parts = set.values.map((node, i) => {
    // The callable sees the whole object: a tuple's or list's items computed too (`ids=str` of `(1, 2)`).
    const value = materialize(node, p.scope, 0);
    const returned = isUncertain(value) ? UNKNOWN : idFunction(value);
    if (isUncertain(returned)) exact = false;
    const text = returned.kind === 'none' || isUncertain(returned) ? undefined : idFromValue(returned);
    return text ?? idFromValue(value) ?? `${p.argnames[i]}${index}`;
  });
  return { id: parts.join('-'), exact };
}

function fromValues(p: Parametrization, set: ParameterSet, index: number): { id: string; exact: boolean } {
  if (!set.values || set.values.length !== p.argnames.length) {
    return { id: p.argnames.map((name) => `${name}${index}`).join('-'), exact: false };
  }
  let exact = true;
  const parts = set.values.map((node, i) => {
    const value = evaluate(node, p.scope);
    if (isUncertain(value)) exact = false;
    return idFromValue(value) ?? `${p.argnames[i]}${index}`;
  });
  return { id: parts.join('-'), exact };
}

/** `IdMaker.make_unique_parameterset_ids`: `1_0`, `1_1`, `a0`, `a1`… for repeated ids. */
export function makeUnique(ids: SetId[]): SetId[] {
  const counts = new Map<SetId, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  if (counts.size === ids.length) return ids;
  const result = [...ids];
  const suffixes = new Map<SetId, number>();
  for (let index = 0; index < result.length; index++) {
    const id = result[index];
    if (typeof id !== 'string' || (counts.get(id) ?? 0) <= 1) continue;
    const separator = /\d$/.test(id) ? '_' : '';
    let next = suffixes.get(id) ?? 0;
    let candidate = `${id}${separator}${next}`;
    while (result.includes(candidate)) {
      next += 1;
      candidate = `${id}${separator}${next}`;
    }
    result[index] = candidate;
    suffixes.set(id, next + 1);
  }
  return result;
}

/** Ids of one parametrization's sets, unique as pytest makes them; undefined when dynamic. */
export function parameterSetIds(p: Parametrization): ResolvedSetId[] | undefined {
  if (!p.sets) return undefined;
  // An empty argvalues list gives one set that pytest skips, with the id `NOTSET`.
  if (p.sets.length === 0) return [{ id: 'NOTSET', exact: !p.guessed, marks: [] }];
  const resolved = resolveIds(p, p.sets);
  const unique = makeUnique(resolved.map((r) => r.id));
  // A guessed id may really equal a sibling's, and pytest then suffixes both (`1.0_0`, `1.0_1`).
  const anyGuessed = resolved.some((r) => !r.exact);
  // The resolved sets are this call's own objects: finish them in place (same fields, same order).
  for (let index = 0; index < resolved.length; index++) {
    const r = resolved[index];
    const suffixOnly = r.exact && anyGuessed && r.id !== HIDDEN;
    r.id = unique[index];
    r.exact = r.exact && !suffixOnly;
    if (suffixOnly) r.suffixOnly = true;
  }
  return resolved;
}

export interface CaseId {
  /** The part inside `[...]`, or undefined when every set was hidden (no brackets). */
  id?: string;
  exact: boolean;
  /** Every part's value is known; only pytest's duplicate suffixes may differ. */
  suffixOnly?: boolean;
  /** The row of the innermost parametrization that has one (the first decorator's row). */
  node?: SyntaxNode;
  marks: string[];
}

/**
 * The cases of a test from the ids of its parametrizations in pytest's order (the first applied is
 * the outer loop and comes first in the id). undefined when one of them is dynamic.
 */
export function combineSetIds(lists: (ResolvedSetId[] | undefined)[]): CaseId[] | undefined {
  // The id so far is kept joined (`a-b`, undefined while every part is hidden) and the marks
  // arrays are shared until two non-empty ones meet: nothing writes to them afterwards.
  let cases: { id?: string; exact: boolean; known: boolean; node?: SyntaxNode; marks: string[] }[] = [{ id: undefined, exact: true, known: true, marks: [] }];
  for (const sets of lists) {
    if (!sets) return undefined;
    const next: typeof cases = [];
    for (const current of cases) {
      for (const set of sets) {
        next.push({
          id: set.id === HIDDEN ? current.id : current.id === undefined ? set.id : `${current.id}-${set.id}`,
          exact: current.exact && set.exact,
          known: current.known && (set.exact || set.suffixOnly === true),
          node: current.node ?? set.node,
          marks: set.marks.length === 0 ? current.marks : current.marks.length === 0 ? set.marks : [...current.marks, ...set.marks],
        });
      }
    }
    cases = next;
  }
  return cases.map((c) => {
    const result: CaseId = { id: c.id, exact: c.exact, node: c.node, marks: c.marks };
    if (!c.exact && c.known) result.suffixOnly = true;
    return result;
  });
}
