// Folders in the real editor: a file watcher reports a folder that is moved in or deleted as one
// event, without an event per file inside (the `**/*.py` watcher never sees them). The Test
// Explorer must still list a moved-in folder's tests and drop a deleted folder's tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testingApi, treeShows, workspaceRoot } from './helpers';
import type { TestingApi } from '../../src/testing';

// Built outside the test folder (a hidden folder pytest never collects), then moved in whole.
const STAGING = '.staging-moved-folder';
const FOLDER = 'python/tests/moved_in';
const FILE = `${FOLDER}/nested/test_moved.py`;
const TEST = `${FILE}::test_move__folder_moved_in__then_listed`;
const SOURCE = `"""A module that arrives inside a folder moved into the test folder."""


def test_move__folder_moved_in__then_listed() -> None:
    """Listed although no watcher event named this file."""
    assert "moved".startswith("mov")
`;

suite('test explorer: folders moved in and deleted', () => {
  let api: TestingApi;
  const at = (relative: string): string => path.join(workspaceRoot().fsPath, ...relative.split('/'));

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await api.discover();
  });

  suiteTeardown(() => {
    fs.rmSync(at(STAGING), { recursive: true, force: true });
    fs.rmSync(at(FOLDER), { recursive: true, force: true });
  });

  test('a folder moved into the test folder lists its tests; deleting it removes them', async () => {
    fs.mkdirSync(path.dirname(at(`${STAGING}/nested/test_moved.py`)), { recursive: true });
    fs.writeFileSync(at(`${STAGING}/nested/test_moved.py`), SOURCE);
    assert.equal(api.existingItem(TEST), undefined, 'not listed before the move');

    const listed = treeShows(api, () => api.existingItem(TEST) !== undefined, `${TEST} listed after its folder was moved in`);
    fs.renameSync(at(STAGING), at(FOLDER));
    await listed;

    const dropped = treeShows(api, () => api.existingItem(TEST) === undefined, `${TEST} gone after its folder was deleted`);
    fs.rmSync(at(FOLDER), { recursive: true });
    await dropped;
  });
});
