// Static discovery of a whole test tree: pytest's config decides rootdir, testpaths and the file,
// class and function patterns; each file is parsed once and its tree freed right away.

import * as path from 'node:path';
import type { Node as SyntaxNode, Parser } from 'web-tree-sitter';
import { fileKind } from '../config/collection';
import { fnmatch } from '../config/fnmatch';
import { BUILTIN_MARKERS, markersRegisteredInText, strictMarkers } from '../config/markers';
import { findPytestConfig, PytestConfig } from '../config/pytestConfig';
import { DoctestCollection, doctestCollectionOf, IgnoreOptions, ignoreOptionsOf } from '../config/runArguments';
import { collectionStarts } from '../config/testpaths';
import { discoverSource, nodeIdPath } from './discoverFile';
import { withIdEscaping } from './nodeIds';
import { doctestItems, doctestKind, doctestTextItems } from './doctests';
import { capturingDependencies, DependencyRecorder, isRecordingDependencies, noteDependency, recordingInto, StampMemo, type Stamp } from './fileDependencies';
import { importedFixtures } from './importedFixtures';
import { FixtureMap, readFixtures } from './fixtureParams';
import { conftestDirs, IgnoredPaths } from './ignoredPaths';
import { CollectionHooks, collectionHooksOf, mergeHooks } from './collectionHooks';
import { ModuleLoader, moduleInfo } from './moduleClasses';
import { scopeOf } from './scope';
import { skeletonOf } from './skeleton';
import type { TimeSlices } from './timeSlices';
import type { DiscoveredItem, DiscoveredModule, DiscoveredTest } from './types';
import { DEFAULT_NORECURSE, walkTestFiles, type WalkResult } from './walk';
import { readTextIfAny } from '../text/readText';
import { parsePythonSource } from '../parse/dedentedComments';

export interface DiscoveryOptions {
  /** Folders or files to collect; default: the config's testpaths, else the root. */
  paths?: string[];
  /** The pytest config to use; default: the one pytest would find from the root. */
  config?: PytestConfig;
  /** Modules read from disk list the files they depend on (`DiscoveredModule.dependencies`), for a cache. */
  recordDependencies?: boolean;
  /** Arguments runs add to pytest's (`--ignore`, `--ignore-glob` decide which files are collected). */
  pytestArgs?: readonly string[];
}

/** Discovery bound to one root (a crate or workspace folder); keeps conftest fixtures cached. */
export class StaticDiscovery {
  readonly config: PytestConfig;
  /** What the doctest plugin collects: doctest modules (`--doctest-modules`), doctest text files. */
  readonly doctests: DoctestCollection;
  /** Per folder: its conftest.py's fixtures (null: none), kept while the file's stamp stays. */
  /** Per folder: its conftest.py's fixtures (with those it imports) and hooks; `files`: what the imports read. */
  private readonly conftests = new Map<string, { stamp: Stamp; fixtures: FixtureMap | null; hooks?: CollectionHooks; files?: string[]; syntaxErrorRow?: number; markers?: { names: string[]; unreadable: boolean } }>();
  /** What `--ignore` options and conftest.py files leave out (read apart from fixtures: a warm start walks, it parses no fixtures). */
  private readonly ignored: IgnoredPaths;

  /** An unregistered mark fails a module's collection (`strict_markers`, `--strict-markers`). */
  private readonly strictMarkers: boolean;

  constructor(private readonly parser: Parser, readonly root: string, private readonly options: DiscoveryOptions = {}) {
    this.config = options.config ?? findPytestConfig(root);
    this.ignored = new IgnoredPaths(parser);
    this.doctests = doctestCollectionOf(this.config, options.pytestArgs ?? []);
    this.strictMarkers = strictMarkers(this.config, options.pytestArgs ?? []);
  }

  get rootdir(): string {
    return this.config.rootdir;
  }

  get recordsDependencies(): boolean {
    return this.options.recordDependencies === true;
  }

