// Where pytest starts collecting when it is given no paths: its `_decide_args`. `testpaths` count
// only when pytest runs from the rootdir; each entry is a glob (`glob.iglob(entry, recursive=True)`,
// sorted per entry); when nothing matches, pytest warns and collects the invocation folder instead.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fnmatch } from './fnmatch';

const MAGIC = /[*?[]/;

/** Absolute collection starts for a pytest run from `invocationDir` without arguments. */
export function collectionStarts(testpaths: readonly string[], rootdir: string, invocationDir: string): string[] {
  if (path.resolve(invocationDir) === path.resolve(rootdir)) {
    const found = testpathsMatching(testpaths, rootdir);
    if (found.length > 0) return found;
  }
  return [path.resolve(invocationDir)];
}

/** The absolute paths `testpaths` globs match under the rootdir, in pytest's order. */
export function testpathsMatching(testpaths: readonly string[], rootdir: string): string[] {
  return testpaths.flatMap((entry) => globSorted(rootdir, entry)).map((match) => path.resolve(rootdir, match));
}

/** Python's `sorted(glob.iglob(pattern, recursive=True))` run in `cwd`: the matches as the pattern spells them. */
export function globSorted(cwd: string, pattern: string): string[] {
  if (!MAGIC.test(pattern)) return exists(path.resolve(cwd, pattern)) ? [pattern] : [];
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((segment, i) => segment !== '' || i === 0);
  const matches: string[] = [];
  walk(absolute ? '/' : cwd, absolute ? '/' : '', absolute ? segments.slice(1) : segments, matches);
  return [...new Set(matches)].sort();
}

function walk(dir: string, spelled: string, segments: readonly string[], out: string[]): void {
  if (segments.length === 0) {
    out.push(spelled);
    return;
  }
  const [segment, ...rest] = segments;
  const join = (name: string): string => (spelled === '' || spelled.endsWith('/') ? spelled + name : `${spelled}/${name}`);
  if (segment === '**') {
    // Zero or more folders (hidden ones excluded); last in the pattern, files too.
    walk(dir, spelled, rest, out);
    for (const entry of entries(dir)) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), join(entry.name), segments, out);
      else if (rest.length === 0) out.push(join(entry.name));
    }
    return;
  }
  if (!MAGIC.test(segment)) {
    const next = path.join(dir, segment);
    if (rest.length === 0 ? exists(next) : isDirectory(next)) walk(next, join(segment), rest, out);
    return;
  }
  for (const entry of entries(dir)) {
    if (entry.name.startsWith('.') && !segment.startsWith('.')) continue; // glob skips hidden names
    if (!fnmatch(entry.name, segment)) continue;
    const next = path.join(dir, entry.name);
    if (rest.length > 0 && !isDirectory(next)) continue;
    walk(next, join(entry.name), rest, out);
  }
}

function entries(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function exists(file: string): boolean {
  return fs.existsSync(file);
}

function isDirectory(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
}
