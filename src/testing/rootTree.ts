// The TestItems of one crate: crate → modules → classes → functions → cases, built from the
// engine's static discovery, updated per file, and reconciled with what pytest really collects.
// What pytest collected (Refresh or a run) is remembered, so cases only pytest knows survive edits.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Parser } from 'web-tree-sitter';
import { crateFolderProblem } from '../../server/src/engine/runner';
import { CollectedCases, collectedOnlyModule, DiscoveredItem, DiscoveredModule, discoverCachedInSlices, DiscoveryCache, discoveryCacheKey, importCollisionError, importCollisions, needsCollection, StaticDiscovery, TimeSlices } from '../../server/src/engine/discovery';
import type { PytestConfig } from '../../server/src/engine/config/pytestConfig';
import type { CollectResult, DeselectedEvent, RunSummary } from '../../server/src/engine/runner';
import { digestOf, sameItems, sameRange, sameTags, sortTextOf } from './itemChanges';
import { RebuildGate } from './rebuildGate';
import type { TestRoot } from './roots';

export type ItemKind = 'crate' | 'module' | 'class' | 'function' | 'case';

export interface ItemData {
  root: RootTree;
  kind: ItemKind;
  /** pytest node id ('' for the crate). */
  nodeid: string;
  /** What static discovery says about it (its description unless pytest deselected it). */
  status?: string;
}

/** A crate's files in the extension's workspace storage. */
export interface CrateStorage {
  /** Static discovery results, reused while their sources are unchanged. */
  cacheFile?: string;
  /** What pytest's collections said that static discovery cannot know (`CollectedCases`). */
  memoryFile?: string;
}

/**
 * The length of discovery's slices of time: `PYTEST_PATTERNS_DISCOVERY_SLICE_MS` (a test knob: the
 * real-editor suite runs with 0, a turn before every file, so every rebuild interleaves with
 * whatever else happens), else the engine's default.
 */
function sliceMs(): number | undefined {
  const value = Number(process.env.PYTEST_PATTERNS_DISCOVERY_SLICE_MS);
  return process.env.PYTEST_PATTERNS_DISCOVERY_SLICE_MS && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A file's update that waits for the running rebuild: its editor text, if any, and whether unsaved. */
interface FileUpdate {
  text?: string;
  edited: boolean;
}

const tagCache = new Map<string, vscode.TestTag>();
export function markerTag(name: string): vscode.TestTag {
  let tag = tagCache.get(name);
  if (!tag) tagCache.set(name, (tag = new vscode.TestTag(name)));
  return tag;
}

function toRange(range: DiscoveredItem['range']): vscode.Range | undefined {
  return range ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) : undefined;
}

/** `file.py::Class::test[case]` → its parent's node id (`file.py::Class::test`, `file.py::Class`, `file.py`). */
export function parentNodeId(nodeid: string): string | undefined {
  if (nodeid.endsWith(']') && nodeid.includes('[')) return nodeid.slice(0, nodeid.indexOf('['));
  const cut = nodeid.lastIndexOf('::');
  return cut < 0 ? undefined : nodeid.slice(0, cut);
}

/** The pytest arguments a collection ran with, as the memory files its deselections under. */
function argumentsKey(pytestArgs: readonly string[]): string {
  return JSON.stringify(pytestArgs);
}

export class RootTree {
  readonly item: vscode.TestItem;
  discovery: StaticDiscovery;
  /** pytest's last collection of this crate (read back from `storage.memoryFile`). */
  readonly memory: CollectedCases;
  private readonly byNodeId = new Map<string, vscode.TestItem>();
  /**
   * Per module node id, a digest of what its item was last built from (the module as discovered,
   * with the collection memory applied): a rebuild leaves a module whose digest did not change as
   * it is. Changing a module's items otherwise (a collection's reconcile, a case pytest reported)
   * forgets its digest.
   */
  private readonly builtFrom = new Map<string, string>();
  /** Modules (node ids) static discovery is unsure of that pytest has not collected whole since they changed. */
  private readonly unsure = new Set<string>();
  /**
   * Tests pytest's last collection deselected by its session's own options (`-m "not slow"` in
   * pytestPatterns.pytest.args or the project's addopts) → those options: they stay in the tree,
   * described so. Kept in the collection memory under the pytest arguments they were found with,
   * shown while the current arguments are those (after a reload too), not when they change.
   */
  private deselected = new Map<string, string>();
  /** The pytest arguments (`argumentsKey`) `deselected` belongs to. */
  private deselectedUnder: string | undefined;
  /**
   * Files pytest collected tests from that static discovery does not read (a conftest.py's
   * `pytest_collect_file` collecting YAML cases, a notebook plugin): listed once a collection or a
   * run reports them, kept by rebuilds while the file exists, and after a reload from the
   * collection memory.
   */
  private readonly collectedOnly = new Set<string>();
  /**
   * Modules pytest will fail to import because another test file took their module name (node id
   * → what the tree says), and the error static discovery gave each module (shown first).
   */
  private collisions = new Map<string, string>();
  private readonly staticErrors = new Map<string, string | undefined>();
  /** Full rebuilds one at a time; file updates made during one are replayed after it. */
  private readonly rebuilds = new RebuildGate<FileUpdate>(
    () => this.rebuild(),
    (file, update) => this.updateFile(file, update.text, update.edited),
  );

