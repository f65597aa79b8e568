// Strict markers in the real editor: a module whose mark neither pyproject.toml nor a conftest.py
// registers is described as one pytest may refuse, and the background collection through cargo
// shows pytest's refusal on it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { backgroundCollection, errorOf, fileRebuilt, testingApi, workspaceFile, workspaceTrustEnabled, writeTestFile } from './helpers';
import type { TestingApi } from '../../src/testing';

const FILE = 'python/tests/test_marks_strict.py';
const TEST = `${FILE}::test_report__nightly_build__then_published`;
const SOURCE = `"""A mark the crate's pyproject.toml does not register."""

import pytest


@pytest.mark.nightly
def test_report__nightly_build__then_published() -> None:
    """pytest refuses the module under strict markers."""
    assert "nightly".isalpha()
`;
const PYPROJECT = 'pyproject.toml';
const DEADLINE_MS = 240_000;
const DESCRIPTION = 'strict markers: nightly registered by no config or conftest.py';

/** Resolves once `check` holds: now, or after one of the file's rebuilds. */
function whenFile(api: TestingApi, file: string, check: () => boolean, what: string): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`${what}: not within 60 s`));
    }, 60_000);
    const subscription = api.onDidChangeFile((changed) => {
      if (!changed.endsWith(file.split('/').pop()!) || !check()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

suite('strict markers: an unregistered mark', () => {
  if (workspaceTrustEnabled()) {
    test.skip('strict markers (skipped: nothing runs through cargo in an untrusted workspace)', () => undefined);
    return;
  }

  let api: TestingApi;
  let pyproject: Uint8Array;
  const configuration = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('pytestPatterns');
  let collectOnOpen: string | undefined;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    collectOnOpen = configuration().inspect<string>('discovery.collectOnOpen')?.workspaceValue;
    pyproject = await vscode.workspace.fs.readFile(workspaceFile(PYPROJECT));
    const strict = new TextDecoder().decode(pyproject).replace('[tool.pytest.ini_options]\n', '[tool.pytest.ini_options]\nstrict_markers = true\n');
    assert.match(strict, /strict_markers = true/);
    // The crate follows its config once the watcher reports the file: only then is the module written.
    const followed = fileRebuilt(api, PYPROJECT);
    await vscode.workspace.fs.writeFile(workspaceFile(PYPROJECT), new TextEncoder().encode(strict));
    await followed;
    await writeTestFile(api, FILE, SOURCE, TEST);
  });

  suiteTeardown(async () => {
    await configuration().update('discovery.collectOnOpen', collectOnOpen, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceFile(FILE)).then(undefined, () => undefined);
    // The suites after this one start once the crate followed the restored config.
    const followed = fileRebuilt(api, PYPROJECT);
    await vscode.workspace.fs.writeFile(workspaceFile(PYPROJECT), pyproject);
    await followed;
  });

  test('the module is described as one pytest may refuse; the background collection shows the refusal', async function () {
    this.timeout(DEADLINE_MS + 30_000);
    await whenFile(api, FILE, () => api.existingItem(FILE)?.description === DESCRIPTION, 'the module described under strict markers');
    assert.ok(api.existingItem(TEST), 'its test stays listed until pytest says otherwise');
    assert.equal(api.existingItem('python/tests/test_tokenizer.py')?.description, undefined, 'modules with registered marks only are not flagged');

    const collected = backgroundCollection(api, FILE, DEADLINE_MS);
    await configuration().update('discovery.collectOnOpen', 'unsure', vscode.ConfigurationTarget.Workspace);
    const collection = await collected;
    assert.ok(collection.nodeIds?.includes(FILE));
    assert.match(errorOf(api.existingItem(FILE)) ?? '', /'nightly' not found in `markers` configuration option/);
  });
});
