// Discovery results kept on disk between sessions: a module is reused while every file it was
// built from (its own, the conftest.py files above it, the modules its imports reached, the paths
// probed on the way) has the stamp it had; any other module is discovered again. The cache is
// tied to a key (engine build, pytest config, collection paths): another key starts empty.
// Items are packed (ids relative to the parent, the file, range and tags only where they differ)
// because a large tree has tens of thousands of cases that repeat their function's fields.
//
// The file is a header line, `{"format", "key", "files": [[path, stamp], …]}`, listing each file
// some module was built from once (networkx's modules each reach the same ~170 package files: listed
// per module they made 5.4 of its 6 MB), then one line per module: its file as a JSON string, a tab,
// the indices of its dependencies in `files`, a tab, its packed tree. A tree is parsed only when its
// module is reused (a warm start parses each in the caller's slices of time, not the whole file in
// one `JSON.parse`) and written back as it was read while its module is unchanged.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StaticDiscovery } from './discover';
import { StampMemo, stampOf, type Stamp } from './fileDependencies';
import { discoverAllParallel, type ParallelOptions } from './parallel';
import type { TimeSlices } from './timeSlices';
import type { DiscoveredItem, DiscoveredKind, DiscoveredModule } from './types';

/** Bump when the file's layout or the packed shape changes. */
export const DISCOVERY_CACHE_FORMAT = 2;

type PackedRange = [number, number, number, number] | null;

interface PackedItem {
  k: string;
  /** The node id after the parent's, or `I` the whole id. */
  i?: string;
  I?: string;
  n?: string;
  f?: string;
  r?: PackedRange;
  t?: string[];
  c?: PackedItem[];
  [flag: string]: unknown;
}

type Dependency = [file: string, stamp: Stamp];

interface Entry {
  /** Indices in the cache's dependency table. */
  dependencies: number[];
  /**
   * The module's JSON (packed) as read from the file, still undecoded (parsed when the module is
   * reused); or a module just discovered, packed and encoded when the cache is written.
   */
  tree: Buffer | Omit<DiscoveredModule, 'dependencies'>;
}

interface Header {
  format: number;
  key: string;
  files: Dependency[];
}

// JSON escapes both inside strings, so they only ever separate lines and fields.
const NEWLINE = 0x0a;
const TAB = 0x09;

const KIND_CODES: Record<DiscoveredKind, string> = { module: 'm', class: 'c', function: 'f', case: 'p' };
const KINDS = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as DiscoveredKind]));

/**
 * What the cache of a discovery is valid for: the engine build (`engine`, e.g. the extension's
 * version and bundle stamp), the pytest config and the collection paths.
 */
export function discoveryCacheKey(discovery: StaticDiscovery, engine: string = engineBuild()): string {
  const what = JSON.stringify({ format: DISCOVERY_CACHE_FORMAT, engine, config: discovery.config, paths: discovery.collectionPaths(), doctests: discovery.doctests });
  return createHash('sha256').update(what).digest('hex');
}

/** The stamp of the running engine code: a rebuilt engine may discover differently. */
export function engineBuild(): string {
  return stampOf(__filename);
}

/** Each (file, stamp) pair once, by index: what the modules' entries refer to. */
class DependencyTable {
  private readonly indices = new Map<string, number>();

  constructor(readonly pairs: Dependency[] = []) {
    pairs.forEach((pair, index) => this.indices.set(pairKey(pair), index));
  }

  indexOf(pair: Dependency): number {
    const key = pairKey(pair);
    let index = this.indices.get(key);
    if (index === undefined) {
      index = this.pairs.push(pair) - 1;
      this.indices.set(key, index);
    }
    return index;
  }
}

function pairKey([file, stamp]: Dependency): string {
  return `${stamp}\0${file}`;
}

export class DiscoveryCache {
  private changed = false;
  /** Modules the last discovery with this cache took from it. */
  reused = 0;

  constructor(
    readonly key: string,
    private readonly entries = new Map<string, Entry>(),
    private readonly table = new DependencyTable(),
  ) {}

