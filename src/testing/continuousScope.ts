// Which requested tests a saved file can affect during a continuous run ("run on save").
// Pure (no `vscode`): the continuous loop asks it on every save; test/unit/continuousScope.test.ts
// pins the rules.
//
// - A test module: only the requested tests inside it (include/exclude respected).
// - conftest.py, application code, pytest config: the whole request of that crate (fixtures, hooks
//   and imports reach tests we cannot see statically).
// - Rust sources, Cargo.toml/Cargo.lock: the whole request (cargo rebuilds the test harness).
// - Anything else (docs, build output, other crates): nothing.

import * as path from 'node:path';

/** One crate of the request, in pytest node-id terms. */
export interface ScopeCrate {
  /** Absolute crate folder. */
  crateDir: string;
  /** pytest's rootdir: node ids are relative to it. */
  rootdir: string;
  /** Whether pytest collects this file as a test module (python_files, testpaths). */
  isTestFile(file: string): boolean;
  /** Node ids the request includes in this crate; `undefined`: the whole crate. */
  include: readonly string[] | undefined;
  /** Node ids the request excludes in this crate. */
  exclude: readonly string[];
}

/** Per crate folder: its whole requested part, or these node ids. */
export type RunScope = ReadonlyMap<string, 'request' | readonly string[]>;

export interface SaveDecision {
  /** What to re-run; absent when the save cannot affect the request. */
  scope?: RunScope;
  /** Why, for the log and the test API. */
  reason: string;
}

/** Build output, caches and environments: saving there never changes what the tests run. */
const IGNORED_FOLDERS = new Set(['target', '.git', '__pycache__', '.pytest_cache', '.venv', 'venv', 'node_modules', '.tox', '.mypy_cache']);
const PYTEST_CONFIG_FILES = new Set(['pytest.toml', '.pytest.toml', 'pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg']);
const CARGO_FILES = new Set(['Cargo.toml', 'Cargo.lock']);

/** True when `nodeid` is `ancestor` or lies under it (`file.py` ⊃ `file.py::Class` ⊃ `…::test` ⊃ `…::test[case]`). */
export function isWithin(nodeid: string, ancestor: string): boolean {
  return nodeid === ancestor || nodeid.startsWith(`${ancestor}::`) || nodeid.startsWith(`${ancestor}[`);
}

/** pytest's node id path of a file: relative to rootdir, with `/`. */
function nodeIdPath(rootdir: string, file: string): string {
  return path.relative(rootdir, file).split(path.sep).join('/');
}

function contains(dir: string, file: string): boolean {
  return file === dir || file.startsWith(dir + path.sep);
}

/** The deepest requested crate containing the file (nested crates: the inner one owns its files). */
function owningCrate(file: string, crates: readonly ScopeCrate[]): ScopeCrate | undefined {
  let best: ScopeCrate | undefined;
  for (const crate of crates) {
    if (contains(path.resolve(crate.crateDir), file) && (!best || crate.crateDir.length > best.crateDir.length)) best = crate;
  }
  return best;
}

function wholeCrate(crate: ScopeCrate, reason: string): SaveDecision {
  return { scope: new Map([[crate.crateDir, 'request']]), reason };
}

/** The requested tests of one test module, minus exclusions. */
function testsInModule(crate: ScopeCrate, file: string): SaveDecision {
  const moduleId = nodeIdPath(crate.rootdir, file);
  const excluded = (id: string): boolean => crate.exclude.some((x) => isWithin(id, x));
  // A request for the whole crate, or for the module itself, asks for every test of the module.
  const requested = crate.include === undefined ? [moduleId] : crate.include.filter((id) => isWithin(id, moduleId) || isWithin(moduleId, id));
  const nodeids = collapse(requested.map((id) => (isWithin(moduleId, id) ? moduleId : id)).filter((id) => !excluded(id)));
  if (nodeids.length === 0) return { reason: `${moduleId} has no test of the request` };
  return { scope: new Map([[crate.crateDir, nodeids]]), reason: `test module ${moduleId}` };
}

/** What a save of `file` (absolute) re-runs of a request spanning `crates`. */
export function affectedBy(file: string, crates: readonly ScopeCrate[]): SaveDecision {
  const full = path.resolve(file);
  const crate = owningCrate(full, crates);
  if (!crate) return { reason: 'outside the requested crates' };
  const relative = path.relative(path.resolve(crate.crateDir), full).split(path.sep);
  if (relative.slice(0, -1).some((segment) => IGNORED_FOLDERS.has(segment))) return { reason: 'build output, cache or environment folder' };
  const base = path.basename(full);
  if (CARGO_FILES.has(base) || base.endsWith('.rs')) return wholeCrate(crate, `${base}: cargo rebuilds the test harness`);
  if (PYTEST_CONFIG_FILES.has(base)) return wholeCrate(crate, `${base}: pytest configuration`);
  if (!base.endsWith('.py')) return { reason: 'not a Python, Rust or config file' };
  if (base === 'conftest.py') return wholeCrate(crate, 'conftest.py: fixtures and hooks');
  if (!crate.isTestFile(full)) return wholeCrate(crate, `${base}: application code the tests may import`);
  return testsInModule(crate, full);
}

/** Drops ids already covered by another id of the list (pytest would run them twice). */
export function collapse(nodeids: readonly string[]): string[] {
  const unique = [...new Set(nodeids)];
  return unique.filter((id) => !unique.some((other) => other !== id && isWithin(id, other)));
}

/** Both scopes in one: the whole request of a crate absorbs its node ids. */
export function mergeScopes(a: RunScope, b: RunScope): RunScope {
  const merged = new Map(a);
  for (const [crateDir, part] of b) {
    const earlier = merged.get(crateDir);
    if (earlier === undefined) merged.set(crateDir, part);
    else if (earlier === 'request' || part === 'request') merged.set(crateDir, 'request');
    else merged.set(crateDir, collapse([...earlier, ...part]));
  }
  return merged;
}

/** One line for the log: `crate: ids` or `crate: the whole request`. */
export function describeScope(scope: RunScope): string {
  return [...scope].map(([crateDir, part]) => `${path.basename(crateDir)}: ${part === 'request' ? 'the whole request' : part.join(' ')}`).join('; ');
}
