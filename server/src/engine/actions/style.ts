/** The formatting habits of a file that generated code copies: indentation unit and quote character. */
export interface CodeStyle {
  indent: string;
  quote: '"' | "'";
  /** `"""` unless the file writes its docstrings with `'''` only. */
  docstringQuote: '"""' | "'''";
  eol: '\n' | '\r\n';
}

export function detectStyle(text: string): CodeStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let indent = '    ';
  for (const line of text.split(/\r?\n/)) {
    const lead = /^([ \t]+)\S/.exec(line);
    if (lead) {
      indent = lead[1].startsWith('\t') ? '\t' : ' '.repeat(Math.min(lead[1].length, 8));
      break;
    }
  }
  // Count string openings outside docstrings: the more frequent quote wins, double on a tie.
  const withoutDocstrings = text.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''/g, '');
  const doubles = (withoutDocstrings.match(/(?<![\w"'])[rbfu]?"/gi) ?? []).length;
  const singles = (withoutDocstrings.match(/(?<![\w"'])[rbfu]?'/gi) ?? []).length;
  const docstringQuote = text.includes("'''") && !text.includes('"""') ? "'''" : '"""';
  return { indent, quote: singles > doubles ? "'" : '"', docstringQuote, eol };
}

/** A Python string literal in the file's quote style. */
export function pyString(value: string, style: CodeStyle): string {
  const q = style.quote;
  const escaped = value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n');
  return `${q}${escaped}${q}`;
}

/** Re-indents a block: strips its common indentation and prefixes `indent`. */
export function reindent(lines: string[], indent: string): string[] {
  const common = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => (l.trim() ? indent + l.slice(Number.isFinite(common) ? common : 0) : ''));
}

/** Joins lines with the file's line ending. */
export function joinLines(lines: string[], style: CodeStyle): string {
  return lines.join(style.eol);
}