  /** The cache saved at `file`, or an empty one (missing, unreadable, another key or format). */
  static read(file: string, key: string): DiscoveryCache {
    try {
      // Bytes, not text: decoding scipy's 6 MB alone took 20–60 ms; a tree is decoded when reused.
      const data = fs.readFileSync(file);
      const lineEnd = (start: number): number => {
        const end = data.indexOf(NEWLINE, start);
        return end < 0 ? data.length : end;
      };
      let end = lineEnd(0);
      const header = JSON.parse(data.toString('utf8', 0, end)) as Header;
      if (header.format === DISCOVERY_CACHE_FORMAT && header.key === key && Array.isArray(header.files) && header.files.every(isDependency)) {
        const table = new DependencyTable(header.files);
        const entries = new Map<string, Entry>();
        for (let start = end + 1; start < data.length; start = end + 1) {
          end = lineEnd(start);
          const entry = readLine(data.subarray(start, end), table.pairs.length);
          if (entry) entries.set(entry.file, entry.entry);
        }
        return new DiscoveryCache(key, entries, table);
      }
    } catch {
      // a missing or damaged cache only costs a full discovery
    }
    return new DiscoveryCache(key);
  }

  /** True when `write` has something new to save. */
  get isChanged(): boolean {
    return this.changed;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Saves atomically (a reader never sees half a file); only the dependencies still referred to are listed. */
  write(file: string): void {
    const table = new DependencyTable();
    const lines: Buffer[] = [];
    for (const [moduleFile, entry] of this.entries) {
      const dependencies = entry.dependencies.map((index) => table.indexOf(this.table.pairs[index]));
      lines.push(Buffer.from(`\n${JSON.stringify(moduleFile)}\t${JSON.stringify(dependencies)}\t`), encoded(entry));
    }
    const header: Header = { format: DISCOVERY_CACHE_FORMAT, key: this.key, files: table.pairs };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(JSON.stringify(header)), ...lines]));
    fs.renameSync(temporary, file);
    this.changed = false;
  }

  /**
   * `write`, with the trees of newly stored modules packed and encoded in slices of time first (the
   * extension host): after a cold discovery that is every tree, about 110 ms of JSON for scipy's.
   */
  async writeInSlices(file: string, slices: TimeSlices): Promise<void> {
    for (const entry of this.entries.values()) {
      if (slices.due) await slices.giveTurn();
      encoded(entry);
    }
    this.write(file);
  }

  /** The module of `file` when nothing it was built from changed since it was stored. */
  reuse(file: string, stamps: StampMemo): DiscoveredModule | undefined {
    const entry = this.entries.get(file);
    if (!entry) return undefined;
    const pairs = this.table.pairs;
    if (!entry.dependencies.every((index) => stamps.get(pairs[index][0]) === pairs[index][1])) return undefined;
    try {
      return unpack(JSON.parse(encoded(entry).toString('utf8')) as PackedItem, undefined) as DiscoveredModule;
    } catch {
      // a damaged line: discovered again, and replaced
      this.entries.delete(file);
      this.changed = true;
      return undefined;
    }
  }

  /** Keeps a module discovered from disk with what it was built from (others are not kept). */
  store(module: DiscoveredModule): void {
    const { dependencies, ...rest } = module;
    if (!dependencies) return;
    this.entries.set(module.file, { dependencies: dependencies.map((pair) => this.table.indexOf(pair)), tree: rest });
    this.changed = true;
  }

  /** Forgets files that are no test modules any more. */
  keepOnly(files: readonly string[]): void {
    const keep = new Set(files);
    for (const file of [...this.entries.keys()]) {
      if (keep.has(file)) continue;
      this.entries.delete(file);
      this.changed = true;
    }
  }
}

/** The entry's tree as the file holds it (packed and encoded once, then kept so). */
function encoded(entry: Entry): Buffer {
  if (!Buffer.isBuffer(entry.tree)) entry.tree = Buffer.from(JSON.stringify(pack(entry.tree, undefined)));
  return entry.tree;
}

function isDependency(pair: unknown): pair is Dependency {
  return Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string';
}

