import type { Parser, Tree } from 'web-tree-sitter';
import type { Range } from '../text/positions';
import { lineStarts, offsetAt } from '../text/positions';
import { parsePythonSource } from './dedentedComments';

export interface ContentChange {
  /** Absent for a full-text replacement. */
  range?: Range;
  text: string;
}

interface Entry {
  text: string;
  tree: Tree;
  /** The tree has been `edit()`ed and must be re-parsed (incrementally) before use. */
  stale: boolean;
}

/**
 * One syntax tree per open document. Edits are applied to the old tree so tree-sitter re-parses only
 * what changed; trees live in WASM memory, so every replaced or closed tree is deleted explicitly.
 */
export class TreeCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly parser: Parser) {}

  /** The tree for `uri`, parsing `text` from scratch when the cache holds another text. */
  get(uri: string, text: string): Tree {
    const entry = this.entries.get(uri);
    if (entry && entry.text === text) {
      if (entry.stale) {
        entry.tree = this.reparse(text, entry.tree);
        entry.stale = false;
      }
      return entry.tree;
    }
    const tree = this.reparse(text, undefined);
    entry?.tree.delete();
    this.entries.set(uri, { text, tree, stale: false });
    return tree;
  }

  /** Records LSP content changes (in order) against the cached tree; the next `get` re-parses incrementally. */
  applyChanges(uri: string, changes: readonly ContentChange[]): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    for (const change of changes) {
      if (!change.range) {
        entry.text = change.text;
        entry.tree.delete();
        entry.tree = this.reparse(change.text, undefined);
        entry.stale = false;
        continue;
      }
      const starts = lineStarts(entry.text);
      const startIndex = offsetAt(starts, entry.text, change.range.start);
      const oldEndIndex = offsetAt(starts, entry.text, change.range.end);
      const newEndPosition = endPositionAfterInsert(change.range.start, change.text);
      entry.tree.edit({
        startIndex,
        oldEndIndex,
        newEndIndex: startIndex + change.text.length,
        startPosition: { row: change.range.start.line, column: change.range.start.character },
        oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
        newEndPosition: { row: newEndPosition.line, column: newEndPosition.character },
      });
      entry.text = entry.text.slice(0, startIndex) + change.text + entry.text.slice(oldEndIndex);
      entry.stale = true;
    }
  }

  delete(uri: string): void {
    this.entries.get(uri)?.tree.delete();
    this.entries.delete(uri);
  }

  clear(): void {
    for (const uri of [...this.entries.keys()]) this.delete(uri);
  }

  private reparse(text: string, old: Tree | undefined): Tree {
    const tree = parsePythonSource(this.parser, text, old);
    if (!tree) throw new Error('tree-sitter returned no tree');
    if (old) old.delete();
    return tree;
  }
}

function endPositionAfterInsert(start: { line: number; character: number }, text: string) {
  const lines = text.split('\n');
  if (lines.length === 1) return { line: start.line, character: start.character + text.length };
  return { line: start.line + lines.length - 1, character: lines[lines.length - 1].length };
}
