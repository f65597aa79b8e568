// pytest's `--doctest-modules`: every .py file under the collection paths (__main__.py and a setup.py
// that uses setuptools or distutils aside) is also a DoctestModule, whose items are the docstrings that hold examples (`>>>` at the
// start of a line): the module's own, its classes' (nested ones too), functions', methods' and
// properties', and string entries of a module-level `__test__` dict. Each is named
// `<module>.<qualified name>` and they come sorted by name, as doctest's DocTestFinder returns them.
// Text files matching `--doctest-glob` (`test*.txt` unless given) are one doctest each, always.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node as SyntaxNode, Parser } from 'web-tree-sitter';
import { matchesPathPattern } from '../config/fnmatch';
import type { DoctestCollection } from '../config/runArguments';
import { docstringOf, stringValue } from '../model/syntax';
import type { DiscoveredItem } from './types';

const EXAMPLE = /^ *>>>/m;

/**
 * How pytest's doctest plugin collects `file`: a .py file as a DoctestModule (with
 * `--doctest-modules`), a text file matching a `--doctest-glob` pattern (`test*.txt` by default)
 * as a DoctestTextfile whose one item is the whole file.
 */
export function doctestKind(file: string, doctests: DoctestCollection): 'module' | 'text' | undefined {
  if (file.endsWith('.py')) return doctests.modules && isDoctestCandidate(file) ? 'module' : undefined;
  return doctests.globs.some((glob) => matchesPathPattern(file, glob)) ? 'text' : undefined;
}

/** The item of a doctest text file: the file itself, when it holds examples. */
export function doctestTextItems(file: string, text: string, fileNodeId: string): DiscoveredItem[] {
  if (!hasExamples(text)) return [];
  const name = path.basename(file);
  return [{ kind: 'function', nodeid: `${fileNodeId}::${name}`, name, file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, tags: [], children: [] }];
}

/** Whether pytest gives `file` a DoctestModule (with `--doctest-modules`): not `__main__.py`, nor a setuptools/distutils setup.py. */
function isDoctestCandidate(file: string): boolean {
  const base = path.basename(file);
  if (!base.endsWith('.py') || base === '__main__.py') return false;
  if (base !== 'setup.py') return true;
  try {
    return !/setuptools|distutils/.test(fs.readFileSync(file, 'latin1'));
  } catch {
    return false;
  }
}

/** The doctest items of a module (`fileNodeId`: its node id), sorted as pytest lists them. */
export function doctestItems(parser: Parser, file: string, source: string, fileNodeId: string): DiscoveredItem[] {
  if (!source.includes('>>>')) return [];
  const tree = parser.parse(source);
  if (!tree) return [];
  try {
    const found: { name: string; line: number }[] = [];
    const moduleName = importedModuleName(file);
    visitBody(tree.rootNode, moduleName, 0, found, true);
    found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return found.map(({ name, line }) => ({
      kind: 'function',
      nodeid: `${fileNodeId}::${name}`,
      name,
      file,
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      tags: [],
      children: [],
    }));
  } finally {
    tree.delete();
  }
}

/** A body's docstring and the definitions in it (a module's, or a class's). */
function visitBody(body: SyntaxNode, qualified: string, line: number, found: { name: string; line: number }[], isModule: boolean): void {
  if (hasExamples(docstringOf(body))) found.push({ name: qualified, line });
  for (const statement of definitionsIn(body)) {
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    const name = definition?.childForFieldName('name')?.text;
    const inner = definition?.childForFieldName('body');
    if (!definition || !name || !inner) continue;
    const at = definition.startPosition.row;
    if (definition.type === 'class_definition') visitBody(inner, `${qualified}.${name}`, at, found, false);
    else if (hasExamples(docstringOf(inner))) found.push({ name: `${qualified}.${name}`, line: at });
  }
  if (isModule) testDictEntries(body, qualified, found);
}

/** Definitions of a body, also those under `if`/`try` blocks (they are in the namespace when that code ran). */
function* definitionsIn(body: SyntaxNode): Generator<SyntaxNode> {
  for (const statement of body.namedChildren) {
    if (!statement) continue;
    if (statement.type === 'function_definition' || statement.type === 'class_definition' || statement.type === 'decorated_definition') yield statement;
    else if (statement.type === 'if_statement' || statement.type === 'try_statement') {
      for (const block of statement.namedChildren) {
        const inner = block?.type === 'block' ? block : block?.namedChildren.find((c) => c?.type === 'block');
        if (inner) yield* definitionsIn(inner);
      }
    }
  }
}

/** `__test__ = {"name": ">>> …"}` at module level: `<module>.__test__.name`. */
function testDictEntries(body: SyntaxNode, qualified: string, found: { name: string; line: number }[]): void {
  for (const statement of body.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== '__test__') continue;
    const dict = assignment.childForFieldName('right');
    if (dict?.type !== 'dictionary') continue;
    for (const pair of dict.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = stringValue(pair.childForFieldName('key'));
      if (key !== undefined && hasExamples(stringValue(pair.childForFieldName('value')))) found.push({ name: `${qualified}.__test__.${key}`, line: pair.startPosition.row });
    }
  }
}

function hasExamples(docstring: string | undefined): boolean {
  return docstring !== undefined && EXAMPLE.test(docstring.replace(/\t/g, '        '));
}

/**
 * The module name pytest imports a file as (import mode `prepend`): dotted from the outermost folder
 * of its chain of packages (folders with an `__init__.py`), else the file's own name.
 */
export function importedModuleName(file: string): string {
  const names = [path.basename(file, '.py')];
  for (let dir = path.dirname(file); fs.existsSync(path.join(dir, '__init__.py')); dir = path.dirname(dir)) {
    names.unshift(path.basename(dir));
    if (path.dirname(dir) === dir) break;
  }
  if (names.length > 1 && names[names.length - 1] === '__init__') names.pop();
  return names.join('.');
}
