// A test that yields is refused by pytest (9.0, as recent versions): the module or class collecting it fails.
// Static discovery must show that error where pytest reports it, and list none of its tests.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredItem, flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { allItems, pytestNodeIds } from './pytestSuite';

const MODULE_GENERATOR = `"""A module-level test that yields: the whole module fails."""


def test_plain__beside_generator__then_not_collected() -> None:
    """Lost with the module."""
    assert True


def test_stream__yields__then_module_fails():
    """A generator."""
    for value in range(3):
        if value:
            yield value
`;

const CLASS_GENERATOR = `"""A method that yields: only its class fails."""
import contextlib

import pytest


def test_outer__beside_failing_class__then_collected() -> None:
    """Collected."""
    assert True


class TestFailing:
    def test_first__before_generator__then_not_collected(self) -> None:
        """Lost with the class."""
        assert True

    @pytest.mark.parametrize("x", [1, 2])
    def test_gen__decorated_method_yields__then_class_fails(self, x):
        """A generator: the decorator does not change that."""
        result = (yield x)
        assert result is None


class TestNotGenerators:
    def test_nested__inner_def_yields__then_collected(self) -> None:
        """Only the inner function is a generator."""

        def inner():
            yield 1

        assert list(inner()) == [1]

    def test_text__yield_in_string__then_collected(self) -> None:
        """The word in a string or comment is no yield."""
        # yield
        assert "yield" != "return"

    def test_lambda__yield_in_lambda__then_collected(self) -> None:
        """A lambda that yields is its own function."""
        make = lambda: (yield)  # noqa: E731
        assert make is not None

    @contextlib.contextmanager
    def test_wrapped__decorator_wraps_generator__then_collected(self):
        """pytest sees the wrapper, which is no generator."""
        yield

    async def test_async__yields__then_collected(self):
        """An async generator is no generator for pytest's check."""
        yield 1
`;

describe('generator tests: the errors pytest reports', () => {
  let root: string;
  let parser: Parser;
  let pytest: { ids: string[]; output: string };
  let items: DiscoveredItem[];
  let ours: string[];

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-generators-'));
    fs.writeFileSync(path.join(root, 'test_module_generator.py'), MODULE_GENERATOR);
    fs.writeFileSync(path.join(root, 'test_class_generator.py'), CLASS_GENERATOR);
    parser = await createPythonParser();
    const collected = pytestNodeIds(root);
    pytest = { ids: collected.ids.filter((id) => !id.startsWith('ERROR ')), output: collected.output };
    const modules = new StaticDiscovery(parser, root).discoverAll();
    items = allItems(modules);
    ours = flattenTests(modules).map((t) => t.nodeid);
  });

  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists exactly the tests pytest collects', () => {
    assert.ok(pytest.ids.length >= 5, `pytest collected too little:\n${pytest.output}`);
    assert.deepEqual([...ours].sort(), [...pytest.ids].sort());
  });

  it('puts the error on the module or class pytest fails to collect, naming the test', () => {
    // pytest's short summary: `ERROR <nodeid> - Failed: 'yield' keyword is allowed … (test_x)`.
    const theirs = [...pytest.output.matchAll(/^ERROR (\S+) - Failed: 'yield' keyword/gm)].map((m) => m[1]).sort();
    assert.deepEqual(theirs, ['test_class_generator.py::TestFailing', 'test_module_generator.py'], pytest.output);
    const failing = items.filter((i) => i.error !== undefined);
    assert.deepEqual(failing.map((i) => i.nodeid).sort(), theirs);
    for (const item of failing) assert.deepEqual(item.children, [], `${item.nodeid} lists tests pytest does not collect`);
    const named = (nodeid: string): string | undefined => failing.find((i) => i.nodeid === nodeid)?.error;
    assert.match(named('test_module_generator.py') ?? '', /module: 'yield' keyword is allowed in fixtures, but not in tests \(test_stream__yields__then_module_fails\)$/);
    assert.match(named('test_class_generator.py::TestFailing') ?? '', /class: .*\(test_gen__decorated_method_yields__then_class_fails\)$/);
  });
});