  constructor(
    private readonly controller: vscode.TestController,
    private crateRoot: TestRoot,
    private readonly parser: Parser,
    private readonly data: WeakMap<vscode.TestItem, ItemData>,
    /** Where this crate's discovery cache and collection memory live between sessions (none: nothing is kept). */
    readonly storage: CrateStorage = {},
    private readonly log?: vscode.LogOutputChannel,
    /** The crate's current `pytestPatterns.pytest.args` (read when needed: settings change). */
    private readonly pytestArgs: () => readonly string[] = () => [],
  ) {
    this.memory = this.readMemory();
    this.discovery = this.configuredDiscovery();
    this.item = controller.createTestItem(`crate:${crateRoot.crateDir}`, crateRoot.label, vscode.Uri.file(crateRoot.crateDir));
    this.item.description = 'cargo test';
    this.item.canResolveChildren = true;
    data.set(this.item, { root: this, kind: 'crate', nodeid: '' });
  }

  /** What noteCrateFolder last put on the crate's item (undefined: nothing). */
  private crateFolderError: string | undefined;

  /**
   * Says on the crate's item when its folder is no Cargo crate (a `pytestPatterns.crates` entry with a
   * typo), before any run fails on it; clears that once the folder is a crate.
   */
  noteCrateFolder(): void {
    const problem = crateFolderProblem(this.root.crateDir);
    if (problem) this.item.error = problem;
    else if (this.crateFolderError !== undefined && this.item.error === this.crateFolderError) this.item.error = undefined;
    this.crateFolderError = problem;
  }

  /** The rootdir a run of this session reported, when it differed from the config lookup's. */
  private adoptedRootdir: string | undefined;

  get root(): TestRoot {
    return this.crateRoot;
  }

  get rootdir(): string {
    return this.discovery.rootdir;
  }

  /** Discovery with the crate's pytest config as it is now (read again when a config file changes). */
  private configuredDiscovery(): StaticDiscovery {
    const discovery = this.newDiscovery();
    // What a run of this session reported wins; with no pytest options anywhere, pytest's rootdir is a
    // guess until a run reports it, and the one the last collection remembered is better.
    const reported = this.adoptedRootdir ?? (discovery.config.fallback && this.memory.rootdir ? path.resolve(this.memory.rootdir) : undefined);
    if (reported && reported !== path.resolve(discovery.rootdir)) return this.newDiscovery({ ...discovery.config, rootdir: reported });
    return discovery;
  }

  /**
   * The crate was found again (a pytest config file, a Cargo.toml or the pytest arguments setting
   * changed): when its pytest config (python_files, testpaths, rootdir, …), its test folders, its
   * `--ignore` options or what its doctest plugin collects changed, the tree is discovered again
   * with them. Resolves once that is done; true when something changed.
   */
  async configChanged(root: TestRoot): Promise<boolean> {
    const inputs = (d: StaticDiscovery): string => JSON.stringify([d.config, d.collectionPaths(), d.ignoreOptions(), d.doctests]);
    const before = inputs(this.discovery);
    this.crateRoot = root;
    const discovery = this.configuredDiscovery();
    if (inputs(discovery) === before) return false;
    this.discovery = discovery;
    this.log?.info(`pytest config of ${root.crateDir} changed: discovering its tests again`);
    if (this.isResolved) await this.resolve();
    return true;
  }

  /** How the last full discovery went: modules reused from the cache, and discovered from source. */
  lastDiscovery = { reused: 0, discovered: 0, cacheFile: undefined as string | undefined, turns: 0, longestSliceMs: 0, items: 0, buildMs: 0, longestBuildMs: 0, rebuiltModules: 0 };
  /** Per module node id, its per-file updates (edits, saves, watcher events): built again, or left as it was. */
  readonly fileUpdates = new Map<string, { rebuilt: number; kept: number }>();
  /** How the last collection was applied: the modules it changed, then the reconcile (the editor benchmark reads them). */
  lastCollection = { changedModules: 0, rememberMs: 0, rememberLongestSliceMs: 0, reconciledTests: 0, reconcileMs: 0, reconcileLongestSliceMs: 0 };

