// What pytest's last collection said about the cases of each parametrized function, which tests
// defined under an `if` it did not collect, and which tests it found in a module or class static
// discovery flagged as open (tests made on import, a computed base class, a metaclass that renames
// tests): static discovery cannot know any of them, so an edit or a reload would otherwise forget
// them until the next collection. Also which tests the session's own options deselected
// (`-m "not slow"`), under the pytest arguments that did it, so the Test Explorer still says so
// after a reload. Node ids are pytest's, relative to `rootdir`. Kept in a file
// (`write` / `read`): a large suite's memory is megabytes, too much for an editor's key-value state.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { withOpenScopeTests } from './openScopeTests';
import type { DiscoveredItem, DiscoveredModule } from './types';

/** Bump when the stored shape changes: an unknown version is dropped, never misread. */
export const COLLECTED_CASES_VERSION = 1;
/**
 * At most this many case ids are kept (the files collected longest ago are dropped first): scipy's
 * 81,000 ids take 3 MB; the bound keeps a pathological suite from growing the file without end.
 */
export const MAX_REMEMBERED_CASES = 250_000;

interface FileMemory {
  /** When pytest last collected (part of) this file, ms since the epoch. */
  at: number;
  /** `Class::test_name` (the node id after `file::`) → case ids in pytest's order (`a-1`, without brackets). */
  functions: Map<string, string[]>;
  /** Functions and classes defined under an `if` (ids after `file::`) that pytest did not collect. */
  absent: Set<string>;
  /** Test ids (after `file::`, cases included) pytest collected inside open scopes, in its order. */
  extra: string[];
  /** When pytest last collected the whole file (not only some of its tests), ms since the epoch. */
  whole?: number;
  /** A file only pytest's collection reads (YAML cases of a `pytest_collect_file`): its tests are all in `extra`. */
  collectedOnly?: true;
}

/** The persisted form (`toJSON` / `fromJSON`). */
export interface CollectedCasesJSON {
  version: number;
  rootdir?: string;
  /** Tests pytest's own options deselected → those options, recorded under these pytest arguments (`under`). */
  deselected?: { under: string; tests: Record<string, string> };
  files: Record<string, { at: number; functions: Record<string, string[]>; absent?: string[]; extra?: string[]; whole?: number; collectedOnly?: true }>;
}

export interface RememberOptions {
  /** pytest's rootdir of this collection: when it differs from before, the old ids mean nothing. */
  rootdir?: string;
  /** Collection time (ms); defaults to now. */
  at?: number;
}

function sameCases(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);
}

export class CollectedCases {
  private readonly files = new Map<string, FileMemory>();
  private root: string | undefined;
  /** Per file, the ids (after `file::`) static discovery last listed under an `if`: what a collection can confirm or rule out. */
  private readonly conditional = new Map<string, Set<string>>();
  /** Per file, the scopes static discovery last flagged as open (ids after `file::`; '' is the module). */
  private readonly open = new Map<string, Set<string>>();
  /** Per file, the classes whose metaclass may rename their tests: what pytest collected there replaces the static tests. */
  private readonly rewritten = new Map<string, Set<string>>();
  /** Files shown as `collectedOnly` modules (see `apply`). */
  private readonly onlyCollected = new Set<string>();
  /** Something was learnt since the last `write` (cases, or only when a file was collected whole). */
  private unsaved = false;
  /** What the last collections deselected (node id → the options), and the pytest arguments they ran with. */
  private deselections: { under: string; tests: Map<string, string> } | undefined;

  /** The rootdir the remembered node ids are relative to (pytest's), if known. */
  get rootdir(): string | undefined {
    return this.root;
  }

  /** Whether `remember` learnt anything `write` has not saved yet. */
  get isUnsaved(): boolean {
    return this.unsaved;
  }

  get size(): number {
    let cases = 0;
    for (const memory of this.files.values()) cases += countOf(memory);
    return cases;
  }

