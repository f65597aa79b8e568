// Where pytest starts collecting without arguments: `testpaths` globs, the fall-back to the
// invocation folder when they match nothing, and testpaths ignored when pytest does not run from
// the rootdir. Each tree is collected by the real pytest and by static discovery from the same folder.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { globSorted } from '../../../server/src/engine/config/testpaths';
import { findPytestConfig } from '../../../server/src/engine/config/pytestConfig';
import { flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTree } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';

const TEST = (name: string): string => `def test_${name}__collected__then_listed() -> None:\n    assert True\n`;

/** Test files everywhere a testpaths entry could (or should not) reach. */
const TREE: Record<string, string> = {
  'test_top.py': TEST('top'),
  'pkg_a/tests/test_a.py': TEST('a'),
  'pkg_b/tests/test_b.py': TEST('b'),
  'other/tests/test_other.py': TEST('other'),
  'src/lib/deep/tests/test_deep.py': TEST('deep'),
  'src/tests/test_shallow.py': TEST('shallow'),
  'src/.hidden/tests/test_hidden.py': TEST('hidden'),
  'sub/test_sub.py': TEST('sub'),
};

describe('testpaths: where collection starts, as pytest decides it', () => {
  const tree = parserAndTree('pp-testpaths-', TREE);

  /** Static ids and pytest's, both run from `from` (the crate folder cargo runs pytest in). */
  function bothWays(testpaths: string | undefined, from = tree.root()): { pytest: string[]; ours: string[] } {
    const root = tree.root();
    fs.writeFileSync(path.join(root, 'pytest.ini'), `[pytest]\n${testpaths === undefined ? '' : `testpaths = ${testpaths}\n`}`);
    const pytest = pytestNodeIds(from).ids;
    const ours = flattenTests(new StaticDiscovery(tree.parser(), from, { config: findPytestConfig(from) }).discoverAll()).map((test) => test.nodeid);
    return { pytest, ours };
  }

  it('globs pick the folders they match, in each entry\'s sorted order', () => {
    const { pytest, ours } = bothWays('pkg_* src/**/tests');
    assert.ok(pytest.some((id) => id.startsWith('pkg_b/')) && pytest.some((id) => id.startsWith('src/lib/deep/')), `the premise: ${pytest.join(', ')}`);
    assert.ok(!pytest.some((id) => id.includes('.hidden')), 'pytest\'s glob skips hidden folders');
    assert.deepEqual(ours, pytest);
  });

  it('entries that match nothing fall back to the whole folder, as pytest warns it does', () => {
    const { pytest, ours } = bothWays('missing_folder also_missing/*');
    assert.ok(pytest.includes('test_top.py::test_top__collected__then_listed'), `the premise: ${pytest.join(', ')}`);
    assert.deepEqual(ours, pytest);
  });

  it('a plain entry that exists is used as written, the missing ones next to it are dropped', () => {
    const { pytest, ours } = bothWays('other missing sub');
    assert.deepEqual(pytest.map((id) => id.split('/')[0]), ['other', 'sub']);
    assert.deepEqual(ours, pytest);
  });

  it('run from a folder below the rootdir, pytest ignores testpaths and collects that folder', () => {
    const { pytest, ours } = bothWays('pkg_a', path.join(tree.root(), 'sub'));
    assert.deepEqual(pytest, ['sub/test_sub.py::test_sub__collected__then_listed']);
    assert.deepEqual(ours, pytest);
  });

  it('globSorted spells matches as the pattern does, like Python\'s glob', () => {
    assert.deepEqual(globSorted(tree.root(), 'pkg_?/tests'), ['pkg_a/tests', 'pkg_b/tests']);
    assert.deepEqual(globSorted(tree.root(), 'src/**/tests'), ['src/lib/deep/tests', 'src/tests']);
    assert.deepEqual(globSorted(tree.root(), 'pkg_[!a]'), ['pkg_b']);
    assert.deepEqual(globSorted(tree.root(), 'nothing*'), []);
    assert.deepEqual(globSorted(tree.root(), 'other'), ['other']);
  });
});