  private newDiscovery(config?: PytestConfig): StaticDiscovery {
    return new StaticDiscovery(this.parser, this.root.crateDir, { paths: this.root.testPaths, config, recordDependencies: this.storage.cacheFile !== undefined, pytestArgs: this.pytestArgs() });
  }

  /**
   * pytest reported another rootdir than the config lookup found (no pytest config: pytest then
   * uses the common folder of its arguments): rebuild with pytest's, so node ids match.
   */
  async adoptRootdir(rootdir: string): Promise<boolean> {
    if (path.resolve(rootdir) === path.resolve(this.rootdir)) return false;
    this.adoptedRootdir = path.resolve(rootdir);
    this.discovery = this.newDiscovery({ ...this.discovery.config, rootdir: path.resolve(rootdir) });
    await this.resolve();
    return true;
  }

  /** A full discovery has completed once (the crate may have no test module: it is listed all the same). */
  private everListed = false;

  /**
   * Whether the tree lists its modules, or is listing them: then file changes update it. A crate
   * whose listing found no test module counts too, so its first test file appears when written.
   */
  get isResolved(): boolean {
    return this.everListed || this.rebuilds.isRebuilding;
  }

  /**
   * Static discovery of every module (the crate item's lazy resolve), in slices of time so the
   * extension host stays responsive on a large crate; one at a time (see `RebuildGate`).
   */
  resolve(): Promise<void> {
    return this.rebuilds.request();
  }

  /** Resolves once no rebuild runs (file updates made during one are applied by then). */
  async settled(): Promise<void> {
    await this.rebuilds.pending;
  }

  /** Lists the modules unless they are listed: waits for a rebuild under way rather than starting one. */
  listed(): Promise<void> {
    const pending = this.rebuilds.pending;
    if (pending) return pending;
    return this.everListed ? Promise.resolve() : this.resolve();
  }

  private async rebuild(): Promise<void> {
    this.syncDeselections();
    // A first listing shows the modules as discovery reaches them (at each of its turns), in their
    // final order. A tree already listed is updated module by module once discovery is done, in
    // slices of time too: each module shows either its old items or its new ones, never half.
    const first = this.item.children.size === 0;
    const slices = new TimeSlices(sliceMs());
    const building = new BuildTime();
    let shown = 0;
    // Building items costs more than discovering them: a module at a time, with turns between.
    const show = async (modules: readonly DiscoveredModule[]): Promise<void> => {
      for (; shown < modules.length; shown++) {
        if (slices.due) await slices.giveTurn();
        const module = modules[shown];
        building.time(() => {
          this.noteUnsure(module, false);
          this.item.children.add(this.buildModule(this.memory.apply(module), shown));
        });
      }
    };
    if (first) {
      this.unsure.clear();
      this.byNodeId.clear();
      this.builtFrom.clear();
      this.collectedOnly.clear();
    }
    const discovered = await this.discoverAll(slices, first ? show : undefined);
    this.everListed = true;
    let rebuilt = 0;
    if (first && this.item.children.size === shown) await show(discovered);
    else {
      this.unsure.clear();
      discovered.forEach((module) => this.noteUnsure(module, false));
      const kept = new Set<string>();
      for (const [index, module] of discovered.entries()) {
        if (slices.due) await slices.giveTurn();
        building.time(() => {
          if (this.updateModule(this.memory.apply(module), index)) rebuilt++;
        });
        kept.add(this.itemId(module.nodeid));
      }
      for (const nodeid of this.collectedOnly) {
        if (isFile(path.join(this.rootdir, ...nodeid.split('/')))) kept.add(this.itemId(nodeid));
        else this.collectedOnly.delete(nodeid);
      }
      building.time(() => {
        for (const [id, item] of [...this.item.children].filter(([id]) => !kept.has(id))) {
          this.forget(item);
          this.item.children.delete(id);
        }
      });
      slices.finish();
    }
    // Files only pytest reads, as its last collection left them (after a reload: from the memory).
    building.time(() => {
      for (const nodeid of this.memory.collectedOnlyFiles()) if (!this.byNodeId.has(nodeid)) this.showCollectedOnly(nodeid, false);
    });
    this.noteCollisions();
    Object.assign(this.lastDiscovery, { items: this.byNodeId.size, buildMs: building.total, longestBuildMs: building.longest, turns: slices.turns, longestSliceMs: slices.longestSlice, rebuiltModules: first ? discovered.length : rebuilt });
    const how = first ? 'first listing, as discovery went' : `${rebuilt} of ${discovered.length} modules changed`;
    this.log?.info(`Test Explorer: ${this.byNodeId.size} items of ${this.root.crateDir} built in ${Math.round(building.total)} ms (${how}), the longest stretch ${Math.round(building.longest)} ms`);
  }

