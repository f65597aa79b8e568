import * as path from 'node:path';
import { importCollisionError, importCollisions } from '../../discovery/importCollisions';
import { fixtureIndexOf } from '../../fixtures/project';
import type { PytestConfig } from '../../config/pytestConfig';
import { collectionStarts } from '../../config/testpaths';
import type { FixtureIndex } from '../../fixtures/index';
import type { PythonRule } from '../types';

/**
 * Per set of files (`fileSetVersion`: not redone on edits, which cannot make or break a clash):
 * test file → the file that took its module name first.
 */
const collisionsByIndex = new WeakMap<FixtureIndex, { version: number; collisions: Map<string, string> }>();

/** PP106 — a test file pytest cannot import beside another one of the same module name. */
export const importFileMismatch: PythonRule = {
  meta: {
    code: 'PP106',
    name: 'import-file-mismatch',
    summary: 'Two test files pytest would import under one module name (same file name, no `__init__.py`): the second fails to collect and stops the run.',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, text, project, pytestConfig, report }) {
    if (file.kind !== 'test') return;
    const index = fixtureIndexOf(project);
    // Only a whole scan knows every test file.
    if (!index?.complete) return;
    const me = path.resolve(file.path);
    const earlier = collisionsOf(index).get(me);
    if (!earlier) return;
    // On the first line: the file as a whole is what pytest fails to import.
    report({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.split('\n', 1)[0].length } },
      message: importCollisionError(me, earlier, runOf(index, me, pytestConfig)),
    });
  },
};

function collisionsOf(index: FixtureIndex): Map<string, string> {
  const known = collisionsByIndex.get(index);
  if (known?.version === index.fileSetVersion) return known.collisions;
  // Grouped by pytest run (files of another rootdir, another crate's, never meet), each with its config (import mode).
  const groups = new Map<string, string[]>();
  for (const summary of index.summaries()) {
    if (summary.kind !== 'test') continue;
    const run = runOf(index, summary.path, index.configFor(summary.path));
    groups.set(run, [...(groups.get(run) ?? []), summary.path]);
  }
  const collisions = new Map<string, string>();
  for (const [run, files] of groups) {
    const config = index.configFor(files[0]);
    // With `testpaths`, a pytest run from the rootdir collects only under them.
    const starts = config.fallback ? [run] : collectionStarts(config.testpaths, config.rootdir, config.rootdir);
    const collected = files.filter((file) => starts.some((start) => file === start || file.startsWith(start + path.sep)));
    for (const [file, earlier] of importCollisions(collected, config)) collisions.set(file, earlier);
  }
  collisionsByIndex.set(index, { version: index.fileSetVersion, collisions });
  return collisions;
}

/**
 * The folder of the pytest run that collects `file`: its rootdir, or, when no file holds pytest
 * options (the rootdir is then where pytest runs), the indexed workspace folder holding it.
 */
function runOf(index: FixtureIndex, file: string, config: PytestConfig): string {
  if (!config.fallback) return config.rootdir;
  return index.roots.find((root) => file.startsWith(root + path.sep)) ?? config.rootdir;
}
