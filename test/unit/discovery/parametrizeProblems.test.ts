// Parametrize marks pytest rejects at collection fail the module or class collecting the test
// (pytest's `Metafunc.parametrize` calls `fail()`): static discovery must put that error where
// pytest reports it, and claim nothing where pytest collects fine.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiscoveredItem, flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTrees } from '../../support/fileTree';
import { allItems, pytestNodeIds } from './pytestSuite';

const REJECTED = `"""Each class holds one parametrize mark pytest rejects."""
import pytest


def test_plain__module_level__then_collected() -> None:
    """The module itself collects fine."""
    assert True


class TestArity:
    @pytest.mark.parametrize("a, b", [(1, 2), (3,)])
    def test_rows__one_short__then_class_fails(self, a: int, b: int) -> None:
        """The second row has one value for two names."""
        assert a


class TestIds:
    @pytest.mark.parametrize("a", [1, 2], ids=["one"])
    def test_ids__one_missing__then_class_fails(self, a: int) -> None:
        """Two rows, one id."""
        assert a


class TestUnusedName:
    @pytest.mark.parametrize("size", [1])
    def test_name__not_taken__then_class_fails(self, tmp_path: object) -> None:
        """The mark names an argument the test does not take (it takes only pytest's own fixture)."""
        assert tmp_path


class TestDefault:
    @pytest.mark.parametrize("b", [1])
    def test_default__parametrized__then_class_fails(self, b: int = 3) -> None:
        """pytest does not fill an argument with a default."""
        assert b


class TestIndirect:
    @pytest.mark.parametrize("missing", [1], indirect=True)
    def test_indirect__no_such_fixture__then_class_fails(self) -> None:
        """Indirect to a fixture the test does not request."""
        assert True


class TestClassMark:
    pytestmark = pytest.mark.parametrize("d", [1])

    def test_uses__class_parameter__then_fine(self, d: int) -> None:
        """Takes the class's parameter."""
        assert d

    def test_unused__class_parameter__then_class_fails(self) -> None:
        """Every method must take it."""
        assert True
`;

const ACCEPTED = `"""Parametrize marks pytest accepts, close to the rejected ones."""
import pytest


@pytest.fixture
def connection(url: str) -> str:
    """Requests \`url\`, which a test may parametrize."""
    return url


@pytest.fixture
def url() -> str:
    """Overridden by parametrize."""
    return "default"


@pytest.mark.parametrize("url", ["a", "b"])
def test_dependency__parametrized_through_fixture__then_collected(connection: str) -> None:
    """\`url\` is in the closure through \`connection\`."""
    assert connection


@pytest.mark.parametrize("url", ["c"], indirect=True)
def test_indirect__fixture_requested__then_collected(url: str) -> None:
    """Indirect to a fixture the test requests."""
    assert url


@pytest.mark.usefixtures("connection")
@pytest.mark.parametrize("url", ["d"])
def test_usefixtures__requests_dependency__then_collected() -> None:
    """usefixtures brings \`url\` into the closure."""
    assert True


@pytest.mark.parametrize("a, b", ["xy", pytest.param(1, 2, id="pair")])
def test_rows__string_unpacked__then_collected(a: object, b: object) -> None:
    """A two-character string is two values."""
    assert a


@pytest.mark.parametrize("a", [1, 2], ids=[])
def test_ids__empty_list__then_collected(a: int) -> None:
    """An empty ids list is allowed."""
    assert a


@pytest.mark.parametrize("value", [1])
def test_unknown__fixture_out_of_reach__then_no_claim(value: int, mocker_like) -> None:  # noqa: ANN001
    """Requests a fixture discovery cannot see: its requests are unknown."""
    assert value
`;

/** A fixture made by a call, as a plugin's may be: discovery cannot read what it requests. */
const CONFTEST = `"""A fixture discovery cannot read."""
import pytest


def _make(value: int) -> int:
    """Requests \`value\`, unknown to static discovery."""
    return value


mocker_like = pytest.fixture(_make)
`;