  /** A module's item, built (from `previous`, reused, when there is one), with what it was built from noted. */
  private buildModule(module: DiscoveredModule, index: number, previous?: vscode.TestItem, digest = digestOf(module)): vscode.TestItem {
    this.builtFrom.set(module.nodeid, digest);
    return this.build(module, index, undefined, previous);
  }

  /**
   * Brings a module's item up to date: left as it is (but for its place) when built from the same
   * module, else built again, in place. Returns whether it was built.
   */
  private updateModule(module: DiscoveredModule, index: number): boolean {
    const existing = this.item.children.get(this.itemId(module.nodeid));
    const digest = digestOf(module);
    if (existing && this.builtFrom.get(module.nodeid) === digest) {
      const sortText = sortTextOf(index);
      if (existing.sortText !== sortText) existing.sortText = sortText;
      return false;
    }
    if (existing) this.forget(existing);
    const item = this.buildModule(module, index, existing, digest);
    if (item !== existing) this.item.children.add(item);
    return true;
  }

  /** Every module: those whose files did not change since the cache was written come from it. */
  private async discoverAll(slices: TimeSlices, listedSoFar?: (modules: readonly DiscoveredModule[]) => Promise<void>): Promise<DiscoveredModule[]> {
    const { cacheFile } = this.storage;
    if (!cacheFile) {
      const modules = await this.discovery.discoverFilesInSlices(this.discovery.testFiles(), slices, undefined, listedSoFar);
      this.lastDiscovery = { ...this.lastDiscovery, reused: 0, discovered: modules.length, cacheFile: undefined, turns: slices.turns, longestSliceMs: slices.longestSlice };
      return modules;
    }
    const started = performance.now();
    const cache = DiscoveryCache.read(cacheFile, discoveryCacheKey(this.discovery));
    const modules = await discoverCachedInSlices(this.discovery, cache, slices, listedSoFar);
    if (cache.isChanged) {
      try {
        await cache.writeInSlices(cacheFile, slices);
      } catch (error) {
        this.log?.warn(`Test Explorer: could not save the discovery cache ${cacheFile}: ${(error as Error).message}`);
      }
      slices.finish();
    }
    this.lastDiscovery = { ...this.lastDiscovery, reused: cache.reused, discovered: modules.length - cache.reused, cacheFile, turns: slices.turns, longestSliceMs: slices.longestSlice };
    this.log?.info(
      `static discovery of ${this.root.crateDir}: ${modules.length} modules (${cache.reused} unchanged, from the cache) in ${Math.round(performance.now() - started)} ms, ` +
        `${slices.turns} turns given to the extension host, the longest slice ${Math.round(slices.longestSlice)} ms (the cache's saving included)`,
    );
    return modules;
  }

  /**
   * Re-discovers one file from its editor text (or disk); removes it when it is no test module.
   * `edited`: the text has unsaved changes (no collection has seen it).
   */
  updateFile(file: string, text?: string, edited = false): void {
    if (this.rebuilds.defer(file, { text, edited })) return;
    const discovered = this.discovery.isTestFile(file) ? this.discovery.discoverFile(file, text) : undefined;
    const module = discovered && this.memory.apply(discovered);
    const nodeid = path.relative(this.rootdir, file).split(path.sep).join('/');
    this.unsure.delete(nodeid);
    if (discovered) this.noteUnsure(discovered, edited);
    const id = this.itemId(nodeid);
    const existing = this.item.children.get(id);
    // A file only pytest reads stays while it exists and the last collection found tests in it.
    if (!module && this.collectedOnly.has(nodeid) && this.showCollectedOnly(nodeid, false, existing)) return;
    if (!module) {
      this.collectedOnly.delete(nodeid);
      if (existing) this.forget(existing);
      this.item.children.delete(id);
      if (existing) this.noteCollisions(); // the file that took a module name may be gone
      return;
    }
    // Typing inside a test's body changes no item: the module's items stay as they are.
    const rebuilt = this.updateModule(module, existing ? Number(existing.sortText ?? 0) : this.item.children.size);
    if (!existing) this.noteCollisions(); // a new file may take, or want, a module name
    const counts = this.fileUpdates.get(nodeid) ?? { rebuilt: 0, kept: 0 };
    counts[rebuilt ? 'rebuilt' : 'kept']++;
    this.fileUpdates.set(nodeid, counts);
  }

  async fileChanged(file: string): Promise<void> {
    if (path.basename(file) === 'conftest.py') {
      this.discovery.invalidateConftest(file);
      await this.resolve();
    } else {
      this.updateFile(file);
      await this.settled(); // applied after the rebuild running, if one is
    }
  }

