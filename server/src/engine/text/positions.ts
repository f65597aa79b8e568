import type { Node as SyntaxNode } from 'web-tree-sitter';

/** LSP-style position: 0-based line, UTF-16 character (web-tree-sitter columns are UTF-16 too). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export function rangeOf(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Offsets of each line start, to turn positions into string offsets. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function offsetAt(starts: number[], text: string, pos: Position): number {
  if (pos.line >= starts.length) return text.length;
  return Math.min(starts[pos.line] + pos.character, pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length);
}

export function positionAt(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const sorted = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start));
  let result = text;
  for (const edit of sorted) {
    const from = offsetAt(starts, text, edit.range.start);
    const to = offsetAt(starts, text, edit.range.end);
    result = result.slice(0, from) + edit.newText + result.slice(to);
  }
  return result;
}
