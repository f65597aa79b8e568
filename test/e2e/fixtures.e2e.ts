// Fixture and parametrize generators through VS Code's own code action UI (executeCodeActionProvider).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdit, lineContaining, openInEditor, ourDiagnostics, waitForDiagnostics, workspaceFile } from './helpers';

const UNKNOWN_FILE = 'python/tests/test_e2e_generate_fixture.py';
const MERGE_FILE = 'python/tests/test_e2e_merge.py';
const CONFTEST = 'python/tests/conftest.py';

const UNKNOWN_SOURCE = [
  '"""E2E: a test that requests a fixture nobody defines yet."""',
  '',
  '',
  'def test_order_book__new__then_empty(order_book) -> None:',
  '    """A fresh order book holds no orders."""',
  '    assert order_book is None',
  '',
].join('\n');

const MERGE_SOURCE = [
  '"""E2E: two tests that differ only in literals."""',
  '',
  '',
  'def test_upper__short__then_upper() -> None:',
  '    """Short words are upper-cased."""',
  '    assert "ab".upper() == "AB"',
  '',
  '',
  'def test_upper__long__then_upper() -> None:',
  '    """Long words are upper-cased."""',
  '    assert "abcdef".upper() == "ABCDEF"',
  '',
].join('\n');

async function writeWorkspaceFile(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceFile(relativePath), Buffer.from(text, 'utf8'));
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

suite('fixture and parametrize generators', () => {
  suiteTeardown(async () => {
    // Leave the shared workspace as other suites expect it: revert every edit these tests made.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of [UNKNOWN_FILE, MERGE_FILE]) await vscode.workspace.fs.delete(workspaceFile(file)).then(undefined, () => undefined);
  });

  test('"generate fixture" in the nearest conftest.py clears PP301', async () => {
    await writeWorkspaceFile(UNKNOWN_FILE, UNKNOWN_SOURCE);
    const editor = await openInEditor(UNKNOWN_FILE);
    const uri = editor.document.uri;
    const line = lineContaining(editor.document, 'def test_order_book');
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP301').some((d) => d.range.start.line === line), 'PP301 on `order_book`');

    const start = editor.document.lineAt(line).text.indexOf('order_book)');
    const actions = await codeActions(uri, new vscode.Range(line, start, line, start));
    const titles = actions.map((a) => a.title);
    const generate = actions.find((a) => a.title === 'Generate fixture `order_book` in the nearest conftest.py');
    assert.ok(generate?.edit, `no conftest action among:\n${titles.join('\n')}`);
    await applyEdit(generate.edit);

    const conftest = await vscode.workspace.openTextDocument(workspaceFile(CONFTEST));
    assert.match(conftest.getText(), /\n@pytest\.fixture\ndef order_book\(\):\n {4}"""Provide `order_book` to the tests that request it\."""\n {4}return None\n$/);
    await waitForDiagnostics(uri, () => ourDiagnostics(uri, 'PP301').length === 0, 'PP301 gone once conftest.py defines `order_book`');
  });

  test('"merge into a parametrized test" rewrites two look-alike tests into one', async () => {
    await writeWorkspaceFile(MERGE_FILE, MERGE_SOURCE);
    const editor = await openInEditor(MERGE_FILE);
    const line = lineContaining(editor.document, 'def test_upper__short');
    const actions = await codeActions(editor.document.uri, new vscode.Range(line, 4, line, 4));
    const merge = actions.find((a) => a.title === 'Merge 2 tests into one parametrized test');
    assert.ok(merge?.edit, `no merge action among:\n${actions.map((a) => a.title).join('\n')}`);
    await applyEdit(merge.edit);
    assert.equal(
      editor.document.getText(),
      [
        '"""E2E: two tests that differ only in literals."""',
        'import pytest',
        '',
        '',
        '@pytest.mark.parametrize(',
        '    ("text", "expected"),',
        '    [',
        '        pytest.param("ab", "AB", id="short"),  # Short words are upper-cased.',
        '        pytest.param("abcdef", "ABCDEF", id="long"),  # Long words are upper-cased.',
        '    ],',
        ')',
        'def test_upper__each_case__then_upper(text: str, expected: str) -> None:',
        '    """Check every case of the parametrize table."""',
        '    assert text.upper() == expected',
        '',
      ].join('\n'),
    );
  });
});