  /**
   * A folder appeared (created, copied or moved in): a file watcher reports the folder, but not
   * always each file in it. Adds its test modules; a conftest.py in it re-discovers everything.
   * Returns the Python files it found.
   */
  async folderCreated(folder: string): Promise<string[]> {
    if (!this.discovery.covers(folder)) return [];
    const { testFiles, conftests } = this.discovery.filesUnder(folder);
    if (conftests.length > 0) {
      conftests.forEach((conftest) => this.discovery.invalidateConftest(conftest));
      await this.resolve();
    } else testFiles.forEach((file) => this.updateFile(file));
    return [...conftests, ...testFiles];
  }

  /** A folder went away: a watcher reports only the folder, so its modules are removed here. Returns their files. */
  folderDeleted(folder: string): string[] {
    if (!this.discovery.covers(folder)) return [];
    const prefix = path.resolve(folder) + path.sep;
    const files = [...this.item.children].map(([, item]) => item.uri?.fsPath).filter((file): file is string => file?.startsWith(prefix) === true);
    files.forEach((file) => this.updateFile(file));
    return files;
  }

  /**
   * The modules (node ids) pytest's collection may list differently from the tree and that it has
   * not collected whole since their file last changed: what a background collection should cover.
   */
  unsureModules(): string[] {
    return [...this.unsure];
  }

  /** `edited`: discovered from an editor's text, which may differ from what pytest last collected. */
  private noteUnsure(module: DiscoveredModule, edited: boolean): void {
    if (needsCollection(module, this.memory, edited)) this.unsure.add(module.nodeid);
  }

  /** The item of a node id if the tree has it (never adds one, unlike `lookup`). */
  existing(nodeid: string): vscode.TestItem | undefined {
    return this.byNodeId.get(nodeid);
  }

  /** The item of a node id; cases pytest reports that discovery did not know are added under their function. */
  lookup(nodeid: string): vscode.TestItem | undefined {
    const known = this.byNodeId.get(nodeid);
    if (known) return known;
    const parentId = parentNodeId(nodeid);
    if (parentId === undefined) return this.showCollectedOnly(nodeid, true);
    const parent = this.lookup(parentId);
    if (!parent) return undefined;
    const kind: ItemKind = nodeid.endsWith(']') ? 'case' : 'function';
    const label = kind === 'case' ? nodeid.slice(nodeid.indexOf('[') + 1, -1) : nodeid.slice(nodeid.lastIndexOf('::') + 2);
    const item = this.controller.createTestItem(this.itemId(nodeid), label, parent.uri);
    this.builtFrom.delete(moduleOf(nodeid)); // its items are no longer what discovery built
    item.range = parent.range;
    item.tags = parent.tags;
    item.sortText = sortTextOf(parent.children.size);
    this.data.set(item, { root: this, kind, nodeid });
    item.description = this.descriptionOf(item);
    this.byNodeId.set(nodeid, item);
    parent.children.add(item);
    return item;
  }

  /**
   * Works out which listed modules pytest will fail to import (`importCollisions`) and puts that
   * on the items whose state changed. Run when the set of modules changes.
   */
  private noteCollisions(): void {
    const files = new Map<string, string>(); // file → module node id
    for (const [, item] of this.item.children) {
      const data = this.data.get(item);
      if (data?.kind === 'module' && item.uri && !this.collectedOnly.has(data.nodeid)) files.set(item.uri.fsPath, data.nodeid);
    }
    const found = new Map<string, string>();
    for (const [file, earlier] of importCollisions([...files.keys()], this.discovery.config, this.pytestArgs())) found.set(files.get(file)!, importCollisionError(file, earlier, this.rootdir));
    const changed = new Set([...found.keys(), ...this.collisions.keys()].filter((nodeid) => found.get(nodeid) !== this.collisions.get(nodeid)));
    this.collisions = found;
    for (const nodeid of changed) {
      const item = this.byNodeId.get(nodeid);
      if (item) item.error = this.staticErrors.get(nodeid) ?? found.get(nodeid);
    }
  }

  /**
   * The item of a file pytest collected from but static discovery does not list (it must exist
   * under the rootdir), with the tests the memory has of it. `empty`: also when it has none yet (a
   * run reporting its first test); otherwise undefined then. `previous`: its item, updated.
   */
  private showCollectedOnly(nodeid: string, empty: boolean, previous?: vscode.TestItem): vscode.TestItem | undefined {
    const file = path.join(this.rootdir, ...nodeid.split('/'));
    if (nodeid.includes('::') || path.relative(this.rootdir, file).startsWith('..') || !isFile(file)) return undefined;
    const module = this.memory.apply(collectedOnlyModule(nodeid, file));
    if (!empty && module.children.length === 0) return undefined;
    const item = this.buildModule(module, 0, previous);
    item.sortText = `~${item.label}`; // after the modules static discovery orders
    this.collectedOnly.add(nodeid);
    if (!previous) this.item.children.add(item);
    return item;
  }

