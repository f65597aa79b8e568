// The discovery cache in the real editor: the Test Explorer keeps each crate's static discovery in
// the extension's workspace storage. A full re-discovery (here: a conftest.py created on disk,
// which changes fixtures for the files below it) takes unchanged modules from that file and
// discovers only the modules whose sources changed; the tree it builds must still be right.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fileRebuilt, testingApi, workspaceFile, workspaceTrustEnabled, writeTestFile } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, in a folder of its own.
const FOLDER = 'python/tests/cached';
const FILE = `${FOLDER}/test_cached_module.py`;
const CONFTEST = `${FOLDER}/conftest.py`;
const TEST = `${FILE}::test_cache__new_conftest__then_cases`;
const SOURCE = `"""A module the cache does not know yet."""


def test_cache__new_conftest__then_cases(attempt: int) -> None:
    """Parametrized by the conftest.py written next to it."""
    assert attempt in (1, 2)
`;
const FIXTURE = `"""Written while the Test Explorer is open: every test below gets two cases."""

import pytest


@pytest.fixture(params=[1, 2])
def attempt(request: pytest.FixtureRequest) -> int:
    """Two attempts."""
    return request.param
`;

suite('static discovery: the cache in the workspace storage', () => {
  let api: TestingApi;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    // The folder exists before the module is written into it: inotify misses files written into a
    // folder before its watch is set up, and this test is about the cache, not that race.
    await vscode.workspace.fs.createDirectory(workspaceFile(FOLDER));
    await api.discover();
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(workspaceFile(FOLDER), { recursive: true });
  });

  test('a full re-discovery reuses unchanged modules from the cache file and redoes changed ones', async () => {
    const [first] = await api.discoveryStats();
    assert.ok(first.cacheFile, 'the crate has a cache file in the workspace storage');
    assert.ok(fs.existsSync(first.cacheFile), `the first discovery wrote ${first.cacheFile}`);

    await writeTestFile(api, FILE, SOURCE, TEST);
    assert.equal(api.existingItem(TEST)?.children.size, 0, 'no conftest.py yet: no cases');

    const rebuilt = fileRebuilt(api, CONFTEST);
    await vscode.workspace.fs.writeFile(workspaceFile(CONFTEST), new TextEncoder().encode(FIXTURE));
    await rebuilt;

    const [after] = await api.discoveryStats();
    const modules = [...(api.controller.items.get(`crate:${after.crateDir}`)?.children ?? [])].length;
    if (!workspaceTrustEnabled()) {
      // This run gives a turn before every file (the runners set it): the rebuild checked every cached module and discovered the others in turns.
      assert.equal(process.env.PYTEST_PATTERNS_DISCOVERY_SLICE_MS, '0', 'the trust-off run sets the slice to 0 ms');
      assert.ok(after.turns >= modules, `a turn before each file (${after.turns} turns, ${modules} modules)`);
    }
    assert.ok(after.reused > 0, `modules came from the cache file (reused ${after.reused}, discovered ${after.discovered})`);
    assert.ok(after.discovered >= 1, 'the module the cache did not know was discovered');
    assert.equal(after.reused + after.discovered, modules, 'every module of the tree came from one or the other');
    assert.deepEqual(
      [...(api.existingItem(TEST)?.children ?? [])].map(([, item]) => item.label).sort(),
      ['1', '2'],
      "the new module's test has the new conftest.py's cases",
    );
    assert.ok(after.rebuiltModules >= 1, 'the module under the new conftest.py got new items');
  });

  test('a re-discovery that changes no module keeps every item as it is', async () => {
    const [stats] = await api.discoveryStats();
    const crate = api.controller.items.get(`crate:${stats.crateDir}`)!;
    const itemsBefore = everyItem(crate);
    assert.ok(itemsBefore.size > 20, `the tree has items (${itemsBefore.size})`);

    // A new docstring: the fixtures, and so every module, stay what they were.
    const rebuilt = fileRebuilt(api, CONFTEST);
    await vscode.workspace.fs.writeFile(workspaceFile(CONFTEST), new TextEncoder().encode(FIXTURE.replace('every test below', 'each test below')));
    await rebuilt;

    const [after] = await api.discoveryStats();
    assert.equal(after.rebuiltModules, 0, 'no module was built again');
    const itemsAfter = everyItem(crate);
    assert.deepEqual([...itemsAfter.keys()], [...itemsBefore.keys()], 'the same items, in the same order');
    for (const [id, item] of itemsAfter) assert.equal(item, itemsBefore.get(id), `${id} is the same item object`);
  });
});

/** Every item under `root` by id, depth first in the collections' order. */
function everyItem(root: vscode.TestItem): Map<string, vscode.TestItem> {
  const items = new Map<string, vscode.TestItem>();
  const visit = (item: vscode.TestItem): void => {
    items.set(item.id, item);
    item.children.forEach(visit);
  };
  root.children.forEach(visit);
  return items;
}
