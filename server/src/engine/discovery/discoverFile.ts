// Static discovery of one test module: classes, functions and parametrize cases with pytest's
// node ids, in source order. Used for a whole tree (discover.ts) and for one file on edit.

import * as path from 'node:path';
import type { Node as SyntaxNode, Parser } from 'web-tree-sitter';
import type { CollectionConfig } from '../config/collection';
import { isTestClassName, isTestFunctionName } from '../config/collection';
import { isFixtureDecorator, keepsFunction, markersFromValue, readDecorators } from '../model/decorators';
import { callArguments } from '../model/syntax';
import { Position, Range, rangeOf } from '../text/positions';
import { FunctionSources } from './functionSources';
import { forgetImportTimeMutations } from './importTimeMutations';
import { moduleSkipOf } from './moduleSkips';
import { refusedMarkError } from './refusedMarks';
import { createsTestsAtRunTime } from './runtimeTests';
import { skeletonOf } from './skeleton';
import { combineSetIds, parameterSetIds } from './nodeIds';
import { readParametrization } from './parametrize';
import { evaluate } from './pyValues';
import { ModuleInfo, ModuleLoader, moduleInfo } from './moduleClasses';
import { Scope, scopeOf } from './scope';
import type { DiscoveredItem, DiscoveredModule } from './types';
import { closureNames, FixtureMap, fixtureSetIds, hasParametrizedFixture, isKnownFixture, mayReachParams, readFixtures } from './fixtureParams';
import { CollectionHooks, collectionHooksOf, generatesFor, mergeHooks } from './collectionHooks';
import { importedFixtures, parameterNamesIn } from './importedFixtures';
import { isPropertyMethod, uncollectedReason } from './uncollectedClasses';
import { generatorTestProblem, isGeneratorTest, mayDefineGenerators } from './generatorTests';
import { BUILTIN_FIXTURES, parametrizeProblem } from './parametrizeProblems';
import { cachedFacts } from './sourceFacts';
import { classKind, isTestCaseBase, unittestMethodNames } from './unittestClasses';
import { parsePythonSource } from '../parse/dedentedComments';

export interface FileDiscoveryOptions {
  /** A conftest.py above the file pytest cannot import: what the module's item says (its tests stay listed). */
  conftestProblem?: string;
  /** The ini's `strict_parametrization_ids` (falling back to `strict`): duplicate case ids fail collection. */
  strictParametrizationIds?: boolean;
  /** Under strict markers, the markers pytest knows here (undefined: not strict, or not known): any other fails the module. */
  registeredMarkers?: ReadonlySet<string>;
  /** pytest's rootdir: node ids are relative to it. */
  rootdir: string;
  collection: CollectionConfig;
  /** Fixtures of the conftest.py files above this file, outermost first (for fixture params). */
  conftestFixtures?: FixtureMap[];
  /** The ini option `usefixtures`: fixtures every test requests, before autouse ones and its own. */
  usefixtures?: readonly string[];
  /** pytest's `collect_imported_tests` (default true): imported test classes are collected too. */
  collectImportedTests?: boolean;
  /** Hooks of the conftest.py files above this file that change cases (the module's own are added). */
  collectionHooks?: CollectionHooks;
}

/** A marker applied by a decorator or `pytestmark`, with its call arguments when it has them. */
interface Mark {
  name: string;
  args?: SyntaxNode;
  /** Where its arguments are evaluated when not where the test is: a base class's module. */
  scope?: Scope;
}

const NOT_TAGS = new Set(['parametrize', 'usefixtures', 'filterwarnings']);

/** pytest's node id path of a file: relative to rootdir, with `/`. */
export function nodeIdPath(rootdir: string, file: string): string {
  return path.relative(rootdir, file).split(path.sep).join('/');
}

/** Discovers the tests of one file's text. The parser is the caller's; the tree is freed here. */
export function discoverSource(parser: Parser, file: string, text: string, options: FileDiscoveryOptions, sharedLoader?: ModuleLoader): DiscoveredModule {
  const skeleton = skeletonOf(text);
  let tree = parsePythonSource(parser, skeleton.text);
  let bodyEnds = skeleton.bodyEnds;
  if (!tree || tree.rootNode.hasError) {
    // The skeleton is only a shortcut: on any syntax error, parse the real text.
    tree?.delete();
    tree = parsePythonSource(parser, text);
    bodyEnds = new Map();
  }
  if (!tree) throw new Error(`tree-sitter could not parse ${file}`);
  // Imported base classes: a walk over many files shares one loader (the caller disposes it).
  const loader = sharedLoader ?? new ModuleLoader(parser);
  // Helpers the decorators call are parsed whole, on demand, from the real text.
  const sources = new FunctionSources(parser, text, bodyEnds);
  try {
    const collectionHooks = mergeHooks(options.collectionHooks, collectionHooksOf(text));
    return discoverTree(tree.rootNode, file, { ...options, collectionHooks }, bodyEnds, loader, sources);
  } finally {
    if (!sharedLoader) loader.dispose();
    sources.dispose();
    tree.delete();
  }
}

