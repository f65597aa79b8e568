// String building that parametrize ids are often written with: `"{}x{}".format(w, h)`,
// `"{:.2f}".format(x)`, `"{:>{w}}".format(s, w=4)`, `"%s-%03d" % (name, n)`, `"%(k)s" % row`,
// `"%r" % s`, `"7".zfill(3)`, `"ab".center(6, "*")`, `"a-b".replace("-", "_")`, `word[0]`,
// `word[:2]`. Exact or `unknown`: fields with attributes or items, `*` widths, `%c` and what
// `format()` itself does not reproduce (formatSpec.ts) give `unknown`.

import { formatValue, reprText, strText } from './formatSpec';
import type { PyValue } from './pyValues';

const UNKNOWN: PyValue = { kind: 'unknown' };

/** `{name!conv:spec}` inside the braces: a plain name (``, digits or an identifier), a conversion, a spec (its nested fields already replaced). */
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

/** Where the field opened at `open` closes (nested `{…}` in its spec counted), or -1. */
function fieldEnd(template: string, open: number): number {
  let depth = 0;
  for (let i = open; i < template.length; i++) {
    if (template[i] === '{') depth++;
    else if (template[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `template.format(*positional, **keywords)` with `{}`, `{0}`, `{name}` fields, conversions, specs (with nested `{w}` fields) and `{{`/`}}`. */
export function formatMethod(template: string, positional: PyValue[], keywords: Map<string, PyValue>): PyValue {
  let out = '';
  let auto = 0;
  let manual = false;
  /** The value a field names; numbering as Python does it (an outer field before the fields of its spec). */
  const fieldValue = (name: string): PyValue | undefined => {
    if (name === '' ? manual : /^\d/.test(name) && auto > 0) return undefined; // mixed numbering raises
    if (/^\d/.test(name)) manual = true;
    return name === '' ? positional[auto++] : /^\d/.test(name) ? positional[Number(name)] : keywords.get(name);
  };
  /** One field's text (`inner`: what is between its braces, its spec's nested fields not yet replaced). */
  const fieldText = (inner: string, nested: boolean): string | undefined => {
    const colon = inner.indexOf(':');
    const head = colon < 0 ? inner : inner.slice(0, colon);
    const bare = FIELD.exec(head);
    if (!bare || bare[3] !== undefined) return undefined; // attributes, items, a bad conversion
    const value = fieldValue(bare[1]);
    let spec = colon < 0 ? '' : inner.slice(colon + 1);
    if (/[{}]/.test(spec)) {
      if (nested) return undefined; // Python allows one level of nesting
      let failed = false;
      spec = spec.replace(/\{([^{}]*)\}/g, (_, field: string) => fieldText(field, true) ?? ((failed = true), ''));
      if (failed || /[{}]/.test(spec)) return undefined;
    }
    return value && converted(value, bare[2], spec);
  };
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
    const end = fieldEnd(template, i);
    const text = end < 0 ? undefined : fieldText(template.slice(i + 1, end), false);
    if (text === undefined) return UNKNOWN;
    out += text;
    i = end;
  }
  return { kind: 'str', value: out };
}

/** `%[(key)][flags][width][.precision]type`; `*` or a length modifier is not matched (unknown). */
const PERCENT = /^(?:\(([^()]*)\))?([-+ #0]*)(\d*)(?:\.(\d+))?([sradiufFeEgGxXo%])/;

/**
 * `template % values` with `%s`/`%r`/`%a`, `%d`/`%i`/`%u`, `%x`/`%X`/`%o`, `%f`/`%e`/`%g`, flags,
 * widths and precisions, `%%`, and `%(key)s` fields when the one value is a dict with str keys.
 */
export function percentFormat(template: string, values: PyValue[]): PyValue {
  const mapping = values.length === 1 && values[0].kind === 'dict' ? values[0] : undefined;
  let out = '';
  let next = 0;
  let keyed = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const match = PERCENT.exec(template.slice(i + 1));
    if (!match) return UNKNOWN;
    i += match[0].length;
    const [, key, flags, width, precision, type] = match;
    if (type === '%') {
      if (key !== undefined) return UNKNOWN;
      out += '%';
      continue;
    }
    let value: PyValue | undefined;
    if (key !== undefined) {
      // `%(key)s` reads the mapping; mixed with positional fields Python raises.
      if (!mapping || next > 0) return UNKNOWN;
      keyed = true;
      value = mapping.entries.find(([k]) => k.kind === 'str' && k.value === key)?.[1];
      if (mapping.entries.some(([k]) => k.kind !== 'str')) return UNKNOWN; // a key of another type might equal it
    } else {
      if (keyed) return UNKNOWN;
      value = values[next++];
    }
    const text = value && percentField(value, flags, width, precision, type);
    if (text === undefined) return UNKNOWN;
    out += text;
  }
  // Extra values raise (a dict alone is one value, or the mapping of keyed fields).
  return keyed || next === values.length ? { kind: 'str', value: out } : UNKNOWN;
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
  const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const zero = flags.includes('0') && !left;
  if ('fFeEgG'.includes(type)) {
    if (number.kind !== 'int' && number.kind !== 'float') return undefined;
  } else if (number.kind !== 'int') return undefined; // `%x` of a float raises
  else if (precision !== undefined) return integerWithDigits(number.value, type, Number(precision), { left, sign, zero, alternate: flags.includes('#'), width: Number(width || 0) });
  const alternate = flags.includes('#') ? '#' : '';
  const spec = `${left ? '<' : ''}${sign}${alternate}${zero ? '0' : ''}${width}${precision === undefined ? (type === 'f' || type === 'F' ? '.6' : '') : `.${precision}`}${'diu'.includes(type) ? 'd' : type}`;
  return formatValue(number, spec);
}

/** `%.3d`, `%#.3x`: an int's digits zero-padded to the precision, then to the width (with `0`: zeros after the sign and prefix). */
function integerWithDigits(value: bigint, type: string, precision: number, options: { left: boolean; sign: string; zero: boolean; alternate: boolean; width: number }): string | undefined {
  if (precision > 1000 || options.width > 1000) return undefined;
  const radix = type === 'x' || type === 'X' ? 16 : type === 'o' ? 8 : 10;
  let digits = (value < 0n ? -value : value).toString(radix).padStart(precision, '0');
  if (type === 'X') digits = digits.toUpperCase();
  const prefix = options.alternate && radix !== 10 ? `0${type === 'o' ? 'o' : type}` : '';
  const lead = (value < 0n ? '-' : options.sign) + prefix;
  if (options.left) return (lead + digits).padEnd(options.width);
  if (options.zero) return lead + digits.padStart(options.width - lead.length, '0');
  return (lead + digits).padStart(options.width);
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
