/** A JSONC value with the offsets of its source text (strings: including the quotes). */
export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: { key: string; value: JsonNode }[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'other'; start: number; end: number };

/**
 * A small, forgiving JSONC reader (comments, trailing commas) that keeps source offsets, which
 * `JSON.parse` throws away. Returns undefined on text it cannot read.
 */
export function parseJsonc(text: string): JsonNode | undefined {
  let i = 0;
  const skip = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text.startsWith('//', i)) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
      else if (text.startsWith('/*', i)) i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
      else return;
    }
  };
  const value = (): JsonNode => {
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: { key: string; value: JsonNode }[] = [];
      for (skip(); text[i] !== '}'; skip()) {
        const key = value();
        if (key.kind !== 'string') throw new Error('key');
        skip();
        if (text[i++] !== ':') throw new Error(':');
        entries.push({ key: key.value, value: value() });
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') throw new Error('}');
      }
      i++;
      return { kind: 'object', start, end: i, entries };
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      for (skip(); text[i] !== ']'; skip()) {
        items.push(value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') throw new Error(']');
      }
      i++;
      return { kind: 'array', start, end: i, items };
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      return { kind: 'string', start, end: i, value: JSON.parse(text.slice(start, i)) as string };
    }
    const literal = /^[^\s,\]}]+/.exec(text.slice(i));
    if (!literal) throw new Error('value');
    i += literal[0].length;
    return { kind: 'other', start, end: i };
  };
  try {
    return value();
  } catch {
    return undefined;
  }
}
