// A conftest.py pytest cannot import stops the collection of its folder (a collection error on
// the folder; for the rootdir's, pytest does not start). Static discovery says so on every module
// below it, keeps their tests listed (tree-sitter may reject syntax Python accepts), and nothing
// on the modules elsewhere.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionErrors, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTrees } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';

const TEST = (name: string): string => `def test_${name}__collected__then_runs() -> None:\n    """One test."""\n    assert True\n`;

describe('conftest.py files pytest cannot import', () => {
  const { parser, tree } = parserAndTrees('pytest-patterns-conftest-errors-');

  it('every module under a broken conftest.py says so, where pytest reports the folder; the others say nothing', () => {
    const root = tree({
      'tests/test_top.py': TEST('top'),
      'tests/sub/conftest.py': '"""Broken on its second line."""\ndef fixture_maker(:\n    pass\n',
      'tests/sub/test_below.py': TEST('below'),
      'tests/sub/deeper/test_deeper.py': TEST('deeper'),
    });
    const { output } = pytestNodeIds(root);
    assert.deepEqual([...output.matchAll(/^ERROR (\S+)/gm)].map((m) => m[1]), ['tests/sub'], output);
    const modules = new StaticDiscovery(parser(), root).discoverAll();
    const errors = collectionErrors(modules);
    assert.deepEqual(errors.map((e) => e.nodeid).sort(), ['tests/sub/deeper/test_deeper.py', 'tests/sub/test_below.py']);
    for (const { message } of errors) assert.equal(message, 'pytest cannot import tests/sub/conftest.py (syntax error at line 2), so it collects none of the tests under tests/sub.');
    assert.equal(modules.find((m) => m.nodeid === 'tests/sub/test_below.py')?.children.length, 1, 'its tests stay listed');
  });
});
