import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../model/buildModel';
import type { Parametrize, PytestFile } from '../model/types';
import type { Range, TextEdit } from '../text/positions';
import { rangeOf } from '../text/positions';
import { idText, sanitizeId } from './literals';
import { detectStyle, pyString } from './style';

/** The parametrize decorator whose lines the range touches. */
export function parametrizeAt(file: PytestFile, range: Range): Parametrize | undefined {
  for (const test of allTests(file)) {
    for (const p of test.parametrize) {
      const r = rangeOf(p.decorator.node);
      if (r.start.line <= range.end.line && range.start.line <= r.end.line) return p;
    }
  }
  return undefined;
}

/** Readable ids from each row's values: `"ab", 2` → `ab-2`, unique. */
export function idsForRows(p: Parametrize): string[] {
  const seen = new Set<string>();
  return (p.rows ?? []).map((row, index) => {
    const base = sanitizeId(row.values.map(idText).join('-')).slice(0, 40) || `case_${index + 1}`;
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}_${n}`;
    seen.add(id);
    return id;
  });
}

/** "Add ids": literal rows without `ids` and without `pytest.param(..., id=...)` get `ids=[...]`. */
export function addIds(text: string, file: PytestFile, range: Range): TextEdit[] | undefined {
  const p = parametrizeAt(file, range);
  if (!p?.rows || p.rows.length === 0 || p.idsNode || !p.argvaluesNode || p.rows.some((r) => r.id !== undefined)) return undefined;
  const style = detectStyle(text);
  const ids = `ids=[${idsForRows(p).map((id) => pyString(id, style)).join(', ')}]`;
  const after = p.argvaluesNode.nextSibling;
  const close = p.decorator.args?.lastChild;
  const multiline = after?.type === ',' && close && close.startPosition.row > p.argvaluesNode.endPosition.row;
  if (multiline) {
    const indent = /^[ \t]*/.exec(text.split(/\r?\n/)[p.argvaluesNode.endPosition.row])![0];
    const at = rangeOf(after).end;
    return [{ range: { start: at, end: at }, newText: `${style.eol}${indent}${ids},` }];
  }
  const at = rangeOf(p.argvaluesNode).end;
  return [{ range: { start: at, end: at }, newText: `, ${ids}` }];
}

/** "Add a parametrize case": a copy of the last row to edit (and an id when `ids` is a literal list). */
export function addCase(text: string, file: PytestFile, range: Range): TextEdit[] | undefined {
  const p = parametrizeAt(file, range);
  if (!p?.rows || p.rows.length === 0 || !p.argvaluesNode) return undefined;
  const style = detectStyle(text);
  const edits = [appendElement(text, p.argvaluesNode, p.rows[p.rows.length - 1].node, p.rows[p.rows.length - 1].node.text)];
  if (p.idsNode && p.ids) {
    const lastId = p.idsNode.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment').pop();
    if (lastId) edits.push(appendElement(text, p.idsNode, lastId, pyString(`case_${p.rows.length + 1}`, style)));
  }
  return edits;
}

/** Appends `newText` after `last` in a list, on its own line when the list is one element per line. */
function appendElement(text: string, list: SyntaxNode, last: SyntaxNode, newText: string): TextEdit {
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : undefined;
  const multiline = list.endPosition.row > last.endPosition.row;
  if (multiline) {
    const indent = /^[ \t]*/.exec(text.split(/\r?\n/)[last.startPosition.row])![0];
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const at = rangeOf(comma ?? last).end;
    return { range: { start: at, end: at }, newText: `${comma ? '' : ','}${eol}${indent}${newText},` };
  }
  const at = rangeOf(last).end;
  return { range: { start: at, end: at }, newText: `, ${newText}` };
}
