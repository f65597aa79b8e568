// String building that parametrize ids are often written with: `"{}x{}".format(w, h)`,
// `"{:.2f}".format(x)`, `"%s-%03d" % (name, n)`, `"%r" % s`, `"7".zfill(3)`, `"ab".center(6, "*")`,
// `"a-b".replace("-", "_")`, `word[0]`, `word[:2]`. Exact or `unknown`: fields with attributes or
// items, nested `{width}` specs, `%(key)s`, `*` widths, `%e`/`%g`/`%c` and what `format()` itself
// does not reproduce (formatSpec.ts) give `unknown`.

import { formatValue, reprText, strText } from './formatSpec';
import type { PyValue } from './pyValues';

const UNKNOWN: PyValue = { kind: 'unknown' };

/** `{name!conv:spec}` inside the braces: a plain name (``, digits or an identifier), a conversion, a spec without nested fields. */
const FIELD = /^(\d+|[A-Za-z_]\w*|)(?:!([rsa]))?(?::([^{}]*))?$/u;

/** The text of one value after a conversion (`!s`, `!r`, `!a`) and a format spec. */
function converted(value: PyValue, conversion: string | undefined, spec: string): string | undefined {
  if (conversion !== undefined) {
    const text = conversion === 's' ? strText(value) : reprText(value, conversion === 'a');
    if (text === undefined) return undefined;
    value = { kind: 'str', value: text };
  }
  return formatValue(value, spec);
}

/** `template.format(*positional, **keywords)` with `{}`, `{0}`, `{name}` fields, conversions, specs and `{{`/`}}`. */
export function formatMethod(template: string, positional: PyValue[], keywords: Map<string, PyValue>): PyValue {
  let out = '';
  let auto = 0;
  let manual = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      out += c;
      i++;
      continue;
    }
    if (c === '}') return UNKNOWN; // a lone `}` raises
    if (c !== '{') {
      out += c;
      continue;
    }
    const end = template.indexOf('}', i);
    const field = end < 0 ? null : FIELD.exec(template.slice(i + 1, end));
    if (!field) return UNKNOWN; // attributes, items, nested fields, a bad conversion
    const [, name, conversion, spec] = field;
    if (name === '' ? manual : /^\d/.test(name) && auto > 0) return UNKNOWN; // mixed numbering raises
    if (/^\d/.test(name)) manual = true;
    const value = name === '' ? positional[auto++] : /^\d/.test(name) ? positional[Number(name)] : keywords.get(name);
    const text = value && converted(value, conversion, spec ?? '');
    if (text === undefined) return UNKNOWN;
    out += text;
    i = end;
  }
  return { kind: 'str', value: out };
}

