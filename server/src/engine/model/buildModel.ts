import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CollectionConfig } from '../config/collection';
import { DEFAULT_COLLECTION, fileKind, isTestClassName, isTestFunctionName } from '../config/collection';
import { rangeOf } from '../text/positions';
import {
  isFixtureDecorator,
  markersFromDecorators,
  markersFromValue,
  readDecorators,
  readParametrize,
} from './decorators';
import { callArguments, docstringOf, dottedName, literalBool, notNull, stringValue, walkScope } from './syntax';
import type {
  Decorated,
  Fixture,
  FixtureScope,
  ImportedName,
  Marker,
  Parameter,
  PytestFile,
  TestClass,
  TestFunction,
} from './types';

const SCOPES = new Set<FixtureScope>(['function', 'class', 'module', 'package', 'session']);

/** Builds the pytest model of a parsed file, following pytest's collection rules from `config`. */
export function buildModel(filePath: string, root: SyntaxNode, config: CollectionConfig = DEFAULT_COLLECTION): PytestFile {
  const file: PytestFile = {
    path: filePath,
    kind: fileKind(filePath, config),
    root,
    tests: [],
    classes: [],
    fixtures: [],
    markers: [],
    imports: [],
    pytestPlugins: [],
    moduleFunctions: new Map(),
    hasSyntaxErrors: root.hasError,
  };
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const definition = unwrap(statement);
    if (definition.type === 'function_definition') {
      const fn = readFunction(statement, definition);
      file.moduleFunctions.set(fn.name, definition);
      const fixture = asFixture(fn);
      if (fixture) file.fixtures.push(fixture);
      else if (isTestFunctionName(fn.name, config)) file.tests.push(asTest(fn));
    } else if (definition.type === 'class_definition') {
      const cls = readClass(statement, definition, config);
      file.fixtures.push(...allFixtures(cls));
      if (cls.collected) file.classes.push(cls);
    } else if (statement.type === 'expression_statement') {
      readModuleAssignment(statement, file);
    }
  }
  // Imports anywhere (module level, in functions, under `if`) bind names rules care about (`import pdb`).
  for (const statement of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (statement) file.imports.push(...readImports(statement));
  }
  return file;
}

function allFixtures(cls: TestClass): Fixture[] {
  return [...cls.fixtures, ...cls.classes.flatMap(allFixtures)];
}

function unwrap(statement: SyntaxNode): SyntaxNode {
  return statement.type === 'decorated_definition' ? statement.childForFieldName('definition') ?? statement : statement;
}

function readFunction(outer: SyntaxNode, node: SyntaxNode, className?: string): Decorated {
  const nameNode = node.childForFieldName('name')!;
  const body = node.childForFieldName('body')!;
  return {
    node,
    outer,
    name: nameNode.text,
    nameRange: rangeOf(nameNode),
    isAsync: node.children.some((c) => c?.type === 'async'),
    params: readParameters(node.childForFieldName('parameters')),
    decorators: readDecorators(outer),
    body,
    docstring: docstringOf(body),
    className,
  };
}

function readParameters(parameters: SyntaxNode | null): Parameter[] {
  const result: Parameter[] = [];
  for (const p of parameters?.namedChildren ?? []) {
    if (!p) continue;
    const variadic = p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern';
    const nameNode =
      p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    if (!nameNode || p.type === 'keyword_separator' || p.type === 'positional_separator') continue;
    result.push({
      name: nameNode.text,
      range: rangeOf(nameNode),
      hasDefault: p.type === 'default_parameter' || p.type === 'typed_default_parameter',
      hasType: p.type === 'typed_parameter' || p.type === 'typed_default_parameter',
      variadic,
      node: p,
    });
  }
  return result;
}

function asTest(fn: Decorated): TestFunction {
  const markers = markersFromDecorators(fn.decorators);
  return {
    ...fn,
    markers,
    parametrize: fn.decorators.filter((d) => /^(?:pytest\.)?mark\.parametrize$/.test(d.callee)).map(readParametrize),
  };
}

function asFixture(fn: Decorated): Fixture | undefined {
  const decorator = fn.decorators.find((d) => isFixtureDecorator(d.callee));
  if (!decorator) return undefined;
  const { positional, keywords } = callArguments(decorator.args);
  const scopeNode = keywords.get('scope') ?? (positional[0]?.type === 'string' ? positional[0] : undefined);
  const scopeText = stringValue(scopeNode);
  let isYield = false;
  walkScope(fn.body, (n) => {
    if (n.type === 'yield') isYield = true;
  });
  return {
    ...fn,
    fixtureName: stringValue(keywords.get('name')) ?? fn.name,
    scope: scopeText && SCOPES.has(scopeText as FixtureScope) ? (scopeText as FixtureScope) : 'function',
    dynamicScope: scopeNode !== undefined && scopeText === undefined,
    autouse: literalBool(keywords.get('autouse')) === true,
    isYield,
    decorator,
    isAsyncioFixture: decorator.callee === 'pytest_asyncio.fixture',
  };
}

