import * as path from 'node:path';
import type { FixtureScope, PytestFile } from '../model/types';
import type { TextEdit } from '../text/positions';
import { importEditForText } from './imports';
import type { CodeStyle } from './style';
import { detectStyle, pyString } from './style';
import type { FileEdits } from './types';

export type FixtureFlavor = 'plain' | 'yield' | 'async' | 'factory';

export interface FixtureSpec {
  /** The requested name; the factory flavour keeps it (tests call `name(...)`). */
  name: string;
  flavor: FixtureFlavor;
  scope: FixtureScope;
  /** For async fixtures: `@pytest_asyncio.fixture` unless pytest-asyncio runs in auto mode. */
  asyncioAuto?: boolean;
  /** The requesting parameter's type annotation, as written (`int`, `list[str]`). */
  annotation?: string;
}

/**
 * A value of a simple annotated type, so a plain fixture can be typed as the test expects and still
 * run as generated; undefined for types we cannot build (the fixture then stays untyped).
 */
export function typedDefault(annotation: string | undefined, style: CodeStyle): string | undefined {
  const type = annotation?.replace(/\s+/g, '');
  if (!type) return undefined;
  if (/(^Optional\[|\|None$|^None\|)/.test(type) || type === 'None') return 'None';
  const base = type.replace(/\[.*$/, '').replace(/^typing\./, '');
  const defaults: Record<string, string> = {
    int: '0',
    float: '0.0',
    bool: 'False',
    str: pyString('', style),
    bytes: 'b' + pyString('', style),
    list: '[]',
    List: '[]',
    dict: '{}',
    Dict: '{}',
    set: 'set()',
    Set: 'set()',
    tuple: '()',
    Tuple: '()',
  };
  return defaults[base];
}

/** The annotation of the parameter `name` of the function `owner` (a test or fixture) in the file. */
export function requestAnnotation(file: PytestFile, owner: string, name: string): string | undefined {
  const functions = [...file.tests, ...file.classes.flatMap((c) => c.tests), ...file.fixtures];
  const fn = functions.find((f) => f.name === owner || ('fixtureName' in f && f.fixtureName === owner));
  const parameter = fn?.params.find((p) => p.name === name && p.hasType);
  return parameter?.node.childForFieldName('type')?.text;
}

/** The fixture's source lines (no trailing newline), in the file's indentation and quotes. */
export function fixtureSource(spec: FixtureSpec, style: CodeStyle): string[] {
  const i = style.indent;
  const decoratorName = spec.flavor === 'async' && !spec.asyncioAuto ? 'pytest_asyncio.fixture' : 'pytest.fixture';
  const decorator = spec.scope === 'function' ? `@${decoratorName}` : `@${decoratorName}(scope=${pyString(spec.scope, style)})`;
  const d = style.docstringQuote;
  const doc = (text: string) => `${i}${d}${text}${d}`;
  switch (spec.flavor) {
    case 'plain': {
      const value = typedDefault(spec.annotation, style);
      const signature = value !== undefined ? `def ${spec.name}() -> ${spec.annotation}:` : `def ${spec.name}():`;
      return [decorator, signature, doc(`Provide \`${spec.name}\` to the tests that request it.`), `${i}return ${value ?? 'None'}`];
    }
    case 'yield':
      return [
        decorator,
        `def ${spec.name}():`,
        doc(`Provide \`${spec.name}\` and release it after each test that used it.`),
        `${i}value = None`,
        `${i}yield value`,
        `${i}del value`,
      ];
    case 'async':
      return [
        decorator,
        `async def ${spec.name}():`,
        doc(`Provide \`${spec.name}\` to async tests and release it afterwards.`),
        `${i}value = None`,
        `${i}yield value`,
        `${i}del value`,
      ];
    case 'factory':
      return [
        decorator,
        `def ${spec.name}():`,
        doc(`Build \`${spec.name}\` values on demand; everything built is dropped after the test.`),
        `${i}created: list[dict[str, object]] = []`,
        '',
        `${i}def _create(**overrides: object) -> dict[str, object]:`,
        `${i}${i}${d}Build one value from the defaults and \`overrides\`.${d}`,
        `${i}${i}value = dict(overrides)`,
        `${i}${i}created.append(value)`,
        `${i}${i}return value`,
        '',
        `${i}yield _create`,
        `${i}created.clear()`,
      ];
  }
}

function importsFor(spec: FixtureSpec): string[] {
  return spec.flavor === 'async' && !spec.asyncioAuto ? ['pytest', 'pytest_asyncio'] : ['pytest'];
}

/**
 * Inserts the fixture right above the top-level statement (function or class) that requests it,
 * separated by two blank lines, and imports `pytest` if needed.
 */
export function generateFixtureHere(text: string, file: PytestFile, requestLine: number, spec: FixtureSpec): TextEdit[] {
  const style = detectStyle(text);
  const statement = file.root.namedChildren.find((c) => c && c.startPosition.row <= requestLine && requestLine <= c.endPosition.row);
  const line = statement ? statement.startPosition.row : requestLine;
  const at = { line, character: 0 };
  const edits: TextEdit[] = [];
  for (const module of importsFor(spec)) {
    const edit = importEditForText(text, module, style.eol);
    if (edit) edits.push(edit);
  }
  const block = [...fixtureSource(spec, style), '', '', ''].join(style.eol);
  // Imports landing right where the fixture goes (a file without imports) need the blank lines too.
  const importsHere = edits.some((e) => e.range.start.line === line);
  edits.push({ range: { start: at, end: at }, newText: (importsHere ? style.eol.repeat(2) : '') + block });
  return mergeSameSpot(edits);
}

/** The conftest.py a fixture for `testFile` goes to: the nearest existing one, else a new one beside the test. */
export function nearestConftest(testFile: string, exists: (file: string) => boolean, stopAt?: string): { path: string; exists: boolean } {
  let dir = path.dirname(path.resolve(testFile));
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(dir, 'conftest.py');
    if (exists(candidate)) return { path: candidate, exists: true };
    const parent = path.dirname(dir);
    if (parent === dir || dir === stop) break;
    dir = parent;
  }
  return { path: path.join(path.dirname(path.resolve(testFile)), 'conftest.py'), exists: false };
}

/**
 * Appends the fixture to a conftest.py (`text` is its content, undefined when it does not exist:
 * then the file is created with a docstring and the import).
 */
export function generateFixtureInConftest(conftestPath: string, text: string | undefined, spec: FixtureSpec, styleFrom: string): FileEdits {
  if (text === undefined) {
    const style = detectStyle(styleFrom);
    const d = style.docstringQuote;
    const lines = [
      `${d}Fixtures shared by the tests in this folder and below.${d}`,
      ...importsFor(spec).map((m) => `import ${m}`),
      '',
      '',
      ...fixtureSource(spec, style),
      '',
    ];
    const origin = { line: 0, character: 0 };
    return { path: conftestPath, create: true, edits: [{ range: { start: origin, end: origin }, newText: lines.join(style.eol) }] };
  }
  const style = detectStyle(text.trim() ? text : styleFrom);
  const edits: TextEdit[] = [];
  for (const module of importsFor(spec)) {
    const edit = importEditForText(text, module, style.eol);
    if (edit) edits.push(edit);
  }
  const lines = text.split(/\r?\n/);
  const endsWithNewline = /\n$/.test(text);
  const lastLine = endsWithNewline ? lines.length - 1 : lines.length - 1;
  const end = { line: lastLine, character: lines[lastLine].length };
  let trailingBlank = 0;
  for (let k = lines.length - (endsWithNewline ? 2 : 1); k >= 0 && lines[k].trim() === ''; k--) trailingBlank++;
  const separator = text.trim() === '' ? '' : style.eol.repeat(Math.max(0, (endsWithNewline ? 2 : 3) - trailingBlank));
  edits.push({ range: { start: end, end }, newText: separator + [...fixtureSource(spec, style), ''].join(style.eol) });
  return { path: conftestPath, edits: mergeSameSpot(edits) };
}

/** Edits inserting at the same position are joined so their order is certain. */
function mergeSameSpot(edits: TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const same = result.find(
      (e) =>
        e.range.start.line === edit.range.start.line &&
        e.range.start.character === edit.range.start.character &&
        e.range.end.line === e.range.start.line &&
        e.range.end.character === e.range.start.character &&
        edit.range.end.line === edit.range.start.line &&
        edit.range.end.character === edit.range.start.character,
    );
    if (same) same.newText += edit.newText;
    else result.push({ ...edit });
  }
  return result;
}