  /**
   * Learns from a collection: `nodeids` are what pytest collected, `covered` the scopes that
   * collection saw completely — a file (`dir/test_x.py`), a class or a function node id. What was
   * remembered inside a covered scope is replaced; everything else is kept, and collected ids
   * outside every covered scope are ignored (a run of one case says nothing about its siblings, and
   * a case id covers no function).
   * Returns the files whose remembered cases changed.
   */
  remember(nodeids: Iterable<string>, covered: Iterable<string>, options: RememberOptions = {}): string[] {
    const changed = new Set<string>();
    if (options.rootdir !== undefined && options.rootdir !== this.root) {
      this.files.forEach((_, file) => changed.add(file));
      this.files.clear();
      if (this.deselections) this.unsaved = true;
      this.deselections = undefined; // ids of the old rootdir
      this.root = options.rootdir;
    }
    const at = options.at ?? Date.now();
    const collected = new Map<string, Map<string, Set<string>>>(); // file → function → cases
    const tests = new Set<string>(); // every collected function and class, without case ids
    const byFile = new Map<string, string[]>(); // file with open scopes → collected ids after `file::`, in order
    let lastBare: string | undefined;
    let cases: Set<string> | undefined; // of the last function seen: its cases arrive one after another
    let inOpenFile: string[] | undefined; // where the last function's ids go when its file has open scopes
    for (const nodeid of nodeids) {
      const sep = nodeid.indexOf('::');
      const open = nodeid.indexOf('[', Math.max(sep, 0));
      const bare = open < 0 ? nodeid : nodeid.slice(0, open);
      // Once per function (60,000 ids are 1,000 functions): `f.py::A::test[1]` → `f.py::A::test` and its class `f.py::A`.
      if (bare !== lastBare) {
        lastBare = bare;
        cases = undefined;
        tests.add(bare);
        for (let end = bare.lastIndexOf('::'); end > bare.indexOf('::'); end = bare.lastIndexOf('::', end - 1)) tests.add(bare.slice(0, end));
        const file = sep > 0 ? nodeid.slice(0, sep) : undefined;
        inOpenFile = undefined;
        if (file !== undefined && this.open.has(file)) {
          inOpenFile = byFile.get(file);
          if (!inOpenFile) byFile.set(file, (inOpenFile = []));
        }
      }
      inOpenFile?.push(nodeid.slice(sep + 2));
      if (sep < 0 || open < 0 || !nodeid.endsWith(']')) continue; // not a case id
      if (!cases) {
        const file = nodeid.slice(0, sep);
        let functions = collected.get(file);
        if (!functions) collected.set(file, (functions = new Map()));
        const fn = nodeid.slice(sep + 2, open);
        cases = functions.get(fn) ?? new Set<string>();
        functions.set(fn, cases);
      }
      cases.add(nodeid.slice(open + 1, -1)); // repeated runs report each case again: a set keeps it once, in first-seen order
    }
    for (const scope of new Set(covered)) {
      const sep = scope.indexOf('::');
      const file = sep < 0 ? scope : scope.slice(0, sep);
      const inner = sep < 0 ? undefined : scope.slice(sep + 2);
      const within = (fn: string): boolean => inner === undefined || fn === inner || fn.startsWith(`${inner}::`) || fn.startsWith(`${inner}[`);
      const before = this.files.get(file)?.functions ?? new Map<string, string[]>();
      const after = new Map([...before].filter(([fn]) => !within(fn)));
      for (const [fn, cases] of collected.get(file) ?? []) if (within(fn)) after.set(fn, [...cases]);
      if (after.size !== before.size || [...after].some(([fn, cases]) => !sameCases(cases, before.get(fn)))) changed.add(file);
      const absentBefore = this.files.get(file)?.absent ?? new Set<string>();
      const absent = new Set([...absentBefore].filter((id) => !within(id)));
      for (const id of this.conditional.get(file) ?? []) if (within(id) && !tests.has(`${file}::${id}`)) absent.add(id);
      if (absent.size !== absentBefore.size || [...absent].some((id) => !absentBefore.has(id))) changed.add(file);
      const extraBefore = this.files.get(file)?.extra ?? [];
      const open = this.open.get(file);
      const inOpen = (id: string): boolean => open !== undefined && (open.has('') || [...open].some((scope) => id.startsWith(`${scope}::`)));
      // A repeated run reports each test again: keep each id once.
      const extra = [...new Set([...extraBefore.filter((id) => !within(id)), ...(byFile.get(file) ?? []).filter((id) => within(id) && inOpen(id))])];
      if (!sameCases(extra, extraBefore)) changed.add(file);
      const whole = inner === undefined ? at : this.files.get(file)?.whole;
      if (whole !== this.files.get(file)?.whole) this.unsaved = true;
      const only = this.onlyCollected.has(file) || undefined;
      if (only !== this.files.get(file)?.collectedOnly) this.unsaved = true;
      if (after.size === 0 && absent.size === 0 && extra.length === 0 && whole === undefined) this.files.delete(file);
      else this.files.set(file, { at, functions: after, absent, extra, ...(whole !== undefined ? { whole } : {}), ...(only ? { collectedOnly: only } : {}) });
    }
    this.bound().forEach((file) => changed.add(file));
    if (changed.size > 0) this.unsaved = true;
    return [...changed];
  }