function readClass(outer: SyntaxNode, node: SyntaxNode, config: CollectionConfig): TestClass {
  const nameNode = node.childForFieldName('name')!;
  const name = nameNode.text;
  const cls: TestClass = {
    node,
    outer,
    name,
    nameRange: rangeOf(nameNode),
    collected: isTestClassName(name, config),
    hasInit: false,
    markers: markersFromDecorators(readDecorators(outer)),
    tests: [],
    fixtures: [],
    methods: [],
    bases: (node.childForFieldName('superclasses')?.namedChildren ?? []).map((b) => dottedName(b)).filter(notNull),
    classes: [],
  };
  for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!statement) continue;
    const definition = unwrap(statement);
    if (definition.type === 'function_definition') {
      const method = readFunction(statement, definition, name);
      cls.methods.push(method);
      if (method.name === '__init__') cls.hasInit = true;
      const fixture = asFixture(method);
      if (fixture) cls.fixtures.push(fixture);
      else if (isTestFunctionName(method.name, config)) cls.tests.push(asTest(method));
    } else if (definition.type === 'class_definition') {
      const nested = readClass(statement, definition, config);
      if (nested.collected) cls.classes.push(nested);
      else cls.fixtures.push(...allFixtures(nested));
    } else if (statement.type === 'expression_statement') {
      const markers = pytestmarkOf(statement);
      if (markers) cls.markers.push(...markers);
    }
  }
  return cls;
}

function pytestmarkOf(statement: SyntaxNode): Marker[] | undefined {
  const assignment = statement.namedChild(0);
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== 'pytestmark') return undefined;
  const value = assignment.childForFieldName('right');
  return value ? markersFromValue(value) : [];
}

function readModuleAssignment(statement: SyntaxNode, file: PytestFile): void {
  const markers = pytestmarkOf(statement);
  if (markers) {
    file.markers.push(...markers);
    return;
  }
  const assignment = statement.namedChild(0);
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== 'pytest_plugins') return;
  const value = assignment.childForFieldName('right');
  if (!value) return;
  const items = value.type === 'list' || value.type === 'tuple' ? value.namedChildren : [value];
  for (const item of items) {
    const name = stringValue(item);
    if (name) file.pytestPlugins.push(name);
  }
}

function readImports(statement: SyntaxNode): ImportedName[] {
  const result: ImportedName[] = [];
  if (statement.type === 'import_statement') {
    for (const child of statement.namedChildren) {
      if (!child) continue;
      if (child.type === 'dotted_name') result.push({ module: child.text, local: child.text.split('.')[0], node: statement });
      else if (child.type === 'aliased_import') {
        const module = child.childForFieldName('name')?.text ?? '';
        result.push({ module, local: child.childForFieldName('alias')?.text ?? module, node: statement });
      }
    }
    return result;
  }
  const moduleNode = statement.childForFieldName('module_name');
  const module = moduleNode?.text ?? '';
  for (const child of statement.namedChildren) {
    if (!child || child === moduleNode || child.id === moduleNode?.id) continue;
    if (child.type === 'dotted_name') result.push({ module, name: child.text, local: child.text, node: statement });
    else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text ?? '';
      result.push({ module, name, local: child.childForFieldName('alias')?.text ?? name, node: statement });
    }
  }
  return result;
}

/** Every test in the file, module-level and in (nested) classes, in source order. */
export function allTests(file: PytestFile): TestFunction[] {
  const tests: TestFunction[] = [...file.tests];
  const visit = (cls: TestClass) => {
    tests.push(...cls.tests);
    cls.classes.forEach(visit);
  };
  file.classes.forEach(visit);
  return tests.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** The markers that apply to a test: its own, its classes', and the module's `pytestmark`. */
export function effectiveMarkers(file: PytestFile, test: TestFunction): Marker[] {
  const markers = [...test.markers];
  const visit = (cls: TestClass): boolean => {
    if (cls.tests.includes(test) || cls.classes.some(visit)) {
      markers.push(...cls.markers);
      return true;
    }
    return false;
  };
  file.classes.forEach(visit);
  return [...markers, ...file.markers];
}
