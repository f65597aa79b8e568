/** Escapes literal text for LSP/VS Code snippet syntax (`$`, `}` and `\` are special). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** The text a snippet inserts when nobody edits it: placeholders take their defaults, escapes are undone. */
export function snippetToPlain(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '\\$}'.includes(snippet[i + 1])) {
      out += snippet[++i];
    } else if (c === '$' && snippet[i + 1] === '{') {
      const close = snippet.indexOf('}', i);
      const body = snippet.slice(i + 2, close);
      out += body.includes(':') ? body.slice(body.indexOf(':') + 1) : '';
      i = close;
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else out += c;
  }
  return out;
}