/** `%[flags][width][.precision]type`; a mapping key, `*` or a length modifier is not matched (unknown). */
const PERCENT = /^([-+ #0]*)(\d*)(?:\.(\d+))?([sradiufFxXo%])/;

/** `template % values` with `%s`/`%r`/`%a`, `%d`/`%i`/`%u`, `%x`/`%X`/`%o`, `%f`/`%F`, flags, widths and precisions, and `%%`. */
export function percentFormat(template: string, values: PyValue[]): PyValue {
  let out = '';
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const match = PERCENT.exec(template.slice(i + 1));
    if (!match) return UNKNOWN;
    i += match[0].length;
    const [, flags, width, precision, type] = match;
    if (type === '%') {
      out += '%';
      continue;
    }
    const value = values[next++];
    const text = value && percentField(value, flags, width, precision, type);
    if (text === undefined) return UNKNOWN;
    out += text;
  }
  return next === values.length ? { kind: 'str', value: out } : UNKNOWN; // extra values raise
}

/** One `%` field as the format spec it equals (`%-5s` → `<5`, `%05d` → `05d`, `%#x` → `#x`). */
function percentField(value: PyValue, flags: string, width: string, precision: string | undefined, type: string): string | undefined {
  const left = flags.includes('-');
  if (type === 's' || type === 'r' || type === 'a') {
    const text = type === 's' ? strText(value) : reprText(value, type === 'a');
    if (text === undefined) return undefined;
    return formatValue({ kind: 'str', value: text }, `${left ? '<' : '>'}${width}${precision === undefined ? '' : `.${precision}`}`);
  }
  const number = value.kind === 'bool' ? { kind: 'int' as const, value: value.value ? 1n : 0n } : value;
  if (type === 'f' || type === 'F') {
    if (number.kind !== 'int' && number.kind !== 'float') return undefined;
  } else if (number.kind !== 'int' || precision !== undefined) return undefined; // `%.3d` pads digits: not reproduced; `%x` of a float raises
  const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const zero = flags.includes('0') && !left ? '0' : '';
  const alternate = flags.includes('#') ? '#' : '';
  const spec = `${left ? '<' : ''}${sign}${alternate}${zero}${width}${precision === undefined ? (type === 'f' || type === 'F' ? '.6' : '') : `.${precision}`}${'diu'.includes(type) ? 'd' : type}`;
  return formatValue(number, spec);
}

/** `s.replace(old, new)`, `s.zfill(n)`, `s.rjust(n, fill)`, `s.ljust(n)`, `s.startswith(p)`, `s.endswith(p)` with plain arguments. */
export function strMethodWithArguments(receiver: string, method: string, args: PyValue[]): PyValue {
  const [first, second] = args;
  switch (method) {
    case 'replace':
      return args.length === 2 && first.kind === 'str' && second.kind === 'str' ? { kind: 'str', value: receiver.split(first.value).join(second.value) } : UNKNOWN;
    case 'zfill': {
      if (args.length !== 1 || first.kind !== 'int') return UNKNOWN;
      const width = Number(first.value);
      const sign = /^[+-]/.test(receiver) ? receiver[0] : '';
      const digits = receiver.slice(sign.length);
      return { kind: 'str', value: sign + digits.padStart(Math.max(0, width - sign.length), '0') };
    }
    case 'center': {
      // CPython puts the odd pad on the left when the width is odd (`"ab".center(5)` is `"  ab "`).
      const fill = second === undefined ? ' ' : second.kind === 'str' && [...second.value].length === 1 ? second.value : undefined;
      if (args.length < 1 || args.length > 2 || first.kind !== 'int' || fill === undefined) return UNKNOWN;
      const width = Number(first.value);
      if (width > 10_000) return UNKNOWN;
      const margin = Math.max(0, width - [...receiver].length);
      const left = Math.floor(margin / 2) + (margin & width & 1);
      return { kind: 'str', value: fill.repeat(left) + receiver + fill.repeat(margin - left) };
    }
    case 'rjust':
    case 'ljust': {
      // `s.rjust(width[, fill])`; widths count code points, as Python does.
      const fill = second === undefined ? ' ' : second.kind === 'str' && [...second.value].length === 1 ? second.value : undefined;
      if (args.length < 1 || args.length > 2 || first.kind !== 'int' || fill === undefined) return UNKNOWN;
      const padding = fill.repeat(Math.max(0, Number(first.value) - [...receiver].length));
      return { kind: 'str', value: method === 'rjust' ? padding + receiver : receiver + padding };
    }
    case 'startswith':
    case 'endswith': {
      if (args.length !== 1) return UNKNOWN;
      const prefixes = first.kind === 'str' ? [first.value] : first.kind === 'tuple' ? first.items.map((item) => ('kind' in item && item.kind === 'str' ? item.value : undefined)) : [undefined];
      if (prefixes.some((p) => p === undefined)) return UNKNOWN;
      const test = (p: string): boolean => (method === 'startswith' ? receiver.startsWith(p) : receiver.endsWith(p));
      return { kind: 'bool', value: (prefixes as string[]).some(test) };
    }
    default:
      return UNKNOWN;
  }
}

/** `s[i]` of a str (by code point, as Python indexes). */
export function strIndex(receiver: string, index: PyValue): PyValue {
  if (index.kind !== 'int') return UNKNOWN;
  const chars = [...receiver];
  const i = Number(index.value) < 0 ? chars.length + Number(index.value) : Number(index.value);
  return i >= 0 && i < chars.length ? { kind: 'str', value: chars[i] } : UNKNOWN; // out of range raises
}

/** `s[start:stop]` or `s[::-1]` of a str; bounds as Python clamps them. */
export function strSlice(receiver: string, start: number | undefined, stop: number | undefined, step: number | undefined): PyValue {
  const chars = [...receiver];
  if (step === -1 && start === undefined && stop === undefined) return { kind: 'str', value: chars.reverse().join('') };
  if (step !== undefined && step !== 1) return UNKNOWN;
  const clamp = (i: number | undefined, fallback: number): number => (i === undefined ? fallback : Math.max(0, Math.min(chars.length, i < 0 ? chars.length + i : i)));
  return { kind: 'str', value: chars.slice(clamp(start, 0), clamp(stop, chars.length)).join('') };
}
