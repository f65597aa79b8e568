// conftest.py's `collect_ignore` and `collect_ignore_glob`, against pytest's own collection of the
// same tree: what pytest skips is not listed, the nearest conftest that defines a name wins, and a
// list that cannot be read statically hides nothing (the tree may then list more, never less).

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { findPytestConfig } from '../../../server/src/engine/config/pytestConfig';
import { flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTree } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';

const TEST = (name: string): string => `def test_${name}__collected__then_listed() -> None:\n    assert True\n`;

const TREE: Record<string, string> = {
  'pytest.ini': '[pytest]\n',
  'conftest.py': `import sys

# Not for tests/local: its own conftest.py defines collect_ignore, and the nearest one wins.
collect_ignore = ["setup.py", "tests/local/test_local_kept.py"]
collect_ignore += ["tests/legacy"]
collect_ignore_glob = ["*_skip.py"]
if sys.version_info < (3, 8):
    collect_ignore.append("tests/test_modern.py")
if True:
    collect_ignore.extend(["tests/test_always_ignored.py"])
`,
  'setup.py': '',
  'tests/test_modern.py': TEST('modern'),
  'tests/test_always_ignored.py': TEST('always_ignored'),
  'tests/test_kept.py': TEST('kept'),
  'tests/test_slow_skip.py': TEST('slow_skip'),
  'tests/legacy/test_old.py': TEST('old'),
  'tests/local/conftest.py': 'collect_ignore = ["test_local_ignored.py"]\n',
  'tests/local/test_local_ignored.py': TEST('local_ignored'),
  'tests/local/test_local_kept.py': TEST('local_kept'),
  'tests/local/deep/test_deep_skip.py': TEST('deep_skip'),
  'tests/computed/conftest.py': 'import os\n\ncollect_ignore = [name for name in os.listdir(os.path.dirname(__file__)) if "generated" in name]\n',
  'tests/computed/test_generated.py': TEST('generated'),
  'tests/computed/test_written.py': TEST('written'),
};

describe('conftest.py collect_ignore / collect_ignore_glob', () => {
  const tree = parserAndTree('pp-collect-ignore-', TREE);
  let root: string;
  let discovery: StaticDiscovery;
  let pytest: string[];
  let ours: string[];
  before(() => {
    root = tree.root();
    discovery = new StaticDiscovery(tree.parser(), root, { config: findPytestConfig(root) });
    pytest = pytestNodeIds(root).ids;
    ours = flattenTests(discovery.discoverAll()).map((test) => test.nodeid);
  });

  it('skips what pytest skips: listed paths, folders, globs at any depth, the nearest conftest winning', () => {
    const byFile = (ids: string[]): string[] => [...new Set(ids.map((id) => id.split('::')[0]))];
    for (const gone of ['tests/legacy/test_old.py', 'tests/test_slow_skip.py', 'tests/local/deep/test_deep_skip.py', 'tests/local/test_local_ignored.py', 'tests/test_always_ignored.py']) {
      assert.ok(!byFile(pytest).includes(gone), `the premise: pytest skips ${gone}`);
    }
    assert.ok(byFile(pytest).includes('tests/local/test_local_kept.py'), 'the premise: the nearest collect_ignore wins');
    const computed = 'tests/computed/test_generated.py';
    assert.deepEqual(ours.filter((id) => !id.startsWith(computed)), pytest, 'the same ids apart from the computed list');
  });

  it('a list it cannot read hides nothing: pytest skips that file, the tree still lists it', () => {
    assert.ok(!pytest.some((id) => id.startsWith('tests/computed/test_generated.py')), 'the premise');
    assert.ok(ours.some((id) => id.startsWith('tests/computed/test_generated.py')));
    assert.ok(ours.some((id) => id.startsWith('tests/computed/test_written.py')));
  });

  it('an ignored file is no test file for per-file updates either', () => {
    assert.equal(discovery.isTestFile(path.join(root, 'tests', 'legacy', 'test_old.py')), false);
    assert.equal(discovery.isTestFile(path.join(root, 'tests', 'test_slow_skip.py')), false);
    assert.equal(discovery.isTestFile(path.join(root, 'tests', 'test_kept.py')), true);
    assert.deepEqual(discovery.filesUnder(path.join(root, 'tests', 'legacy')).testFiles, []);
  });
});

describe('--ignore / --ignore-glob in addopts and in the runs\' arguments', () => {
  const FILES: Record<string, string> = {
    'pytest.ini': '[pytest]\naddopts = -p no:cacheprovider --ignore=tests/legacy "--ignore-glob=*_skip.py" --ignore \'tests/with space\'\n',
    'tests/test_kept.py': TEST('kept'),
    'tests/legacy/test_old.py': TEST('old'),
    'tests/deep/test_deep_skip.py': TEST('deep_skip'),
    'tests/with space/test_spaced.py': TEST('spaced'),
    'tests/test_by_args.py': TEST('by_args'),
  };
  const tree = parserAndTree('pp-ignore-options-', FILES);

  it('leaves out what pytest leaves out, with the arguments a run adds on top', () => {
    const root = tree.root();
    const pytest = pytestNodeIds(root).ids;
    assert.deepEqual(pytest.map((id) => id.split('::')[0]), ['tests/test_by_args.py', 'tests/test_kept.py'], 'the premise');
    const discover = (pytestArgs: string[]): string[] => flattenTests(new StaticDiscovery(tree.parser(), root, { config: findPytestConfig(root), pytestArgs }).discoverAll()).map((test) => test.nodeid);
    assert.deepEqual(discover([]), pytest);
    assert.deepEqual(discover(['--ignore', 'tests/test_by_args.py']), pytest.filter((id) => !id.startsWith('tests/test_by_args.py')));
  });
});