  /**
   * Where collection starts: explicit paths, else what pytest run from the root without arguments
   * starts from (the testpaths globs that match, when the root is the rootdir; else the root).
   */
  collectionPaths(): string[] {
    if (this.options.paths?.length) return this.options.paths.map((p) => path.resolve(this.root, p));
    return collectionStarts(this.config.testpaths, this.rootdir, this.root);
  }

  private norecurse(): string[] {
    const configured = this.config.options.norecursedirs;
    if (configured === undefined) return DEFAULT_NORECURSE;
    const list = Array.isArray(configured) ? configured : configured.split(/\s+/).filter((s) => s.length > 0);
    return [...list, 'target', '__pycache__'];
  }

  /**
   * The test files and conftest.py files pytest would visit under `folder` (e.g. one that was just
   * created or moved in, whose files a file watcher may not report one by one). Empty when the
   * folder is outside the collection paths or inside a folder pytest does not recurse into.
   */
  filesUnder(folder: string): WalkResult {
    const full = path.resolve(folder);
    const starts: string[] = [];
    for (const p of this.collectionPaths()) {
      if (p === full || p.startsWith(full + path.sep)) starts.push(p);
      else if (full.startsWith(p + path.sep) && !this.skipsFolderBetween(p, full) && !this.ignoredBetween(p, full)) starts.push(full);
    }
    return walkTestFiles([...new Set(starts)], this.config.collection, this.norecurse(), this.ignoredPaths(), this.doctests);
  }

  /** Whether `folder` lies inside the collection paths (it may hold test modules). */
  covers(folder: string): boolean {
    const full = path.resolve(folder);
    return this.collectionPaths().some((p) => p === full || p.startsWith(full + path.sep) || full.startsWith(p + path.sep));
  }

  /** Whether a folder between `start` and `folder` (itself included) is one pytest does not recurse into. */
  private skipsFolderBetween(start: string, folder: string): boolean {
    const norecurse = this.norecurse();
    return path
      .relative(start, folder)
      .split(path.sep)
      .some((name) => norecurse.some((pattern) => fnmatch(name, pattern)));
  }

  /** The test files under the collection paths, in pytest's order. */
  testFiles(): string[] {
    return walkTestFiles(this.collectionPaths(), this.config.collection, this.norecurse(), this.ignoredPaths(), this.doctests).testFiles;
  }

  /** What `--ignore`/`--ignore-glob` in `addopts` and in the runs' arguments leave out. */
  ignoreOptions(): IgnoreOptions {
    return ignoreOptionsOf(this.config, this.options.pytestArgs ?? [], this.root);
  }

  /** pytest_ignore_collect for one walk. */
  private ignoredPaths(): (full: string) => boolean {
    return this.ignored.test(this.rootdir, this.ignoreOptions());
  }

  /** Whether a folder or file below `start` down to `full` (itself included) is left out by an option or a conftest. */
  private ignoredBetween(start: string, full: string): boolean {
    return this.ignored.between(this.rootdir, this.ignoreOptions(), start, full);
  }

  /** Every test module under the collection paths, in pytest's order. */
  discoverAll(): DiscoveredModule[] {
    return this.discoverFiles(this.testFiles());
  }

  /** The modules of the given test files (one shared loader for imported base classes). */
  discoverFiles(testFiles: Iterable<string>, stamps = new StampMemo()): DiscoveredModule[] {
    const modules: DiscoveredModule[] = [];
    const loader = new ModuleLoader(this.parser, 256);
    try {
      for (const file of testFiles) this.discoverInto(modules, file, loader, stamps);
    } finally {
      loader.dispose();
    }
    return modules;
  }

  /**
   * `discoverFiles`, giving the event loop a turn whenever a slice of time is used (see `TimeSlices`);
   * before each turn, `beforeTurn` gets the modules so far and how many of the files were done (and
   * is awaited: it may take turns of its own with `slices`).
   */
  async discoverFilesInSlices(testFiles: readonly string[], slices: TimeSlices, stamps = new StampMemo(), beforeTurn?: (modules: readonly DiscoveredModule[], filesDone: number) => void | Promise<void>): Promise<DiscoveredModule[]> {
    const modules: DiscoveredModule[] = [];
    const loader = new ModuleLoader(this.parser, 256);
    try {
      for (const [index, file] of testFiles.entries()) {
        if (slices.due) {
          await beforeTurn?.(modules, index);
          await slices.giveTurn();
        }
        this.discoverInto(modules, file, loader, stamps);
      }
    } finally {
      loader.dispose();
      slices.finish();
    }
    return modules;
  }

