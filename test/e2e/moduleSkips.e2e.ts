// Modules that skip themselves on import, in the real editor. One always does
// (`pytest.skip(..., allow_module_level=True)` at top level): pytest collects none of its tests, so
// the tree lists none and says why. One does under an `if`: its test is listed, the module says it
// may skip itself; running the test ends it skipped with pytest's reason (not "not collected"), and
// Refresh hides it, also after an edit. One forgets `allow_module_level=True`: PP107 marks the call,
// the module shows pytest's collection error, and the quick fix turns it into a skipped module.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { errorOf, fileRebuilt, openInEditor, ourDiagnostics, replaceLine, testingApi, waitForDiagnostics, workspaceFile, workspaceTrustEnabled, writeTestFile } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const ALWAYS = 'python/tests/test_skips_always.py';
const MAYBE = 'python/tests/test_skips_here.py';
const ALWAYS_SOURCE = `"""Skipped on import, always."""

import pytest

pytest.skip("needs a GPU", allow_module_level=True)


def test_kernel__always_skipped__then_never_listed() -> None:
    """pytest never collects it."""
    assert False
`;
const MAYBE_SOURCE = `"""Skips itself on import where the condition holds (here: always)."""

import sys

import pytest

if sys.platform != "no-such-platform":
    pytest.skip("no accelerator here", allow_module_level=True)


def test_kernel__accelerated__then_fast() -> None:
    """Listed from the source; pytest skips its module on import."""
    assert sys.platform == "no-such-platform"
`;
const MAYBE_TEST = `${MAYBE}::test_kernel__accelerated__then_fast`;
const REFUSED = 'python/tests/test_skips_refused.py';
const REFUSED_SOURCE = `"""Skips itself on import, but pytest refuses how."""

import pytest

pytest.skip("needs a GPU")


def test_kernel__refused_skip__then_module_fails() -> None:
    """pytest fails to collect the module before it gets here."""
    assert False
`;
// Generous: the run and Refresh may build the crate from scratch in the copied workspace.
const DEADLINE_MS = 240_000;

suite('static discovery: modules that skip themselves on import', () => {
  let api: TestingApi;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await writeTestFile(api, MAYBE, MAYBE_SOURCE, MAYBE_TEST);
    const listed = fileRebuilt(api, ALWAYS);
    await vscode.workspace.fs.writeFile(workspaceFile(ALWAYS), new TextEncoder().encode(ALWAYS_SOURCE));
    await listed;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of [ALWAYS, MAYBE, REFUSED]) await vscode.workspace.fs.delete(workspaceFile(file)).then(undefined, () => undefined);
  });

  test('the module that always skips lists no test and says why; the other lists its test and says it may skip', () => {
    const always = api.existingItem(ALWAYS);
    assert.ok(always, `${ALWAYS} is listed`);
    assert.equal(always.children.size, 0, 'pytest collects none of its tests');
    assert.equal(always.description, 'skipped on import: needs a GPU');
    assert.equal(api.existingItem(MAYBE)?.description, 'may skip itself on import');
    assert.ok(api.existingItem(MAYBE_TEST), 'the test under the conditional skip is listed');
  });

  test('running the test ends it skipped with pytest\'s reason; Refresh hides it, also after an edit', async function () {
    if (workspaceTrustEnabled()) return this.skip(); // runs go through cargo: not in an untrusted workspace
    this.timeout(2 * DEADLINE_MS + 30_000);
    const record = await api.run([MAYBE_TEST]);
    assert.equal(record.results.get(MAYBE_TEST)?.state, 'skipped', `its state: ${JSON.stringify(record.results.get(MAYBE_TEST))}`);
    assert.equal(record.results.get(MAYBE)?.state, 'skipped', 'the module is skipped too');

    await api.refresh();
    assert.equal(api.existingItem(MAYBE_TEST), undefined, 'pytest skipped the module: its test is gone');
    assert.equal(api.existingItem(MAYBE)?.description, 'skipped itself on import in the last collection');

    const editor = await openInEditor(MAYBE);
    await replaceLine(api, editor, MAYBE, 'Listed from the source', '    """Listed from the source (edited); pytest skips its module on import."""');
    assert.equal(api.existingItem(MAYBE_TEST), undefined, 'after an edit the skipped module stays empty');
    await editor.document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a skip without allow_module_level: PP107 on the call and the error on the module; the quick fix makes it a skipped module', async () => {
    const listed = fileRebuilt(api, REFUSED);
    await vscode.workspace.fs.writeFile(workspaceFile(REFUSED), new TextEncoder().encode(REFUSED_SOURCE));
    await listed;
    assert.match(errorOf(api.existingItem(REFUSED)) ?? '', /Using pytest\.skip outside of a test will skip the entire module/);
    assert.equal(api.existingItem(`${REFUSED}::test_kernel__refused_skip__then_module_fails`), undefined, 'pytest collects none of its tests');

    const editor = await openInEditor(REFUSED);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP107').length > 0, 'PP107 on the skip');
    const [diagnostic] = ourDiagnostics(uri, 'PP107');
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [4, 0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = (actions ?? []).find((a) => /allow_module_level=True/.test(a.title));
    assert.ok(fix?.edit, `no quick fix; offered: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
    const rebuilt = fileRebuilt(api, REFUSED);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the editor applies the fix');
    await editor.document.save();
    await rebuilt;
    assert.equal(editor.document.lineAt(4).text, 'pytest.skip("needs a GPU", allow_module_level=True)');
    assert.equal(errorOf(api.existingItem(REFUSED)), undefined, 'the collection error goes');
    assert.equal(api.existingItem(REFUSED)?.description, 'skipped on import: needs a GPU');
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP107').length === 0, 'PP107 gone');
  });
});