export function discoverTree(
  root: SyntaxNode,
  file: string,
  options: FileDiscoveryOptions,
  bodyEnds = new Map<number, Position>(),
  loader?: ModuleLoader,
  sources?: FunctionSources,
): DiscoveredModule {
  const nodeid = nodeIdPath(options.rootdir, file);
  const module = moduleInfo(file, root);
  const scope = module.scope;
  if (loader) scope.external = loader.names.for(file);
  scope.sources = sources ?? (bodyEnds.size === 0 ? FunctionSources.ofWholeTree() : undefined);
  const moduleMarks = pytestmarkOf(root);
  const item: DiscoveredModule = {
    kind: 'module',
    nodeid,
    name: path.basename(file),
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    tags: tagsOf(moduleMarks),
    children: [],
    hasSyntaxErrors: root.hasError,
    // tree-sitter may reject newer syntax pytest accepts: the tests stay listed under the error.
    ...(options.conftestProblem ? { error: options.conftestProblem } : {}),
  };
  // Its own top-level code may skip it on import: then pytest collects none of its tests.
  const skip = options.conftestProblem ? undefined : moduleSkipOf(root, scope);
  if (skip?.kind === 'skipped') return { ...item, skippedOnImport: skip.reason };
  if (skip?.kind === 'error') return { ...item, error: `pytest fails to collect this module: ${skip.message}` };
  const refused = options.conftestProblem ? undefined : refusedMarkError(root);
  if (refused) return { ...item, error: `pytest fails to collect this module: ${refused}` };
  if (skip?.kind === 'maybe') item.mayBeSkippedOnImport = true;
  if (createsTestsAtRunTime(root, scope.sources)) item.runtimeTests = true;
  forgetImportTimeMutations(root, scope, scope.sources);
  // Fixtures it imports (`from .fixtures import *`) count as its own, below those it defines.
  const imported = loader ? importedFixtures(module, loader, () => parameterNamesIn(root)) : undefined;
  const fixtures = [...(options.conftestFixtures ?? []), ...(imported?.size ? [imported] : []), readFixtures(root, scope)];
  const context: Context = { file, options, scope, module, loader, moduleMarks, bodyEnds, mayYield: mayDefineGenerators(scope.sources) };
  for (const { name, statement, definition, module: definedIn, scope: definedScope, conditional } of withImportedClasses(resolvingAliases(definitionsOf(root, options.collection), context), context)) {
    if (definition.type === 'class_definition') {
      if (isTestClassName(name, options.collection) || (definesTestMethods(definition) && classKind(statement, definedIn ?? module, loader).unittest)) {
        const cls = discoverClass(statement, definition, nodeid, [], context, fixtures, name, definedIn);
        if (cls) item.children.push(withCondition(cls, conditional));
      }
    } else if (isTestFunctionName(name, options.collection) && !isFixture(statement)) {
      const test = discoverFunction(statement, definition, nodeid, [], context, definedScope ?? scope, fixtures, definedIn, name);
      // pytest fails the module at its first such test: it collects none of its tests.
      // (Unless a conftest.py above already stops pytest before it reaches this module.)
      if (test.error && !conditional && !options.conftestProblem) return { ...item, children: [], error: `pytest fails to collect this module: ${test.error}` };
      delete test.error;
      item.children.push(withCondition(test, conditional));
    }
  }
  if (options.registeredMarkers) {
    const unregistered = [...marksOf(item)].filter((name) => !options.registeredMarkers!.has(name));
    if (unregistered.length > 0) item.unregisteredMarks = unregistered.sort();
  }
  return item;
}

/** Every mark the module's items carry (their tags: pytest's own ones that are not tags are registered anyway). */
function marksOf(item: DiscoveredItem, into = new Set<string>()): Set<string> {
  item.tags.forEach((tag) => into.add(tag));
  item.children.forEach((child) => marksOf(child, into));
  return into;
}

/**
 * pytest also collects test classes a module imports (`collect_imported_tests`, on by default),
 * under the local name, at the import's place in the module.
 */
