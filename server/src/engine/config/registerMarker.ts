// The edit that registers a marker in the pytest config file pytest reads: one more line in the
// `markers` option, written the way the file already writes it. INI files (pytest.ini, tox.ini's
// `[pytest]`, setup.cfg's `[tool:pytest]`): a continuation line. TOML (pyproject.toml's
// `[tool.pytest.ini_options]` or pytest 9's `[tool.pytest]`, pytest.toml's `[pytest]`): an array item.
// Undefined when the file is laid out in a way these few patterns do not recognise: no edit beats
// a wrong one in a file the user did not open.

import * as path from 'node:path';
import type { TextEdit } from '../text/positions';

interface Line {
  text: string;
  row: number;
}

/** The edit adding `marker` to the `markers` of `configFile` (whose text is `text`). */
export function registerMarkerEdit(configFile: string, text: string, marker: string): TextEdit | undefined {
  const lines = text.split('\n').map((line, row) => ({ text: line.replace(/\r$/, ''), row }));
  const name = path.basename(configFile);
  if (name === 'pyproject.toml') return inTomlTable(lines, tableOf(lines, 'tool.pytest') ? 'tool.pytest' : 'tool.pytest.ini_options', marker);
  if (name === 'pytest.toml' || name === '.pytest.toml') return inTomlTable(lines, 'pytest', marker);
  if (name === 'setup.cfg') return inIniSection(lines, 'tool:pytest', marker);
  if (name === 'pytest.ini' || name === '.pytest.ini' || name === 'tox.ini') return inIniSection(lines, 'pytest', marker);
  return undefined;
}

/** The lines of a `[name]` section or table, header excluded (up to the next header at column 0); undefined when absent. */
function sectionLines(lines: Line[], header: RegExp): Line[] | undefined {
  const start = lines.findIndex((line) => header.test(line.text));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^\[/.test(line.text));
  return lines.slice(start + 1, end < 0 ? lines.length : end);
}

function isContinuation(line: Line): boolean {
  return /^[ \t]+/.test(line.text);
}

function tableOf(lines: Line[], table: string): Line[] | undefined {
  return sectionLines(lines, new RegExp(`^\\s*\\[\\s*${table.replace(/\./g, '\\s*\\.\\s*')}\\s*\\]\\s*(#.*)?$`));
}

/** Whole lines (`newText` ends with a newline) inserted before `row`; after the last line when `row` is past it. */
function insertLines(lines: Line[], row: number, newText: string): TextEdit {
  if (row < lines.length) return { range: { start: { line: row, character: 0 }, end: { line: row, character: 0 } }, newText };
  const last = lines[lines.length - 1];
  const end = { line: last.row, character: last.text.length };
  return { range: { start: end, end }, newText: `\n${newText.replace(/\n$/, '')}` };
}

function inIniSection(lines: Line[], section: string, marker: string): TextEdit | undefined {
  const body = sectionLines(lines, new RegExp(`^\\[${section.replace(/[:.]/g, '\\$&')}\\]\\s*$`));
  if (!body) return undefined;
  const key = body.findIndex((line) => /^markers\s*[=:]/.test(line.text));
  if (key < 0) {
    // A new key after the section's last line with content.
    const last = [...body].reverse().find((line) => line.text.trim() !== '' && !line.text.trimStart().startsWith('#') && !line.text.trimStart().startsWith(';'));
    const row = last ? last.row + 1 : body.length > 0 ? body[0].row : lines.length;
    return insertLines(lines, row, `markers =\n    ${marker}\n`);
  }
  // The value's continuation lines: indented, until the next unindented line (blank lines inside end it).
  let last = body[key];
  for (const line of body.slice(key + 1)) {
    if (!isContinuation(line) || line.text.trim() === '') break;
    last = line;
  }
  const indent = last === body[key] ? '    ' : /^[ \t]+/.exec(last.text)![0];
  return insertLines(lines, last.row + 1, `${indent}${marker}\n`);
}

function inTomlTable(lines: Line[], table: string, marker: string): TextEdit | undefined {
  const body = tableOf(lines, table);
  if (!body) return undefined;
  const item = JSON.stringify(marker);
  const key = body.findIndex((line) => /^\s*markers\s*=/.test(line.text));
  if (key < 0) {
    const last = [...body].reverse().find((line) => line.text.trim() !== '' && !line.text.trimStart().startsWith('#'));
    const row = last ? last.row + 1 : body.length > 0 ? body[0].row : lines.length;
    return insertLines(lines, row, `markers = [${item}]\n`);
  }
  const first = body[key];
  const open = first.text.indexOf('[', first.text.indexOf('='));
  if (open < 0) return undefined;
  // One line: `markers = ["a", "b"]` → before its `]`.
  const close = first.text.lastIndexOf(']');
  if (close > open) {
    const inside = first.text.slice(open + 1, close).trim();
    const separator = inside === '' ? '' : inside.endsWith(',') ? ' ' : ', ';
    return { range: { start: { line: first.row, character: close }, end: { line: first.row, character: close } }, newText: `${separator}${item}` };
  }
  // Several lines: a new item line before the line that closes the array.
  const closing = body.slice(key + 1).find((line) => /^\s*\]/.test(line.text));
  if (!closing) return undefined;
  const items = body.filter((line) => line.row > first.row && line.row < closing.row && line.text.trim() !== '' && !line.text.trimStart().startsWith('#'));
  const previous = items.at(-1);
  const indent = previous ? /^[ \t]*/.exec(previous.text)![0] : '    ';
  if (previous && !/,\s*(#.*)?$/.test(previous.text)) {
    // The last item has no trailing comma: add one after it, then the new item.
    const end = previous.text.replace(/\s*(#.*)?$/, '').length;
    return { range: { start: { line: previous.row, character: end }, end: { line: previous.row, character: end } }, newText: `,\n${indent}${item}` };
  }
  return insertLines(lines, closing.row, `${indent}${item},\n`);
}
