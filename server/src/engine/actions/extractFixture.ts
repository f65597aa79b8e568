import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../model/buildModel';
import type { PytestFile, TestFunction } from '../model/types';
import type { Range, TextEdit } from '../text/positions';
import { rangeOf } from '../text/positions';
import { importEditForText } from './imports';
import { docstringStatement } from './literals';
import { testAt } from './parametrizeTest';
import { identifiersIn } from './rewriteTest';
import { detectStyle, reindent } from './style';

interface Setup {
  test: TestFunction;
  statements: SyntaxNode[];
  /** The one variable the setup builds and the rest of the test uses: the fixture's name. */
  variable: string;
}

function bodyStatements(test: TestFunction): SyntaxNode[] {
  const docstring = docstringStatement(test.body);
  return test.body.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment' && c.id !== docstring?.id);
}

function assignedNames(statements: SyntaxNode[]): string[] {
  const names: string[] = [];
  for (const s of statements) {
    const assignment = s.type === 'expression_statement' ? s.namedChild(0) : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    if (left?.type === 'identifier') names.push(left.text);
  }
  return names;
}

/** Normalized source of a statement run, to find the same setup in other tests. */
function setupKey(statements: SyntaxNode[]): string {
  return statements.map((s) => s.text.replace(/\s+/g, ' ')).join('\n');
}

/** The selected setup: whole statements of one test body, building exactly one variable used later. */
export function selectedSetup(file: PytestFile, range: Range): Setup | undefined {
  const test = testAt(file, range);
  if (!test) return undefined;
  const statements = bodyStatements(test);
  const selected = statements.filter((s) => s.startPosition.row >= range.start.line && s.endPosition.row <= range.end.line);
  if (selected.length === 0 || selected.length === statements.length) return undefined;
  const first = statements.indexOf(selected[0]);
  if (statements.slice(first, first + selected.length).some((s, i) => s !== selected[i])) return undefined;
  // The setup may only use the test's parameters and globals, not locals assigned before it.
  const earlier = new Set(assignedNames(statements.slice(0, first)));
  if (selected.flatMap(identifiersIn).some((n) => earlier.has(n))) return undefined;
  const rest = statements.slice(first + selected.length);
  const used = new Set(rest.flatMap(identifiersIn));
  const candidates = [...new Set(assignedNames(selected))].filter((n) => used.has(n));
  if (candidates.length !== 1) return undefined;
  const variable = candidates[0];
  const taken = new Set([...file.moduleFunctions.keys(), ...file.fixtures.map((f) => f.fixtureName), ...test.params.map((p) => p.name)]);
  if (taken.has(variable)) return undefined;
  return { test, statements: selected, variable };
}

/**
 * Moves the selected setup lines into a fixture named after the variable they build, requests it
 * instead, and does the same in every other test of the file that repeats the same setup.
 */
export function extractFixture(text: string, file: PytestFile, range: Range): TextEdit[] | undefined {
  const setup = selectedSetup(file, range);
  if (!setup) return undefined;
  const style = detectStyle(text);
  const lines = text.split(/\r?\n/);
  const key = setupKey(setup.statements);
  const usesIn = new Set(setup.statements.flatMap(identifiersIn));
  const fixtureParams = setup.test.params.filter((p) => usesIn.has(p.name) && !(setup.test.className && p === setup.test.params[0]));
  const i = style.indent;
  const setupLines = reindent(lines.slice(setup.statements[0].startPosition.row, setup.statements[setup.statements.length - 1].endPosition.row + 1), i);
  const fixture = [
    '@pytest.fixture',
    `def ${setup.variable}(${fixtureParams.map((p) => p.node.text).join(', ')}):`,
    `${i}${style.docstringQuote}Build \`${setup.variable}\` for the tests that request it.${style.docstringQuote}`,
    ...setupLines,
    `${i}return ${setup.variable}`,
    '',
    '',
    '',
  ].join(style.eol);

  const edits: TextEdit[] = [];
  const affected: TestFunction[] = [];
  for (const test of allTests(file)) {
    if (test.className !== setup.test.className) continue;
    const statements = bodyStatements(test);
    for (let start = 0; start + setup.statements.length <= statements.length; start++) {
      const run = statements.slice(start, start + setup.statements.length);
      if (setupKey(run) !== key || start + run.length === statements.length) continue;
      affected.push(test);
      edits.push({ range: { start: { line: run[0].startPosition.row, character: 0 }, end: { line: run[run.length - 1].endPosition.row + 1, character: 0 } }, newText: '' });
      const parameters = test.node.childForFieldName('parameters')!;
      const last = parameters.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment').pop();
      const at = last ? rangeOf(last).end : { line: rangeOf(parameters).start.line, character: rangeOf(parameters).start.character + 1 };
      edits.push({ range: { start: at, end: at }, newText: `${last ? ', ' : ''}${setup.variable}` });
      break;
    }
  }
  // Module-level tests: the fixture goes above the first affected test; methods: above their class.
  const firstTest = affected.sort((a, b) => a.outer.startIndex - b.outer.startIndex)[0];
  const topLevel = file.root.namedChildren.find((c) => c !== null && c.startIndex <= firstTest.outer.startIndex && firstTest.outer.endIndex <= c.endIndex)!;
  const at = { line: topLevel.startPosition.row, character: 0 };
  edits.push({ range: { start: at, end: at }, newText: fixture });
  const importEdit = importEditForText(text, 'pytest', style.eol);
  if (importEdit) {
    if (importEdit.range.start.line === at.line) edits[edits.length - 1].newText = importEdit.newText + fixture;
    else edits.push(importEdit);
  }
  return edits;
}
