import type { Node as SyntaxNode } from 'web-tree-sitter';
import { notNull } from '../../model/syntax';
import type { TextEdit } from '../../text/positions';

/**
 * Edits that delete whole statements and leave tidy code: a statement alone on its line takes the
 * line with it; statements sharing a line with `;` are rejoined without it; a block left empty
 * gets `pass` so the code still parses.
 */
export function removeStatements(text: string, statements: readonly SyntaxNode[]): TextEdit[] {
  const lines = text.split('\n');
  const removed = new Set(statements.map((s) => s.id));
  const byParent = new Map<number, { parent: SyntaxNode; removed: SyntaxNode[] }>();
  for (const s of statements) {
    const parent = s.parent;
    if (!parent) continue;
    const entry = byParent.get(parent.id) ?? { parent, removed: [] };
    entry.removed.push(s);
    byParent.set(parent.id, entry);
  }
  const edits: TextEdit[] = [];
  for (const { parent } of byParent.values()) {
    const siblings = parent.namedChildren.filter(notNull).filter((c) => c.type !== 'comment');
    const emptied = parent.type === 'block' && siblings.every((s) => removed.has(s.id));
    let pendingPass = emptied;
    const rows = [...new Set(siblings.filter((s) => removed.has(s.id)).map((s) => s.startPosition.row))].sort((a, b) => a - b);
    for (const row of rows) {
      const onLine = siblings.filter((s) => s.startPosition.row === row);
      const kept = onLine.filter((s) => !removed.has(s.id)).map((s) => s.text);
      if (pendingPass) {
        kept.unshift('pass');
        pendingPass = false;
      }
      const first = onLine[0];
      const last = onLine[onLine.length - 1];
      const before = lines[first.startPosition.row].slice(0, first.startPosition.column);
      const after = lines[last.endPosition.row].slice(last.endPosition.column);
      const aloneOnLines = /^\s*$/.test(before) && /^\s*(#.*)?$/.test(after);
      if (kept.length === 0 && aloneOnLines) {
        edits.push({
          range: { start: { line: first.startPosition.row, character: 0 }, end: { line: last.endPosition.row + 1, character: 0 } },
          newText: '',
        });
      } else {
        edits.push({
          range: {
            start: { line: first.startPosition.row, character: first.startPosition.column },
            end: { line: last.endPosition.row, character: last.endPosition.column },
          },
          newText: kept.join('; '),
        });
      }
    }
  }
  return edits;
}