  private discoverInto(modules: DiscoveredModule[], file: string, loader: ModuleLoader, stamps: StampMemo): void {
    try {
      const module = this.discoverFromDisk(file, loader, stamps);
      if (module) modules.push(module);
    } catch (error) {
      // One unreadable file must not hide the others; pytest will report it when collecting.
      modules.push(this.failedModule(file, error as Error));
    }
  }

  private failedModule(file: string, error: Error): DiscoveredModule {
    return {
      kind: 'module',
      nodeid: nodeIdPath(this.rootdir, file),
      name: path.basename(file),
      file,
      tags: [],
      children: [],
      hasSyntaxErrors: false,
      error: `static discovery failed: ${error.message}`,
    };
  }

  /** True when pytest would collect this file as a test module (by name and location), or as a doctest module. */
  isTestFile(file: string): boolean {
    const full = path.resolve(file);
    if (fileKind(full, this.config.collection) !== 'test' && !doctestKind(full, this.doctests)) return false;
    return this.collectionPaths().some((p) => full === p || (full.startsWith(p + path.sep) && !this.ignoredBetween(p, full)));
  }

  /** One file, from its current text (an editor buffer) or from disk. */
  discoverFile(file: string, text?: string, loader?: ModuleLoader): DiscoveredModule | undefined {
    const stamps = new StampMemo();
    return text === undefined ? this.discoverFromDisk(file, loader, stamps) : StaticDiscovery.listed(this.discoverText(path.resolve(file), text, loader, stamps));
  }

  /** A module pytest lists: a test module, or a doctest-only module that has doctests. */
  private static listed(module: DiscoveredModule | undefined): DiscoveredModule | undefined {
    return module && (module.children.length > 0 || !module.doctestsOnly) ? module : undefined;
  }

  /** A file as it is on disk; with `recordDependencies`, the module lists what it was built from. */
  private discoverFromDisk(file: string, loader: ModuleLoader | undefined, stamps: StampMemo): DiscoveredModule | undefined {
    const full = path.resolve(file);
    const discover = (): DiscoveredModule | undefined => {
      const source = readTextIfAny(full);
      return source === undefined ? undefined : StaticDiscovery.listed(this.discoverText(full, source, loader, stamps));
    };
    if (!this.options.recordDependencies) return discover();
    const recorder = new DependencyRecorder(stamps);
    const module = recordingInto(recorder, () => {
      noteDependency(full); // stamped before the read
      return discover();
    });
    if (module) module.dependencies = [...recorder.files];
    return module;
  }

  private discoverText(full: string, source: string, loader: ModuleLoader | undefined, stamps: StampMemo): DiscoveredModule {
    const nodeid = nodeIdPath(this.rootdir, full);
    // pytest lists a file's doctests before its tests (its DoctestModule comes first).
    const kind = doctestKind(full, this.doctests);
    const doctests = kind === 'module' ? doctestItems(this.parser, full, source, nodeid) : kind === 'text' ? doctestTextItems(full, source, nodeid) : [];
    if (kind === 'text' || fileKind(full, this.config.collection) !== 'test') {
      return { kind: 'module', nodeid, name: path.basename(full), file: full, tags: [], children: doctests, hasSyntaxErrors: false, doctestsOnly: true };
    }
    const module = this.testModule(full, source, loader, stamps);
    return doctests.length > 0 ? { ...module, children: [...doctests, ...module.children] } : module;
  }

  private testModule(full: string, source: string, loader: ModuleLoader | undefined, stamps: StampMemo): DiscoveredModule {
    // The conftest.py files' fixture params are read under the same setting (within this call).
    const unescaped = /^(y|yes|t|true|on|1)$/i.test(String(this.config.options.disable_test_id_escaping_and_forfeit_all_rights_to_community_support ?? '').trim());
    return withIdEscaping(!unescaped, () => this.testModuleIds(full, source, loader, stamps));
  }

