import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { PytestFile, TestFunction } from '../model/types';
import type { Range, TextEdit } from '../text/positions';
import { columnType, isLiteral } from './literals';
import { testAt } from './parametrizeTest';
import { rewriteTestEdits } from './rewriteTest';
import { detectStyle } from './style';

interface LoopCases {
  test: TestFunction;
  loop: SyntaxNode;
  names: string[];
  rows: SyntaxNode[][];
}

const SEQUENCE = new Set(['list', 'tuple']);

/**
 * A loop the test ends with, `for a, b in [(1, 2), (3, 4)]:` over literal cases, with no
 * `break`/`continue`/`else`: each iteration becomes one parametrized case.
 */
export function loopCases(file: PytestFile, range: Range): LoopCases | undefined {
  const test = testAt(file, range);
  if (!test || test.parametrize.length > 0) return undefined;
  const statements = test.body.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const loop = statements[statements.length - 1];
  if (loop?.type !== 'for_statement' || loop.childForFieldName('alternative')) return undefined;
  if (loop.descendantsOfType(['break_statement', 'continue_statement']).length > 0) return undefined;
  const block = loop.childForFieldName('body');
  if (!block || block.startPosition.row === loop.startPosition.row) return undefined;
  const left = loop.childForFieldName('left');
  const right = loop.childForFieldName('right');
  if (!left || !right || !SEQUENCE.has(right.type)) return undefined;
  const names = left.type === 'identifier' ? [left.text] : (left.type === 'pattern_list' || left.type === 'tuple_pattern') && left.namedChildren.every((c) => c?.type === 'identifier') ? left.namedChildren.map((c) => c!.text) : undefined;
  if (!names || names.some((n) => test.params.some((p) => p.name === n))) return undefined;
  const rows: SyntaxNode[][] = [];
  for (const element of right.namedChildren) {
    if (!element || element.type === 'comment') continue;
    const values = names.length === 1 ? [element] : SEQUENCE.has(element.type) ? element.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : [];
    if (values.length !== names.length || !values.every(isLiteral)) return undefined;
    rows.push(values);
  }
  return rows.length > 0 ? { test, loop, names, rows } : undefined;
}

/** Replaces the loop by its body (one level less indented) and parametrizes the test over the cases. */
export function convertLoopToParametrize(text: string, file: PytestFile, range: Range): TextEdit[] | undefined {
  const cases = loopCases(file, range);
  if (!cases) return undefined;
  const style = detectStyle(text);
  const lines = text.split(/\r?\n/);
  const loopIndent = /^[ \t]*/.exec(lines[cases.loop.startPosition.row])![0];
  const block = cases.loop.childForFieldName('body')!;
  const bodyLines = lines.slice(block.startPosition.row, block.endPosition.row + 1);
  const inner = /^[ \t]*/.exec(bodyLines.find((l) => l.trim()) ?? '')![0];
  const dedented = bodyLines.map((l) => (l.startsWith(inner) ? loopIndent + l.slice(inner.length) : l.trim() ? l : '')).join(style.eol);
  const loopStart = cases.loop.startIndex;
  return rewriteTestEdits(
    text,
    cases.test,
    {
      replacements: [{ from: loopStart, to: cases.loop.endIndex, text: dedented.slice(loopIndent.length) }],
      parameters: cases.names.map((name, i) => ({ name, type: columnType(cases.rows.map((r) => r[i])) })),
      argnames: cases.names,
      rows: cases.rows.map((values) => ({ values: values.map((v) => v.text) })),
    },
    style,
  );
}
