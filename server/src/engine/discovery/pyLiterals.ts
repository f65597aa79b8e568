// Python literals as values: numbers (`0x1f`, `1_000`, `2.5j`) and one string literal's text
// (prefixes, quotes, escapes), as the interpreter reads them.

import type { PyValue } from './pyValues';

const UNKNOWN: PyValue = { kind: 'unknown' };

/** A number literal's value (`1_000` is 1000, `0b11` is 3, `2j` is complex). */
export function evaluateNumber(raw: string): PyValue {
  let text = raw.replace(/_/g, '');
  if (/[jJ]$/.test(text)) {
    text = text.slice(0, -1);
    const imag = Number(text);
    return Number.isNaN(imag) ? UNKNOWN : { kind: 'complex', real: 0, imag };
  }
  if (/^0[xob]/i.test(text)) return { kind: 'int', value: BigInt(text.toLowerCase()) };
  if (/^\d+$/.test(text)) return { kind: 'int', value: BigInt(text) };
  const value = Number(text);
  return Number.isNaN(value) ? UNKNOWN : { kind: 'float', value };
}

const SIMPLE: Record<string, number> = { '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** Decodes one Python string literal (prefix, quotes, escapes). f/t-strings and `\N{…}` give undefined. */
export function decodeStringLiteral(source: string): { kind: 'str'; value: string } | { kind: 'bytes'; value: number[] } | undefined {
  const prefix = /^[a-zA-Z]*/.exec(source)![0].toLowerCase();
  if (prefix.includes('f') || prefix.includes('t')) return undefined;
  const rest = source.slice(prefix.length);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest.slice(0, 1);
  if (!rest.endsWith(quote) || rest.length < quote.length * 2) return undefined;
  const body = rest.slice(quote.length, rest.length - quote.length);
  const isBytes = prefix.includes('b');
  const raw = prefix.includes('r');
  if (!isBytes && !body.includes('\\')) return { kind: 'str', value: body }; // no escapes: the text is the value
  const units: number[] = []; // code points for str, byte values for bytes
  const chars = [...body];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (char !== '\\' || raw) {
      if (raw && char === '\\' && i + 1 < chars.length) {
        units.push(92, chars[i + 1].codePointAt(0)!); // a raw string keeps the backslash and the next char
        i++;
        continue;
      }
      units.push(char.codePointAt(0)!);
      continue;
    }
    const next = chars[i + 1];
    if (next === undefined) return undefined;
    if (next === '\n') {
      i++;
      continue;
    }
    if (next === '\r') {
      i += chars[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    if (SIMPLE[next] !== undefined) {
      units.push(SIMPLE[next]);
      i++;
      continue;
    }
    if (/[0-7]/.test(next)) {
      let digits = '';
      while (digits.length < 3 && /[0-7]/.test(chars[i + 1 + digits.length] ?? '')) digits += chars[i + 1 + digits.length];
      units.push(parseInt(digits, 8));
      i += digits.length;
      continue;
    }
    const hexLength = next === 'x' ? 2 : !isBytes && next === 'u' ? 4 : !isBytes && next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = chars.slice(i + 2, i + 2 + hexLength).join('');
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) return undefined;
      units.push(parseInt(hex, 16));
      i += 1 + hexLength;
      continue;
    }
    if (next === 'N' && !isBytes) return undefined; // \N{NAME} needs the Unicode name table
    units.push(92); // an unknown escape keeps its backslash
  }
  if (isBytes) return { kind: 'bytes', value: units };
  return { kind: 'str', value: units.map((u) => String.fromCodePoint(u)).join('') };
}