  private readMemory(): CollectedCases {
    const file = this.storage.memoryFile;
    try {
      return file ? CollectedCases.read(file) : new CollectedCases();
    } catch (error) {
      this.log?.warn(`Test Explorer: ignoring the unreadable collection memory ${file} (Refresh collects again): ${(error as Error).message}`);
      return new CollectedCases();
    }
  }

  private saveMemory(): void {
    const file = this.storage.memoryFile;
    try {
      if (file) this.memory.write(file);
    } catch (error) {
      this.log?.warn(`Test Explorer: could not save the collection memory ${file}: ${(error as Error).message}`);
    }
  }

  /**
   * Remembers the cases a cargo run or collection reported. `selection` is what the run asked for
   * (undefined: everything): only files, classes and functions it selected whole are complete;
   * `pytestArgs` are the arguments it ran with.
   * Files whose memory changed are rebuilt (from their editor text when open).
   */
  async rememberCollection(summary: RunSummary, selection: readonly string[] | undefined, pytestArgs: readonly string[]): Promise<void> {
    // A cancelled or broken run may have stopped mid-collection: learn nothing from it.
    if (summary.cancelled || summary.errors.length > 0 || summary.sessions.length === 0) return;
    const started = performance.now();
    const slices = new TimeSlices(sliceMs());
    // Deselected tests exist: remembered like the others (pytest's order), so Refresh keeps them.
    const ids = summary.allCollected;
    const broken = new Set(summary.collectErrors.map((error) => moduleOf(error.nodeid)));
    // Everything collected: every test module the tree lists was seen, also one where pytest found no test.
    const scopes = selection ?? [...new Set([...ids.map(moduleOf), ...this.moduleIds()])];
    const covered = scopes.filter((scope) => !broken.has(moduleOf(scope)));
    const under = argumentsKey(pytestArgs);
    this.noteDeselected(summary.deselected, covered, under);
    const changed = this.memory.remember(ids, covered, { rootdir: summary.sessions[0].rootdir });
    // After `remember`: a first collection (or another rootdir) resets what the memory kept.
    this.memory.rememberDeselections(this.deselected, under);
    covered.filter((scope) => !scope.includes('::')).forEach((file) => this.unsure.delete(file));
    if (this.memory.isUnsaved) this.saveMemory();
    if (changed.length === 0) return;
    if (this.item.children.size === 0) return; // not resolved yet: resolve() applies the memory
    // Each file is discovered again with what pytest collected: in slices of time, as a rebuild
    // (a first full run or Refresh of a large crate changes every module).
    for (const fileId of changed) {
      if (slices.due) await slices.giveTurn();
      if (!this.item.children.get(this.itemId(fileId))) continue;
      const file = path.join(this.rootdir, ...fileId.split('/'));
      const document = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
      this.updateFile(file, document?.getText(), document?.isDirty);
    }
    slices.finish();
    Object.assign(this.lastCollection, { changedModules: changed.length, rememberMs: performance.now() - started, rememberLongestSliceMs: slices.longestSlice });
    this.log?.info(`Test Explorer: what pytest collected changed ${changed.length} module(s) of ${this.root.crateDir}, updated in ${slices.turns} turns, the longest slice ${Math.round(slices.longestSlice)} ms`);
  }

  /**
   * The deselections of a collection that covered `covered` (scopes: files, classes, functions):
   * what it deselected there replaces what an earlier one did; items whose state changed are redescribed.
   */
  private noteDeselected(events: readonly DeselectedEvent[], covered: readonly string[], under: string): void {
    const scopes = new Set(covered);
    const isCovered = (nodeid: string): boolean => {
      for (let id: string | undefined = nodeid; id !== undefined; id = parentNodeId(id)) if (scopes.has(id)) return true;
      return false;
    };
    // Marks found with other arguments say nothing about this collection's.
    const kept = under === this.deselectedUnder ? [...this.deselected].filter(([nodeid]) => !isCovered(nodeid)) : [];
    this.setDeselected(new Map([...kept, ...events.map((event): [string, string] => [event.nodeid, event.reason])]), under);
  }

  /**
   * The marks the current pytest arguments have: what the memory kept for them (after a reload), or
   * none when they changed. The memory itself keeps the last collection's until the next one.
   */
  syncDeselections(): void {
    const under = argumentsKey(this.pytestArgs());
    if (under === this.deselectedUnder) return;
    const marks = this.memory.deselectionsUnder(under);
    this.log?.info(`pytest arguments of ${this.root.crateDir}: ${under}; the last collection with them deselected ${marks.size} test(s)`);
    this.setDeselected(marks, under);
  }

