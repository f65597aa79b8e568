// Test files pytest cannot import side by side (same module name, or the same top-level package
// name from two folders), against the real pytest: the files `importCollisions` names must be
// exactly those `pytest --collect-only` fails to import, in pytest's collection order.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPytestConfig } from '../../../server/src/engine/config/pytestConfig';
import { importCollisionError, importCollisions, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTrees } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';

const TEST = (name: string): string => `def test_${name}__collected__then_runs() -> None:\n    """One test."""\n    assert True\n`;

describe('import collisions: the test files pytest fails to import', () => {
  const { parser, tree } = parserAndTrees('pytest-patterns-collisions-');

  /** The files pytest reports a collection error for, and those `importCollisions` names, both relative to `root`. */
  const bothWays = (files: Record<string, string>): { pytest: string[]; ours: string[]; root: string; output: string } => {
    const root = tree(files);
    const { output } = pytestNodeIds(root);
    const pytest = [...output.matchAll(/^ERROR (\S+\.py)/gm)].map((m) => m[1]).sort();
    const discovered = new StaticDiscovery(parser(), root).discoverAll();
    const found = importCollisions(discovered.map((m) => m.file), findPytestConfig(root));
    const ours = [...found.keys()].map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
    return { pytest, ours, root, output };
  };

  it('two test files of one name in folders without __init__.py: the one collected second', () => {
    const { pytest, ours, output } = bothWays({ 'tests/a/test_utils.py': TEST('a'), 'tests/b/test_utils.py': TEST('b'), 'tests/test_other.py': TEST('other') });
    assert.deepEqual(pytest, ['tests/b/test_utils.py'], output);
    assert.deepEqual(ours, pytest);
  });

  it('follows pytest\'s order: a folder\'s entries by name, files and folders together', () => {
    const { pytest, ours, output } = bothWays({ 'tests/test_zeta.py': TEST('top'), 'tests/alpha/test_zeta.py': TEST('nested'), 'tests/zz/test_zeta.py': TEST('last') });
    assert.deepEqual(pytest, ['tests/test_zeta.py', 'tests/zz/test_zeta.py'], output);
    assert.deepEqual(ours, pytest);
  });

  it('two package folders of one name (x/tests, y/tests): every module of the second', () => {
    const files = { 'x/tests/__init__.py': '', 'x/tests/test_shared.py': TEST('x'), 'y/tests/__init__.py': '', 'y/tests/test_shared.py': TEST('y'), 'y/tests/test_own.py': TEST('own') };
    const { pytest, ours, root, output } = bothWays(files);
    assert.deepEqual(pytest, ['y/tests/test_own.py', 'y/tests/test_shared.py'], output);
    assert.deepEqual(ours, pytest);
    const say = (file: string): string => importCollisionError(path.join(root, file), path.join(root, 'x/tests/test_shared.py'), root);
    assert.match(say('y/tests/test_shared.py'), /"import file mismatch"\): its module name 'tests\.test_shared' is taken by x\/tests\/test_shared\.py/);
    assert.match(say('y/tests/test_own.py'), /as 'tests\.test_own': Python already imported the package 'tests' from the folder of x\/tests\/test_shared\.py/);
  });

  it('nothing when the names differ: packages of their own, or --import-mode=importlib', () => {
    const packages = bothWays({ 'tests/a/__init__.py': '', 'tests/a/test_utils.py': TEST('a'), 'tests/b/__init__.py': '', 'tests/b/test_utils.py': TEST('b') });
    assert.deepEqual([packages.pytest, packages.ours], [[], []], packages.output);
    const importlib = bothWays({ 'pytest.ini': '[pytest]\naddopts = --import-mode=importlib\n', 'tests/a/test_utils.py': TEST('a'), 'tests/b/test_utils.py': TEST('b') });
    assert.deepEqual([importlib.pytest, importlib.ours], [[], []], importlib.output);
  });
});
