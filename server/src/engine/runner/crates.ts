// Finds Cargo crates under a folder and works out which of their test targets run pytest.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSorted } from '../config/testpaths';
import { parseToml } from '../config/toml';
import { readTextIfAny } from '../text/readText';

export interface PytestTarget {
  /** Name for `cargo test --test <name>`. */
  name: string;
  /** Absolute path of the target's source file. */
  path: string;
  /** false for `harness = false` targets: the file's `main` is the whole test. */
  harness: boolean;
}

export interface CrateInfo {
  /** Absolute folder of Cargo.toml. */
  dir: string;
  packageName: string;
  /** Integration test targets whose source mentions pytest. */
  pytestTargets: PytestTarget[];
  /** build.rs mentions pytest (it runs pytest at build time; `cargo test` still drives it). */
  buildScriptRunsPytest: boolean;
  /** Folders pytest runs on, relative to `dir` (pyproject testpaths, else string literals in the harness). */
  testPaths: string[];
}

export const SKIPPED_FOLDERS = new Set(['target', 'node_modules', '.git', '.venv', 'venv', '__pycache__', 'out', 'dist']);
const MENTIONS_PYTEST = /\bpytest\b/;

/** All crates under `root` (root itself included), skipping build output and hidden folders. */
export function findCrates(root: string, maxDepth = 6): CrateInfo[] {
  const crates: CrateInfo[] = [];
  const visit = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((entry) => entry.isFile() && entry.name === 'Cargo.toml')) {
      const crate = describeCrate(dir);
      if (crate) crates.push(crate);
    }
    if (depth >= maxDepth) return;
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) {
        visit(path.join(dir, entry.name), depth + 1);
      }
    }
  };
  visit(path.resolve(root), 0);
  return crates;
}


/** Describe the crate in `dir`, or undefined when Cargo.toml has no [package] (a pure workspace). */
export function describeCrate(dir: string): CrateInfo | undefined {
  const manifestText = readTextIfAny(path.join(dir, 'Cargo.toml'));
  if (manifestText === undefined) return undefined;
  let manifest: Record<string, unknown>;
  try {
    manifest = parseToml(manifestText) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const pkg = manifest.package as Record<string, unknown> | undefined;
  if (!pkg || typeof pkg.name !== 'string') return undefined;

  const targets = testTargets(dir, manifest);
  const pytestTargets = targets.filter((target) => MENTIONS_PYTEST.test(readTextIfAny(target.path) ?? ''));
  const buildScript = typeof pkg.build === 'string' ? pkg.build : 'build.rs';
  return {
    dir: path.resolve(dir),
    packageName: pkg.name,
    pytestTargets,
    buildScriptRunsPytest: MENTIONS_PYTEST.test(readTextIfAny(path.join(dir, buildScript)) ?? ''),
    testPaths: testPathsOf(dir, pytestTargets),
  };
}

/** Explicit [[test]] targets plus the auto-discovered tests/*.rs that no [[test]] claims. */
function testTargets(dir: string, manifest: Record<string, unknown>): PytestTarget[] {
  const explicit = Array.isArray(manifest.test) ? (manifest.test as Record<string, unknown>[]) : [];
  const targets: PytestTarget[] = explicit
    .filter((entry) => typeof entry.name === 'string')
    .map((entry) => ({
      name: entry.name as string,
      path: path.resolve(dir, typeof entry.path === 'string' ? entry.path : `tests/${entry.name}.rs`),
      harness: entry.harness !== false,
    }));
  const autodiscover = (manifest.package as Record<string, unknown>).autotests !== false;
  if (autodiscover) {
    const testsDir = path.join(dir, 'tests');
    const files = fs.existsSync(testsDir) ? fs.readdirSync(testsDir).filter((file) => file.endsWith('.rs')) : [];
    for (const file of files.sort()) {
      const full = path.join(testsDir, file);
      if (!targets.some((target) => target.path === full)) {
        targets.push({ name: file.slice(0, -3), path: full, harness: true });
      }
    }
  }
  return targets;
}

function testPathsOf(dir: string, targets: PytestTarget[]): string[] {
  const pyproject = readTextIfAny(path.join(dir, 'pyproject.toml'));
  if (pyproject !== undefined) {
    try {
      const tool = (parseToml(pyproject) as Record<string, any>).tool;
      const testpaths = tool?.pytest?.ini_options?.testpaths;
      // Globs, as pytest reads them; when none matches, pytest searches from where it runs (below).
      const matched = Array.isArray(testpaths) ? testpaths.filter((entry) => typeof entry === 'string').flatMap((entry) => globSorted(dir, entry)) : [];
      if (matched.length > 0) return matched;
    } catch {
      // An unparsable pyproject is reported by the config module; fall back to the harness.
    }
  }
  const found = new Set<string>();
  for (const target of targets) {
    for (const match of (readTextIfAny(target.path) ?? '').matchAll(/"([^"\\\s]+)"/g)) {
      const candidate = match[1];
      if (candidate.includes('/') && fs.existsSync(path.join(dir, candidate)) && fs.statSync(path.join(dir, candidate)).isDirectory()) {
        found.add(candidate);
      }
    }
  }
  return [...found];
}

/** The target `cargo test --test <name>` should run: the first `harness = false` pytest target. */
export function defaultPytestTarget(crate: CrateInfo): string | undefined {
  return crate.pytestTargets.find((target) => !target.harness)?.name;
}

/** Why a folder cannot be run as a crate (missing, not a folder, no Cargo.toml), or undefined. */
export function crateFolderProblem(crateDir: string): string | undefined {
  const stat = fs.statSync(crateDir, { throwIfNoEntry: false });
  const problem = !stat ? 'does not exist' : !stat.isDirectory() ? 'is not a folder' : !fs.existsSync(path.join(crateDir, 'Cargo.toml')) ? 'has no Cargo.toml' : undefined;
  return problem && `${crateDir} ${problem}: give the folder of the Cargo crate whose \`cargo test\` runs pytest.`;
}
