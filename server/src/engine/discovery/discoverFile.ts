// Static discovery of one test module: classes, functions and parametrize cases with pytest's
// node ids, in source order. Used for a whole tree (discover.ts) and for one file on edit.

import * as path from 'node:path';
import type { Node as SyntaxNode, Parser } from 'web-tree-sitter';
import type { CollectionConfig } from '../config/collection';
import { isTestClassName, isTestFunctionName } from '../config/collection';
import { isFixtureDecorator, markersFromValue, readDecorators } from '../model/decorators';
import { dottedName } from '../model/syntax';
import { Position, Range, rangeOf } from '../text/positions';
import { skeletonOf } from './skeleton';
import { combineSetIds, parameterSetIds } from './nodeIds';
import { readParametrization } from './parametrize';
import { Scope, scopeOf } from './scope';
import type { DiscoveredItem, DiscoveredModule } from './types';
import { FixtureMap, fixtureSetIds, readFixtures } from './fixtureParams';

export interface FileDiscoveryOptions {
  /** pytest's rootdir: node ids are relative to it. */
  rootdir: string;
  collection: CollectionConfig;
  /** Fixtures of the conftest.py files above this file, outermost first (for fixture params). */
  conftestFixtures?: FixtureMap[];
}

/** A marker applied by a decorator or `pytestmark`, with its call arguments when it has them. */
interface Mark {
  name: string;
  args?: SyntaxNode;
}

const NOT_TAGS = new Set(['parametrize', 'usefixtures', 'filterwarnings']);

/** pytest's node id path of a file: relative to rootdir, with `/`. */
export function nodeIdPath(rootdir: string, file: string): string {
  return path.relative(rootdir, file).split(path.sep).join('/');
}

/** Discovers the tests of one file's text. The parser is the caller's; the tree is freed here. */
export function discoverSource(parser: Parser, file: string, text: string, options: FileDiscoveryOptions): DiscoveredModule {
  const skeleton = skeletonOf(text);
  let tree = parser.parse(skeleton.text);
  let bodyEnds = skeleton.bodyEnds;
  if (!tree || tree.rootNode.hasError) {
    // The skeleton is only a shortcut: on any syntax error, parse the real text.
    tree?.delete();
    tree = parser.parse(text);
    bodyEnds = new Map();
  }
  if (!tree) throw new Error(`tree-sitter could not parse ${file}`);
  try {
    return discoverTree(tree.rootNode, file, options, bodyEnds);
  } finally {
    tree.delete();
  }
}

export function discoverTree(root: SyntaxNode, file: string, options: FileDiscoveryOptions, bodyEnds = new Map<number, Position>()): DiscoveredModule {
  const nodeid = nodeIdPath(options.rootdir, file);
  const scope = scopeOf(root);
  const moduleMarks = pytestmarkOf(root);
  const module: DiscoveredModule = {
    kind: 'module',
    nodeid,
    name: path.basename(file),
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    tags: tagsOf(moduleMarks),
    children: [],
    hasSyntaxErrors: root.hasError,
  };
  const classes = new Map<string, SyntaxNode>();
  const fixtures = [...(options.conftestFixtures ?? []), readFixtures(root, scope)];
  const context: Context = { file, options, scope, classes, moduleMarks, bodyEnds };
  for (const { name, statement, definition } of definitionsOf(root)) {
    if (definition.type === 'class_definition') {
      classes.set(name, statement);
      if (isTestClassName(name, options.collection)) {
        const item = discoverClass(statement, definition, nodeid, [], context, fixtures);
        if (item) module.children.push(item);
      }
    } else if (isTestFunctionName(name, options.collection) && !isFixture(statement)) {
      module.children.push(discoverFunction(statement, definition, nodeid, [], context, scope, fixtures));
    }
  }
  return module;
}

interface Context {
  file: string;
  options: FileDiscoveryOptions;
  scope: Scope;
  /** Module-level classes seen so far by name (for same-file base classes). */
  classes: Map<string, SyntaxNode>;
  moduleMarks: Mark[];
  /** Real ends of the function bodies the skeleton blanked, by the row of their `pass`. */
  bodyEnds: Map<number, Position>;
}

/** The node's range in the real text (its end may lie in a blanked body). */
function realRange(node: SyntaxNode, context: Context): Range {
  const range = rangeOf(node);
  const end = context.bodyEnds.get(range.end.line);
  return end ? { start: range.start, end } : range;
}

interface Definition {
  name: string;
  statement: SyntaxNode;
  definition: SyntaxNode;
}

/**
 * Functions and classes of a body in pytest's order: a name keeps the position of its first
 * definition and the content of its last (pytest walks the namespace dict).
 */
function definitionsOf(body: SyntaxNode): Definition[] {
  const byName = new Map<string, { first: number; definition: Definition }>();
  for (const statement of body.namedChildren) {
    if (!statement) continue;
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'function_definition' && definition?.type !== 'class_definition') continue;
    const name = definition.childForFieldName('name')?.text;
    if (!name) continue;
    const first = byName.get(name)?.first ?? statement.startIndex;
    byName.set(name, { first, definition: { name, statement, definition } });
  }
  return [...byName.values()].sort((a, b) => a.first - b.first).map((entry) => entry.definition);
}

function isFixture(statement: SyntaxNode): boolean {
  return readDecorators(statement).some((d) => isFixtureDecorator(d.callee));
}

function decoratorMarks(statement: SyntaxNode): Mark[] {
  // pytest stores decorator marks bottom-up: the decorator nearest the `def` comes first.
  const marks: Mark[] = [];
  for (const d of readDecorators(statement)) {
    const name = /^(?:pytest\.)?mark\.(\w+)$/.exec(d.callee)?.[1];
    if (name) marks.push({ name, args: d.args });
  }
  return marks.reverse();
}

