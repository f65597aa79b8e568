// Static evaluation of f-strings (`f"v{N + 1:>3}"`, `"a" f"{x!r}"`): pytest puts the resulting str
// into parametrize ids, so it must be exact. Whatever we cannot reproduce exactly is `unknown`.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { pythonComplexRepr, pythonFloatRepr } from './pyRepr';
import { decodeStringLiteral, evaluate, isComputed, PyValue } from './pyValues';
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
    const converted = conversion === '!s' ? strOf(value) : conversion === '!r' ? reprOf(value, false) : conversion === '!a' ? reprOf(value, true) : undefined;
    if (converted === undefined) return undefined;
    value = { kind: 'str', value: converted };
  }
  const spec = node.childForFieldName('format_specifier');
  // A nested `{width}` or an escape in the spec: not reproduced.
  if (spec && (spec.namedChildren.length > 0 || /[\\{}]/.test(spec.text))) return undefined;
  return formatValue(value, spec ? spec.text.slice(1) : '');
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

/** `str(value)` for the kinds whose text we know exactly. */
function strOf(value: PyValue): string | undefined {
  switch (value.kind) {
    case 'str':
      return value.value;
    case 'int':
      return value.value.toString();
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'float':
      return pythonFloatRepr(value.value);
    case 'complex':
      return pythonComplexRepr(value.real, value.imag);
    default:
      return undefined;
  }
}

/** `repr()` (or `ascii()`): like str() except for strings, which get quotes and escapes. */
function reprOf(value: PyValue, asciiOnly: boolean): string | undefined {
  return value.kind === 'str' ? reprString(value.value, asciiOnly) : strOf(value);
}

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');

/** Python's `repr(str)`: single quotes unless only `'` occurs; undefined beyond Latin-1 (printability tables). */
export function reprString(text: string, asciiOnly: boolean): string | undefined {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f) out += char;
    else if (asciiOnly) out += code < 0x100 ? `\\x${hex(code, 2)}` : code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    // Latin-1: C1 controls, NBSP and the soft hyphen are not printable; the rest is.
    else if (code < 0x100) out += code <= 0xa0 || code === 0xad ? `\\x${hex(code, 2)}` : char;
    else return undefined;
  }
  return out + quote;
}

// ---- format specs ------------------------------------------------------------------------------

// [[fill]align][sign][z][#][0][width][grouping][.precision][type]
const SPEC = /^(?:([\s\S])?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/u;

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alternate: boolean;
  width: number;
  grouping?: string;
  precision?: number;
  type?: string;
}

/** `format(value, spec)` for str, int, bool and float with the options we reproduce exactly. */
function formatValue(value: PyValue, specText: string): string | undefined {
  if (specText === '') return strOf(value);
  const match = SPEC.exec(specText);
  if (!match || match[4]) return undefined;
  const [, fill, align, sign, , alternate, zero, width, grouping, precision, type] = match;
  if (Number(width ?? 0) > 1000 || Number(precision ?? 0) > 100) return undefined;
  const isText = value.kind === 'str';
  // CPython: a `0` before the width fills with zeros unless a fill is given, and aligns numbers after the sign.
  const spec: Spec = {
    fill: fill ?? (zero ? '0' : ' '),
    align: align ?? (zero && !isText ? '=' : isText ? '<' : '>'),
    sign: sign ?? '-',
    alternate: !!alternate,
    width: Number(width ?? 0),
    grouping,
    precision: precision === undefined ? undefined : Number(precision),
    type,
  };
  // Python also groups the zero padding (`00,001,234`): not reproduced.
  if (spec.grouping && spec.fill === '0' && spec.align === '=') return undefined;
  if (value.kind === 'str') return formatStr(value.value, spec);
  if (value.kind === 'int') return formatInt(value.value, spec);
  if (value.kind === 'bool') return formatInt(value.value ? 1n : 0n, spec); // a non-empty spec formats bool as int
  if (value.kind === 'float') return formatFloat(value.value, spec);
  return undefined;
}

