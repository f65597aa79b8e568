import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import { stringValue } from '../../model/syntax';
import type { ParamRow } from '../../model/types';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';

/** A comparable form of a value: string contents whatever the quotes, other code without spaces. */
function canonical(node: SyntaxNode): string {
  const value = stringValue(node);
  if (value !== undefined && !/^[bB]/.test(node.text)) return `s:${JSON.stringify(value)}`;
  return `c:${node.text.replace(/\s+/g, '')}`;
}

function rowKey(row: ParamRow): string {
  return [row.values.map(canonical).join('|'), [...row.marks].sort().join(',')].join('#');
}

/** PP403 — the same `parametrize` row appears twice. */
export const parametrizeDuplicateCase: PythonRule = {
  meta: {
    code: 'PP403',
    name: 'parametrize-duplicate-case',
    summary: 'The same `parametrize` row appears twice, so pytest runs the same case twice.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, text, report }) {
    for (const test of allTests(file)) {
      for (const parametrize of test.parametrize) {
        if (!parametrize.rows) continue;
        const seen = new Map<string, number>();
        parametrize.rows.forEach((row, index) => {
          const key = rowKey(row);
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, index);
            return;
          }
          const fixes = parametrize.idsNode ? [] : [{ title: 'Remove the duplicate row', edits: [removeRow(text, row.node)], safe: false }];
          report({ range: rangeOf(row.node), message: `Row ${index + 1} repeats row ${first + 1} (\`${row.node.text.replace(/\s+/g, ' ')}\`): pytest runs the same case twice.`, fixes });
        });
      }
    }
  },
};

/** Removes a row with its trailing comma, and its whole line when it stands alone on it. */
function removeRow(text: string, node: SyntaxNode) {
  const lines = text.split(/\r?\n/);
  const range = rangeOf(node);
  const next = node.nextSibling;
  const end = next?.type === ',' ? rangeOf(next).end : range.end;
  const before = lines[range.start.line].slice(0, range.start.character);
  const after = lines[end.line].slice(end.character);
  if (before.trim() === '' && after.trim() === '') {
    return { range: { start: { line: range.start.line, character: 0 }, end: { line: end.line + 1, character: 0 } }, newText: '' };
  }
  const prev = node.previousSibling;
  if (next?.type !== ',' && prev?.type === ',') return { range: { start: rangeOf(prev).start, end: range.end }, newText: '' };
  const trailing = /^\s*/.exec(after)![0].length;
  return { range: { start: range.start, end: { line: end.line, character: end.character + (next?.type === ',' ? trailing : 0) } }, newText: '' };
}