  private setDeselected(deselected: Map<string, string>, under: string): void {
    const before = this.deselected;
    this.deselected = deselected;
    this.deselectedUnder = under;
    for (const nodeid of new Set([...before.keys(), ...deselected.keys()])) {
      if (before.get(nodeid) === deselected.get(nodeid)) continue;
      const item = this.byNodeId.get(nodeid);
      if (item) item.description = this.descriptionOf(item);
    }
  }

  /** Static discovery's status, or that pytest deselects the test (and why). */
  private descriptionOf(item: vscode.TestItem): string | undefined {
    const data = this.data.get(item);
    const reason = data && this.deselected.get(data.nodeid);
    return reason === undefined ? data?.status : `deselected by ${reason}${data?.status ? `; ${data.status}` : ''}`;
  }

  /**
   * Make the tree what pytest collected: add dynamic cases, drop what pytest does not collect, flag
   * collection errors. After a rebuild under way; in slices of time (60,000 tests took 430 ms).
   */
  async reconcile(result: CollectResult): Promise<void> {
    await this.settled();
    const started = performance.now();
    const slices = new TimeSlices(sliceMs());
    const listed = [...result.tests, ...result.deselected];
    const collected = new Set(listed.map((t) => t.nodeid));
    const files = new Set([...listed.map((t) => moduleOf(t.nodeid)), ...result.collectErrors.map((e) => moduleOf(e.nodeid))]);
    files.forEach((file) => this.builtFrom.delete(file));
    for (const test of listed) {
      if (slices.due) await slices.giveTurn();
      const item = this.lookup(test.nodeid);
      if (item && !item.range && test.line) item.range = new vscode.Range(test.line - 1, 0, test.line - 1, 0);
    }
    // Deepest first (a child's id extends its parent's), so a function or class left empty goes too.
    for (const [nodeid, item] of [...this.byNodeId].sort(([a], [b]) => b.length - a.length)) {
      if (slices.due) await slices.giveTurn();
      if (this.byNodeId.get(nodeid) !== item) continue; // replaced during a turn
      const data = this.data.get(item);
      const file = moduleOf(nodeid);
      if (!data || data.kind === 'module' || !files.has(file)) continue;
      const isLeaf = item.children.size === 0;
      if (isLeaf && !collected.has(nodeid)) {
        item.parent?.children.delete(item.id);
        this.byNodeId.delete(nodeid);
      }
    }
    for (const [, module] of this.item.children) {
      if (module.error === undefined) continue;
      module.error = undefined;
      this.builtFrom.delete(this.data.get(module)?.nodeid ?? '');
    }
    for (const error of result.collectErrors) {
      const item = this.lookup(error.nodeid) ?? this.lookup(moduleOf(error.nodeid));
      if (item) item.error = new vscode.MarkdownString().appendCodeblock(error.message, 'text');
    }
    slices.finish();
    Object.assign(this.lastCollection, { reconciledTests: listed.length, reconcileMs: performance.now() - started, reconcileLongestSliceMs: slices.longestSlice });
    this.log?.info(`Test Explorer: ${this.root.crateDir} reconciled with ${listed.length} collected tests in ${slices.turns} turns, the longest slice ${Math.round(slices.longestSlice)} ms`);
  }

  private moduleIds(): string[] {
    return [...this.item.children].map(([, item]) => this.data.get(item)?.nodeid).filter((id): id is string => id !== undefined);
  }

  private itemId(nodeid: string): string {
    return `${this.root.crateDir}|${nodeid}`;
  }

  private forget(item: vscode.TestItem): void {
    const data = this.data.get(item);
    if (data) this.byNodeId.delete(data.nodeid);
    if (data?.kind === 'module') {
      this.builtFrom.delete(data.nodeid);
      this.staticErrors.delete(data.nodeid);
    }
    item.children.forEach((child) => this.forget(child));
  }

