// The ini option `usefixtures` requests fixtures for every test, first in the closure (before
// autouse fixtures, `usefixtures` marks and arguments): a parametrized one gives every test its
// cases. Static ids and their order against pytest's own collection of the same tree.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findPytestConfig } from '../../../server/src/engine/config/pytestConfig';
import { flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { pytestNodeIds } from './pytestSuite';

const FILES: Record<string, string> = {
  'pytest.ini': '[pytest]\nusefixtures =\n    backend\n',
  'tests/conftest.py': `import pytest


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(autouse=True, params=["eu", "us"])
def region(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=[1, 2])
def level(request: pytest.FixtureRequest) -> int:
    return request.param
`,
  'tests/test_store.py': `import pytest


def test_store__plain__then_every_backend() -> None:
    assert True


@pytest.mark.usefixtures("level")
@pytest.mark.parametrize("size", [0, 10])
def test_store__sized__then_every_backend(size: int) -> None:
    assert size >= 0


class TestStore:
    def test_store__method__then_every_backend(self, level: int) -> None:
        assert level
`,
  // A closer conftest replaces the parametrized fixture with a plain one: no backend cases here.
  'tests/local/conftest.py': `import pytest


@pytest.fixture
def backend() -> str:
    return "memory"
`,
  'tests/local/test_memory.py': `def test_memory__plain__then_one_backend() -> None:
    assert True
`,
};

describe('the ini option usefixtures, against pytest', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-ini-usefixtures-'));
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is read from the ini file', () => {
    assert.deepEqual(findPytestConfig(root).usefixtures, ['backend']);
  });

  it('gives every test the cases of the fixture it names, first, in pytest\'s order', async () => {
    const { ids: pytestIds, output } = pytestNodeIds(root);
    assert.ok(pytestIds.length > 0, output);
    assert.ok(pytestIds.includes('tests/test_store.py::test_store__plain__then_every_backend[sqlite-eu]'), output);
    const discovery = new StaticDiscovery(await createPythonParser(), root, { config: findPytestConfig(root) });
    const tests = flattenTests(discovery.discoverAll());
    assert.deepEqual(tests.map((test) => test.nodeid), pytestIds);
    assert.ok(tests.every((test) => !test.guessed && !test.dynamic && !test.conditional), "every id is presented as certain");
  });
});
