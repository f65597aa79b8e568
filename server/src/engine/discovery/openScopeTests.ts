// The tests pytest found in a module's open scopes (tests made on import, a computed base, a
// metaclass that renames tests), put back into the statically discovered module: what static
// discovery cannot know, from the memory of the last collection (collectedCases.ts).

import type { DiscoveredItem, DiscoveredModule } from './types';

/** The module of a file only pytest reads (`file`: absolute, `nodeid`: its id): its tests come from the memory (`CollectedCases.apply`). */
export function collectedOnlyModule(nodeid: string, file: string): DiscoveredModule {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { kind: 'module', nodeid, name: nodeid.slice(nodeid.lastIndexOf('/') + 1), file, range, tags: [], children: [], hasSyntaxErrors: false, collectedOnly: true };
}

/**
 * The module with `extra` (ids after `file::`, in pytest's order) added where static discovery has
 * none; in each class of `rewritten` (a custom metaclass) that pytest collected tests in, those
 * replace the static ones. Everything added carries `collectedAt: at`.
 */
export function withOpenScopeTests(module: DiscoveredModule, extra: readonly string[], at: number, rewritten: ReadonlySet<string> | undefined): DiscoveredModule {
  return withExtra(rewritten ? withoutRewritten(module, extra, at, rewritten) : module, extra, at);
}

/**
 * The module with the tests pytest collected in each class whose metaclass may rename them, in
 * place of the static ones. A collected test named after a static one (`test_x_0` after `test_x`)
 * is given its row; a static test pytest has nothing of (added since the collection) stays, after
 * the collected ones.
 */
function withoutRewritten(module: DiscoveredModule, extra: readonly string[], at: number, rewritten: ReadonlySet<string>): DiscoveredModule {
  const visit = (item: DiscoveredItem): DiscoveredItem => {
    if (item.kind !== 'class') return item;
    const id = item.nodeid.slice(module.nodeid.length + 2);
    const collected = rewritten.has(id) ? extra.filter((test) => test.startsWith(`${id}::`) && !test.slice(id.length + 2).includes('::')) : [];
    if (collected.length === 0) return { ...item, children: item.children.map(visit) };
    const functions = item.children.filter((child) => child.kind === 'function');
    const placed = collected.map((test) => {
      const name = test.slice(id.length + 2).replace(/\[.*$/, '');
      const origin = functions.filter((fn) => cameFrom(name, fn)).sort((a, b) => b.name.length - a.name.length)[0];
      return { kind: 'function' as const, nodeid: `${item.nodeid}::${name}`, name, file: item.file, range: origin?.range ?? item.range, tags: origin?.tags ?? item.tags, children: [], collectedAt: at };
    });
    const unique = [...new Map(placed.map((fn) => [fn.nodeid, fn])).values()];
    const names = unique.map((fn) => fn.name);
    const added = functions.filter((fn) => !names.some((name) => cameFrom(name, fn)));
    return { ...item, collectedAt: at, children: [...unique, ...added, ...item.children.filter((child) => child.kind === 'class').map(visit)] };
  };
  return { ...module, children: module.children.map(visit) };
}

/** Whether the collected test `name` is the static test `fn` or one a metaclass made of it (`test_x_0`). */
function cameFrom(name: string, fn: DiscoveredItem): boolean {
  return name === fn.name || name.startsWith(`${fn.name}_`);
}

/**
 * The module with the tests pytest found in its open scopes added where static discovery has
 * none: a generated class and its tests under the module, an inherited test under its class.
 * Added items have no row of their own (they sit on their parent's) and carry `collectedAt`.
 */
function withExtra(module: DiscoveredModule, extra: readonly string[], at: number): DiscoveredModule {
  const copy = structuredClone(module);
  const byId = new Map<string, DiscoveredItem>();
  const index = (item: DiscoveredItem): void => {
    byId.set(item.nodeid, item);
    item.children.forEach(index);
  };
  index(copy);
  /** The item of `nodeid`, made with its missing parents; `parentOf` says what the caller will add under it. */
  const ensure = (nodeid: string, parentOf: 'nothing' | 'case' | 'test'): DiscoveredItem => {
    const known = byId.get(nodeid);
    if (known) return known;
    const open = nodeid.endsWith(']') ? nodeid.indexOf('[') : -1;
    const parentId = open > 0 ? nodeid.slice(0, open) : nodeid.slice(0, nodeid.lastIndexOf('::'));
    const parent = ensure(parentId, open > 0 ? 'case' : 'test');
    // A leaf or the function of a case is a test; what holds tests is a class.
    const kind = open > 0 ? 'case' : parentOf === 'test' ? 'class' : 'function';
    const name = open > 0 ? nodeid.slice(open + 1, -1) : nodeid.slice(nodeid.lastIndexOf('::') + 2);
    const item: DiscoveredItem = { kind, nodeid, name, file: parent.file, range: parent.range, tags: parent.tags, children: [], collectedAt: at };
    parent.children.push(item);
    byId.set(nodeid, item);
    return item;
  };
  for (const id of extra) {
    const nodeid = `${module.nodeid}::${id}`;
    if (!byId.has(nodeid)) ensure(nodeid, 'nothing');
  }
  return copy;
}