  private testModuleIds(full: string, source: string, loader: ModuleLoader | undefined, stamps: StampMemo): DiscoveredModule {
    return discoverSource(this.parser, full, source, {
      rootdir: this.rootdir,
      collection: this.config.collection,
      conftestFixtures: this.conftestChain(path.dirname(full), stamps),
      collectionHooks: this.conftestHooks(path.dirname(full), stamps),
      usefixtures: this.config.usefixtures,
      collectImportedTests: !/^(false|0|no)$/i.test(String(this.config.options.collect_imported_tests ?? 'true').trim()),
      strictParametrizationIds: iniBool(this.config.options.strict_parametrization_ids ?? this.config.options.strict),
      registeredMarkers: this.strictMarkers ? this.registeredMarkers(path.dirname(full), stamps) : undefined,
      conftestProblem: this.conftestProblem(path.dirname(full), stamps),
    }, loader);
  }

  /**
   * Under strict markers, the markers pytest knows for the modules of `dir` before any plugin: its
   * own, the ini's and those the conftest.py files above register; undefined when one of those
   * registers names its text does not tell (a loop, `pytest_plugins`). Installed plugins are not
   * read here: a mark only one of them registers leaves its module unsure, for a collection to settle.
   */
  private registeredMarkers(dir: string, stamps: StampMemo): ReadonlySet<string> | undefined {
    const names = new Set([...BUILTIN_MARKERS, ...this.config.markers]);
    for (const d of conftestDirs(this.rootdir, dir)) {
      this.conftestIn(d, stamps); // read, or known
      const markers = this.conftests.get(d)?.markers;
      if (markers?.unreadable) return undefined;
      markers?.names.forEach((name) => names.add(name));
    }
    return names;
  }

  /** Forget a conftest.py's fixtures (call when it changes). */
  invalidateConftest(file: string): void {
    this.conftests.delete(path.dirname(path.resolve(file)));
    this.ignored.forget(file);
  }

  /** Fixtures of conftest.py files from rootdir down to `dir`, outermost first. */
  private conftestChain(dir: string, stamps: StampMemo): FixtureMap[] {
    return conftestDirs(this.rootdir, dir).map((d) => this.conftestIn(d, stamps)).filter((m): m is FixtureMap => m !== null);
  }

  /** The case-changing hooks of the conftest.py files from rootdir down to `dir` (read with their fixtures). */
  private conftestHooks(dir: string, stamps: StampMemo): CollectionHooks | undefined {
    let hooks: CollectionHooks | undefined;
    for (const d of conftestDirs(this.rootdir, dir)) {
      this.conftestIn(d, stamps); // read, or known: its hooks are kept with its fixtures
      hooks = mergeHooks(hooks, this.conftests.get(d)?.hooks);
    }
    return hooks;
  }

  private conftestIn(dir: string, stamps: StampMemo): FixtureMap | null {
    const file = path.join(dir, 'conftest.py');
    noteDependency(file); // an absent one too: creating it changes the fixtures
    const stamp = stamps.get(file);
    const known = this.conftests.get(dir);
    // Known, unless the files its imports read were not recorded then and a module records them now.
    if (known?.stamp === stamp && (known.files !== undefined || !isRecordingDependencies())) {
      known.files?.forEach(noteDependency);
      return known.fixtures;
    }
    const text = readTextIfAny(file);
    const hooks = text === undefined ? undefined : collectionHooksOf(text);
    const markers = text === undefined ? undefined : markersRegisteredInText(text);
    const { value: read, files } = capturingDependencies(() => (text === undefined ? { fixtures: null } : this.conftestFixtures(file, text)));
    this.conftests.set(dir, { stamp, fixtures: read.fixtures, hooks, files, syntaxErrorRow: read.syntaxErrorRow, markers });
    return read.fixtures;
  }

