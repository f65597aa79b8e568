// Discovery needs the structure of a file (decorators, defs, classes, module assignments), not
// the bodies of functions, which are most of its bytes. A fast scanner blanks every function body
// (first line becomes `pass`, the rest empty) so tree-sitter parses a fraction of the text while
// every kept line stays at its row and column. Callers fall back to the full text on syntax errors.
// One pass over the text, no per-line strings: it runs on every file of a cold discovery.

import type { Position } from '../text/positions';

export interface Skeleton {
  text: string;
  /** Row of a blanked body's `pass` line → where the body really ended. */
  bodyEnds: Map<number, Position>;
}

const DEF = /^(?:async[ \t]+)?def[ \t]/;

const NEWLINE = 10;
const BACKSLASH = 92;
const COLON = 58;

/** Blanks function bodies as the scanner reports logical lines (fields, not closures: the scan loop stays fast). */
class BodyBlanker {
  readonly bodyEnds = new Map<number, Position>();
  private out = '';
  private copied = 0; // text before this offset is in `out`
  // The body being blanked: indent of its header (-1 when none), where it starts and ends.
  private headerIndent = -1;
  private pendingHeader = false; // the last logical line was a `def …:` header
  private bodyRow = 0;
  private bodyIndentEnd = 0; // offset of the first body line's first significant char
  private bodyEndRow = 0;
  private bodyEndColumn = 0;
  private bodyEndOffset = 0; // offset of the newline that ends the body's last row (or the text's end)

  constructor(private readonly text: string) {}

  /**
   * One logical line; `start` is the offset of its first significant char, `last` the code of its
   * last one. After a `def …:` header, the lines indented deeper than the header are its body.
   */
  line(startRow: number, indent: number, start: number, endRow: number, endColumn: number, endOffset: number, last: number): void {
    if (this.headerIndent >= 0) {
      if (indent > this.headerIndent) {
        if (this.pendingHeader) {
          this.pendingHeader = false;
          this.bodyRow = startRow;
          this.bodyIndentEnd = start;
        }
        this.bodyEndRow = endRow;
        this.bodyEndColumn = endColumn;
        this.bodyEndOffset = endOffset;
        return;
      }
      if (this.pendingHeader) {
        this.pendingHeader = false;
        this.headerIndent = -1; // a header without a body: nothing to blank
      } else this.closeBody();
    }
    if (last === COLON && DEF.test(this.text.slice(start, start + 12))) {
      this.headerIndent = indent;
      this.pendingHeader = true;
    }
  }

  /** The body becomes `pass` at its first line's indent, then empty rows. */
  private closeBody(): void {
    this.out += this.text.slice(this.copied, this.bodyIndentEnd) + 'pass' + '\n'.repeat(this.bodyEndRow - this.bodyRow);
    this.copied = this.bodyEndOffset;
    this.bodyEnds.set(this.bodyRow, { line: this.bodyEndRow, character: this.bodyEndColumn });
    this.headerIndent = -1;
  }

  finish(): string {
    if (this.headerIndent >= 0 && !this.pendingHeader) this.closeBody();
    return this.copied === 0 ? this.text : this.out + this.text.slice(this.copied);
  }
}

/**
 * The text with function bodies blanked. Scans it into logical lines (brackets, strings,
 * continuations; blank and comment-only lines are none) and hands each to the blanker.
 */
export function skeletonOf(text: string): Skeleton {
  const blanker = new BodyBlanker(text);
  let depth = 0;
  let quote = 0; // char code of the open string's quote, 0 when outside a string
  let triple = false;
  let row = 0;
  let lineStart = 0;
  let inLine = false; // a logical line has started
  let startRow = 0;
  let startIndent = 0;
  let startOffset = 0;
  let lastSignificant = 0; // last non-space char code outside comments in the current logical line
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      if (quote === 0 || triple) {
        const before = text.charCodeAt(i - 1) === 13 ? text.charCodeAt(i - 2) : text.charCodeAt(i - 1);
        if (quote === 0 && depth === 0 && inLine && before !== BACKSLASH) {
          inLine = false;
          blanker.line(startRow, startIndent, startOffset, row, i - lineStart, i, lastSignificant);
        }
      }
      if (quote !== 0 && !triple) quote = 0; // unterminated single-quoted string: let the parser complain
      row++;
      lineStart = i + 1;
      continue;
    }
    if (quote !== 0) {
      if (c === BACKSLASH) {
        i++; // skip the escaped char (raw strings too: r"\"" does not end the string)
        if (text.charCodeAt(i) === NEWLINE) {
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
      const end = text.indexOf('\n', i);
      i = (end < 0 ? n : end) - 1;
      continue;
    }
    if (!inLine) {
      inLine = true;
      startRow = row;
      startIndent = i - lineStart;
      startOffset = i;
    }
    lastSignificant = c;
    if (c === 39 || c === 34) {
      quote = c;
      triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      if (triple) i += 2;
    } else if (c === 40 || c === 91 || c === 123) depth++;
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  if (inLine) blanker.line(startRow, startIndent, startOffset, row, n - lineStart, n, lastSignificant);
  return { text: blanker.finish(), bodyEnds: blanker.bodyEnds };
}
