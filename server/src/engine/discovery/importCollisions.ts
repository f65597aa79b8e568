// pytest's default import mode (`prepend`) imports a test module under a name made from its path:
// its file name when its folder has no `__init__.py`, else the dotted path from the topmost package
// folder. Two test files with the same name (`tests/a/test_utils.py`, `tests/b/test_utils.py`, no
// `__init__.py`) get the same module: pytest imports the first one it collects and fails the second
// with "import file mismatch". Two package folders with the same name (`x/tests/`, `y/tests/`, each
// with an `__init__.py`) are one package to Python: every module of the second fails to import.
// A collection error interrupts the whole session. `--import-mode=importlib` avoids both.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PytestConfig } from '../config/pytestConfig';

/** Test file → the file collected before it that took its module name, or its top-level package's. */
export type ImportCollisions = Map<string, string>;

/**
 * The collisions among `files` (test modules, any order: pytest's is worked out from the paths)
 * under the import mode the config and `pytestArgs` give; none under importlib, or when namespace
 * packages are considered (their names are not read here).
 */
export function importCollisions(files: readonly string[], config: PytestConfig, pytestArgs: readonly string[] = []): ImportCollisions {
  const collisions: ImportCollisions = new Map();
  if (importMode(config, pytestArgs) === 'importlib' || /^(true|1|yes|on)$/i.test(String(config.options.consider_namespace_packages ?? '').trim())) return collisions;
  const isPackage = memoized(hasInit);
  // Top-level name → where Python finds it (a package folder, or a plain module's file) and the first file that imported it.
  const taken = new Map<string, { origin: string; file: string }>();
  for (const file of [...files].filter((f) => f.endsWith('.py')).sort(collectionOrder)) {
    const { top, origin } = importRoot(file, isPackage);
    const earlier = taken.get(top);
    if (earlier === undefined) taken.set(top, { origin, file });
    else if (earlier.origin !== origin) collisions.set(file, earlier.file);
  }
  return collisions;
}

/** What the tree says on the file pytest will fail to import. */
export function importCollisionError(file: string, earlier: string, rootdir: string): string {
  const name = moduleNameOf(file, hasInit);
  const first = path.relative(rootdir, earlier).split(path.sep).join('/');
  const why =
    name === moduleNameOf(earlier, hasInit)
      ? `("import file mismatch"): its module name '${name}' is taken by ${first}, collected first`
      : `as '${name}': Python already imported the package '${name.split('.')[0]}' from the folder of ${first}, collected first`;
  return `pytest will fail to import this file ${why}, and the collection error stops the whole run. Rename one of them, make their folders distinct packages (__init__.py files up to different top-level names), or use --import-mode=importlib.`;
}

/** The top-level name Python imports `file` through, and where that name is found. */
function importRoot(file: string, isPackage: (dir: string) => boolean): { top: string; origin: string } {
  let origin = file;
  for (let dir = path.dirname(file); isPackage(dir) && path.dirname(dir) !== dir; dir = path.dirname(dir)) origin = dir;
  return { top: path.basename(origin, '.py'), origin };
}

function hasInit(dir: string): boolean {
  return fs.existsSync(path.join(dir, '__init__.py'));
}

/** The module name pytest's prepend and append modes import `file` under. */
function moduleNameOf(file: string, isPackage: (dir: string) => boolean): string {
  const parts = [path.basename(file, '.py')];
  let dir = path.dirname(file);
  while (isPackage(dir)) {
    parts.unshift(path.basename(dir));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return parts.join('.');
}

/** The last `--import-mode` of the ini's addopts and the run's arguments (default: prepend). */
function importMode(config: PytestConfig, pytestArgs: readonly string[]): string {
  const addopts = config.options.addopts;
  const args = [...(Array.isArray(addopts) ? addopts : (addopts ?? '').split(/\s+/)), ...pytestArgs];
  let mode = 'prepend';
  args.forEach((arg, i) => {
    if (arg.startsWith('--import-mode=')) mode = arg.slice('--import-mode='.length);
    else if (arg === '--import-mode' && args[i + 1]) mode = args[i + 1];
  });
  return mode;
}

/**
 * pytest walks each folder's entries sorted by name, files and folders together, depth first:
 * paths compare segment by segment.
 */
function collectionOrder(a: string, b: string): number {
  const left = a.split(path.sep);
  const right = b.split(path.sep);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}

function memoized(check: (dir: string) => boolean): (dir: string) => boolean {
  const known = new Map<string, boolean>();
  return (dir) => {
    let value = known.get(dir);
    if (value === undefined) known.set(dir, (value = check(dir)));
    return value;
  };
}