describe('parametrize marks pytest rejects: the collection errors it reports', () => {
  const { parser, tree } = parserAndTrees('pytest-patterns-parametrize-errors-');

  it('puts pytest\'s error on each class it fails to collect, and lists exactly what it collects', () => {
    const root = tree({ 'test_rejected.py': REJECTED, 'test_accepted.py': ACCEPTED, 'conftest.py': CONFTEST });
    const { ids, output } = pytestNodeIds(root);
    const theirs = [...output.matchAll(/^ERROR (\S+) - Failed/gm)].map((m) => m[1]).sort();
    assert.deepEqual(theirs, ['test_rejected.py::TestArity', 'test_rejected.py::TestClassMark', 'test_rejected.py::TestDefault', 'test_rejected.py::TestIds', 'test_rejected.py::TestIndirect', 'test_rejected.py::TestUnusedName'], output);
    const modules = new StaticDiscovery(parser(), root).discoverAll();
    const failing = allItems(modules).filter((item: DiscoveredItem) => item.error !== undefined);
    assert.deepEqual(failing.map((item) => item.nodeid).sort(), theirs);
    // pytest's own message is in its report: ours carries it after the container's words.
    for (const item of failing) {
      const message = item.error!.replace(/^pytest fails to collect this class: /, '');
      const first = message.split(':').slice(0, 2).join(':');
      assert.ok(output.includes(first), `${item.nodeid}: "${first}" is not in pytest's report`);
    }
    const collected = ids.filter((id) => !id.startsWith('ERROR') && !id.includes(': in "parametrize"')); // the lines of its report that hold '::'
    assert.deepEqual(flattenTests(modules).map((t) => t.nodeid).sort(), collected.sort());
  });

  it('with strict_parametrization_ids, duplicate case ids fail the class, as pytest 9 does; unique ids stay fine', () => {
    const source = `"""Duplicate ids under strict_parametrization_ids."""
import pytest


class TestDuplicates:
    @pytest.mark.parametrize("x", [1, 1, 2])
    def test_values__repeated__then_class_fails(self, x: int) -> None:
        """Two sets get the id 1."""
        assert x


class TestUnique:
    @pytest.mark.parametrize("x", [1, 1], ids=["first", "second"])
    def test_values__named__then_collected(self, x: int) -> None:
        """Named apart."""
        assert x
`;
    const root = tree({ 'pytest.ini': '[pytest]\nstrict_parametrization_ids = true\n', 'test_strict.py': source });
    const { output } = pytestNodeIds(root);
    const theirs = [...output.matchAll(/^ERROR (\S+)/gm)].map((m) => m[1]);
    assert.deepEqual(theirs, ['test_strict.py::TestDuplicates'], output);
    const failing = allItems(new StaticDiscovery(parser(), root).discoverAll()).filter((item) => item.error !== undefined);
    assert.deepEqual(failing.map((item) => item.nodeid), theirs);
    assert.match(failing[0].error!, /Duplicate parametrization IDs detected, but strict_parametrization_ids is set .*duplicates: 1\)/);
  });

  it('a misspelt `parametrize` pytest refuses fails the module on import, wherever the decorator is; in a function body it waits for the call', () => {
    const source = (decorator: string): string => `"""One decorator with a spelling pytest refuses."""
import pytest
from pytest import mark


def test_plain__before__then_not_collected() -> None:
    """Defined above the bad decorator: the import fails anyway."""
    assert True


${decorator}
def helper(size: int) -> int:
    """Not even a test: the decorator runs on import."""
    return size
`;
    const root = tree({
      'test_parametrise.py': source('@pytest.mark.parametrise("size", [1])'),
      'test_parameterize.py': source('@mark.parameterize("size", [1])'),
      'test_later.py': '"""Only a function body names it."""\nimport pytest\n\n\ndef test_marks__built_later__then_collected() -> None:\n    """The body runs in the test."""\n    assert pytest.mark.parametrise is not None\n',
    });
    const { ids, output } = pytestNodeIds(root);
    const theirs = [...output.matchAll(/^ERROR (\S+)/gm)].map((m) => m[1]).sort();
    assert.deepEqual(theirs, ['test_parameterize.py', 'test_parametrise.py'], output);
    const modules = new StaticDiscovery(parser(), root).discoverAll();
    const failing = modules.filter((module) => module.error !== undefined);
    assert.deepEqual(failing.map((module) => module.nodeid).sort(), theirs);
    for (const module of failing) {
      const name = module.nodeid.slice('test_'.length, -'.py'.length);
      assert.ok(output.includes(`Unknown '${name}' mark, did you mean 'parametrize'?`), output);
      assert.equal(module.error, `pytest fails to collect this module: Unknown '${name}' mark, did you mean 'parametrize'?`);
    }
    assert.deepEqual(flattenTests(modules).map((t) => t.nodeid), ids);
  });
});
