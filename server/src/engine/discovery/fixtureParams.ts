// Parametrized fixtures (`@pytest.fixture(params=[...])`) also multiply a test's cases. pytest
// applies them before the test's own parametrize marks, in the order of the fixture closure.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { isFixtureDecorator, readDecorators } from '../model/decorators';
import { callArguments, literalBool, stringValue } from '../model/syntax';
import { parameterSetIds, ResolvedSetId } from './nodeIds';
import { readIds, readSets, readsGuess } from './parametrize';
import type { Scope } from './scope';

export interface FixtureInfo {
  name: string;
  /** Fixtures it requests (its parameters). */
  deps: string[];
  autouse: boolean;
  /** session 4, package 3, module 2, class 1, function 0: pytest sorts the closure by it. */
  scopeRank: number;
  /** Ids of its params, computed while the tree lived; 'dynamic' when not literal. */
  params?: Omit<ResolvedSetId, 'node'>[] | 'dynamic';
}

export type FixtureMap = Map<string, FixtureInfo>;

const SCOPE_RANK: Record<string, number> = { session: 4, package: 3, module: 2, class: 1, function: 0 };

/** Fixtures defined directly in a module or class body. */
export function readFixtures(body: SyntaxNode, scope: Scope): FixtureMap {
  const fixtures: FixtureMap = new Map();
  for (const statement of body.namedChildren) {
    if (statement?.type !== 'decorated_definition') continue;
    const definition = statement.childForFieldName('definition');
    if (definition?.type !== 'function_definition') continue;
    const decorator = readDecorators(statement).find((d) => isFixtureDecorator(d.callee));
    if (!decorator) continue;
    const { positional, keywords } = callArguments(decorator.args);
    const name = stringValue(keywords.get('name')) ?? definition.childForFieldName('name')!.text;
    const scopeText = stringValue(keywords.get('scope') ?? (positional[0]?.type === 'string' ? positional[0] : undefined)) ?? 'function';
    const paramsNode = keywords.get('params');
    let params: FixtureInfo['params'];
    if (paramsNode) {
      const sets = readSets(paramsNode, 1, scope);
      const guessed = readsGuess(paramsNode, scope) || readsGuess(keywords.get('ids'), scope);
      const ids = parameterSetIds({ argnames: [name], sets, ids: readIds(keywords.get('ids'), scope), scope, guessed });
      params = ids ? ids.map(({ id, exact, suffixOnly, marks }) => ({ id, exact, suffixOnly, marks })) : 'dynamic';
    }
    fixtures.set(name, {
      name,
      deps: parameterNames(definition).filter((p) => p !== 'request' && p !== 'self'),
      autouse: literalBool(keywords.get('autouse')) === true,
      scopeRank: SCOPE_RANK[scopeText] ?? 0,
      params,
    });
  }
  // `Poly1 = Poly`: pytest registers a fixture under every module attribute that holds one.
  for (const statement of body.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (assignment?.type !== 'assignment') continue;
    const alias = assignment.childForFieldName('left');
    const target = assignment.childForFieldName('right');
    const fixture = target?.type === 'identifier' ? fixtures.get(target.text) : undefined;
    if (alias?.type === 'identifier' && fixture && !fixtures.has(alias.text)) fixtures.set(alias.text, { ...fixture, name: alias.text });
  }
  return fixtures;
}

function parameterNames(definition: SyntaxNode): string[] {
  const names: string[] = [];
  for (const p of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type === 'identifier') names.push(p.text);
    else if (p?.type === 'typed_parameter') {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      if (id) names.push(id.text);
    }
  }
  return names;
}

const parametrizedCache = new WeakMap<FixtureMap, boolean>();

export function hasParametrizedFixture(map: FixtureMap): boolean {
  let known = parametrizedCache.get(map);
  if (known === undefined) {
    known = [...map.values()].some((fixture) => fixture.params !== undefined);
    parametrizedCache.set(map, known);
  }
  return known;
}

// Per visible list (one per module or class): a test whose parameters name none of these
// fixtures gets the same fixture ids as one without parameters (see mayReachParams).
const reachingParams = new WeakMap<readonly FixtureMap[], RegExp | null>();

/**
 * Whether a test with these parameters (the text of its `parameters` node) may request a fixture
 * whose closure holds a parametrized one. False means `fixtureSetIds(visible, argnames, p)` equals
 * `fixtureSetIds(visible, [], p)`: every name the argnames bring into the closure (with all their
 * dependencies, whichever definition wins) has no params and never leads to one, so the params
 * found and their order are those of the autouse closure alone.
 */
export function mayReachParams(visible: readonly FixtureMap[], parametersText: string): boolean {
  let pattern = reachingParams.get(visible);
  if (pattern === undefined) {
    // Names any definition of which has params or depends on such a name (a fixpoint over all maps).
    const names = new Set<string>();
    for (const map of visible) for (const [key, fixture] of map) if (fixture.params !== undefined) names.add(key);
    for (let grown = names.size > 0; grown; ) {
      grown = false;
      for (const map of visible) {
        for (const [key, fixture] of map) {
          if (!names.has(key) && fixture.deps.some((d) => names.has(d))) {
            names.add(key);
            grown = true;
          }
        }
      }
    }
    // An argname equal to one of them appears as a whole word (an identifier is a maximal run of word chars).
    pattern = names.size === 0 ? null : new RegExp(`(?<!\\w)(?:${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?!\\w)`);
    reachingParams.set(visible, pattern);
  }
  return pattern !== null && pattern.test(parametersText);
}