  /**
   * The item of `discovered`. `previous`: the item of the same id it replaces, reused (its fields
   * set where they differ, its children reused the same way) so VS Code gets only what changed.
   * `parentUri`: the parent's `Uri`, shared by the items of one file. VS Code's extension host
   * scans its pending changes for one with the same `Uri` object each time an item replaces one of
   * the same id, so a `Uri` per item made a rebuild of 61,200 items take 15–18 s in one piece.
   */
  private build(discovered: DiscoveredItem | DiscoveredModule, index: number, parentUri?: vscode.Uri, previous?: vscode.TestItem): vscode.TestItem {
    const uri = parentUri?.fsPath === discovered.file ? parentUri : vscode.Uri.file(discovered.file);
    const label = discovered.kind === 'module' ? path.relative(this.root.crateDir, discovered.file).split(path.sep).join('/') : discovered.name;
    const reused = previous?.uri?.fsPath === discovered.file && this.data.get(previous)?.kind === discovered.kind ? previous : undefined;
    const item = reused ?? this.controller.createTestItem(this.itemId(discovered.nodeid), label, uri);
    const status = describe(discovered);
    this.data.set(item, { root: this, kind: discovered.kind, nodeid: discovered.nodeid, status });
    let error = 'error' in discovered && discovered.error ? discovered.error : 'hasSyntaxErrors' in discovered && discovered.hasSyntaxErrors ? 'Syntax error: pytest will fail to import this module.' : undefined;
    if (discovered.kind === 'module') {
      this.staticErrors.set(discovered.nodeid, error);
      error ??= this.collisions.get(discovered.nodeid);
    }
    const fields = {
      label,
      range: discovered.kind === 'module' ? undefined : toRange(discovered.range),
      sortText: sortTextOf(index),
      tags: discovered.tags.map(markerTag),
      error,
      description: this.descriptionOf(item),
    };
    if (!reused) Object.assign(item, fields);
    else {
      if (item.label !== fields.label) item.label = fields.label;
      if (!sameRange(item.range, fields.range)) item.range = fields.range;
      if (item.sortText !== fields.sortText) item.sortText = fields.sortText;
      if (!sameTags(item.tags, fields.tags)) item.tags = fields.tags;
      if (item.error !== fields.error) item.error = fields.error;
      if (item.description !== fields.description) item.description = fields.description;
    }
    this.byNodeId.set(discovered.nodeid, item);
    const children = discovered.children.map((child, i) => this.build(child, i, uri, reused?.children.get(this.itemId(child.nodeid))));
    if (!reused || !sameItems(item.children, children)) item.children.replace(children);
    return item;
  }
}

/** The module node id of a node id (its file part). */
function moduleOf(nodeid: string): string {
  const end = nodeid.indexOf('::');
  return end < 0 ? nodeid : nodeid.slice(0, end);
}

/** Time spent building test items, in stretches (each runs without a turn to the event loop). */
class BuildTime {
  total = 0;
  longest = 0;

  time(build: () => void): void {
    const started = performance.now();
    build();
    const spent = performance.now() - started;
    this.total += spent;
    this.longest = Math.max(this.longest, spent);
  }
}

/** A module whose code may create tests on import (the engine's `runtimeTests`). */
const RUNTIME_TESTS_STATUS = 'may create more tests on import: Refresh lists them';

/** A file only pytest's collection reads (`pytest_collect_file` of a conftest.py or a plugin). */
const COLLECTED_ONLY_STATUS = 'collected by pytest: Refresh updates it';

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A class with a base computed at run time (the engine's `inheritsComputedBase`). */
const COMPUTED_BASE_STATUS = 'may inherit more tests from a computed base: Refresh lists them';

/** A class with a custom metaclass (the engine's `rewrittenByMetaclass`) before pytest collected it. */
const METACLASS_STATUS = 'its metaclass may rename its tests: Refresh lists them';

/** What the tree says about an item static discovery is unsure of (both, when under an `if` and unsure). */
function describe(discovered: DiscoveredItem | DiscoveredModule): string | undefined {
  let status: string | undefined;
  if ('skippedOnImport' in discovered && discovered.skippedOnImport !== undefined) status = `skipped on import${discovered.skippedOnImport ? `: ${discovered.skippedOnImport}` : ''}`;
  else if ('skippedAtLastCollection' in discovered && discovered.skippedAtLastCollection) status = 'skipped itself on import in the last collection';
  else if ('mayBeSkippedOnImport' in discovered && discovered.mayBeSkippedOnImport) status = 'may skip itself on import';
  else if ('unregisteredMarks' in discovered && discovered.unregisteredMarks) status = `strict markers: ${discovered.unregisteredMarks.join(', ')} registered by no config or conftest.py`;
  else if ('collectedOnly' in discovered && discovered.collectedOnly) status = COLLECTED_ONLY_STATUS;
  else if ('runtimeTests' in discovered && discovered.runtimeTests) status = RUNTIME_TESTS_STATUS;
  else if (discovered.inheritsComputedBase) status = COMPUTED_BASE_STATUS;
  else if (discovered.rewrittenByMetaclass) status = discovered.collectedAt ? 'tests from the last collection' : METACLASS_STATUS;
  else if (discovered.dynamic) status = 'cases known after Refresh';
  // A test only the collection found (made on import, in a YAML file) has no cases of its own.
  else if (discovered.kind === 'function' && discovered.collectedAt) status = discovered.children.length > 0 ? 'cases from the last collection' : 'from the last collection';
  else if (discovered.suffixOnly) status = 'id may get a duplicate suffix';
  else if (discovered.exact === false) status = 'id guessed';
  const condition = discovered.conditional ? 'collected only if its `if` branch runs' : undefined;
  return condition && status ? `${condition}; ${status}` : (condition ?? status);
}
