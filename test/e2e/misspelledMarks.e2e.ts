// A misspelt `parametrize` in the real editor: pytest refuses `parametrise` when it imports the
// module, so the Test Explorer shows pytest's error on the module and lists none of its tests;
// PP108 marks the name, and its quick fix brings the cases.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { errorOf, fileRebuilt, openInEditor, ourDiagnostics, testingApi, waitForDiagnostics, workspaceFile } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const FILE = 'python/tests/test_marks_misspelt.py';
const TEST = `${FILE}::test_buffer__sizes__then_filled`;
const SOURCE = `"""One mark misspelt."""

import pytest


@pytest.mark.parametrise("size", [1, 2])
def test_buffer__sizes__then_filled(size: int) -> None:
    """Two cases once the mark is spelt right."""
    assert size > 0
`;

suite('static discovery: a misspelt parametrize mark', () => {
  let api: TestingApi;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await api.discover();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile(FILE)).then(undefined, () => undefined);
  });

  test('the module shows pytest\'s error; PP108\'s quick fix brings the cases', async () => {
    const listed = fileRebuilt(api, FILE);
    await vscode.workspace.fs.writeFile(workspaceFile(FILE), new TextEncoder().encode(SOURCE));
    await listed;
    assert.match(errorOf(api.existingItem(FILE)) ?? '', /Unknown 'parametrise' mark, did you mean 'parametrize'\?/);
    assert.equal(api.existingItem(TEST), undefined, 'pytest collects none of its tests');

    const editor = await openInEditor(FILE);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP108').length > 0, 'PP108 on the mark');
    const [diagnostic] = ourDiagnostics(uri, 'PP108');
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [5, 13, 24]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = (actions ?? []).find((a) => /Change to `parametrize`/.test(a.title));
    assert.ok(fix?.edit, `no quick fix; offered: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
    const rebuilt = fileRebuilt(api, FILE);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the editor applies the fix');
    await editor.document.save();
    await rebuilt;
    assert.equal(errorOf(api.existingItem(FILE)), undefined, 'the error goes');
    assert.deepEqual([...(api.existingItem(TEST)?.children ?? [])].map(([, item]) => item.label), ['1', '2']);
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP108').length === 0, 'PP108 gone');
  });
});
