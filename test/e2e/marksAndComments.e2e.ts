// Two things a team meets while editing marks, in the real editor: a decorator commented out at
// column 0 (PyCharm's "Comment line") inside a class, which Python ignores, must leave the class's
// tests and their cases in the Test Explorer; and a custom mark nothing registers gets PP109.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, errorOf, fileRebuilt, openInEditor, ourDiagnostics, testingApi, waitForDiagnostics, workspaceFile } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const FILE = 'python/tests/test_marks_commented.py';
const TEST = `${FILE}::TestTokens::test_split__sizes__then_filled`;
const SOURCE = `"""A decorator commented out at column 0, and a mark pyproject.toml does not register."""

import pytest


class TestTokens:
    """Python ignores the comment; so must the tree."""

    @pytest.mark.parametrize("size", [1, 2])
#    @pytest.mark.slow
    def test_split__sizes__then_filled(self, size: int) -> None:
        """Two cases."""
        assert size > 0

    @pytest.mark.nightly
    def test_join__parts__then_one_text(self) -> None:
        """An unregistered mark."""
        assert "".join(["a", "b"]) == "ab"
`;

const PYPROJECT = 'pyproject.toml';

suite('marks: a decorator commented out at column 0, an unregistered mark', () => {
  let api: TestingApi;
  let pyproject: Uint8Array | undefined;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await api.discover();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile(FILE)).then(undefined, () => undefined);
    const now = await vscode.workspace.fs.readFile(workspaceFile(PYPROJECT));
    if (pyproject !== undefined && Buffer.compare(now, pyproject) !== 0) {
      // The suites after this one start once the crate followed the restored config.
      const followed = fileRebuilt(api, PYPROJECT);
      await vscode.workspace.fs.writeFile(workspaceFile(PYPROJECT), pyproject);
      await followed;
    }
  });

  test('the tree keeps the class and its cases; only PP109 is reported, on the unregistered mark', async () => {
    const listed = fileRebuilt(api, FILE);
    await vscode.workspace.fs.writeFile(workspaceFile(FILE), new TextEncoder().encode(SOURCE));
    await listed;
    assert.equal(errorOf(api.existingItem(FILE)), undefined, 'no syntax error on the module');
    assert.deepEqual([...(api.existingItem(TEST)?.children ?? [])].map(([, item]) => item.label), ['1', '2']);

    const editor = await openInEditor(FILE);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP109').length > 0, 'PP109 on the mark');
    const ours = ourDiagnostics(uri);
    assert.deepEqual(ours.map(codeOf), ['PP109'], ours.map((d) => d.message).join('\n'));
    const [diagnostic] = ours;
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [14, 17, 24]);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /`pytest\.mark\.nightly` is not registered.*`pyproject\.toml`/);
  });

  test('PP109\'s quick fix registers the mark in pyproject.toml; saved, the warning goes', async () => {
    pyproject = await vscode.workspace.fs.readFile(workspaceFile(PYPROJECT));
    const editor = await openInEditor(FILE);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP109').length > 0, 'PP109 on the mark');
    const [diagnostic] = ourDiagnostics(uri, 'PP109');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = (actions ?? []).find((a) => a.title === 'Register `nightly` in pyproject.toml');
    assert.ok(fix?.edit, `no quick fix; offered: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
    assert.deepEqual(fix.edit.entries().map(([target]) => target.toString()), [workspaceFile(PYPROJECT).toString()], 'only pyproject.toml is edited');
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the editor applies the fix');
    const config = vscode.workspace.textDocuments.find((d) => d.uri.toString() === workspaceFile(PYPROJECT).toString());
    assert.ok(config, 'pyproject.toml is open with the edit');
    assert.match(config.getText(), /markers = \[[^\]]*"nightly",\n\]/);
    assert.ok(await config.save(), 'saved');
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP109').length === 0, 'PP109 gone once pyproject.toml registers the mark');
  });
});
