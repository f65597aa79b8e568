// Iterating an Enum class of the module (`parametrize("color", Color)`, `list(Color)`): its members
// in definition order, aliases (a value already taken) left out, each as pytest ids it.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { dottedName } from '../model/syntax';
import { classAttribute, evaluate, PyValue } from './pyValues';
import { equalityKey } from './sequences';
import type { Binding, Scope } from './scope';

type ClassBinding = Extract<Binding, { kind: 'class' }>;

// Flag classes iterate only their canonical single-bit members: left to pytest.
const ENUM_BASES = new Set(['Enum', 'IntEnum', 'StrEnum', 'enum.Enum', 'enum.IntEnum', 'enum.StrEnum']);
const AUTO = new Set(['auto', 'enum.auto']);

/** The members of an Enum class, or undefined when the class is no plain Enum or its body needs running code. */
export function enumMembers(binding: ClassBinding, className: string, scope: Scope, depth: number): PyValue[] | undefined {
  // A class decorator (`@enum.unique`) is taken to keep the class.
  if (!binding.bases.some((base) => ENUM_BASES.has(base)) || !binding.body || !simpleBody(binding.body)) return undefined;
  const members = [...binding.members];
  // `_ignore_`, private and dunder names are not members; functions and lambdas are descriptors.
  if (members.some(([name, value]) => name.startsWith('_') || value.type === 'lambda')) return undefined;
  const autos = members.filter(([, value]) => value.type === 'call' && AUTO.has(dottedName(value.childForFieldName('function')) ?? ''));
  if (autos.length > 0 && autos.length !== members.length) return undefined; // auto() may repeat an explicit value
  const seen = new Set<string>();
  const out: PyValue[] = [];
  for (const [name, value] of members) {
    if (autos.length === 0) {
      // A value equal to an earlier member's makes this name an alias, which iteration skips.
      const identity = equalityKey(evaluate(value, scope, depth + 1), scope);
      if (identity === undefined) return undefined;
      if (seen.has(identity)) continue;
      seen.add(identity);
    }
    const member = classAttribute(binding, className, name, scope, depth);
    if (member.kind === 'unknown') return undefined;
    out.push(member);
  }
  return out;
}

/** Only assignments, docstrings, methods and `pass`: nothing that may add members when it runs. */
function simpleBody(body: SyntaxNode): boolean {
  return body.namedChildren.every((statement) => {
    if (!statement) return true;
    if (['comment', 'pass_statement', 'function_definition', 'decorated_definition'].includes(statement.type)) return true;
    if (statement.type !== 'expression_statement') return false;
    const expression = statement.namedChild(0);
    return expression?.type === 'string' || (expression?.type === 'assignment' && expression.childForFieldName('left')?.type === 'identifier');
  });
}

