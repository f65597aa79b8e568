import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../model/buildModel';
import type { PytestFile, TestFunction } from '../model/types';
import type { Range, TextEdit } from '../text/positions';
import { rangeOf } from '../text/positions';
import { importEditForText } from './imports';
import { columnType, docstringStatement, literalSlots, nameFromContext, sanitizeId, uniqueName } from './literals';
import { parametrizeDecorator } from './parametrizeBlock';
import { detectStyle } from './style';

interface Shape {
  test: TestFunction;
  skeleton: string;
  slots: SyntaxNode[];
}

function shapeOf(test: TestFunction): Shape {
  const docstring = docstringStatement(test.body);
  const slots = literalSlots(test.body, docstring);
  const start = test.body.startIndex;
  let skeleton = '';
  let at = start;
  for (const node of [...(docstring ? [docstring] : []), ...slots].sort((a, b) => a.startIndex - b.startIndex)) {
    skeleton += test.body.text.slice(at - start, node.startIndex - start) + (node === docstring ? '' : '\u0000');
    at = node.endIndex;
  }
  skeleton += test.body.text.slice(at - start);
  const header = [test.isAsync, test.params.map((p) => p.node.text).join(','), test.decorators.map((d) => d.node.text).join('\n')].join('|');
  return { test, skeleton: `${header}|${skeleton.replace(/\s+/g, ' ')}`, slots };
}

/** Line-wise overlap: a cursor anywhere on a test's lines (indentation included) selects it. */
function intersects(a: Range, b: Range): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

/** The tests a merge at `range` would combine: the selected ones, or the cursor's test and its look-alikes. */
export function mergeCandidates(file: PytestFile, range: Range): TestFunction[] | undefined {
  const tests = allTests(file).filter((t) => t.parametrize.length === 0);
  const selected = tests.filter((t) => intersects(rangeOf(t.outer), range));
  if (selected.length === 0) return undefined;
  const container = selected[0].className;
  const shapes = tests.filter((t) => t.className === container).map(shapeOf);
  const first = shapes.find((s) => s.test === selected[0])!;
  const group =
    selected.length > 1
      ? shapes.filter((s) => selected.includes(s.test))
      : shapes.filter((s) => s.skeleton === first.skeleton);
  if (group.length < 2 || group.some((s) => s.skeleton !== first.skeleton || s.test.className !== container)) return undefined;
  return group.map((s) => s.test);
}

/** `test_a__x__then_y` parts shared by every name give the merged test's name. */
export function mergedName(names: string[]): string {
  const parts = names.map((n) => n.split('__'));
  if (parts.every((p) => p.length === 3 && p[0] === parts[0][0] && p[2].startsWith('then_'))) {
    const condition = parts.every((p) => p[1] === parts[0][1]) ? parts[0][1] : 'each_case';
    const expected = parts.every((p) => p[2] === parts[0][2]) ? parts[0][2] : 'then_matches_expected';
    return `${parts[0][0]}__${condition}__${expected}`;
  }
  let prefix = names[0];
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.replace(/_+$/, '');
  return prefix.length > 'test'.length ? prefix : 'test_cases';
}

/** Readable ids: what differs between the names, `__` shown as `-`. */
export function idsFromNames(names: string[]): string[] {
  let prefix = names[0];
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  let suffix = names[0];
  for (const n of names) while (!n.endsWith(suffix)) suffix = suffix.slice(1);
  const cut = (name: string) => {
    const middle = name.slice(prefix.length, name.length - suffix.length);
    return sanitizeId(middle.replace(/__/g, '-').replace(/^[-_]+|[-_]+$/g, ''));
  };
  const ids = names.map(cut);
  const seen = new Set<string>();
  return ids.map((id, i) => {
    let unique = id === 'empty' ? `case_${i + 1}` : id;
    for (let n = 2; seen.has(unique); n++) unique = `${id}_${n}`;
    seen.add(unique);
    return unique;
  });
}

/**
 * Merges tests that differ only in literals into one parametrized test: one argname per differing
 * literal (shared when columns repeat), one `pytest.param(..., id=...)` row per original test.
 */
