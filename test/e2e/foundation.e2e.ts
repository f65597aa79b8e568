// Foundation: the packaged extension activates, lints, reacts to settings and suppression comments.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  applyEdit,
  functionNameRange,
  lineContaining,
  openInEditor,
  ourDiagnostics,
  plainRange,
  waitForDiagnostics,
  workspaceFile,
} from './helpers';

const VIOLATIONS = 'python/tests/test_violations.py';
const BAD_NAME = 'test_tokenize';
const SUPPRESSION = '  # pytest-patterns: ignore[PP101]';

function pp101OnLine(uri: vscode.Uri, line: number): vscode.Diagnostic[] {
  return ourDiagnostics(uri, 'PP101').filter((d) => d.range.start.line === line);
}

/** Opens the violations file and waits until PP101 flags `test_tokenize`. */
async function openViolations(): Promise<{ editor: vscode.TextEditor; line: number }> {
  const editor = await openInEditor(VIOLATIONS);
  const line = lineContaining(editor.document, `def ${BAD_NAME}(`);
  await waitForDiagnostics(
    editor.document.uri,
    () => pp101OnLine(editor.document.uri, line).length > 0,
    `PP101 on ${BAD_NAME} (line ${line + 1})`,
  );
  return { editor, line };
}

suite('foundation', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the extension is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('PP101 flags the names of badly named tests with the name as range', async () => {
    const { editor, line } = await openViolations();
    const uri = editor.document.uri;

    const onBadName = pp101OnLine(uri, line);
    assert.equal(onBadName.length, 1, `exactly one PP101 on line ${line + 1}`);
    assert.deepEqual(plainRange(onBadName[0].range), plainRange(functionNameRange(editor.document, line, BAD_NAME)));

    // Every PP101 must point at a function name on a `def` line, never at whole blocks.
    for (const diagnostic of ourDiagnostics(uri, 'PP101')) {
      const range = diagnostic.range;
      assert.equal(range.start.line, range.end.line, `PP101 spans one line: ${diagnostic.message}`);
      const lineText = editor.document.lineAt(range.start.line).text;
      const name = lineText.slice(range.start.character, range.end.character);
      assert.match(lineText, new RegExp(`def ${name}\\(`), `PP101 range ${JSON.stringify(name)} is a def name`);
    }
  });

  suite('workspace settings', () => {
    teardown(async () => {
      await vscode.workspace
        .getConfiguration('pytestPatterns', workspaceFile(VIOLATIONS))
        .update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    });

    test('the pytest-default preset of test-name-format accepts test_tokenize', async () => {
      const { editor, line } = await openViolations();
      const uri = editor.document.uri;

      await vscode.workspace
        .getConfiguration('pytestPatterns', uri)
        .update('rules', { 'test-name-format': { preset: 'pytest-default' } }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, () => pp101OnLine(uri, line).length === 0, `PP101 gone from line ${line + 1}`);

      // And back: removing the setting re-lints with the strict default.
      await vscode.workspace
        .getConfiguration('pytestPatterns', uri)
        .update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, () => pp101OnLine(uri, line).length === 1, `PP101 back on line ${line + 1}`);
    });
  });

  test('a suppression comment silences PP101 on its line only', async () => {
    const { editor, line } = await openViolations();
    const uri = editor.document.uri;
    const otherLines = ourDiagnostics(uri, 'PP101').filter((d) => d.range.start.line !== line).length;

    const lineEnd = editor.document.lineAt(line).range.end;
    const insert = new vscode.WorkspaceEdit();
    insert.insert(uri, lineEnd, SUPPRESSION);
    await applyEdit(insert);
    assert.ok(editor.document.lineAt(line).text.endsWith(SUPPRESSION));

    await waitForDiagnostics(uri, () => pp101OnLine(uri, line).length === 0, `suppressed PP101 on line ${line + 1}`);
    const remaining = ourDiagnostics(uri, 'PP101').filter((d) => d.range.start.line !== line).length;
    assert.equal(remaining, otherLines, 'PP101 on other lines stays');

    // Removing the comment brings the diagnostic back (and restores the file for later suites).
    const remove = new vscode.WorkspaceEdit();
    remove.delete(uri, new vscode.Range(lineEnd, lineEnd.translate(0, SUPPRESSION.length)));
    await applyEdit(remove);
    await waitForDiagnostics(uri, () => pp101OnLine(uri, line).length === 1, `PP101 back on line ${line + 1}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
