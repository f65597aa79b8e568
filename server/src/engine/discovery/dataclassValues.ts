// `Case("a", 1)` of a `@dataclass` of the module: an object without an id of its own (pytest ids
// it `<argname><index>`), whose fields an `ids=lambda case: case.name` reads.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { callArguments } from '../model/syntax';
import { evaluate, PyValue } from './pyValues';
import type { Binding, Scope } from './scope';

type ClassBinding = Extract<Binding, { kind: 'class' }>;
interface Field {
  name: string;
  default?: SyntaxNode;
}

const UNKNOWN: PyValue = { kind: 'unknown' };
// `@dataclass`, `@dataclasses.dataclass(frozen=True)`…; `init=` and `kw_only=` change how arguments bind.
const DATACLASS = /^@\s*(?:dataclasses\.)?dataclass\b(?![^\n]*\b(?:init|kw_only)\s*=)/;

/** The instance a call of a module dataclass builds, or undefined when the callee is none or the arguments do not fit. */
export function dataclassInstance(call: SyntaxNode, scope: Scope, depth: number): PyValue | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier') return undefined;
  const binding = scope.lookup(callee.text, call.startIndex);
  if (binding?.kind !== 'class') return undefined;
  const fields = dataclassFields(binding);
  if (!fields) return undefined;
  const { positional, keywords } = callArguments(call.childForFieldName('arguments'));
  if (positional.length > fields.length || positional.some((p) => p.type.includes('splat'))) return undefined;
  if ([...keywords.keys()].some((name) => !fields.some((f) => f.name === name))) return undefined;
  const values = new Map<string, PyValue>();
  for (const [index, field] of fields.entries()) {
    const given = index < positional.length ? positional[index] : keywords.get(field.name);
    if (given) values.set(field.name, evaluate(given, scope, depth + 1));
    else if (field.default) values.set(field.name, defaultOf(field.default, scope, depth));
    else return undefined; // a missing argument: pytest's import fails
  }
  return { kind: 'instance', fields: values };
}

/** A dataclass's fields in order; undefined when the class is no plain dataclass of the module. */
function dataclassFields(binding: ClassBinding): Field[] | undefined {
  const statement = binding.body?.parent?.parent;
  if (binding.bases.length > 0 || !binding.body || statement?.type !== 'decorated_definition') return undefined;
  if (!statement.namedChildren.some((d) => d?.type === 'decorator' && DATACLASS.test(d.text))) return undefined;
  const fields: Field[] = [];
  for (const child of binding.body.namedChildren) {
    if (!child) continue;
    if (child.type === 'function_definition' && /^(?:__init__|__post_init__|__new__)$/.test(child.childForFieldName('name')?.text ?? '')) return undefined;
    const assignment = child.type === 'expression_statement' ? child.namedChild(0) : null;
    const annotation = assignment?.type === 'assignment' ? assignment.childForFieldName('type') : null;
    const name = assignment?.childForFieldName('left');
    if (!annotation || name?.type !== 'identifier' || /ClassVar|InitVar/.test(annotation.text)) continue;
    const fallback = assignment!.childForFieldName('right') ?? undefined;
    // Keyword-only fields (`_: KW_ONLY`, `field(kw_only=True)`) bind arguments differently.
    if (/KW_ONLY/.test(annotation.text) || (fallback?.type === 'call' && /\bkw_only\s*=/.test(fallback.text))) return undefined;
    fields.push({ name: name.text, default: fallback });
  }
  return fields;
}

/** A field's default: the value, or `field(default=...)`'s; a factory's product is not known. */
function defaultOf(node: SyntaxNode, scope: Scope, depth: number): PyValue {
  if (node.type !== 'call' || !/^(?:dataclasses\.)?field$/.test(node.childForFieldName('function')?.text ?? '')) return evaluate(node, scope, depth + 1);
  const given = callArguments(node.childForFieldName('arguments')).keywords.get('default');
  return given ? evaluate(given, scope, depth + 1) : UNKNOWN;
}