function withImportedClasses(own: Definition[], context: Context): Definition[] {
  if (!context.loader || context.options.collectImportedTests === false) return own;
  const imported: (Definition & { at: number })[] = [];
  for (const [local] of context.module.imports) {
    if (own.some((d) => d.name === local)) continue;
    const testName = isTestClassName(local, context.options.collection);
    // Only Test* names and TestCase subclasses are collected: resolve only what could be one.
    if (!testName && !(/^[A-Z]/.test(local) && mayDefineTestCase(context.loader, context.module, local))) continue;
    const resolved = context.loader.resolveClass(context.module, local);
    if (!resolved || resolved.module === context.module) continue;
    if (!testName && !classKind(resolved.statement, resolved.module, context.loader).unittest) continue;
    const definition = resolved.statement.type === 'decorated_definition' ? resolved.statement.childForFieldName('definition')! : resolved.statement;
    imported.push({ name: local, statement: resolved.statement, definition, module: resolved.module, at: -1 });
  }
  return imported.length === 0 ? own : [...imported, ...own];
}

/** A cheap filter before following a helper class's bases: a unittest class worth listing has `test*` methods. */
function definesTestMethods(definition: SyntaxNode): boolean {
  return /\bdef[ \t]+test/.test(definition.text);
}

/** A cheap filter before parsing an imported module: its text must name some TestCase. */
function mayDefineTestCase(loader: ModuleLoader, module: ModuleInfo, local: string): boolean {
  const spec = module.imports.get(local);
  const file = spec ? loader.locate(module.file, spec.level, spec.dotted) : undefined;
  return file !== undefined && (cachedFacts(file)?.text.includes('TestCase') ?? false);
}

interface Context {
  file: string;
  options: FileDiscoveryOptions;
  scope: Scope;
  /** This module's classes and imports (base classes may come from other modules). */
  module: ModuleInfo;
  loader?: ModuleLoader;
  moduleMarks: Mark[];
  /** Real ends of the function bodies the skeleton blanked, by the row of their `pass`. */
  bodyEnds: Map<number, Position>;
  /** The file's text says `yield`: a test may be a generator, which pytest refuses. */
  mayYield: boolean;
}

/** A test of this module that pytest refuses as a generator (one of another module is not read). */
function isGenerator(statement: SyntaxNode, definition: SyntaxNode, definedIn: ModuleInfo | undefined, context: Context): boolean {
  if (!context.mayYield || (definedIn !== undefined && definedIn !== context.module)) return false;
  return isGeneratorTest(statement, definition, context.scope.sources!);
}

/** The node's range in the real text (its end may lie in a blanked body). */
function realRange(node: SyntaxNode, context: Context, definedIn: ModuleInfo): Range {
  const range = rangeOf(node);
  const end = definedIn === context.module ? context.bodyEnds.get(range.end.line) : undefined;
  return end ? { start: range.start, end } : range;
}

interface Definition {
  name: string;
  statement: SyntaxNode;
  definition: SyntaxNode;
  /** Where it is defined (another module for an imported base class): names resolve there. */
  module?: ModuleInfo;
  /** The class body scope its decorators are evaluated in. */
  scope?: Scope;
  /** Defined under an `if`: pytest collects it only when that branch runs on import. */
  conditional?: boolean;
  /** `test_x = Other.test_y`: the aliased expression (`definition` is then the assignment). */
  alias?: SyntaxNode;
}

/**
 * Functions and classes of a body in pytest's order: a name keeps the position of its first
 * definition and the content of its last (pytest walks the namespace dict). Definitions inside
 * `try`/`with` blocks run on import like the body; those under `if` only when their branch runs.
 */
