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
import type { ModuleLoader } from './moduleClasses';

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
 * The fixtures `root`'s imports and `pytest_plugins` bring in (empty for most modules).
 * `requested`: in a test module, a name imported by name matters only when a function there
 * requests it (a conftest.py re-exports what it imports, so it passes none).
 */
export function importedFixtures(root: SyntaxNode, file: string, loader: ModuleLoader, requested?: () => ReadonlySet<string>): FixtureMap {
  const found: FixtureMap = new Map();
  let names: ReadonlySet<string> | undefined;
  for (const wanted of fixtureImports(root)) {
    if (requested && wanted.names !== '*') {
      names ??= requested();
      wanted.names = wanted.names.filter((name) => names!.has(name));
    }
    if (wanted.names.length === 0) continue;
    const source = loader.locate(file, wanted.level, wanted.dotted);
    if (!source || !declaresFixtures(source)) continue;
    const module = loader.load(source);
    if (!module?.root) continue;
    for (const [name, fixture] of readFixtures(module.root, module.scope)) {
      if (wanted.names === '*' ? !name.startsWith('_') : wanted.names.includes(name)) found.set(name, fixture);
    }
  }
  return found;
}

function fixtureImports(root: SyntaxNode): FixtureImport[] {
  const imports: FixtureImport[] = [];
  for (const statement of root.namedChildren) {
    if (statement?.type === 'import_from_statement') {
      const moduleNode = statement.childForFieldName('module_name');
      const moduleName = moduleNode?.text ?? '';
      const level = /^\.*/.exec(moduleName)![0].length;
      const names: string[] = [];
      let star = false;
      for (const child of statement.namedChildren) {
        if (!child || child.startIndex === moduleNode?.startIndex) continue;
        if (child.type === 'wildcard_import') star = true;
        else if (child.type === 'dotted_name') names.push(child.text);
        else if (child.type === 'aliased_import') names.push(child.childForFieldName('name')?.text ?? '');
      }
      imports.push({ level, dotted: moduleName.slice(level), names: star ? '*' : names });
    } else if (statement?.type === 'expression_statement') {
      // `pytest_plugins = ["pkg.fixtures", ...]`: each module's fixtures, as if defined here.
      const assignment = statement.namedChild(0);
      if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== 'pytest_plugins') continue;
      const value = assignment.childForFieldName('right');
      const items = value?.type === 'list' || value?.type === 'tuple' ? value.namedChildren : [value];
      for (const item of items) {
        const dotted = item ? stringValue(item) : undefined;
        if (dotted) imports.push({ level: 0, dotted, names: '*' });
      }
    }
  }
  return imports;
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
