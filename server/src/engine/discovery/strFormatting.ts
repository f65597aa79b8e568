// String building that parametrize ids are often written with: `"{}x{}".format(w, h)`,
// `"%s-%d" % (name, n)`, `"7".zfill(3)`, `"a-b".replace("-", "_")`, `word[0]`, `word[:2]`.
// Exact for plain fields and conversions; a format spec, `!r`, `%r` or widths give `unknown`.

import type { PyValue } from './pyValues';

const UNKNOWN: PyValue = { kind: 'unknown' };

/** `str(x)` of a plain value, or undefined (containers and objects are left to pytest). */
type Str = (value: PyValue) => PyValue;

/** `template.format(*positional, **keywords)` with `{}`, `{0}`, `{name}` fields and `{{`/`}}`. */
export function formatMethod(template: string, positional: PyValue[], keywords: Map<string, PyValue>, str: Str): PyValue {
  let out = '';
  let auto = 0;
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
    if (end < 0) return UNKNOWN;
    const field = template.slice(i + 1, end);
    if (/[:!.[]/.test(field)) return UNKNOWN; // specs, conversions, attributes, items
    const value = field === '' ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : keywords.get(field);
    const text = value ? str(value) : UNKNOWN;
    if (text.kind !== 'str') return UNKNOWN;
    out += text.value;
    i = end;
  }
  return { kind: 'str', value: out };
}

/** `template % values` with `%s`, `%d`/`%i` (no flags or widths) and `%%`. */
export function percentFormat(template: string, values: PyValue[], str: Str): PyValue {
  let out = '';
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const conversion = template[++i];
    if (conversion === '%') {
      out += '%';
      continue;
    }
    const value = values[next++];
    if (!value) return UNKNOWN;
    if (conversion === 's') {
      const text = str(value);
      if (text.kind !== 'str') return UNKNOWN;
      out += text.value;
    } else if (conversion === 'd' || conversion === 'i') {
      if (value.kind === 'int') out += value.value.toString();
      else if (value.kind === 'bool') out += value.value ? '1' : '0';
      else return UNKNOWN;
    } else return UNKNOWN; // %r, %f, widths and flags: not here
  }
  return next === values.length ? { kind: 'str', value: out } : UNKNOWN; // extra values raise
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