function formatStr(text: string, spec: Spec): string | undefined {
  if ((spec.type && spec.type !== 's') || sign(spec) || spec.alternate || spec.grouping || spec.align === '=') return undefined;
  const truncated = spec.precision === undefined ? text : [...text].slice(0, spec.precision).join('');
  return pad('', truncated, spec);
}

/** A sign option other than the default `-` (invalid for str). */
function sign(spec: Spec): boolean {
  return spec.sign !== '-';
}

const INT_BASES: Record<string, { radix: number; prefix: string; group: number }> = {
  d: { radix: 10, prefix: '', group: 3 },
  x: { radix: 16, prefix: '0x', group: 4 },
  X: { radix: 16, prefix: '0X', group: 4 },
  o: { radix: 8, prefix: '0o', group: 4 },
  b: { radix: 2, prefix: '0b', group: 4 },
};

function formatInt(value: bigint, spec: Spec): string | undefined {
  if ((spec.type === 'f' || spec.type === 'F') && value <= 2n ** 53n && value >= -(2n ** 53n)) return formatFloat(Number(value), spec);
  const base = INT_BASES[spec.type ?? 'd'];
  if (!base || spec.precision !== undefined) return undefined;
  if (spec.grouping === ',' && base.radix !== 10) return undefined; // ValueError in Python
  let digits = (value < 0n ? -value : value).toString(base.radix);
  if (spec.type === 'X') digits = digits.toUpperCase();
  if (spec.grouping) digits = group(digits, base.group, spec.grouping);
  return pad(signText(value < 0n, spec) + (spec.alternate ? base.prefix : ''), digits, spec);
}

function formatFloat(value: number, spec: Spec): string | undefined {
  // NaN's sign bit is lost here; `#`, `e`, `g`, `%` and `n` are not reproduced.
  if (Number.isNaN(value) || spec.alternate) return undefined;
  const negative = value < 0 || Object.is(value, -0);
  let body: string;
  if (spec.type === undefined) {
    if (spec.precision !== undefined || spec.grouping) return undefined; // general format, not repr
    body = pythonFloatRepr(Math.abs(value));
  } else if (spec.type === 'f' || spec.type === 'F') {
    const precision = spec.precision ?? 6;
    body = Number.isFinite(value) ? fixed(Math.abs(value), precision) : 'inf';
    if (spec.type === 'F') body = body.toUpperCase();
    if (spec.grouping && Number.isFinite(value)) {
      const [whole, fraction] = body.split('.');
      body = group(whole, 3, spec.grouping) + (fraction === undefined ? '' : `.${fraction}`);
    }
  } else return undefined;
  return pad(signText(negative, spec), body, spec);
}

/** Fixed-point digits of a finite non-negative double, rounded half-even on its exact binary value. */
function fixed(value: number, precision: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  const scale = 10n ** BigInt(precision);
  let scaled: bigint;
  if (exponent >= 0) scaled = (mantissa << BigInt(exponent)) * scale;
  else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twice = 2n * (numerator % denominator);
    if (twice > denominator || (twice === denominator && scaled % 2n === 1n)) scaled += 1n;
  }
  const digits = scaled.toString().padStart(precision + 1, '0');
  return precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
}

function signText(negative: boolean, spec: Spec): string {
  if (negative) return '-';
  return spec.sign === '-' ? '' : spec.sign;
}

/** `1234567` → `1,234,567` (groups counted from the right). */
function group(digits: string, size: number, separator: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= size) groups.unshift(digits.slice(Math.max(0, end - size), end));
  return groups.join(separator);
}

/** Fill to the width (in code points, like Python's len); `=` pads between sign/prefix and digits. */
function pad(lead: string, body: string, spec: Spec): string {
  const missing = Math.max(0, spec.width - [...lead].length - [...body].length);
  const fill = (count: number): string => spec.fill.repeat(count);
  switch (spec.align) {
    case '<':
      return lead + body + fill(missing);
    case '^':
      return fill(Math.floor(missing / 2)) + lead + body + fill(missing - Math.floor(missing / 2));
    case '=':
      return lead + fill(missing) + body;
    default:
      return fill(missing) + lead + body;
  }
}
