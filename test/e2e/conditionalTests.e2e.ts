// Tests defined inside module-level blocks, in the real editor. A `try` body runs on import, so its
// tests are listed as certain; which `if` branch runs needs running code, so both branches' tests
// are listed and flagged. Refresh (pytest's collection through cargo) then drops the branch that
// did not run, cases and function alike, and it stays gone when the file is edited afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, replaceLine, testingApi, workspaceFile, workspaceTrustEnabled, writeTestFile } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const FILE = 'python/tests/test_conditional_blocks.py';
const SOURCE = `"""Tests inside blocks: a try body always runs on import, an if branch maybe."""

import sys

import pytest

try:
    import json

    class TestJsonRoundTrip:
        """Defined in the try body: collected whenever json imports."""

        def test_dumps__empty_list__then_brackets(self) -> None:
            """The try body runs on import."""
            assert json.dumps([]) == "[]"
except ImportError:
    pass

if sys.version_info >= (3, 0):

    def test_python__version_three__then_major_is_three() -> None:
        """The branch that runs."""
        assert sys.version_info.major == 3

    @pytest.mark.parametrize("minor", range(sys.version_info.minor, sys.version_info.minor + 1))
    def test_python__running_minor__then_not_negative(minor: int) -> None:
        """Under the if, with cases only pytest can compute."""
        assert minor >= 0
else:

    @pytest.mark.parametrize("major", [1, 2])
    def test_python__legacy_version__then_major_is_old(major: int) -> None:
        """The branch that never runs on Python 3: pytest does not collect it."""
        assert sys.version_info.major == major
`;
const TRY_TEST = `${FILE}::TestJsonRoundTrip::test_dumps__empty_list__then_brackets`;
const TAKEN = `${FILE}::test_python__version_three__then_major_is_three`;
const NOT_TAKEN = `${FILE}::test_python__legacy_version__then_major_is_old`;
const TAKEN_COMPUTED = `${FILE}::test_python__running_minor__then_not_negative`;
const FLAG = 'collected only if its `if` branch runs';
// Generous: Refresh and the run may build the crate from scratch in the copied workspace.
const DEADLINE_MS = 240_000;

suite('static discovery: tests inside try and if blocks', () => {
  let api: TestingApi;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await writeTestFile(api, FILE, SOURCE, TAKEN);
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(workspaceFile(FILE));
  });

  test('lists the try body\'s test as certain and both if branches\' tests flagged', () => {
    assert.ok(api.findItem(TRY_TEST), 'the test defined in the try body is listed');
    assert.equal(api.findItem(TRY_TEST)?.description, undefined, 'a try body runs on import: not flagged');
    assert.equal(api.findItem(`${FILE}::TestJsonRoundTrip`)?.description, undefined);
    assert.equal(api.findItem(TAKEN)?.description, FLAG);
    assert.equal(api.findItem(NOT_TAKEN)?.description, FLAG);
    assert.deepEqual([...(api.findItem(NOT_TAKEN)?.children ?? [])].map(([, c]) => c.label).sort(), ['1', '2']);
    assert.equal(api.findItem(TAKEN_COMPUTED)?.description, `${FLAG}; cases known after Refresh`, 'under an if and computed: both are said');
  });

  test('Refresh drops the branch pytest did not collect, its function with its cases; the rest runs and passes', async function () {
    if (workspaceTrustEnabled()) return this.skip(); // Refresh and runs go through cargo: not in an untrusted workspace
    this.timeout(2 * DEADLINE_MS + 30_000);
    await api.refresh();
    const [crate] = [...api.controller.items].map(([, item]) => item);
    assert.equal(crate.error, undefined, `refresh error: ${typeof crate.error === 'string' ? crate.error : crate.error?.value}`);
    assert.equal(api.existingItem(`${NOT_TAKEN}[1]`), undefined, 'a case pytest did not collect is gone');
    assert.equal(api.existingItem(NOT_TAKEN), undefined, 'its function, left empty, is gone too');
    assert.ok(api.existingItem(TAKEN), 'the branch that runs stays');
    assert.ok((api.existingItem(TAKEN_COMPUTED)?.children.size ?? 0) > 0, 'Refresh added the case pytest computed');

    // An edit re-discovers the file statically: the branch pytest skipped must not come back.
    const editor = await openInEditor(FILE);
    await replaceLine(api, editor, FILE, 'The branch that runs.', '        """The branch that runs (edited)."""');
    assert.equal(api.existingItem(NOT_TAKEN), undefined, 'after an edit the branch pytest skipped stays hidden');
    assert.ok(api.existingItem(TAKEN), 'the branch pytest collected is still listed');
    await editor.document.save();

    const record = await api.run([TAKEN, TRY_TEST]);
    assert.deepEqual(
      [TAKEN, TRY_TEST].map((id) => [id, record.results.get(id)?.state]),
      [TAKEN, TRY_TEST].map((id) => [id, 'passed']),
    );
  });
});