function definitionsOf(body: SyntaxNode, collection?: CollectionConfig): Definition[] {
  const byName = new Map<string, { first: number; definition: Definition }>();
  const place = (name: string, entry: Definition, conditional: boolean, at: number): void => {
    const earlier = byName.get(name);
    // An unconditional definition before or after makes the name certain to exist.
    if (conditional && (!earlier || earlier.definition.conditional)) entry.conditional = true;
    byName.set(name, { first: earlier?.first ?? at, definition: entry });
  };
  const visit = (block: SyntaxNode, conditional: boolean): void => {
    for (const statement of block.namedChildren) {
      if (!statement) continue;
      const type = statement.type; // read once: each read crosses into wasm
      if (type === 'if_statement') {
        for (const branch of liveBranches(statement)) visit(branch, true);
        continue;
      }
      if (type === 'try_statement' || type === 'with_statement') {
        // The normal path: the `try` body, `else` and `finally` (not the `except` fallbacks).
        for (const child of statement.namedChildren) {
          if (child?.type === 'block') visit(child, conditional);
          else if (child?.type === 'else_clause' || child?.type === 'finally_clause') {
            const inner = child.childForFieldName('body') ?? child.namedChildren.find((c) => c?.type === 'block');
            if (inner) visit(inner, conditional);
          }
        }
        continue;
      }
      if (type === 'expression_statement') {
        // `test_x.__test__ = False` after its definition: pytest leaves it out (maybe, under an `if`).
        const disabled = disabledName(statement);
        const earlier = disabled === undefined ? undefined : byName.get(disabled);
        if (earlier) {
          if (conditional) earlier.definition.conditional = true;
          else byName.delete(disabled!);
          continue;
        }
        const alias = collection && testAlias(statement, collection);
        // `test_x = lambda: …` is a function pytest collects under that name.
        if (alias?.value.type === 'lambda') place(alias.name, { name: alias.name, statement, definition: alias.value }, conditional, statement.startIndex);
        else if (alias) place(alias.name, { name: alias.name, statement, definition: alias.assignment, alias: alias.value }, conditional, statement.startIndex);
        continue;
      }
      if (type !== 'decorated_definition' && type !== 'function_definition' && type !== 'class_definition') continue;
      const definition = type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      const definitionType = type === 'decorated_definition' ? definition?.type : type;
      if (definitionType !== 'function_definition' && definitionType !== 'class_definition') continue;
      const name = definition!.childForFieldName('name')?.text;
      if (!name) continue;
      place(name, { name, statement, definition: definition! }, conditional, statement.startIndex);
    }
  };
  visit(body, false);
  return [...byName.values()].sort((a, b) => a.first - b.first).map((entry) => entry.definition);
}

/** The name `name.__test__ = False` (or another false literal) turns off for collection. */
function disabledName(statement: SyntaxNode): string | undefined {
  const assignment = statement.namedChild(0);
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  const value = assignment.childForFieldName('right');
  if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== '__test__') return undefined;
  const owner = left.childForFieldName('object');
  if (owner?.type !== 'identifier' || !value || !/^(False|None|0|''|"")$/.test(value.text)) return undefined;
  return owner.text;
}

/** `test_x = helper`, `test_x = Other.test_y` or `test_x = lambda: …` with a test name: pytest collects the function. */
function testAlias(statement: SyntaxNode, collection: CollectionConfig): { name: string; assignment: SyntaxNode; value: SyntaxNode } | undefined {
  const assignment = statement.namedChild(0);
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  const value = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || !value || !isTestFunctionName(left.text, collection)) return undefined;
  return value.type === 'identifier' || value.type === 'attribute' || value.type === 'lambda' ? { name: left.text, assignment, value } : undefined;
}

/** The blocks of an `if` that may run on import: not `if TYPE_CHECKING:`, `if __name__ == "__main__":` or `if False:`. */
function liveBranches(statement: SyntaxNode): SyntaxNode[] {
  const blocks: SyntaxNode[] = [];
  const condition = statement.childForFieldName('condition')?.text ?? '';
  const consequence = statement.childForFieldName('consequence');
  if (consequence && !NEVER_ON_IMPORT.test(condition)) blocks.push(consequence);
  for (const clause of statement.childrenForFieldName('alternative')) {
    const block = clause?.childForFieldName(clause.type === 'else_clause' ? 'body' : 'consequence');
    if (!block) continue;
    if (clause!.type === 'elif_clause' && NEVER_ON_IMPORT.test(clause!.childForFieldName('condition')?.text ?? '')) continue;
    blocks.push(block);
  }
  return blocks;
}

