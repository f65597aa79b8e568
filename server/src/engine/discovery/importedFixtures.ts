// Fixtures a module brings in without defining them: pytest registers every fixture among a
// module's attributes, so `from .fixtures import db` and `from .fixtures import *` make them the
// module's own, and the modules a conftest.py's `pytest_plugins` names add theirs. Their params
// multiply the tests that request them, as a fixture defined in place does. Only modules found
// next to the project's files (as imports are followed for base classes) whose text declares a
// fixture are parsed.

import * as fs from 'node:fs';
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { stringValue } from '../model/syntax';
import { FixtureMap, readFixtures } from './fixtureParams';
import type { ModuleInfo, ModuleLoader } from './moduleClasses';

interface FixtureImport {
  level: number;
  dotted: string;
  /** The names imported (original names), or every public one. */
  names: string[] | '*';
}

const DECLARES_FIXTURE = /@\s*(?:pytest\s*\.\s*)?fixture\b/;

/** The parameter names of the functions of a module and of its classes: what its tests and fixtures request. */
export function parameterNamesIn(root: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const visit = (body: SyntaxNode): void => {
    for (const statement of body.namedChildren) {
      const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (definition?.type === 'function_definition') {
        for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
          const name = parameter?.type === 'identifier' ? parameter : parameter?.namedChildren.find((c) => c?.type === 'identifier');
          if (name) names.add(name.text);
        }
      } else if (definition?.type === 'class_definition') {
        const classBody = definition.childForFieldName('body');
        if (classBody) visit(classBody);
      }
    }
  };
  visit(root);
  return names;
}

/**
 * The fixtures a module's imports and `pytest_plugins` bring in (empty for most modules).
 * `requested`: in a test module, a name imported by name matters only when a function there
 * requests it (a conftest.py re-exports what it imports, so it passes none).
 */
export function importedFixtures(module: ModuleInfo, loader: ModuleLoader, requested?: () => ReadonlySet<string>): FixtureMap {
  const found: FixtureMap = new Map();
  for (const wanted of fixtureImports(module, requested)) {
    const source = loader.locate(module.file, wanted.level, wanted.dotted);
    if (!source || !declaresFixtures(source)) continue;
    const other = loader.load(source);
    if (!other?.root) continue;
    for (const [name, fixture] of readFixtures(other.root, other.scope)) {
      if (wanted.names === '*' ? !name.startsWith('_') : wanted.names.includes(name)) found.set(name, fixture);
    }
  }
  return found;
}

/** Per imported module, the names wanted from it: those imported by name (and requested), or all. */
function fixtureImports(module: ModuleInfo, requested: (() => ReadonlySet<string>) | undefined): FixtureImport[] {
  const imports = new Map<string, FixtureImport>();
  const want = (level: number, dotted: string, names: string[] | '*'): void => {
    const key = `${level}\0${dotted}`;
    const known = imports.get(key);
    if (!known) imports.set(key, { level, dotted, names });
    else if (known.names !== '*') known.names = names === '*' ? '*' : [...known.names, ...names];
  };
  let names: ReadonlySet<string> | undefined;
  for (const [local, imported] of module.imports) {
    if (requested && !(names ??= requested()).has(local)) continue;
    want(imported.level, imported.dotted, [imported.name]);
  }
  for (const star of module.starImports) want(star.level, star.dotted, '*');
  // `pytest_plugins = ["pkg.fixtures", ...]`: each module's fixtures, as if defined here.
  for (const statement of module.root?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== 'pytest_plugins') continue;
    const value = assignment.childForFieldName('right');
    const items = value?.type === 'list' || value?.type === 'tuple' ? value.namedChildren : [value];
    for (const item of items) {
      const dotted = item ? stringValue(item) : undefined;
      if (dotted) want(0, dotted, '*');
    }
  }
  return [...imports.values()];
}

const declaring = new Map<string, { mtimeMs: number; declares: boolean }>();

/** Whether a file's text declares a fixture: most imported modules (the code under test) do not. */
function declaresFixtures(file: string): boolean {
  try {
    const { mtimeMs } = fs.statSync(file);
    const known = declaring.get(file);
    if (known?.mtimeMs === mtimeMs) return known.declares;
    const declares = DECLARES_FIXTURE.test(fs.readFileSync(file, 'utf8'));
    declaring.set(file, { mtimeMs, declares });
    return declares;
  } catch {
    return false;
  }
}