/** One module's line: `"file"\t[dependency indices]\t{tree}`; undefined when damaged (that module is discovered again). */
function readLine(line: Buffer, tableSize: number): { file: string; entry: Entry } | undefined {
  const first = line.indexOf(TAB);
  const second = line.indexOf(TAB, first + 1);
  if (first < 0 || second < 0) return undefined;
  try {
    const file: unknown = JSON.parse(line.toString('utf8', 0, first));
    const dependencies: unknown = JSON.parse(line.toString('utf8', first + 1, second));
    const valid = (index: unknown): boolean => Number.isInteger(index) && (index as number) >= 0 && (index as number) < tableSize;
    if (typeof file !== 'string' || !Array.isArray(dependencies) || !dependencies.every(valid)) return undefined;
    return { file, entry: { dependencies: dependencies as number[], tree: line.subarray(second + 1) } };
  } catch {
    return undefined;
  }
}

/** Every test module: reused from the cache where still valid, discovered (and stored) otherwise. */
export function discoverCached(discovery: StaticDiscovery, cache: DiscoveryCache): DiscoveredModule[] {
  const stamps = new StampMemo();
  const plan = planFromCache(discovery, cache, stamps);
  return finish(plan, cache, discovery.discoverFiles(plan.stale, stamps));
}

/**
 * `discoverCached`, giving the event loop a turn whenever a slice of time is used (the extension
 * host). Before each turn, `listedSoFar` gets the first modules of the final list, in its order:
 * those from the cache and those discovered, up to the first file still to discover.
 */
export async function discoverCachedInSlices(discovery: StaticDiscovery, cache: DiscoveryCache, slices: TimeSlices, listedSoFar?: (modules: readonly DiscoveredModule[]) => void | Promise<void>): Promise<DiscoveredModule[]> {
  const stamps = new StampMemo();
  const plan = await planFromCacheInSlices(discovery, cache, stamps, slices, listedSoFar);
  const beforeTurn = listedSoFar && ((fresh: readonly DiscoveredModule[], staleDone: number): void | Promise<void> => listedSoFar(prefixOf(plan, fresh, staleDone)));
  return finish(plan, cache, await discovery.discoverFilesInSlices(plan.stale, slices, stamps, beforeTurn));
}

/** The modules of `plan.files` before its first stale file not discovered yet (`staleDone` were). */
function prefixOf(plan: Plan, fresh: readonly DiscoveredModule[], staleDone: number): DiscoveredModule[] {
  const freshByFile = new Map(fresh.map((module) => [module.file, module]));
  const firstUndone = plan.stale[staleDone];
  const prefix: DiscoveredModule[] = [];
  for (const file of plan.files) {
    if (file === firstUndone) break;
    const module = plan.reused.get(file) ?? freshByFile.get(file);
    if (module) prefix.push(module);
  }
  return prefix;
}

/** `discoverCached`, with the stale files discovered on several cores when there are many. */
export async function discoverCachedParallel(discovery: StaticDiscovery, cache: DiscoveryCache, options: ParallelOptions = {}): Promise<DiscoveredModule[]> {
  const plan = planFromCache(discovery, cache, new StampMemo());
  const fresh = plan.stale.length === 0 ? [] : await discoverAllParallel(discovery, { ...options, files: plan.stale });
  return finish(plan, cache, fresh);
}

interface Plan {
  /** The test files, in pytest's order. */
  files: string[];
  reused: Map<string, DiscoveredModule>;
  stale: string[];
}

function planFromCache(discovery: StaticDiscovery, cache: DiscoveryCache, stamps: StampMemo): Plan {
  const plan = startPlan(discovery, cache);
  for (const file of plan.files) planFile(plan, file, cache, stamps);
  cache.reused = plan.reused.size;
  return plan;
}

/** `planFromCache` in slices of time; before a turn, `listedSoFar` gets the modules reused ahead of any stale file. */
async function planFromCacheInSlices(discovery: StaticDiscovery, cache: DiscoveryCache, stamps: StampMemo, slices: TimeSlices, listedSoFar?: (modules: readonly DiscoveredModule[]) => void | Promise<void>): Promise<Plan> {
  const plan = startPlan(discovery, cache);
  for (const file of plan.files) {
    if (slices.due) {
      if (plan.stale.length === 0) await listedSoFar?.([...plan.reused.values()]);
      await slices.giveTurn();
    }
    planFile(plan, file, cache, stamps);
  }
  cache.reused = plan.reused.size;
  return plan;
}