  /** Why pytest cannot import a conftest.py above `dir` (the outermost broken one), or undefined. */
  private conftestProblem(dir: string, stamps: StampMemo): string | undefined {
    for (const d of conftestDirs(this.rootdir, dir)) {
      this.conftestIn(d, stamps); // read, or known
      const row = this.conftests.get(d)?.syntaxErrorRow;
      if (row === undefined) continue;
      const conftest = nodeIdPath(this.rootdir, path.join(d, 'conftest.py'));
      return `pytest cannot import ${conftest} (syntax error at line ${row + 1}), so it collects none of the tests under ${nodeIdPath(this.rootdir, d) || 'the rootdir'}.`;
    }
    return undefined;
  }

  /**
   * A conftest.py's fixtures: those it defines, over those it imports or names in `pytest_plugins`;
   * and the row of its first syntax error, if it has one.
   */
  private conftestFixtures(file: string, text: string): { fixtures: FixtureMap | null; syntaxErrorRow?: number } {
    // Fixture bodies do not matter: parse the skeleton, or the full text when it has errors.
    let tree = parsePythonSource(this.parser, skeletonOf(text).text);
    if (tree?.rootNode.hasError) {
      tree.delete();
      tree = parsePythonSource(this.parser, text);
    }
    if (!tree) return { fixtures: null };
    const loader = new ModuleLoader(this.parser);
    try {
      const own = readFixtures(tree.rootNode, scopeOf(tree.rootNode));
      const imported = importedFixtures(moduleInfo(file, tree.rootNode), loader);
      const syntaxErrorRow = tree.rootNode.hasError ? firstSyntaxErrorRow(tree.rootNode) : undefined;
      return { fixtures: imported.size === 0 ? own : new Map([...imported, ...own]), syntaxErrorRow };
    } finally {
      loader.dispose();
      tree.delete();
    }
  }
}


/** The runnable leaves (cases, unparametrized or dynamic functions) as `{nodeid, file, line, kind}`, flagged where unsure. */
export function flattenTests(items: readonly DiscoveredItem[]): DiscoveredTest[] {
  const out: DiscoveredTest[] = [];
  const visit = (item: DiscoveredItem, underIf: boolean): void => {
    // A module that may skip itself on import: each of its tests is collected only if it does not.
    const conditional = underIf || item.conditional === true || (item as DiscoveredModule).mayBeSkippedOnImport === true || (item as DiscoveredModule).unregisteredMarks !== undefined;
    if ((item.kind === 'function' || item.kind === 'case') && item.children.length === 0) {
      const test: DiscoveredTest = { nodeid: item.nodeid, file: item.file, line: (item.range?.start.line ?? 0) + 1, kind: item.kind };
      // Only what is uncertain is said, so exact ids keep the four-field shape.
      if (item.dynamic) test.dynamic = true;
      if (item.exact === false) test.guessed = true;
      if (conditional) test.conditional = true;
      out.push(test);
      return;
    }
    item.children.forEach((child) => visit(child, conditional));
  };
  items.forEach((item) => visit(item, false));
  return out;
}

/** What pytest will fail to collect, as the tree says it: `{nodeid, message}` per module or class. */
export function collectionErrors(items: readonly DiscoveredItem[]): { nodeid: string; message: string }[] {
  const out: { nodeid: string; message: string }[] = [];
  const visit = (item: DiscoveredItem): void => {
    const message = item.error ?? ('hasSyntaxErrors' in item && item.hasSyntaxErrors ? 'syntax error: pytest will fail to import this module' : undefined);
    if (message) out.push({ nodeid: item.nodeid, message });
    item.children.forEach(visit);
  };
  items.forEach(visit);
  return out;
}

/** An ini boolean as pytest reads it (`true`, `yes`, `on`, `1`; anything else, or unset, is false). */
function iniBool(value: string | string[] | undefined): boolean {
  return typeof value === 'string' && /^(true|yes|y|on|t|1)$/i.test(value.trim());
}

/** The row of the first node tree-sitter could not parse (an ERROR node, or a MISSING token). */
function firstSyntaxErrorRow(node: SyntaxNode): number {
  for (const child of node.children) {
    if (!child?.hasError && !child?.isMissing) continue;
    if (child.type === 'ERROR' || child.isMissing) return child.startPosition.row;
    return firstSyntaxErrorRow(child);
  }
  return node.startPosition.row;
}