const autouseNames = new WeakMap<FixtureMap, string[]>();

function autouseOf(map: FixtureMap): string[] {
  let names = autouseNames.get(map);
  if (!names) {
    names = [];
    for (const fixture of map.values()) if (fixture.autouse) names.push(fixture.name);
    autouseNames.set(map, names);
  }
  return names;
}

/** The fixture a name resolves to: the innermost definition wins (conftest → module → class). */
/** Whether a fixture of that name is in reach (defined in the module, a class, a conftest.py, or imported). */
export function isKnownFixture(visible: readonly FixtureMap[], name: string): boolean {
  return lookup(visible, name) !== undefined;
}

function lookup(visible: readonly FixtureMap[], name: string): FixtureInfo | undefined {
  for (let i = visible.length - 1; i >= 0; i--) {
    const found = visible[i].get(name);
    if (found) return found;
  }
  return undefined;
}

/**
 * The fixtures `name` requests, through its override chain: a definition that requests the one it
 * overrides (`def db(db):`) brings that one's dependencies in its place, as pytest resolves them.
 */
function depsOf(visible: readonly FixtureMap[], name: string): string[] {
  const deps: string[] = [];
  const from = (index: number): void => {
    for (let i = index; i >= 0; i--) {
      const found = visible[i].get(name);
      if (!found) continue;
      for (const dep of found.deps) {
        if (dep === name) from(i - 1);
        else deps.push(dep);
      }
      return;
    }
  };
  from(visible.length - 1);
  return deps;
}

/**
 * The params a test gets for fixture `name`: the nearest definition's, or, when it has none but
 * requests the fixture it overrides (`def db(db):` wrapping a conftest.py's), those of the one it
 * overrides, as pytest walks the override chain.
 */
function paramsOf(visible: readonly FixtureMap[], name: string): FixtureInfo['params'] {
  for (let i = visible.length - 1; i >= 0; i--) {
    const found = visible[i].get(name);
    if (!found) continue;
    if (found.params !== undefined || !found.deps.includes(name)) return found.params;
  }
  return undefined;
}

/**
 * The set ids contributed by parametrized fixtures to a test requesting `argnames`, in the order
 * of pytest's fixture closure sorted by scope. The closure starts from the ini's `usefixtures`
 * (`everyTest`), autouse fixtures, then the arguments; how it adds dependencies changed between
 * pytest versions (see `closureOrders`), and where that changes the order of the ids' parts, they
 * are a guess (pytest 9.0's order). undefined when a fixture's params are computed at run time.
 */
export function fixtureSetIds(
  visible: readonly FixtureMap[],
  argnames: readonly string[],
  parametrized: ReadonlySet<string>,
  everyTest: readonly string[] = [],
): ResolvedSetId[][] | undefined {
  const initial = [...everyTest];
  for (const map of visible) initial.push(...autouseOf(map));
  initial.push(...argnames);
  const rank = (name: string): number => (parametrized.has(name) ? 0 : lookup(visible, name)?.scopeRank ?? 0);
  const withParams = (closure: readonly string[]): string[] =>
    closure
      .map((name, index) => ({ name, index }))
      .sort((a, b) => rank(b.name) - rank(a.name) || a.index - b.index) // stable, as Python's sort
      .map(({ name }) => name)
      .filter((name) => !parametrized.has(name) && paramsOf(visible, name) !== undefined);
  const deps = (name: string): readonly string[] => (parametrized.has(name) ? [] : depsOf(visible, name));
  const guess = withParams(closureOrder(initial, deps, true));
  // One parametrized fixture has one place: the other pytest versions' orders are only needed for more.
  const certain = guess.length < 2 || [breadthFirstClosure(initial, deps), closureOrder(initial, deps, false)].every((order) => withParams(order).join('\0') === guess.join('\0'));
  const result: ResolvedSetId[][] = [];
  for (const name of guess) {
    const params = paramsOf(visible, name)!;
    if (params === 'dynamic') return undefined;
    result.push(certain ? params : params.map((id) => ({ ...id, exact: false })));
  }
  return result;
}

/** Every fixture name a test requesting `initial` reaches (with autouse ones): what `metafunc.fixturenames` holds. */
export function closureNames(visible: readonly FixtureMap[], initial: readonly string[]): Set<string> {
  const names = new Set<string>(initial);
  for (const map of visible) for (const name of autouseOf(map)) names.add(name);
  for (const name of names) for (const dep of depsOf(visible, name)) names.add(dep);
  return names;
}

/**
 * The fixture closure as pytest 9.0 builds it (`seeded`: the initial names, then each one's
 * dependencies depth first) or as pytest 9.1 does (depth first from the first initial name,
 * without listing the initial names first).
 */
function closureOrder(initial: readonly string[], depsOf: (name: string) => readonly string[], seeded: boolean): string[] {
  const closure = new Set(seeded ? initial : []);
  const done = new Set<string>();
  const visit = (name: string): void => {
    closure.add(name);
    if (done.has(name)) return;
    done.add(name);
    depsOf(name).forEach(visit);
  };
  initial.forEach(visit);
  return [...closure];
}

/** The fixture closure as pytest up to 8.4 built it: breadth first. */
function breadthFirstClosure(initial: readonly string[], depsOf: (name: string) => readonly string[]): string[] {
  const closure = [...new Set(initial)];
  for (let i = 0; i < closure.length; i++) for (const dep of depsOf(closure[i])) if (!closure.includes(dep)) closure.push(dep);
  return closure;
}
