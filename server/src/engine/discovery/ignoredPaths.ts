// pytest_ignore_collect for static discovery: a folder or file below the collection paths is left
// out when `--ignore`/`--ignore-glob` (addopts and the runs' arguments) name it, or when the nearest
// conftest.py that defines `collect_ignore` / `collect_ignore_glob` does (see collectIgnore.ts).

import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { fnmatch } from '../config/fnmatch';
import type { IgnoreOptions } from '../config/runArguments';
import { CollectIgnore, CollectIgnoreName, collectIgnoreOf } from './collectIgnore';
import { StampMemo, type Stamp } from './fileDependencies';
import { scopeOf } from './scope';
import { skeletonOf } from './skeleton';
import { readTextIfAny } from '../text/readText';
import { parsePythonSource } from '../parse/dedentedComments';

/** The folders whose conftest.py pytest loads for `dir`: from the rootdir down to it, outermost first. */
export function conftestDirs(rootdir: string, dir: string): string[] {
  const dirs: string[] = [];
  let current = dir;
  for (;;) {
    dirs.push(current);
    if (current === rootdir || !current.startsWith(rootdir)) break;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return dirs.reverse();
}

export class IgnoredPaths {
  /** Per folder, what its conftest.py ignores, kept while the file's stamp stays. */
  private readonly ignores = new Map<string, { stamp: Stamp; ignore: CollectIgnore }>();

  constructor(private readonly parser: Parser) {}

  /** A test for one walk (one stamp per conftest.py); the options are what addopts and the arguments say. */
  test(rootdir: string, options: IgnoreOptions, stamps = new StampMemo()): (full: string) => boolean {
    // The entries of one folder share what applies to them: looked up once per folder.
    const inFolder = new Map<string, { paths: string[]; globs: string[] }>();
    const applying = (folder: string): { paths: string[]; globs: string[] } => {
      let found = inFolder.get(folder);
      if (!found) {
        const paths = this.nearest(rootdir, folder, 'collect_ignore', stamps);
        const globs = this.nearest(rootdir, folder, 'collect_ignore_glob', stamps);
        found = { paths: [...options.paths, ...(Array.isArray(paths) ? paths : [])], globs: [...options.globs, ...(Array.isArray(globs) ? globs : [])] };
        inFolder.set(folder, found);
      }
      return found;
    };
    return (full) => {
      const { paths, globs } = applying(path.dirname(full));
      return paths.includes(full) || globs.some((glob) => fnmatch(full, glob));
    };
  }

  /** Whether a folder or file below `start` down to `full` (itself included) is left out. */
  between(rootdir: string, options: IgnoreOptions, start: string, full: string): boolean {
    const ignored = this.test(rootdir, options);
    for (let current = full; current !== start && current.startsWith(start + path.sep); current = path.dirname(current)) {
      if (ignored(current)) return true;
    }
    return false;
  }

  /** Forget what a conftest.py said (call when it changes). */
  forget(conftest: string): void {
    this.ignores.delete(path.dirname(path.resolve(conftest)));
  }

  /** The value pytest reads for `name` in `dir`: the nearest conftest.py (up to the rootdir) that defines it. */
  private nearest(rootdir: string, dir: string, name: CollectIgnoreName, stamps: StampMemo): string[] | 'unknown' | undefined {
    for (const folder of conftestDirs(rootdir, dir).reverse()) {
      const value = this.collectIgnoreIn(folder, stamps)[name];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  private collectIgnoreIn(dir: string, stamps: StampMemo): CollectIgnore {
    const file = path.join(dir, 'conftest.py');
    const stamp = stamps.get(file);
    const known = this.ignores.get(dir);
    if (known?.stamp === stamp) return known.ignore;
    const text = stamp === '' ? undefined : readTextIfAny(file);
    let ignore: CollectIgnore = {};
    // Most conftest.py files never name it: no parse for them (a warm start walks, it parses nothing).
    const tree = text !== undefined && text.includes('collect_ignore') ? parsePythonSource(this.parser, skeletonOf(text).text) : null;
    if (tree) {
      try {
        ignore = collectIgnoreOf(tree.rootNode, dir, scopeOf(tree.rootNode));
      } finally {
        tree.delete();
      }
    }
    this.ignores.set(dir, { stamp, ignore });
    return ignore;
  }
}