export function mergeIntoParametrized(text: string, file: PytestFile, range: Range): TextEdit[] | undefined {
  const tests = mergeCandidates(file, range);
  if (!tests) return undefined;
  const style = detectStyle(text);
  const shapes = tests.map(shapeOf);
  const first = shapes[0];
  const columns: { slotIndexes: number[]; name: string; values: SyntaxNode[] }[] = [];
  const taken = new Set<string>([...first.test.params.map((p) => p.name), ...identifiersIn(first.test.body)]);
  first.slots.forEach((_, index) => {
    const vector = shapes.map((s) => s.slots[index].text);
    if (vector.every((v) => v === vector[0])) return;
    const same = columns.find((c) => c.slotIndexes.length > 0 && shapes.every((s, k) => s.slots[c.slotIndexes[0]].text === vector[k]));
    if (same) {
      same.slotIndexes.push(index);
      return;
    }
    columns.push({ slotIndexes: [index], name: '', values: shapes.map((s) => s.slots[index]) });
  });
  if (columns.length === 0) return undefined;
  for (const column of columns) column.name = uniqueName(nameFromContext(first.slots[column.slotIndexes[0]]), taken);

  const test = first.test;
  const defIndent = /^[ \t]*/.exec(text.split(/\r?\n/)[test.node.startPosition.row])![0];
  const outerStart = test.outer.startIndex;
  const replacements: { from: number; to: number; text: string }[] = [];
  for (const column of columns) {
    for (const index of column.slotIndexes) {
      const slot = first.slots[index];
      replacements.push({ from: slot.startIndex, to: slot.endIndex, text: column.name });
    }
  }
  const nameNode = test.node.childForFieldName('name')!;
  replacements.push({ from: nameNode.startIndex, to: nameNode.endIndex, text: mergedName(tests.map((t) => t.name)) });
  const parameters = test.node.childForFieldName('parameters')!;
  const added = columns.map((c) => `${c.name}: ${columnType(c.values)}`).join(', ');
  const lastParam = parameters.namedChildren.filter((c) => c && c.type !== 'comment').pop();
  if (lastParam) replacements.push({ from: lastParam.endIndex, to: lastParam.endIndex, text: `, ${added}` });
  else replacements.push({ from: parameters.startIndex + 1, to: parameters.startIndex + 1, text: added });
  const ids = idsFromNames(tests.map((t) => t.name));
  // Differing docstrings move next to their rows, so no test's description is lost.
  const docstrings = tests.map((t) => t.docstring?.trim().replace(/\s+/g, ' '));
  const docsDiffer = docstrings.some((d) => d !== docstrings[0]);
  const firstDocstring = docstringStatement(test.body);
  if (docsDiffer && firstDocstring) {
    const q = style.docstringQuote;
    replacements.push({ from: firstDocstring.startIndex, to: firstDocstring.endIndex, text: `${q}Check every case of the parametrize table.${q}` });
  }
  const decorator = parametrizeDecorator(
    columns.map((c) => c.name),
    shapes.map((_, row) => ({ values: columns.map((c) => c.values[row].text), id: ids[row], comment: docsDiffer ? docstrings[row] : undefined })),
    defIndent,
    style,
  );
  replacements.push({ from: test.node.startIndex, to: test.node.startIndex, text: `${decorator}${style.eol}${defIndent}` });
  let merged = test.outer.text;
  for (const r of replacements.sort((a, b) => b.from - a.from)) {
    merged = merged.slice(0, r.from - outerStart) + r.text + merged.slice(r.to - outerStart);
  }

  const edits: TextEdit[] = [{ range: rangeOf(test.outer), newText: merged }];
  for (const other of tests.slice(1)) {
    const previous = other.outer.previousNamedSibling;
    const start = previous ? rangeOf(previous).end : rangeOf(other.outer).start;
    edits.push({ range: { start, end: rangeOf(other.outer).end }, newText: '' });
  }
  const importEdit = importEditForText(text, 'pytest', style.eol);
  if (importEdit) edits.push(importEdit);
  return edits;
}

function identifiersIn(node: SyntaxNode): string[] {
  return node.descendantsOfType('identifier').filter((n) => n !== null).map((n) => n!.text);
}