function startPlan(discovery: StaticDiscovery, cache: DiscoveryCache): Plan {
  if (!discovery.recordsDependencies) throw new Error('a cached discovery needs a StaticDiscovery with recordDependencies');
  const files = discovery.testFiles();
  cache.keepOnly(files);
  return { files, reused: new Map(), stale: [] };
}

/** The cached module of `file` while what it was built from is unchanged; else the file is stale. */
function planFile(plan: Plan, file: string, cache: DiscoveryCache, stamps: StampMemo): void {
  const module = cache.reuse(file, stamps);
  if (module) plan.reused.set(file, module);
  else plan.stale.push(file);
}

/** Stores the fresh modules and returns every module in the files' order. */
function finish(plan: Plan, cache: DiscoveryCache, fresh: DiscoveredModule[]): DiscoveredModule[] {
  const byFile = plan.reused;
  for (const module of fresh) {
    cache.store(module);
    delete module.dependencies;
    byFile.set(module.file, module);
  }
  return plan.files.map((file) => byFile.get(file)).filter((module): module is DiscoveredModule => module !== undefined);
}

function pack(item: DiscoveredItem, parent: DiscoveredItem | undefined): PackedItem {
  const { kind, nodeid, name, file, range, tags, children, ...flags } = item;
  const packed: PackedItem = { ...flags, k: KIND_CODES[kind] };
  if (parent && nodeid.startsWith(parent.nodeid)) packed.i = nodeid.slice(parent.nodeid.length);
  else packed.I = nodeid;
  if (name !== nameFromSuffix(packed.i)) packed.n = name;
  if (file !== parent?.file) packed.f = file;
  const packedRange: PackedRange = range ? [range.start.line, range.start.character, range.end.line, range.end.character] : null;
  if (!parent || !sameRange(packedRange, parent)) packed.r = packedRange;
  if (!parent || !sameTags(tags, parent.tags)) packed.t = tags;
  if (children.length > 0) packed.c = children.map((child) => pack(child, item));
  return packed;
}

const PACKED_KEYS = new Set(['k', 'i', 'I', 'n', 'f', 'r', 't', 'c']);

// Hot on a warm start (one call per item, tens of thousands): no rest/spread, and a child shares
// its parent's range and tags objects where the packing left them out, as discovery's own items do.
function unpack(packed: PackedItem, parent: DiscoveredItem | undefined): DiscoveredItem {
  const suffix = packed.i;
  const r = packed.r;
  const item: DiscoveredItem = {
    kind: KINDS.get(packed.k) ?? 'function',
    nodeid: packed.I ?? `${parent?.nodeid ?? ''}${suffix ?? ''}`,
    name: packed.n ?? nameFromSuffix(suffix) ?? '',
    file: packed.f ?? parent?.file ?? '',
    tags: packed.t ?? parent?.tags ?? [],
    children: [],
  };
  if (r === undefined) {
    if (parent?.range) item.range = parent.range;
  } else if (r !== null) item.range = { start: { line: r[0], character: r[1] }, end: { line: r[2], character: r[3] } };
  for (const key in packed) {
    if (!PACKED_KEYS.has(key)) (item as unknown as Record<string, unknown>)[key] = packed[key];
  }
  const children = packed.c;
  if (children) item.children = children.map((child) => unpack(child, item));
  return item;
}

/** The label a child gets by default: `::name` → name, `[id]` → id. */
function nameFromSuffix(suffix: string | undefined): string | undefined {
  if (suffix === undefined) return undefined;
  if (suffix.startsWith('::')) return suffix.slice(2);
  if (suffix.startsWith('[') && suffix.endsWith(']')) return suffix.slice(1, -1);
  return undefined;
}

function rangeTuple(item: DiscoveredItem): PackedRange {
  return item.range ? [item.range.start.line, item.range.start.character, item.range.end.line, item.range.end.character] : null;
}
function sameRange(range: PackedRange, parent: DiscoveredItem): boolean {
  const other = rangeTuple(parent);
  return range === null || other === null ? range === other : range.every((value, index) => value === other[index]);
}

function sameTags(tags: string[], other: string[]): boolean {
  return tags.length === other.length && tags.every((tag, index) => tag === other[index]);
}
