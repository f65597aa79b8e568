// The shape of the static tree: source order, ranges, tags, skipped folders, dynamic cases.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredItem, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';

const SOURCE = `"""Tree shape fixture."""
import pytest

pytestmark = pytest.mark.integration


def test_zeta__first__then_listed_first() -> None:
    """Defined first, so listed first although its name sorts last."""


class TestGroup:
    """A class between two functions."""

    @pytest.mark.slow
    @pytest.mark.parametrize(
        "value",
        [
            1,
            pytest.param(2, marks=pytest.mark.flaky),
        ],
    )
    def test_group__value__then_positive(self, value: int) -> None:
        """Each case sits on its own row."""


def test_alpha__plain__then_leaf() -> None:
    """Defined third."""


@pytest.mark.parametrize("value", sorted([2, -1], key=abs))
def test_beta__sorted__then_dynamic(value: int) -> None:
    """A call in argvalues."""
`;

function find(items: readonly DiscoveredItem[], nodeid: string): DiscoveredItem | undefined {
  for (const item of items) {
    if (item.nodeid === nodeid) return item;
    const inner = find(item.children, nodeid);
    if (inner) return inner;
  }
  return undefined;
}

describe('static test tree', () => {
  let root: string;
  let parser: Parser;
  let items: DiscoveredItem[];

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-tree-'));
    fs.writeFileSync(path.join(root, 'pytest.ini'), '[pytest]\ntestpaths = tests\n');
    fs.mkdirSync(path.join(root, 'tests', '.venv'), { recursive: true });
    fs.mkdirSync(path.join(root, 'tests', 'target'), { recursive: true });
    fs.mkdirSync(path.join(root, 'other'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tests', 'test_tree.py'), SOURCE);
    fs.writeFileSync(path.join(root, 'tests', '.venv', 'test_venv.py'), 'def test_x():\n    pass\n');
    fs.writeFileSync(path.join(root, 'tests', 'target', 'test_target.py'), 'def test_x():\n    pass\n');
    fs.writeFileSync(path.join(root, 'other', 'test_outside.py'), 'def test_x():\n    pass\n');
    parser = await createPythonParser();
    items = new StaticDiscovery(parser, root).discoverAll();
  });

  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('walks only testpaths and skips hidden, venv and target folders', () => {
    assert.deepEqual(items.map((m) => m.nodeid), ['tests/test_tree.py']);
  });

  it('keeps source order, not name order', () => {
    assert.deepEqual(items[0].children.map((c) => c.name), [
      'test_zeta__first__then_listed_first',
      'TestGroup',
      'test_alpha__plain__then_leaf',
      'test_beta__sorted__then_dynamic',
    ]);
  });

  it('puts each case on its own row and the function on its def line', () => {
    const lines = SOURCE.split('\n');
    const fn = find(items, 'tests/test_tree.py::TestGroup::test_group__value__then_positive')!;
    assert.match(lines[fn.range!.start.line], /def test_group__value__then_positive/);
    assert.deepEqual(fn.children.map((c) => lines[c.range!.start.line].trim()), ['1,', 'pytest.param(2, marks=pytest.mark.flaky),']);
  });

  it('turns markers into tags: own, class, module and pytest.param marks', () => {
    const first = find(items, 'tests/test_tree.py::TestGroup::test_group__value__then_positive[1]')!;
    const second = find(items, 'tests/test_tree.py::TestGroup::test_group__value__then_positive[2]')!;
    assert.deepEqual([...first.tags].sort(), ['integration', 'slow']);
    assert.deepEqual([...second.tags].sort(), ['flaky', 'integration', 'slow']);
  });

  it('flags computed argvalues as dynamic instead of guessing cases', () => {
    const beta = find(items, 'tests/test_tree.py::test_beta__sorted__then_dynamic')!;
    assert.equal(beta.dynamic, true);
    assert.deepEqual(beta.children, []);
  });

  it('updates one file from an edited buffer', () => {
    const discovery = new StaticDiscovery(parser, root);
    const edited = SOURCE.replace('def test_zeta__first__then_listed_first', 'def test_omega__renamed__then_listed');
    const module = discovery.discoverFile(path.join(root, 'tests', 'test_tree.py'), edited)!;
    assert.equal(module.children[0].nodeid, 'tests/test_tree.py::test_omega__renamed__then_listed');
    assert.equal(discovery.isTestFile(path.join(root, 'other', 'test_outside.py')), false);
    assert.equal(discovery.isTestFile(path.join(root, 'tests', 'test_tree.py')), true);
  });

  it("lists a new folder's test files and conftests only where pytest would collect them", () => {
    const discovery = new StaticDiscovery(parser, root);
    const at = (...parts: string[]): string => path.join(root, ...parts);
    fs.mkdirSync(at('tests', 'moved', 'deeper'), { recursive: true });
    fs.writeFileSync(at('tests', 'moved', 'conftest.py'), '');
    fs.writeFileSync(at('tests', 'moved', 'deeper', 'test_deep.py'), 'def test_x():\n    pass\n');
    fs.writeFileSync(at('tests', 'moved', 'helpers.py'), '');
    try {
      assert.deepEqual(discovery.filesUnder(at('tests', 'moved')), { testFiles: [at('tests', 'moved', 'deeper', 'test_deep.py')], conftests: [at('tests', 'moved', 'conftest.py')] });
      // An ancestor of the testpaths: only what lies inside them, folders and files by name (pytest ≥ 8).
      assert.deepEqual(discovery.filesUnder(root).testFiles, [at('tests', 'moved', 'deeper', 'test_deep.py'), at('tests', 'test_tree.py')]);
      assert.deepEqual(discovery.filesUnder(at('tests', 'target')).testFiles, [], 'pytest does not recurse into target');
      assert.deepEqual(discovery.filesUnder(at('tests', '.venv')).testFiles, [], 'nor into hidden folders');
      assert.deepEqual(discovery.filesUnder(at('other')).testFiles, [], 'outside the testpaths');
      assert.equal(discovery.covers(at('other')), false);
      assert.equal(discovery.covers(root), true);
      assert.equal(discovery.covers(at('tests', 'gone')), true);
    } finally {
      fs.rmSync(at('tests', 'moved'), { recursive: true, force: true });
    }
  });
});
