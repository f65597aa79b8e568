// `--doctest-modules`: the doctests of every module, against pytest's own collection of the same
// tree (names, order, and the file's tests after its doctests).

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPytestConfig } from '../../../server/src/engine/config/pytestConfig';
import { flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTree } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';

const MODULE = `"""Module doc.

>>> 1 + 1
2
"""
import sys


def zeta(x: int) -> int:
    """Zeta.

    >>> zeta(1)
    1
    """
    return x


def no_examples() -> None:
    """Nothing to run: no item."""


class Alpha:
    """Alpha doc.

    >>> Alpha().beta()
    3
    """

    def beta(self) -> int:
        """
        >>> 1
        1
        """
        return 3

    @property
    def gamma(self) -> int:
        """>>> 2
        2
        """
        return 2

    @staticmethod
    def delta() -> None:
        """
            >>> 4
            4
        """

    class Inner:
        def eps(self) -> None:
            """>>> 5
            5"""


if sys.version_info >= (3, 0):
    def conditional() -> None:
        """>>> 7
        7
        """


__test__ = {"extra": ">>> 6\\n6\\n", "plain": "no examples"}
`;

const TREE: Record<string, string> = {
  'pkg/__init__.py': '"""The package.\n\n>>> 0\n0\n"""\n',
  'pkg/sub/__init__.py': '',
  'pkg/sub/mod.py': MODULE,
  'pkg/__main__.py': 'def main() -> None:\n    """>>> 1\n    1\n    """\n',
  'pkg/plain.py': 'def helper() -> int:\n    """No examples here: the module is not listed."""\n    return 1\n',
  'setup.py': '"""\n>>> 1\n1\n"""\nfrom setuptools import setup\n',
  'tools/setup.py': '"""A setup.py that builds nothing is a module like any other.\n\n>>> 2\n2\n"""\n',
  'tests/test_notes.txt': 'A doctest text file: collected as one test even without --doctest-modules.\n\n>>> 1 + 1\n2\n',
  'tests/test_data.txt': 'No examples: not listed.\n',
  'tests/guide.rst': '>>> 3\n3\n',
  'tests/test_a.py': 'def helper() -> None:\n    """>>> helper()\n    """\n\n\ndef test_a__doctest_and_test__then_both_listed() -> None:\n    assert True\n',
};

describe('--doctest-modules', () => {
  const tree = parserAndTree('pp-doctests-', { ...TREE, 'pytest.ini': '[pytest]\naddopts = --doctest-modules\n' });
  const discover = (pytestArgs: string[] = []): StaticDiscovery => new StaticDiscovery(tree.parser(), tree.root(), { config: findPytestConfig(tree.root()), pytestArgs });

  it('lists the doctests pytest collects, named and ordered as pytest does, a test file\'s doctests before its tests', () => {
    const pytest = pytestNodeIds(tree.root());
    assert.ok(pytest.ids.includes('pkg/sub/mod.py::pkg.sub.mod.Alpha.Inner.eps') && pytest.ids.includes('tests/test_a.py::test_a.helper'), `the premise:\n${pytest.output}`);
    assert.deepEqual(flattenTests(discover().discoverAll()).map((test) => test.nodeid), pytest.ids);
  });

  it('a module without doctests is not listed; with the option every .py file counts for per-file updates', () => {
    const discovery = discover();
    assert.equal(discovery.discoverFile(path.join(tree.root(), 'pkg', 'plain.py')), undefined);
    assert.equal(discovery.isTestFile(path.join(tree.root(), 'pkg', 'plain.py')), true);
    assert.equal(discovery.isTestFile(path.join(tree.root(), 'setup.py')), false, 'it imports setuptools');
    assert.equal(discovery.isTestFile(path.join(tree.root(), 'tools', 'setup.py')), true);
    const mod = discovery.discoverFile(path.join(tree.root(), 'pkg', 'sub', 'mod.py'));
    assert.equal(mod?.children.find((item) => item.name === 'pkg.sub.mod.zeta')?.range?.start.line, MODULE.split('\n').indexOf('def zeta(x: int) -> int:'));
  });
});

describe('--doctest-modules from the runs\' arguments only', () => {
  const tree = parserAndTree('pp-doctests-args-', { ...TREE, 'pytest.ini': '[pytest]\n' });

  const ids = (pytestArgs: string[]): string[] => flattenTests(new StaticDiscovery(tree.parser(), tree.root(), { config: findPytestConfig(tree.root()), pytestArgs }).discoverAll()).map((test) => test.nodeid);

  it('counts only when given: without it the tree has the tests and the test*.txt doctest files', () => {
    assert.deepEqual(ids([]), ['tests/test_a.py::test_a__doctest_and_test__then_both_listed', 'tests/test_notes.txt::test_notes.txt']);
    assert.ok(ids(['--doctest-modules']).includes('pkg/sub/mod.py::pkg.sub.mod.__test__.extra'));
  });

  it('-p no:doctest collects no doctest at all, as for pytest', () => {
    const args = ['-p', 'no:doctest'];
    assert.deepEqual(ids(args), pytestNodeIds(tree.root(), args).ids);
    assert.deepEqual(ids(args), ['tests/test_a.py::test_a__doctest_and_test__then_both_listed']);
  });

  it('--doctest-glob replaces test*.txt, as for pytest', () => {
    const args = ['--doctest-glob', '*.rst'];
    const pytest = pytestNodeIds(tree.root(), args);
    assert.deepEqual(ids(args), pytest.ids);
    assert.ok(pytest.ids.includes('tests/guide.rst::guide.rst') && !pytest.ids.some((id) => id.includes('.txt')), `the premise:\n${pytest.output}`);
  });
});
