// Quick fixes applied through VS Code's code action API, as the light bulb does: PP101, PP202, PP501.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ourDiagnostics, waitForDiagnostics, workspaceFile } from './helpers';

// Each test writes its own file, so no test sees another's unsaved edits.
let fileCount = 0;
const written: vscode.Uri[] = [];
const SOURCE = [
  '"""Written by the real-editor suite: one finding per fixable rule."""',
  'import asyncio',
  '',
  '',
  'def test_tokenize() -> None:',
  '    assert asyncio.sleep is not None',
  '',
  '',
  'def test_debugger__left_in__then_removed() -> None:',
  '    value = 1',
  '    breakpoint()',
  '    assert value == 1',
  '',
  '',
  'async def test_stream__no_marker__then_marked() -> None:',
  '    await asyncio.sleep(0)',
  '    assert True',
  '',
].join('\n');

async function openFresh(): Promise<vscode.TextEditor> {
  const uri = workspaceFile(`python/tests/test_quick_fixes_${++fileCount}_e2e.py`);
  written.push(uri);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(SOURCE, 'utf8'));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await waitForDiagnostics(uri, () => ['PP101', 'PP202', 'PP501'].every((c) => ourDiagnostics(uri, c).length > 0), 'PP101, PP202 and PP501');
  return editor;
}

/** The quick fixes VS Code's light bulb would offer for one of our diagnostics. */
async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // code-server's executeCodeActionProvider drops the actions' `diagnostics`, so actions are told
  // apart by title: ours name the rule ("Disable PP101 …") or are the fixes of the rule at this range.
  return (actions ?? []).filter((a) => a.kind?.value.startsWith('quickfix'));
}

async function applyFix(editor: vscode.TextEditor, code: string, title: RegExp): Promise<void> {
  const uri = editor.document.uri;
  const [diagnostic] = ourDiagnostics(uri, code);
  assert.ok(diagnostic, `no ${code} diagnostic`);
  const fixes = await quickFixes(uri, diagnostic);
  const fix = fixes.find((a) => title.test(a.title));
  assert.ok(fix, `${code}: no quick fix matching ${title}; offered: ${fixes.map((a) => a.title).join(' | ')}`);
  assert.ok(fix.edit, `${code}: "${fix.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit), `${code}: the editor refused "${fix.title}"`);
  await editor.document.save();
}

suite('quick fixes in the real editor', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written) await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  test('PP202 "remove" deletes the breakpoint() line and the finding goes away', async () => {
    const editor = await openFresh();
    await applyFix(editor, 'PP202', /remove/i);
    const text = editor.document.getText();
    assert.ok(!text.includes('breakpoint()'), text);
    assert.ok(text.includes('    value = 1\n    assert value == 1'), text);
    await waitForDiagnostics(editor.document.uri, () => ourDiagnostics(editor.document.uri, 'PP202').length === 0, 'PP202 gone');
  });

  test('PP501 adds @pytest.mark.asyncio (and import pytest) and the finding goes away', async () => {
    const editor = await openFresh();
    await applyFix(editor, 'PP501', /asyncio/i);
    const text = editor.document.getText();
    assert.match(text, /^import pytest$/m);
    assert.match(text, /@pytest\.mark\.asyncio\nasync def test_stream__no_marker__then_marked/);
    await waitForDiagnostics(editor.document.uri, () => ourDiagnostics(editor.document.uri, 'PP501').length === 0, 'PP501 gone');
  });

  test('PP101 renames the test into the convention and the finding goes away', async () => {
    const editor = await openFresh();
    await applyFix(editor, 'PP101', /rename/i);
    const text = editor.document.getText();
    const renamed = /def (test_tokenize\w*)\(/.exec(text)?.[1];
    assert.ok(renamed && renamed !== 'test_tokenize', text);
    assert.match(renamed, /^test_[a-z0-9_]+__[a-z0-9_]+__then_[a-z0-9_]+$/);
    await waitForDiagnostics(editor.document.uri, () => ourDiagnostics(editor.document.uri, 'PP101').length === 0, 'PP101 gone');
  });

  test('"Disable PP101 for this line" adds the suppression comment', async () => {
    const editor = await openFresh();
    await applyFix(editor, 'PP101', /^Disable PP101 for this line$/);
    assert.match(editor.document.getText(), /def test_tokenize\(\) -> None:  # pytest-patterns: ignore\[PP101\]/);
    await waitForDiagnostics(editor.document.uri, () => ourDiagnostics(editor.document.uri, 'PP101').length === 0, 'PP101 suppressed');
  });
});
