// Static evaluation of f-strings (`f"v{N + 1:>3}"`, `"a" f"{x!r}"`): pytest puts the resulting str
// into parametrize ids, so it must be exact. Whatever we cannot reproduce exactly is `unknown`.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { formatValue, reprText, strText } from './formatSpec';
import { decodeStringLiteral } from './pyLiterals';
import { evaluate, isComputed, PyValue } from './pyValues';
import type { Scope } from './scope';

const UNKNOWN: PyValue = { kind: 'unknown' };
const MAX_HOPS = 8;
/** Modules whose constants (`math.pi`) pyValues knows; their other attributes evaluate to no str. */
const CONSTANT_MODULES = new Set(['math', 'sys', 'numpy']);

function prefixOf(part: SyntaxNode): string {
  return /^[a-zA-Z]*/.exec(part.text)![0].toLowerCase();
}

/** A `string` (or a `concatenated_string` with a part) written with an `f` prefix. */
export function hasFString(node: SyntaxNode): boolean {
  const parts = node.type === 'concatenated_string' ? node.namedChildren : [node];
  return parts.some((part) => part?.type === 'string' && prefixOf(part).includes('f'));
}

/** The str an f-string (or a concatenation with one) evaluates to, or unknown. */
export function evaluateFString(node: SyntaxNode, scope: Scope, depth = 0): PyValue {
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'string') : [node];
  let text = '';
  for (const part of parts) {
    const value = prefixOf(part).includes('f') ? fStringPart(part, scope, depth) : plainPart(part);
    if (value === undefined) return UNKNOWN;
    text += value;
  }
  return { kind: 'str', value: text };
}

function plainPart(part: SyntaxNode): string | undefined {
  const literal = decodeStringLiteral(part.text);
  return literal?.kind === 'str' ? literal.value : undefined; // `"a" b"x"` is a SyntaxError
}

function fStringPart(part: SyntaxNode, scope: Scope, depth: number): string | undefined {
  const prefix = prefixOf(part);
  if (prefix.includes('t') || prefix.includes('b')) return undefined;
  const children = part.children.filter((c): c is SyntaxNode => !!c);
  // Every character must belong to a child we read: a gap would be text we silently dropped.
  if (children.map((c) => c.text).join('') !== part.text) return undefined;
  if (children[0]?.type !== 'string_start' || children[children.length - 1]?.type !== 'string_end') return undefined;
  let text = '';
  for (const child of children.slice(1, -1)) {
    const value = child.type === 'string_content' ? literalText(child.text, prefix.includes('r')) : child.type === 'interpolation' ? interpolation(child, scope, depth) : undefined;
    if (value === undefined) return undefined;
    text += value;
  }
  return text;
}

/** Literal text between interpolations: `{{`/`}}` are braces, then the usual escapes. */
function literalText(source: string, raw: boolean): string | undefined {
  // Triple quotes: decodeStringLiteral then slices the body off whatever quotes it contains.
  const literal = decodeStringLiteral(`${raw ? 'r' : ''}"""${source.replace(/\{\{/g, '{').replace(/\}\}/g, '}')}"""`);
  return literal?.kind === 'str' ? literal.value : undefined;
}

const INTERPOLATION_PARTS = new Set(['{', '}', 'type_conversion', 'format_specifier']);

function interpolation(node: SyntaxNode, scope: Scope, depth: number): string | undefined {
  const expression = node.childForFieldName('expression');
  if (!expression) return undefined;
  // `{x=}` (debug text keeps the source's spacing) and comments are left out.
  if (node.children.some((c) => !!c && c.id !== expression.id && !INTERPOLATION_PARTS.has(c.type))) return undefined;
  if (readsUncertain(expression, scope, 0)) return undefined;
  let value = evaluate(expression, scope, depth + 1);
  const conversion = node.childForFieldName('type_conversion')?.text;
  if (conversion) {
    const converted = conversion === '!s' ? strText(value) : conversion === '!r' ? reprText(value, false) : conversion === '!a' ? reprText(value, true) : undefined;
    if (converted === undefined) return undefined;
    value = { kind: 'str', value: converted };
  }
  const spec = node.childForFieldName('format_specifier');
  const specText = spec ? nestedSpec(spec, scope, depth) : '';
  return specText === undefined ? undefined : formatValue(value, specText);
}

/** A format spec's text after its `:`, nested fields (`{x:>{width}}`) replaced by their text; undefined with an escape or anything else inside. */
function nestedSpec(spec: SyntaxNode, scope: Scope, depth: number): string | undefined {
  let text = '';
  let at = spec.startIndex + 1; // after the `:`
  for (const child of spec.namedChildren) {
    // `{width}`: tree-sitter's format_expression, one expression printed as format(value, '') does.
    const expressions = child?.type === 'format_expression' ? child.namedChildren : [];
    if (expressions.length !== 1 || !expressions[0] || readsUncertain(expressions[0], scope, 0)) return undefined;
    const inner = formatValue(evaluate(expressions[0], scope, depth + 1), '');
    if (inner === undefined || !child) return undefined;
    text += spec.text.slice(at - spec.startIndex, child.startIndex - spec.startIndex) + inner;
    at = child.endIndex;
  }
  text += spec.text.slice(at - spec.startIndex);
  return /[\\{}]/.test(text) ? undefined : text;
}

/**
 * Whether the expression reads something whose value `evaluate` gives differently from what
 * `format()` prints: enum members (`f"{Mode.FAST}"` is `Mode.FAST`, not the value), imported
 * names (their class is not visible here) or values an `if` block may change.
 */
function readsUncertain(node: SyntaxNode, scope: Scope, hops: number): boolean {
  if (hops > MAX_HOPS) return true;
  const names = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
  for (const name of names) {
    if (!name || (name.parent?.type === 'attribute' && name.parent.childForFieldName('attribute')?.id === name.id)) continue;
    const binding = scope.lookup(name.text, name.startIndex);
    if (!binding) continue;
    if (binding.kind === 'import' || (binding.kind === 'module' && !CONSTANT_MODULES.has(binding.dotted ?? ''))) return true;
    if (binding.kind === 'class') {
      if (binding.decorated || binding.bases.some((base) => base !== 'object')) return true;
      const member = name.parent?.type === 'attribute' ? binding.members.get(name.parent.childForFieldName('attribute')?.text ?? '') : undefined;
      if (member && readsUncertain(member, scope, hops + 1)) return true;
    }
    if (binding.kind === 'value') {
      if (binding.guess) return true;
      if (!isComputed(binding.node) && readsUncertain(binding.node, binding.scope ?? scope, hops + 1)) return true;
    }
  }
  return false;
}
