// Which modules the Test Explorer collects in the background: those static discovery is unsure of.
// Each unsure module is checked against pytest's own collection of it, so "unsure" is never a
// module whose ids static discovery already has exactly.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { CollectedCases, flattenTests, isUnsure, needsCollection, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { pytestNodeIds } from './pytestSuite';

const MODULES: Record<string, { unsure: boolean; source: string }> = {
  'test_exact.py': {
    unsure: false,
    source: `import pytest


class TestWords:
    @pytest.mark.parametrize("word", ["a", "b"], ids=["first", "second"])
    def test_word__given__then_kept(self, word: str) -> None:
        assert word


@pytest.mark.parametrize("size", [1, 2.5, None, True])
def test_size__literal__then_listed(size: object) -> None:
    assert size or not size
`,
  },
  'test_dynamic.py': {
    unsure: true,
    source: `import os

import pytest


@pytest.mark.parametrize("size", [int(os.environ.get("PP_SIZE", "3")) * n for n in range(2)])
def test_size__computed__then_listed(size: int) -> None:
    assert size >= 0
`,
  },
  'test_guessed.py': {
    unsure: true,
    source: `import os

import pytest


@pytest.mark.parametrize("name", [os.environ.get("PP_NAME", "x").upper(), "ok"])
def test_name__from_call__then_listed(name: str) -> None:
    assert name
`,
  },
  'test_conditional.py': {
    unsure: true,
    source: `import sys

if sys.platform == "never-a-platform":

    def test_platform__other__then_skipped() -> None:
        assert True


def test_platform__any__then_runs() -> None:
    assert True
`,
  },
  'test_runtime.py': {
    unsure: true,
    source: `def _make(n: int):
    def test() -> None:
        assert n >= 0

    return test


for _n in range(2):
    globals()[f"test_made__{_n}__then_runs"] = _make(_n)
`,
  },
  'test_computed_base.py': {
    unsure: true,
    source: `def base():
    class Base:
        def test_inherited__base__then_runs(self) -> None:
            assert True

    return Base


class TestComputed(base()):
    def test_own__class__then_runs(self) -> None:
        assert True
`,
  },
  'test_metaclass.py': {
    unsure: true,
    source: `class Renaming(type):
    def __new__(mcs, name, bases, namespace):
        for key in [k for k in namespace if k.startswith("test_")]:
            namespace[key + "_0"] = namespace.pop(key)
        return super().__new__(mcs, name, bases, namespace)


class TestRenamed(metaclass=Renaming):
    def test_renamed__metaclass__then_suffixed(self) -> None:
        assert True
`,
  },
};

describe('isUnsure: the modules a background collection covers', () => {
  let root: string;
  let parser: Parser;
  let pytest: string[];

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-unsure-'));
    fs.writeFileSync(path.join(root, 'pytest.ini'), '[pytest]\n');
    for (const [file, { source }] of Object.entries(MODULES)) fs.writeFileSync(path.join(root, file), source);
    parser = await createPythonParser();
    const result = pytestNodeIds(root);
    assert.doesNotMatch(result.output, /error/i, result.output);
    pytest = result.ids;
  });

  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('needsCollection: an unsure module until pytest collected the whole file, and again once the file changed or is edited', () => {
    const discovery = new StaticDiscovery(parser, root);
    const module = (file: string) => discovery.discoverFile(path.join(root, file))!;
    const memory = new CollectedCases();
    assert.equal(needsCollection(module('test_exact.py'), memory), false, 'a sure module never needs it');
    assert.equal(needsCollection(module('test_dynamic.py'), memory), true, 'never collected');
    // A run of one function is not a collection of the file.
    memory.remember(pytest.filter((id) => id.startsWith('test_dynamic.py::')), ['test_dynamic.py::test_size__computed__then_listed']);
    assert.equal(needsCollection(module('test_dynamic.py'), memory), true);
    const files = [...new Set(pytest.map((id) => id.split('::')[0]))];
    memory.remember(pytest, [...files, 'test_conditional.py']);
    assert.equal(needsCollection(module('test_dynamic.py'), memory), false, 'collected whole since it last changed');
    assert.equal(needsCollection(module('test_conditional.py'), memory), false, 'also a file whose collection left nothing to remember');
    assert.equal(needsCollection(module('test_dynamic.py'), memory, true), true, 'unsaved editor text was never collected');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'test_dynamic.py'), later, later);
    assert.equal(needsCollection(module('test_dynamic.py'), memory), true, 'changed on disk after the collection');
    const restored = CollectedCases.fromJSON(JSON.parse(JSON.stringify(memory)));
    assert.equal(needsCollection(module('test_metaclass.py'), restored), false, 'the next window reads the time back');
  });

  for (const [file, { unsure }] of Object.entries(MODULES)) {
    it(`${file}: ${unsure ? 'unsure' : 'sure'}`, () => {
      const module = new StaticDiscovery(parser, root).discoverFile(path.join(root, file));
      assert.ok(module);
      assert.equal(isUnsure(module), unsure);
      const staticIds = flattenTests([module]).map((t) => t.nodeid);
      const pytestIds = pytest.filter((id) => id.startsWith(`${file}::`));
      // A sure module has exactly pytest's ids; each unsure one here differs from them.
      if (unsure) assert.notDeepEqual(staticIds, pytestIds, `${file} is unsure, and static discovery is indeed wrong about it`);
      else assert.deepEqual(staticIds, pytestIds);
    });
  }
});