  /** Forgets everything (e.g. the crate's pytest rootdir changed). */
  clear(): void {
    this.files.clear();
    this.deselections = undefined;
  }

  /**
   * Which tests pytest's own options deselect (node id → those options), as the last collections
   * with the pytest arguments `under` found; replaces what was kept before (an empty map forgets it).
   */
  rememberDeselections(tests: ReadonlyMap<string, string>, under: string): void {
    const before = this.deselections;
    const same = before !== undefined && before.under === under && before.tests.size === tests.size && [...tests].every(([id, reason]) => before.tests.get(id) === reason);
    if (same || (before === undefined && tests.size === 0)) return;
    this.deselections = tests.size > 0 ? { under, tests: new Map(tests) } : undefined;
    this.unsaved = true;
  }

  /** The deselections kept for the pytest arguments `under`; none when they were found with other arguments. */
  deselectionsUnder(under: string): Map<string, string> {
    return this.deselections?.under === under ? new Map(this.deselections.tests) : new Map();
  }

  /** When pytest last collected the whole file (`path/from/rootdir.py`), ms since the epoch; undefined: never, or forgotten. */
  collectedWhole(fileId: string): number | undefined {
    return this.files.get(fileId)?.whole;
  }

  /** The files (node ids) only pytest reads that its last collection found tests in. */
  collectedOnlyFiles(): string[] {
    return [...this.files].filter(([, memory]) => memory.collectedOnly && memory.extra.length > 0).map(([file]) => file);
  }

  /** The remembered case ids of a function node id, in pytest's order. */
  casesOf(functionId: string): readonly string[] | undefined {
    const sep = functionId.indexOf('::');
    return sep < 0 ? undefined : this.files.get(functionId.slice(0, sep))?.functions.get(functionId.slice(sep + 2));
  }

