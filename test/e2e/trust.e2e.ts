// Workspace trust: `npm run test:e2e:trust` opens the workspace with trust enabled and never answers
// the trust prompt, as on a user's first visit; the default run disables trust. Diagnostics must
// work in both (the extension declares limited support for untrusted workspaces).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, lineContaining, openInEditor, ourDiagnostics, waitForDiagnostics, workspaceTrustEnabled } from './helpers';

suite('workspace trust', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the workspace is trusted exactly when the run disables trust', () => {
    assert.equal(
      vscode.workspace.isTrusted,
      !workspaceTrustEnabled(),
      `isTrusted=${vscode.workspace.isTrusted} with PYTEST_PATTERNS_E2E_TRUST=${process.env.PYTEST_PATTERNS_E2E_TRUST}`,
    );
  });

  test('the extension activates and lints whether or not the workspace is trusted', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    const editor = await openInEditor('python/tests/test_violations.py');
    const line = lineContaining(editor.document, 'def test_tokenize(');
    const uri = editor.document.uri;
    await waitForDiagnostics(
      uri,
      () => ourDiagnostics(uri, 'PP101').some((d) => d.range.start.line === line),
      `PP101 on test_tokenize (trusted: ${vscode.workspace.isTrusted})`,
    );
  });
});