function pytestmarkOf(body: SyntaxNode): Mark[] {
  const marks: Mark[] = [];
  for (const statement of body.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== 'pytestmark') continue;
    const value = assignment.childForFieldName('right');
    if (value) marks.splice(0, marks.length, ...markersFromValue(value).map((m) => ({ name: m.name, args: m.args })));
  }
  return marks;
}

function hasFalseTestFlag(body: SyntaxNode | null): boolean {
  for (const statement of body?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === '__test__') {
      return assignment.childForFieldName('right')?.type === 'false';
    }
  }
  return false;
}

function tagsOf(marks: Mark[]): string[] {
  return [...new Set(marks.map((m) => m.name).filter((name) => !NOT_TAGS.has(name)))];
}

function discoverClass(
  statement: SyntaxNode,
  definition: SyntaxNode,
  parentId: string,
  outerMarks: Mark[],
  context: Context,
  outerFixtures: FixtureMap[],
): DiscoveredItem | undefined {
  const body = definition.childForFieldName('body');
  const name = definition.childForFieldName('name')!.text;
  if (!body || hasFalseTestFlag(body)) return undefined;
  const own = definitionsOf(body);
  // pytest refuses (with a warning) classes that define __init__ or __new__.
  if (own.some((d) => d.name === '__init__' || d.name === '__new__')) return undefined;
  const nodeid = `${parentId}::${name}`;
  // Class marks: `pytestmark` in the body, then the decorators; the enclosing classes' after.
  const marks = [...pytestmarkOf(body), ...decoratorMarks(statement), ...outerMarks];
  // A class body sees its own names and the module's (not an enclosing class's).
  const scope = scopeOf(body, context.scope);
  const fixtures = [...outerFixtures, readFixtures(body, scope)];
  const item: DiscoveredItem = {
    kind: 'class',
    nodeid,
    name,
    file: context.file,
    range: realRange(definition, context),
    tags: tagsOf([...marks, ...context.moduleMarks]),
    children: [],
  };
  for (const { name: memberName, statement: member, definition: memberDef } of withInherited(definition, own, context)) {
    if (memberDef.type === 'class_definition') {
      if (!isTestClassName(memberName, context.options.collection)) continue;
      const nested = discoverClass(member, memberDef, nodeid, marks, context, fixtures);
      if (nested) item.children.push(nested);
    } else if (isTestFunctionName(memberName, context.options.collection) && !isFixture(member)) {
      item.children.push(discoverFunction(member, memberDef, nodeid, marks, context, scope, fixtures));
    }
  }
  return item;
}

/** Members of a class and of its same-file base classes: inherited ones first (reverse MRO). */
function withInherited(definition: SyntaxNode, own: Definition[], context: Context): Definition[] {
  const bases = (definition.childForFieldName('superclasses')?.namedChildren ?? [])
    .map((b) => (b ? dottedName(b) : undefined))
    .filter((b): b is string => !!b && context.classes.has(b));
  if (bases.length === 0) return own;
  const seen = new Set(own.map((d) => d.name));
  const inherited: Definition[] = [];
  for (const base of [...bases].reverse()) {
    const baseStatement = context.classes.get(base)!;
    const baseDef = baseStatement.type === 'decorated_definition' ? baseStatement.childForFieldName('definition')! : baseStatement;
    const baseBody = baseDef.childForFieldName('body');
    if (!baseBody) continue;
    for (const member of withInherited(baseDef, definitionsOf(baseBody), context)) {
      if (seen.has(member.name)) continue;
      seen.add(member.name);
      inherited.push(member);
    }
  }
  return [...inherited, ...own];
}

function discoverFunction(
  statement: SyntaxNode,
  definition: SyntaxNode,
  parentId: string,
  classMarks: Mark[],
  context: Context,
  scope: Scope,
  fixtures: FixtureMap[],
): DiscoveredItem {
  const name = definition.childForFieldName('name')!.text;
  const nodeid = `${parentId}::${name}`;
  const marks = [...decoratorMarks(statement), ...classMarks, ...context.moduleMarks];
  const item: DiscoveredItem = {
    kind: 'function',
    nodeid,
    name,
    file: context.file,
    range: realRange(definition, context),
    tags: tagsOf(marks),
    children: [],
  };
  const direct = marks.filter((m) => m.name === 'parametrize').map((m) => readParametrization(m.args, scope));
  const parametrized = new Set(direct.flatMap((p) => p.argnames));
  const fromFixtures = fixtureSetIds(fixtures, parameterNames(definition), parametrized);
  const cases = fromFixtures ? combineSetIds([...fromFixtures, ...direct.map(parameterSetIds)]) : undefined;
  if (!cases) {
    item.dynamic = true; // pytest computes the cases; a cargo collection reports them
    return item;
  }
  if (cases.length === 1 && cases[0].id === undefined) return item; // not parametrized, or every set hidden
  for (const c of cases) {
    item.children.push({
      kind: 'case',
      nodeid: `${nodeid}[${c.id ?? ''}]`,
      name: c.id ?? name,
      file: context.file,
      range: c.node ? rangeOf(c.node) : item.range,
      tags: [...new Set([...item.tags, ...c.marks.filter((m) => !NOT_TAGS.has(m))])],
      children: [],
      exact: c.exact,
    });
  }
  return item;
}

function parameterNames(definition: SyntaxNode): string[] {
  const names: string[] = [];
  for (const p of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'identifier') names.push(p.text);
    else if (p.type === 'typed_parameter') {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      if (id) names.push(id.text);
    }
    // Parameters with defaults are not fixtures for pytest.
  }
  return names;
}
