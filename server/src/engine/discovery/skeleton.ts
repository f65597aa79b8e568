// Discovery needs the structure of a file (decorators, defs, classes, module assignments), not
// the bodies of functions, which are most of its bytes. A fast scanner blanks every function body
// (first line becomes `pass`, the rest empty) so tree-sitter parses a fraction of the text while
// every kept line stays at its row and column. Callers fall back to the full text on syntax errors.

import type { Position } from '../text/positions';

export interface Skeleton {
  text: string;
  /** Row of a blanked body's `pass` line → where the body really ended. */
  bodyEnds: Map<number, Position>;
}

interface LogicalLine {
  startRow: number;
  endRow: number;
  endColumn: number;
  indent: number;
  /** The logical line is a `def` header whose body starts on the next line. */
  opensFunctionBody: boolean;
}

const DEF = /^(?:async[ \t]+)?def[ \t]/;

/** Splits Python source into logical lines (brackets, strings, continuations), skipping blank/comment lines. */
function logicalLines(text: string, rows: string[]): LogicalLine[] {
  const result: LogicalLine[] = [];
  let depth = 0;
  let quote = 0; // char code of the open string's quote, 0 when outside a string
  let triple = false;
  let row = 0;
  let start: { row: number; indent: number; head: string } | undefined;
  let lastSignificant = 0; // last non-space char code outside comments in the current logical line
  let column = 0;
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      // newline
      if (quote === 0 || triple) {
        const before = text.charCodeAt(i - 1) === 13 ? text.charCodeAt(i - 2) : text.charCodeAt(i - 1);
        if (quote === 0 && depth === 0 && start && before !== 92) {
          result.push(finish(start, row, i - lineStart, lastSignificant));
          start = undefined;
        }
      }
      if (quote !== 0 && !triple) quote = 0; // unterminated single-quoted string: let the parser complain
      row++;
      lineStart = i + 1;
      column = 0;
      continue;
    }
    column = i - lineStart;
    if (quote !== 0) {
      if (c === 92) {
        i++; // skip the escaped char (raw strings too: r"\"" does not end the string)
        if (text.charCodeAt(i) === 10) {
          row++;
          lineStart = i + 1;
        }
        continue;
      }
      if (c === quote) {
        if (!triple) quote = 0;
        else if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) {
          quote = 0;
          i += 2;
        }
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 13) continue;
    if (c === 35) {
      // comment: skip to the end of the line
      while (i + 1 < n && text.charCodeAt(i + 1) !== 10) i++;
      continue;
    }
    if (!start) {
      const lineText = rows[row];
      start = { row, indent: column, head: lineText.slice(column, column + 12) };
    }
    lastSignificant = c;
    if (c === 39 || c === 34) {
      quote = c;
      triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      if (triple) i += 2;
    } else if (c === 40 || c === 91 || c === 123) depth++;
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  if (start) result.push(finish(start, row, text.length - lineStart, lastSignificant));
  return result;
}

function finish(start: { row: number; indent: number; head: string }, endRow: number, endColumn: number, last: number): LogicalLine {
  return { startRow: start.row, endRow, endColumn, indent: start.indent, opensFunctionBody: last === 58 && DEF.test(start.head) };
}

export function skeletonOf(text: string): Skeleton {
  const rows = text.split('\n');
  const lines = logicalLines(text, rows);
  const bodyEnds = new Map<number, Position>();
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i];
    if (!header.opensFunctionBody) continue;
    let last = i;
    while (last + 1 < lines.length && lines[last + 1].indent > header.indent) last++;
    if (last === i) continue;
    const first = lines[i + 1];
    const end = lines[last];
    rows[first.startRow] = `${rows[first.startRow].slice(0, first.indent)}pass`;
    for (let r = first.startRow + 1; r <= end.endRow; r++) rows[r] = '';
    bodyEnds.set(first.startRow, { line: end.endRow, character: end.endColumn });
    i = last;
  }
  return { text: rows.join('\n'), bodyEnds };
}