  /**
   * The module with remembered cases where static discovery is unsure: a `dynamic` function gets
   * them, and so does one whose ids are all guesses, or one with some guessed ids when the memory
   * still fits the source (same number of cases, every exact static id among them). Exact
   * functions, and functions the memory does not fit, keep the static result; remembered functions
   * the module no longer has are not shown.
   * The replaced function and its cases carry `collectedAt`.
   */
  apply(module: DiscoveredModule): DiscoveredModule {
    this.noteScopes(module);
    const memory = this.files.get(module.nodeid);
    if (!memory) return module;
    const relative = (item: DiscoveredItem): string => item.nodeid.slice(module.nodeid.length + 2);
    // A test under an `if` that pytest's last collection of its scope did not have stays hidden;
    // so does every test of a module that skipped itself on import in that collection.
    const maySkip = module.mayBeSkippedOnImport === true;
    const shown = (item: DiscoveredItem): boolean => !((item.conditional || maySkip) && memory.absent.has(relative(item)));
    const visit = (item: DiscoveredItem): DiscoveredItem => {
      if (item.kind === 'class') return { ...item, children: item.children.filter(shown).map(visit) };
      if (item.kind !== 'function') return item;
      const remembered = memory.functions.get(item.nodeid.slice(module.nodeid.length + 2));
      if (!remembered || !this.fits(item, remembered)) return item;
      const statics = new Map(item.children.map((c) => [c.nodeid, c]));
      const { dynamic: _dynamic, ...rest } = item;
      return {
        ...rest,
        collectedAt: memory.at,
        children: remembered.map((caseId) => {
          const nodeid = `${item.nodeid}[${caseId}]`;
          const known = statics.get(nodeid);
          return { kind: 'case', nodeid, name: caseId, file: item.file, range: known?.range ?? item.range, tags: known?.tags ?? item.tags, children: [], collectedAt: memory.at };
        }),
      };
    };
    const applied: DiscoveredModule = { ...module, children: module.children.filter(shown).map(visit) };
    // pytest collected tests of it: whatever registers its marks (an installed plugin), it was not refused.
    if (module.unregisteredMarks && memory.functions.size > 0) delete applied.unregisteredMarks;
    if (maySkip && module.children.length > 0 && applied.children.length === 0) applied.skippedAtLastCollection = memory.at;
    if (memory.extra.length === 0) return applied;
    return withOpenScopeTests(applied, memory.extra, memory.at, this.rewritten.get(module.nodeid));
  }

  /** Remembers which of the module's functions and classes are defined under an `if`, and which scopes are open. */
  private noteScopes(module: DiscoveredModule): void {
    const ids = new Set<string>();
    // A module whose import makes tests, or a file only pytest reads: every test of it is remembered.
    const open = new Set<string>(module.runtimeTests || module.collectedOnly ? [''] : []);
    if (module.collectedOnly) this.onlyCollected.add(module.nodeid);
    else this.onlyCollected.delete(module.nodeid);
    const rewritten = new Set<string>();
    const walk = (items: readonly DiscoveredItem[]): void => {
      for (const item of items) {
        if (item.kind === 'case') continue;
        const id = item.nodeid.slice(module.nodeid.length + 2);
        // A module that may skip itself on import: a collection can rule out any of its tests.
        if (item.conditional || (module.mayBeSkippedOnImport && items === module.children)) ids.add(id);
        if (item.inheritsComputedBase || item.rewrittenByMetaclass) open.add(id);
        if (item.rewrittenByMetaclass) rewritten.add(id);
        walk(item.children);
      }
    };
    walk(module.children);
    setOrDelete(this.conditional, module.nodeid, ids);
    setOrDelete(this.open, module.nodeid, open);
    setOrDelete(this.rewritten, module.nodeid, rewritten);
  }

  private fits(fn: DiscoveredItem, remembered: readonly string[]): boolean {
    if (fn.dynamic) return true;
    if (!fn.children.some((c) => c.exact === false)) return false; // static is exact: it wins
    // Every case a guess (a list an `if` may rebind, an iterator another module may use up first):
    // the source cannot tell how many there are either, so the collection wins, as for `dynamic`.
    const guessed = (c: DiscoveredItem): boolean => c.exact === false && !c.suffixOnly;
    if (fn.children.every(guessed)) return true;
    const ids = new Set(remembered.map((caseId) => `${fn.nodeid}[${caseId}]`));
    // Known values must still be there, maybe with the suffix pytest adds to duplicates.
    const bases = new Set(remembered.map((caseId) => `${fn.nodeid}[${withoutSuffix(caseId)}]`));
    const fitsCase = (c: DiscoveredItem): boolean => guessed(c) || ids.has(c.nodeid) || (c.suffixOnly === true && bases.has(c.nodeid));
    return fn.children.length === remembered.length && fn.children.every(fitsCase);
  }

