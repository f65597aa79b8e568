// The background collection (`pytestPatterns.discovery.collectOnOpen`): the modules static
// discovery is unsure of are collected through cargo without a Refresh, and only those. The e2e
// user settings turn it off (so other suites see the static tree they expect); this suite turns it
// on for the workspace, which starts the collection of what is unsure at that moment.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { backgroundCollection, testingApi, workspaceFile, workspaceTrustEnabled, writeTestFile } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const FILE = 'python/tests/test_background_collection.py';
const COMPUTED = 'test_scale__from_environment__then_positive';
const ELSEWHERE = 'test_platform__unknown__then_never_collected';
const SOURCE = `"""Cases pytest computes on import, and a test on a platform that never is."""

import os
import sys

import pytest

SCALE = int(os.environ.get("PP_BACKGROUND_SCALE", "2"))


@pytest.mark.parametrize("size", [SCALE * n for n in (1, 2, 3)])
def ${COMPUTED}(size: int) -> None:
    """Only pytest knows the sizes: they come from the environment."""
    assert size > 0


if sys.platform == "pytest-patterns-nowhere":

    def ${ELSEWHERE}() -> None:
        """Under an if whose branch never runs."""
        assert sys.platform
`;
// What pytest computes with PP_BACKGROUND_SCALE unset: 2 * 1, 2 * 2, 2 * 3.
const PYTEST_CASES = ['2', '4', '6'];
// A module of the example whose ids static discovery knows exactly: never collected in the background.
const EXACT_MODULE = 'python/tests/test_tokenizer.py';
// Generous: the collection may build the crate from scratch in the copied workspace.
const DEADLINE_MS = 240_000;

function caseLabels(item: vscode.TestItem | undefined): string[] {
  return [...(item?.children ?? [])].map(([, child]) => child).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((child) => child.label);
}

suite('background collection of what static discovery is unsure of', () => {
  if (workspaceTrustEnabled()) {
    test.skip('background collection (skipped: nothing runs through cargo in an untrusted workspace)', () => undefined);
    return;
  }

  let api: TestingApi;
  const computed = `${FILE}::${COMPUTED}`;
  const elsewhere = `${FILE}::${ELSEWHERE}`;
  const configuration = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('pytestPatterns');
  let before: string | undefined;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    before = configuration().inspect<string>('discovery.collectOnOpen')?.workspaceValue;
    await writeTestFile(api, FILE, SOURCE, computed);
  });

  suiteTeardown(async () => {
    await configuration().update('discovery.collectOnOpen', before, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceFile(FILE));
  });

  test('turning it on collects the unsure module through cargo: its computed cases appear, the test pytest does not collect goes', async function () {
    this.timeout(DEADLINE_MS + 30_000);
    assert.equal(configuration().get('discovery.collectOnOpen'), 'never', 'the e2e settings start with it off');
    assert.equal(api.findItem(computed)?.description, 'cases known after Refresh', 'static discovery alone cannot know the cases');
    assert.ok(api.existingItem(elsewhere), 'the test under the if is listed until pytest says otherwise');

    const collected = backgroundCollection(api, FILE, DEADLINE_MS);
    await configuration().update('discovery.collectOnOpen', 'unsure', vscode.ConfigurationTarget.Workspace);
    const collection = await collected;
    assert.deepEqual(collection.errors, [], 'the collection through cargo succeeded');
    const [crate] = [...api.controller.items].map(([, crateItem]) => crateItem);
    assert.equal(crate.busy, false, 'the crate\'s spinner stopped with the collection');
    assert.equal(crate.error, undefined);
    assert.ok(!collection.nodeIds?.includes(EXACT_MODULE), `a module static discovery knows exactly is not collected (collected: ${collection.nodeIds?.join(', ')})`);
    assert.ok(collection.tests.includes(`${computed}[4]`), `pytest collected the computed cases (got ${collection.tests.join(', ')})`);

    const item = api.findItem(computed);
    assert.deepEqual(caseLabels(item), PYTEST_CASES, 'the tree shows the cases pytest computed');
    assert.equal(item?.description, 'cases from the last collection');
    assert.equal(api.existingItem(elsewhere), undefined, 'the test pytest did not collect is gone');

    const [{ memoryFile }] = await api.discoveryStats();
    assert.ok(memoryFile);
    const saved = JSON.parse(fs.readFileSync(memoryFile, 'utf8')) as { files: Record<string, { functions: Record<string, string[]>; whole?: number }> };
    assert.deepEqual(saved.files[FILE]?.functions[COMPUTED], PYTEST_CASES, 'remembered for the next window');
    assert.equal(typeof saved.files[FILE]?.whole, 'number', 'with the time pytest collected the whole file, so the next window does not collect it again');
  });
});
