// Python's text of a value: `str()`, `repr()`/`ascii()` and `format(value, spec)` (the format-spec
// mini-language), for the kinds whose text is known exactly (str, int, bool, None, float, complex,
// and tuples, lists and dicts of them).
// Shared by f-strings, `str.format` and `%` formatting; whatever is not reproduced exactly is undefined.

import { fixedDigits, scientificDigits } from './floatDigits';
import { pythonComplexRepr, pythonFloatRepr } from './pyRepr';
import type { PyValue } from './pyValues';

/** `str(value)` for the kinds whose text we know exactly. */
export function strText(value: PyValue): string | undefined {
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
    case 'tuple':
    case 'list': {
      // `str((1, 'a'))` is `(1, 'a')`: the items' reprs; a one-item tuple keeps its comma.
      const items: string[] = [];
      for (const item of value.items) {
        const text = (item as PyValue).kind !== undefined ? reprText(item as PyValue, false) : undefined; // an item still as syntax: not known here
        if (text === undefined) return undefined;
        items.push(text);
      }
      if (value.kind === 'list') return `[${items.join(', ')}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    case 'dict': {
      // `str({'a': 1})`: each key's and value's repr, in insertion order.
      const pairs: string[] = [];
      for (const [key, item] of value.entries) {
        const [keyText, itemText] = [reprText(key, false), reprText(item, false)];
        if (keyText === undefined || itemText === undefined) return undefined;
        pairs.push(`${keyText}: ${itemText}`);
      }
      return `{${pairs.join(', ')}}`;
    }
    default:
      return undefined;
  }
}

/** `repr()` (or `ascii()`): like str() except for strings, which get quotes and escapes. */
export function reprText(value: PyValue, asciiOnly: boolean): string | undefined {
  return value.kind === 'str' ? reprString(value.value, asciiOnly) : strText(value);
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
export function formatValue(value: PyValue, specText: string): string | undefined {
  if (specText === '') return strText(value);
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

/** Presentation types that format a float (and an int as a float). */
const FLOAT_TYPES = new Set(['f', 'F', 'e', 'E', 'g', 'G', '%']);

const INT_BASES: Record<string, { radix: number; prefix: string; group: number }> = {
  d: { radix: 10, prefix: '', group: 3 },
  x: { radix: 16, prefix: '0x', group: 4 },
  X: { radix: 16, prefix: '0X', group: 4 },
  o: { radix: 8, prefix: '0o', group: 4 },
  b: { radix: 2, prefix: '0b', group: 4 },
};

function formatInt(value: bigint, spec: Spec): string | undefined {
  // A float presentation type formats the int as a float (exact up to 2**53).
  if (spec.type !== undefined && FLOAT_TYPES.has(spec.type) && value <= 2n ** 53n && value >= -(2n ** 53n)) return formatFloat(Number(value), spec);
  const base = INT_BASES[spec.type ?? 'd'];
  if (!base || spec.precision !== undefined) return undefined;
  if (spec.grouping === ',' && base.radix !== 10) return undefined; // ValueError in Python
  let digits = (value < 0n ? -value : value).toString(base.radix);
  if (spec.type === 'X') digits = digits.toUpperCase();
  if (spec.grouping) digits = group(digits, base.group, spec.grouping);
  return pad(signText(value < 0n, spec) + (spec.alternate ? base.prefix : ''), digits, spec);
}

function formatFloat(value: number, spec: Spec): string | undefined {
  // NaN's sign bit is lost here; `n` (locale) is not reproduced, nor `#` without a type (repr digits).
  if (Number.isNaN(value) || (spec.type !== undefined && !FLOAT_TYPES.has(spec.type)) || (spec.alternate && spec.type === undefined && spec.precision === undefined)) return undefined;
  const negative = value < 0 || Object.is(value, -0);
  let body: string;
  if (spec.type === undefined && spec.precision === undefined) {
    if (spec.grouping) return undefined;
    body = pythonFloatRepr(Math.abs(value));
  } else if (!Number.isFinite(value)) {
    body = 'inf';
  } else if (spec.type === '%') {
    body = floatBody(Math.abs(value) * 100, 'f', spec.precision ?? 6, spec.alternate);
  } else {
    // No type with a precision: like `g`, but a fixed-point result keeps a `.0` (`format(12.0, '.3')` is `12.0`).
    body = floatBody(Math.abs(value), spec.type?.toLowerCase() ?? 'general', spec.precision ?? 6, spec.alternate);
  }
  if (spec.type === '%') body += '%';
  if (spec.type === 'F' || spec.type === 'E' || spec.type === 'G') body = body.toUpperCase();
  if (spec.grouping && Number.isFinite(value)) {
    const whole = /^\d+/.exec(body)![0];
    body = group(whole, 3, spec.grouping) + body.slice(whole.length);
  }
  return pad(signText(negative, spec), body, spec);
}

/** A finite non-negative double in `f`, `e`, `g` or general (no type, a precision) notation, as CPython formats it. */
function floatBody(value: number, type: string, precision: number, alternate: boolean): string {
  const point = (text: string): string => (alternate && !text.includes('.') ? `${text}.` : text);
  const mantissa = (digits: string): string => (digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits);
  if (type === 'f') return point(fixedDigits(value, precision));
  if (type === 'e') {
    const { digits, exponent } = scientificDigits(value, precision);
    return exponential(point(mantissa(digits)), exponent);
  }
  // `g`: `precision` significant digits, fixed-point when the exponent is in [-4, precision);
  // general notation switches to the exponent one digit earlier.
  const significant = precision === 0 ? 1 : precision;
  const { digits, exponent } = scientificDigits(value, significant - 1);
  const general = type === 'general';
  if (exponent < -4 || exponent >= (general ? significant - 1 : significant)) {
    return exponential(point(alternate ? mantissa(digits) : stripZeros(mantissa(digits))), exponent);
  }
  let text = fixedDigits(value, significant - 1 - exponent);
  if (!alternate) text = stripZeros(text);
  if (general && !text.includes('.')) text += '.0';
  return point(text);
}

/** `1.50` → `1.5`, `2.00` → `2` (a `g` result without the `#` option). */
function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** `mantissa` `e±XX`: at least two exponent digits, as C's printf. */
function exponential(mantissa: string, exponent: number): string {
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
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