  /** Drops the files collected longest ago until at most MAX_REMEMBERED_CASES ids remain. */
  private bound(): string[] {
    let total = this.size;
    const dropped: string[] = [];
    for (const [file] of [...this.files].sort(([, a], [, b]) => a.at - b.at)) {
      if (total <= MAX_REMEMBERED_CASES) break;
      total -= countOf(this.files.get(file)!);
      this.files.delete(file);
      dropped.push(file);
    }
    return dropped;
  }

  toJSON(): CollectedCasesJSON {
    const files: CollectedCasesJSON['files'] = {};
    for (const [file, memory] of this.files) {
      files[file] = {
        at: memory.at,
        functions: Object.fromEntries(memory.functions),
        ...(memory.absent.size > 0 ? { absent: [...memory.absent] } : {}),
        ...(memory.extra.length > 0 ? { extra: memory.extra } : {}),
        ...(memory.whole !== undefined ? { whole: memory.whole } : {}),
        ...(memory.collectedOnly ? { collectedOnly: true as const } : {}),
      };
    }
    const deselected = this.deselections && { under: this.deselections.under, tests: Object.fromEntries(this.deselections.tests) };
    return { version: COLLECTED_CASES_VERSION, ...(this.root !== undefined ? { rootdir: this.root } : {}), ...(deselected ? { deselected } : {}), files };
  }

  /** Saves the memory to `file` (written whole, then renamed: a reader never sees half of it). */
  write(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(this.toJSON()));
    fs.renameSync(temporary, file);
    this.unsaved = false;
  }

  /** The memory saved at `file`; empty when there is none. A damaged file throws (the caller says so and starts empty). */
  static read(file: string): CollectedCases {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new CollectedCases();
      throw error;
    }
    return CollectedCases.fromJSON(JSON.parse(text));
  }

  /** Reads `toJSON()` output back; anything else (another version, a damaged value) gives an empty memory. */
  static fromJSON(value: unknown): CollectedCases {
    const memory = new CollectedCases();
    if (!isRecord(value) || value.version !== COLLECTED_CASES_VERSION || !isRecord(value.files)) return memory;
    if (typeof value.rootdir === 'string') memory.root = value.rootdir;
    const deselected = value.deselected;
    if (isRecord(deselected) && typeof deselected.under === 'string' && isRecord(deselected.tests)) {
      const tests = new Map(Object.entries(deselected.tests).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      if (tests.size > 0) memory.deselections = { under: deselected.under, tests };
    }
    for (const [file, entry] of Object.entries(value.files)) {
      if (!isRecord(entry) || typeof entry.at !== 'number' || !isRecord(entry.functions)) continue;
      const functions = new Map<string, string[]>();
      for (const [fn, cases] of Object.entries(entry.functions)) {
        if (Array.isArray(cases) && cases.every((c) => typeof c === 'string')) functions.set(fn, cases);
      }
      const absent = new Set(strings(entry.absent));
      const extra = strings(entry.extra);
      const whole = typeof entry.whole === 'number' ? entry.whole : undefined;
      const only = entry.collectedOnly === true ? { collectedOnly: true as const } : {};
      if (functions.size > 0 || absent.size > 0 || extra.length > 0 || whole !== undefined) memory.files.set(file, { at: entry.at, functions, absent, extra, ...(whole !== undefined ? { whole } : {}), ...only });
    }
    memory.bound();
    return memory;
  }
}

function setOrDelete(map: Map<string, Set<string>>, key: string, value: Set<string>): void {
  if (value.size > 0) map.set(key, value);
  else map.delete(key);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/** Remembered case and test ids of one file, for the size bound. */
function countOf(memory: FileMemory): number {
  let count = memory.extra.length;
  for (const ids of memory.functions.values()) count += ids.length;
  return count;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `1.0_1` → `1.0`, `ok0` → `ok`: a case id without the suffix pytest gives duplicates. */
function withoutSuffix(caseId: string): string {
  return caseId.replace(/_\d+$|(?<=\D)\d+$/, '');
}
