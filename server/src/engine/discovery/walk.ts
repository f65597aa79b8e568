// Finds the test files and conftest.py files pytest would visit under some paths.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CollectionConfig } from '../config/collection';
import { fileKind } from '../config/collection';
import { fnmatch } from '../config/fnmatch';
import type { DoctestCollection } from '../config/runArguments';
import { doctestKind } from './doctests';

/** pytest's default `norecursedirs`, plus build output of the languages around pytest. */
export const DEFAULT_NORECURSE = ['*.egg', '.*', '_darcs', 'build', 'CVS', 'dist', 'node_modules', 'venv', '{arch}', 'target', '__pycache__'];

export interface WalkResult {
  testFiles: string[];
  conftests: string[];
}

/**
 * Test files in pytest's order: a folder's files and subfolders together, by name (pytest ≥ 8's
 * `Dir` collector; pytest 7 listed a folder's files before its subfolders).
 */
export function walkTestFiles(
  paths: readonly string[],
  collection: CollectionConfig,
  norecurse = DEFAULT_NORECURSE,
  /** pytest_ignore_collect for what is found below the paths (conftest's collect_ignore): the paths themselves are given, never ignored. */
  ignored: (full: string) => boolean = () => false,
  /** What the doctest plugin collects besides test modules (doctest modules, doctest text files). */
  doctests?: DoctestCollection,
): WalkResult {
  const result: WalkResult = { testFiles: [], conftests: [] };
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // A folder holding a virtual environment is never a test folder.
    if (entries.some((e) => e.isFile() && e.name === 'pyvenv.cfg')) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!norecurse.some((pattern) => fnmatch(entry.name, pattern)) && !ignored(full)) visit(full);
      } else if (entry.isFile() && (entry.name.endsWith('.py') || (doctests && doctestKind(full, doctests))) && !ignored(full)) addFile(full);
    }
  };
  const addFile = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const kind = fileKind(file, collection);
    if (kind === 'conftest') result.conftests.push(file);
    if (kind === 'test' || (doctests && doctestKind(file, doctests))) result.testFiles.push(file);
  };
  for (const p of paths) {
    const full = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue;
    }
    if (stat.isDirectory()) visit(full);
    else if (stat.isFile()) addFile(full);
  }
  return result;
}