const NEVER_ON_IMPORT = /^(?:(?:typing\.)?TYPE_CHECKING|__name__\s*==\s*(['"])__main__\1|False|0)$/;

function isFixture(statement: SyntaxNode): boolean {
  return readDecorators(statement).some((d) => isFixtureDecorator(d.callee));
}

function decoratorMarks(statement: SyntaxNode, scope: Scope): Mark[] {
  // pytest stores decorator marks bottom-up: the decorator nearest the `def` comes first.
  const marks: Mark[] = [];
  for (const d of readDecorators(statement)) {
    const name = /^(?:pytest\.)?mark\.(\w+)$/.exec(d.callee)?.[1];
    if (name) marks.push({ name, args: d.args });
    else if (!d.args) marks.push(...markAliasMarks(d.callee, statement.startIndex, scope));
  }
  return marks.reverse();
}

function hasLocalDecoratorFactory(statement: SyntaxNode, scope: Scope): boolean {
  return readDecorators(statement).some(
    (d) => d.args !== undefined && /^\w+$/.test(d.callee) && scope.lookup(d.callee, statement.startIndex)?.kind === 'function',
  );
}

/** `@cases` where `cases = pytest.mark.parametrize(...)` (or `slow = pytest.mark.slow`) earlier in the module. */
function markAliasMarks(name: string, at: number, scope: Scope): Mark[] {
  if (!/^\w+$/.test(name)) return [];
  const binding = scope.lookup(name, at);
  if (binding?.kind !== 'value' || !('type' in binding.node)) return [];
  return markersFromValue(binding.node).map((m) => ({ name: m.name, args: m.args }));
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
  localName?: string,
  definedIn: ModuleInfo = context.module,
): DiscoveredItem | undefined {
  const body = definition.childForFieldName('body');
  const name = localName ?? definition.childForFieldName('name')!.text;
  if (!body) return undefined;
  const classScope = scopeOf(body, definedIn.scope);
  const own = definitionsOf(body, context.options.collection).map((d) => ({ ...d, module: definedIn, scope: classScope }));
  const { unittest, customMetaclass } = classKind(statement, definedIn, context.loader);
  const inherited = withInherited(definition, own, definedIn, context);
  // pytest refuses (with a warning) classes with an __init__ or __new__, unittest ones aside, and abstract ones.
  if (uncollectedReason(inherited.chain, unittest, inherited.members.some((d) => d.name === '__init__' || d.name === '__new__'))) return undefined;
  const nodeid = `${parentId}::${name}`;
  // Class marks: the bases' (pytest reads `pytestmark` along the reversed MRO), then `pytestmark`
  // in the body, then the decorators; the enclosing classes' after.
  const marks = [...inherited.baseMarks, ...pytestmarkOf(body), ...decoratorMarks(statement, definedIn.scope), ...outerMarks];
  const fixtures = [...outerFixtures, readFixtures(body, classScope)];
  const item: DiscoveredItem = {
    kind: 'class',
    nodeid,
    name,
    file: definedIn.file,
    range: realRange(definition, context, definedIn),
    tags: tagsOf([...marks, ...context.moduleMarks]),
    children: [],
  };
  const members = resolvingAliases(inherited.members, context);
  const computedBase = inherited.computedBase;
  if (computedBase) item.inheritsComputedBase = true;
  if (unittest) item.children.push(...unittestMethods(members, nodeid, marks, context, classScope, definedIn));
  else for (const member of members) {
    const memberModule = member.module ?? definedIn;
    if (member.definition.type === 'class_definition') {
      if (!isTestClassName(member.name, context.options.collection)) continue;
      const nested = discoverClass(member.statement, member.definition, nodeid, marks, context, fixtures, undefined, memberModule);
      if (nested) item.children.push(withCondition(nested, member.conditional));
    } else if (isTestFunctionName(member.name, context.options.collection) && !isFixture(member.statement) && !isPropertyMethod(member.statement)) {
      const test = discoverFunction(member.statement, member.definition, nodeid, marks, context, member.scope ?? classScope, fixtures, memberModule, member.name);
      if (test.error && !member.conditional) return { ...item, children: [], error: `pytest fails to collect this class: ${test.error}` };
      delete test.error;
      item.children.push(withCondition(test, member.conditional));
    }
  }
  // A custom metaclass may rewrite the body (libcst's data_provider turns test_x into test_x_0…).
  if (customMetaclass) {
    item.rewrittenByMetaclass = true;
    item.children.forEach(markGuessed);
  }
  return item;
}

function withCondition(item: DiscoveredItem, conditional: boolean | undefined): DiscoveredItem {
  if (conditional) item.conditional = true;
  return item;
}

function markGuessed(item: DiscoveredItem): void {
  if (item.kind === 'function' || item.kind === 'case') item.exact = false;
  item.children.forEach(markGuessed);
}

/** The test methods of a unittest class: plain items (parametrize and fixture params do not apply). */
function unittestMethods(members: Definition[], nodeid: string, marks: Mark[], context: Context, classScope: Scope, definedIn: ModuleInfo): DiscoveredItem[] {
  const functions = new Map(members.filter((m) => m.definition.type === 'function_definition').map((m) => [m.name, m]));
  return unittestMethodNames([...functions.keys()]).map((name) => {
    const member = functions.get(name)!;
    const item = discoverFunction(member.statement, member.definition, nodeid, marks, context, member.scope ?? classScope, [], member.module ?? definedIn);
    // unittest runs its methods itself: no parametrize, and no generator check.
    delete item.dynamic;
    delete item.error;
    return withCondition({ ...item, children: [] }, member.conditional);
  });
}

interface ClassRef {
  statement: SyntaxNode;
  module: ModuleInfo;
}

function classDefinition(statement: SyntaxNode): SyntaxNode {
  return statement.type === 'decorated_definition' ? statement.childForFieldName('definition')! : statement;
}

/** The class and its bases (same file or imported), depth-first left to right: an approximation of the MRO. */
function linearize(ref: ClassRef, context: Context, found: { computed: boolean }, depth = 0, seen = new Set<number>()): ClassRef[] {
  if (depth > 8 || seen.has(ref.statement.id)) return [];
  seen.add(ref.statement.id);
  const result: ClassRef[] = [ref];
  for (const base of classDefinition(ref.statement).childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!base || base.type === 'keyword_argument') continue; // `metaclass=…`
    if (isComputedBase(base, ref)) found.computed = true;
    const baseName = base.type === 'identifier' ? base.text : undefined;
    if (!baseName || (isTestCaseBase(baseName) && !ref.module.classes.has(baseName))) continue;
    const resolved = context.loader?.resolveClass(ref.module, baseName) ?? (ref.module.classes.has(baseName) ? { statement: ref.module.classes.get(baseName)!, module: ref.module } : undefined);
    if (resolved) result.push(...linearize(resolved, context, found, depth + 1, seen));
  }
  return result;
}

/**
 * A base made by running code: `class TestCSR(sparse_test_class())`, or a name bound to such a
 * call. The tests it brings are known only to pytest's collection.
 */
function isComputedBase(base: SyntaxNode, ref: ClassRef): boolean {
  if (base.type === 'call') return true;
  if (base.type !== 'identifier') return false;
  const binding = ref.module.scope.lookup(base.text, ref.statement.startIndex);
  return binding?.kind === 'value' && 'type' in binding.node && binding.node.type === 'call';
}

/**
 * Members of a class with those it inherits: pytest walks the MRO's namespaces (the first
 * definition of a name wins) and lists the bases' tests before the class's own. `computedBase`:
 * a base in the chain is computed at run time, so pytest may collect more than these.
 */
function withInherited(definition: SyntaxNode, own: Definition[], definedIn: ModuleInfo, context: Context): { members: Definition[]; computedBase: boolean; baseMarks: Mark[]; chain: ClassRef[] } {
  const statement = definition.parent?.type === 'decorated_definition' ? definition.parent : definition;
  const found = { computed: false };
  const chain = linearize({ statement, module: definedIn }, context, found);
  if (chain.length === 1) return { members: own, computedBase: found.computed, baseMarks: [], chain };
  const seen = new Set(own.map((d) => d.name));
  const lists: Definition[][] = [own];
  for (const ref of chain.slice(1)) {
    const members = baseMembers(ref, context).filter((d) => !seen.has(d.name));
    members.forEach((d) => seen.add(d.name));
    lists.push(members);
  }
  return { members: lists.reverse().flat(), computedBase: found.computed, baseMarks: chain.slice(1).reverse().flatMap((ref) => classMarks(ref, definedIn)), chain };
}

/** A base class's own marks (its `pytestmark`, then its decorators), evaluated in its module. */
function classMarks(ref: ClassRef, subclassModule: ModuleInfo): Mark[] {
  const body = classDefinition(ref.statement).childForFieldName('body');
  const marks = [...(body ? pytestmarkOf(body) : []), ...decoratorMarks(ref.statement, ref.module.scope)];
  return ref.module === subclassModule ? marks : marks.map((mark) => ({ ...mark, scope: ref.module.scope }));
}

// A base class shared by many subclasses (a suite's `BaseTests`) is read once per tree it lives in.
const baseMembersCache = new WeakMap<SyntaxNode, Definition[]>();

function baseMembers(ref: ClassRef, context: Context): Definition[] {
  let members = baseMembersCache.get(ref.statement);
  if (!members) {
    const body = classDefinition(ref.statement).childForFieldName('body');
    const scope = body ? scopeOf(body, ref.module.scope) : undefined;
    members = body ? definitionsOf(body, context.options.collection).map((d) => ({ ...d, module: ref.module, scope })) : [];
    baseMembersCache.set(ref.statement, members);
  }
  return members;
}

/** Aliases replaced by the functions they name, under the alias's name; those not followed are left out. */
function resolvingAliases(definitions: Definition[], context: Context): Definition[] {
  if (!definitions.some((d) => d.alias)) return definitions;
  return definitions.flatMap((d) => (d.alias ? (resolveAlias(d, context) ?? []) : [d]));
}

/**
 * What `test_x = …` names: a function of the same body or module, or a method of a class
 * (`LinprogCommonTests.test_bug`, also through a class-body alias `LCT = LinprogCommonTests`).
 * The function object carries its own marks and parametrize, so the alias collects the same cases.
 */
function resolveAlias(alias: Definition, context: Context, depth = 0): Definition | undefined {
  if (depth > 4) return undefined;
  const module = alias.module ?? context.module;
  const scope = alias.scope ?? module.scope;
  const target = alias.alias!;
  const at = alias.statement.startIndex;
  let found: Definition | undefined;
  if (target.type === 'identifier') {
    const binding = scope.lookup(target.text, at);
    if (binding?.kind === 'function' && binding.node) {
      const statement = binding.node.parent?.type === 'decorated_definition' ? binding.node.parent : binding.node;
      found = { name: target.text, statement, definition: binding.node, module, scope: binding.scope ?? scope };
    }
  } else {
    const owner = target.childForFieldName('object');
    const attribute = target.childForFieldName('attribute')?.text;
    const cls = owner?.type === 'identifier' && attribute ? classNamed(owner.text, scope, at, module, context) : undefined;
    const member = cls && linearize(cls, context, { computed: false }).flatMap((ref) => baseMembers(ref, context)).find((d) => d.name === attribute);
    found = member && (member.alias ? resolveAlias(member, context, depth + 1) : member.definition.type === 'function_definition' ? member : undefined);
  }
  return found && { ...found, name: alias.name, conditional: alias.conditional };
}

/** The class a name stands for where it is read: defined, imported, or a name bound to one. */
function classNamed(name: string, scope: Scope, at: number, module: ModuleInfo, context: Context, depth = 0): ClassRef | undefined {
  const binding = scope.lookup(name, at);
  if (binding?.kind === 'value' && 'type' in binding.node && binding.node.type === 'identifier' && depth < 4) {
    return classNamed(binding.node.text, binding.scope ?? scope, binding.node.startIndex, module, context, depth + 1);
  }
  if (binding?.kind === 'import') return context.loader?.resolveClass(module, name);
  const own = module.classes.get(name);
  return own && (binding === undefined || binding.kind === 'class') ? { statement: own, module } : undefined;
}

function discoverFunction(
  statement: SyntaxNode,
  definition: SyntaxNode,
  parentId: string,
  classMarks: Mark[],
  context: Context,
  scope: Scope,
  fixtures: FixtureMap[],
  definedIn: ModuleInfo = context.module,
  /** The attribute name pytest collects it under (an alias's, `test_x = Other.test_y`). */
  name = definition.childForFieldName('name')!.text,
): DiscoveredItem {
  const nodeid = `${parentId}::${name}`;
  const marks = [...decoratorMarks(statement, scope), ...classMarks, ...context.moduleMarks];
  const item: DiscoveredItem = {
    kind: 'function',
    nodeid,
    name,
    file: definedIn.file,
    range: realRange(definition, context, definedIn),
    tags: tagsOf(marks),
    children: [],
  };
  const parametrizeMarks = marks.filter((m) => m.name === 'parametrize');
  const direct = parametrizeMarks.map((m) => readParametrization(m.args, m.scope ?? scope));
  const parametrized = new Set(direct.flatMap((p) => p.argnames));
  // `@pytest.mark.usefixtures("db")` (here, on the class or the module) requests fixtures too, before the arguments.
  const used = usedFixtures(marks, scope);
  const everyTest = context.options.usefixtures ?? [];
  const problem = isGenerator(statement, definition, definedIn, context)
    ? generatorTestProblem(name)
    : direct.length > 0
      ? parametrizeProblem({
          functionName: definition.childForFieldName('name')?.text ?? '<lambda>',
          nodeid,
          marks: parametrizeMarks.map((m, i) => ({ parametrization: direct[i], indirect: callArguments(m.args).keywords.get('indirect') })),
          fixtureNames: closureForCheck(statement, definition, parentId, context, fixtures, used, parametrized),
          defaults: new Set(defaultParameterNames(definition)),
          strictIds: context.options.strictParametrizationIds,
        })
      : undefined;
  // pytest then fails the module or class collecting the test (the callers say so there).
  if (problem) return { ...item, error: problem };
  // Most suites have no parametrized fixture in reach: skip the fixture closure then.
  // Reading the parameters one by one is skipped when their text names no fixture that leads to params.
  const inReach = fixtures.some(hasParametrizedFixture);
  if (inReach && used === undefined) {
    item.dynamic = true; // a fixture named by a computed value may be parametrized
    return item;
  }
  const hooks = context.options.collectionHooks;
  // `pytest_generate_tests` may parametrize it (by a name in its fixture closure): pytest knows the cases.
  if (hooks?.generated && generatesFor(hooks, closureNames(fixtures, [...everyTest, ...(used ?? []), ...fixtureNames(statement, definition, parentId)]))) {
    item.dynamic = true;
    return item;
  }
  const requested = `${everyTest.join(' ')} ${used?.join(' ') ?? ''} ${definition.childForFieldName('parameters')?.text ?? ''}`;
  const fromFixtures = inReach ? fixtureSetIds(fixtures, mayReachParams(fixtures, requested) ? [...(used ?? []), ...fixtureNames(statement, definition, parentId)] : [], parametrized, everyTest) : [];
  const cases = fromFixtures ? combineSetIds([...fromFixtures, ...direct.map(parameterSetIds)]) : undefined;
  // `@parametrize_blas(...)`: a decorator factory of this module may return a parametrize mark.
  const opaque = hasLocalDecoratorFactory(statement, scope);
  if (!cases || (opaque && cases.length === 1 && cases[0].id === undefined)) {
    item.dynamic = true; // pytest computes the cases; a cargo collection reports them
    return item;
  }
  if (cases.length === 1 && cases[0].id === undefined) return item; // not parametrized, or every set hidden
  // Stacked parametrize multiplies cases that share rows: compute each row's range once.
  const rowRanges = new Map<number, Range>();
  const rowRange = (node: SyntaxNode): Range => {
    let range = rowRanges.get(node.id);
    if (!range) rowRanges.set(node.id, (range = rangeOf(node)));
    return range;
  };
  // One object per case, built in one shape (a large tree has tens of thousands of cases).
  const file = definedIn.file;
  for (const c of cases) {
    const extraTags = c.marks.length === 0 ? c.marks : c.marks.filter((m) => !NOT_TAGS.has(m));
    const child: DiscoveredItem = {
      kind: 'case',
      nodeid: `${nodeid}[${c.id ?? ''}]`,
      name: c.id ?? name,
      file,
      range: c.node ? rowRange(c.node) : item.range,
      tags: extraTags.length === 0 ? item.tags : [...new Set([...item.tags, ...extraTags])],
      children: [],
      exact: c.exact && !opaque && !hooks?.makesIds, // `pytest_make_parametrize_id` may rename it
    };
    if (c.suffixOnly && !opaque) child.suffixOnly = true;
    item.children.push(child);
  }
  return item;
}

/** The fixture names `usefixtures` marks request, nearest mark first; undefined when one is not a literal string. */
function usedFixtures(marks: readonly Mark[], scope: Scope): string[] | undefined {
  const names: string[] = [];
  for (const mark of marks) {
    if (mark.name !== 'usefixtures') continue;
    const { positional, keywords } = callArguments(mark.args);
    if (keywords.size > 0) return undefined;
    for (const arg of positional) {
      const value = evaluate(arg, mark.scope ?? scope);
      if (value.kind !== 'str') return undefined;
      names.push(value.value);
    }
  }
  return names;
}

/**
 * The parameters pytest fills with fixtures. A method's first one is its instance, whatever its
 * name (scipy's `def test_lfiltic_bad_coeffs(xp)` in a class gets no `xp`), unless it is static.
 */
function fixtureNames(statement: SyntaxNode, definition: SyntaxNode, parentId: string): string[] {
  const names = parameterNames(definition);
  const method = parentId.includes('::');
  const isStatic = statement.type === 'decorated_definition' && statement.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*staticmethod\s*$/.test(d.text));
  return method && !isStatic ? names.slice(1) : names;
}

/**
 * The test's fixture closure (`metafunc.fixturenames`) when it is known for certain: every fixture
 * in it is the project's or pytest's own, `usefixtures` is literal, no `pytest_generate_tests`
 * hook adds to it, and no decorator but marks may change the signature. Else undefined.
 */
function closureForCheck(statement: SyntaxNode, definition: SyntaxNode, parentId: string, context: Context, fixtures: readonly FixtureMap[], used: string[] | undefined, parametrized: ReadonlySet<string>): Set<string> | undefined {
  if (used === undefined || context.options.collectionHooks?.generated || !keepsFunction(readDecorators(statement))) return undefined;
  const names = closureNames(fixtures, [...(context.options.usefixtures ?? []), ...used, ...fixtureNames(statement, definition, parentId)]);
  for (const name of names) if (!parametrized.has(name) && !BUILTIN_FIXTURES.has(name) && !isKnownFixture(fixtures, name)) return undefined;
  return names;
}

/** Parameters with a default value (`def test_x(a, b=1)`: `b`). */
function defaultParameterNames(definition: SyntaxNode): string[] {
  const names: string[] = [];
  for (const p of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type !== 'default_parameter' && p?.type !== 'typed_default_parameter') continue;
    const name = p.childForFieldName('name')?.text;
    if (name) names.push(name);
  }
  return names;
}

function parameterNames(definition: SyntaxNode): string[] {
  const names: string[] = [];
  for (const p of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const type = p.type;
    if (type === 'identifier') names.push(p.text);
    else if (type === 'typed_parameter') {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      if (id) names.push(id.text);
    }
    // Parameters with defaults are not fixtures for pytest.
  }
  return names;
}
