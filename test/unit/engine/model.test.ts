import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allTests, buildModel, effectiveMarkers } from '../../../server/src/engine/model/buildModel';
import { parsePython } from '../../../server/src/engine/parse/parser';

const SOURCE = `
import pytest
import pytest_asyncio
from time import sleep as nap

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("db")]
pytest_plugins = ["plugins.db", "plugins.http"]


@pytest.fixture(scope="session", autouse=True, name="engine")
def make_engine():
    yield 1


@pytest_asyncio.fixture
async def client(engine: int):
    return engine


@pytest.mark.slow
@pytest.mark.parametrize("a, b", [(1, 2), pytest.param(3, 4, id="three", marks=pytest.mark.xfail)], ids=["x", None])
@pytest.mark.parametrize(["c"], [5])
def test_sum__pairs__then_adds(a: int, b: int, c, *args, d=1) -> None:
    """Adds."""
    assert a + b


class TestThing:
    pytestmark = pytest.mark.smoke

    def test_one(self):
        assert True

    class TestNested:
        def test_two(self):
            assert True


class TestBroken:
    def __init__(self):
        pass

    def test_three(self):
        assert True


class Helper:
    def test_not_collected(self):
        pass


def helper():
    pass
`;

describe('pytest model', () => {
  it('finds tests, classes, fixtures, markers, parametrize and plugins', async () => {
    const tree = await parsePython(SOURCE);
    try {
      const file = buildModel('/p/tests/test_model.py', tree.rootNode);
      assert.equal(file.kind, 'test');
      assert.deepEqual(allTests(file).map((t) => `${t.className ?? ''}.${t.name}`), ['.test_sum__pairs__then_adds', 'TestThing.test_one', 'TestNested.test_two', 'TestBroken.test_three']);
      assert.deepEqual(file.classes.map((c) => [c.name, c.hasInit]), [['TestThing', false], ['TestBroken', true]]);
      assert.deepEqual(file.pytestPlugins, ['plugins.db', 'plugins.http']);
      assert.deepEqual(file.markers.map((m) => m.name), ['integration', 'usefixtures']);

      const [engine, client] = file.fixtures;
      assert.deepEqual([engine.fixtureName, engine.name, engine.scope, engine.autouse, engine.isYield], ['engine', 'make_engine', 'session', true, true]);
      assert.deepEqual([client.fixtureName, client.isAsync, client.isAsyncioFixture, client.isYield], ['client', true, true, false]);

      const test = file.tests[0];
      assert.equal(test.docstring, 'Adds.');
      assert.deepEqual(test.params.map((p) => [p.name, p.hasType, p.hasDefault, p.variadic]), [
        ['a', true, false, false],
        ['b', true, false, false],
        ['c', false, false, false],
        ['args', false, false, true],
        ['d', false, true, false],
      ]);
      assert.deepEqual(test.markers.map((m) => m.name), ['slow', 'parametrize', 'parametrize']);
      const [first, second] = test.parametrize;
      assert.deepEqual(first.argnames, ['a', 'b']);
      assert.deepEqual(first.rows?.map((r) => [r.values.map((v) => v.text), r.isPytestParam, r.id, r.marks]), [
        [['1', '2'], false, undefined, []],
        [['3', '4'], true, 'three', ['xfail']],
      ]);
      assert.deepEqual(first.ids, ['x', null]);
      assert.deepEqual(second.argnames, ['c']);
      assert.deepEqual(second.rows?.map((r) => r.values.map((v) => v.text)), [['5']]);

      const nested = file.classes[0].classes[0].tests[0];
      assert.deepEqual(effectiveMarkers(file, nested).map((m) => m.name), ['smoke', 'integration', 'usefixtures']);
      assert.ok(file.imports.some((i) => i.module === 'time' && i.name === 'sleep' && i.local === 'nap'));
    } finally {
      tree.delete();
    }
  });

  it('classifies conftest and application files', async () => {
    const tree = await parsePython('def test_x():\n    pass\n');
    try {
      assert.equal(buildModel('/p/conftest.py', tree.rootNode).kind, 'conftest');
      assert.equal(buildModel('/p/app.py', tree.rootNode).kind, 'other');
      assert.equal(buildModel('/p/check_app.py', tree.rootNode, { pythonFiles: ['check_*.py'], pythonClasses: ['Test'], pythonFunctions: ['test'] }).kind, 'test');
    } finally {
      tree.delete();
    }
  });
});
