// Which classes of the module are Enums, and which name a member's id shows: pytest ids a plain
// Enum member by `str(member)`, which names the member's canonical name (`Color.ALIAS` with the
// value of `Color.RED` is `Color.RED`), and an Enum class may get its Enum-ness from a base class
// of the module (`class Color(BaseEnum)`).

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { dottedName } from '../model/syntax';
import type { Binding, Scope } from './scope';
import { evaluate } from './pyValues';
import { equalityKey } from './sequences';

type ClassBinding = Extract<Binding, { kind: 'class' }>;

const PLAIN_ENUM_BASES = new Set(['Enum', 'Flag', 'enum.Enum', 'enum.Flag']);
/** pytest tests isinstance(str/int) before Enum: these (and `str` mixins) give the value. */
const VALUE_ENUM_BASES = new Set(['IntEnum', 'StrEnum', 'IntFlag', 'enum.IntEnum', 'enum.StrEnum', 'enum.IntFlag']);
/** Builtin bases that make no Enum (an `int` mixin keeps Enum's `str()`: `Class.MEMBER`). */
const PLAIN_BUILTIN_BASES = new Set(['object', 'int', 'float', 'complex', 'bytes', 'tuple', 'list', 'dict', 'set', 'frozenset', 'Exception']);
const MAX_BASE_DEPTH = 8;

/**
 * `plain`: an Enum whose members pytest ids `Class.MEMBER`; `value`: one whose members it ids by
 * their value (IntEnum, StrEnum, a `str` mixin); `none`: no Enum; undefined: a base comes from
 * elsewhere (it may be an Enum), so nobody can tell from this module.
 */
export type EnumKind = 'plain' | 'value' | 'none';

export function enumKindOf(binding: ClassBinding, scope: Scope, depth = 0): EnumKind | undefined {
  if (depth > MAX_BASE_DEPTH) return undefined;
  let kind: EnumKind = 'none';
  for (const base of binding.bases) {
    if (VALUE_ENUM_BASES.has(base) || (base === 'str' && !scope.lookup('str', binding.body?.startIndex ?? 0))) return 'value';
    if (PLAIN_ENUM_BASES.has(base)) {
      kind = 'plain';
      continue;
    }
    const local = scope.lookup(base, binding.body?.startIndex ?? 0);
    if (!local && PLAIN_BUILTIN_BASES.has(base)) continue;
    if (local?.kind !== 'class') return undefined; // imported, or computed: maybe an Enum
    const inherited = enumKindOf(local, scope, depth + 1);
    if (inherited === undefined || inherited === 'value') return inherited;
    if (inherited === 'plain') kind = 'plain';
  }
  return kind;
}

const canonicalNames = new WeakMap<Map<string, unknown>, Map<string, CanonicalName>>();

/** The name `str(member)` shows, and whether it is certain (every earlier member's value known). */
export interface CanonicalName {
  name: string;
  certain: boolean;
}

/**
 * A plain Enum member's canonical name: the first member with an equal value (Enum makes later
 * ones aliases of it). `auto()` values never repeat unless the class picks them itself.
 */
export function canonicalMember(binding: ClassBinding, member: string, scope: Scope, depth: number): CanonicalName {
  let known = canonicalNames.get(binding.members);
  if (!known) canonicalNames.set(binding.members, (known = new Map()));
  const cached = known.get(member);
  if (cached) return cached;
  const found = findCanonical(binding, member, scope, depth);
  known.set(member, found);
  return found;
}

function findCanonical(binding: ClassBinding, member: string, scope: Scope, depth: number): CanonicalName {
  const members = [...binding.members].filter(([name]) => !name.startsWith('_'));
  const index = members.findIndex(([name]) => name === member);
  if (index <= 0) return { name: member, certain: index === 0 };
  const isAuto = ([, value]: [string, SyntaxNode]): boolean => value.type === 'call' && /^(enum\.)?auto$/.test(dottedName(value.childForFieldName('function')) ?? '');
  const picksValues = binding.body?.namedChildren.some((statement) => statement?.type === 'function_definition' && statement.childForFieldName('name')?.text === '_generate_next_value_');
  if (members.every(isAuto) && !picksValues && binding.bases.every((base) => PLAIN_ENUM_BASES.has(base))) return { name: member, certain: true };
  const key = equalityKey(evaluate(members[index][1], scope, depth + 1), scope);
  if (key === undefined) return { name: member, certain: false };
  for (const [name, value] of members.slice(0, index)) {
    const earlier = equalityKey(evaluate(value, scope, depth + 1), scope);
    if (earlier === undefined) return { name: member, certain: false };
    if (earlier === key) return { name, certain: true };
  }
  return { name: member, certain: true };
}

/**
 * `Color["RED"]` and `Color(1)` with `Color` an Enum class of the module: the member's name, found
 * by name or as the first member with an equal value; undefined when it is no such lookup or a
 * member's value is not known.
 */
export function memberLookup(node: SyntaxNode, scope: Scope, depth: number): { binding: ClassBinding; className: string; member: string } | undefined {
  const isCall = node.type === 'call';
  const owner = isCall ? node.childForFieldName('function') : node.childForFieldName('value');
  const keys = isCall ? (node.childForFieldName('arguments')?.namedChildren ?? []) : node.childrenForFieldName('subscript');
  if (owner?.type !== 'identifier' || keys.length !== 1 || !keys[0] || keys[0].type === 'keyword_argument') return undefined;
  const binding = scope.lookup(owner.text, node.startIndex);
  if (binding?.kind !== 'class' || enumKindOf(binding, scope) === undefined || enumKindOf(binding, scope) === 'none') return undefined;
  const key = evaluate(keys[0], scope, depth + 1);
  const members = [...binding.members].filter(([name]) => !name.startsWith('_'));
  if (!isCall) return key.kind === 'str' && members.some(([name]) => name === key.value) ? { binding, className: owner.text, member: key.value } : undefined;
  const wanted = equalityKey(key, scope);
  if (wanted === undefined) return undefined;
  for (const [name, value] of members) {
    const found = equalityKey(evaluate(value, scope, depth + 1), scope);
    if (found === undefined) return undefined;
    if (found === wanted) return { binding, className: owner.text, member: name };
  }
  return undefined; // no member has it: the call raises ValueError
}
