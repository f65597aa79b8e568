// "Pytest Patterns: Check Workspace": every test file linted, results in the Problems panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, codeOf, workspaceFile } from './helpers';

suite('check workspace command', () => {
  suiteSetup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('reports the deliberate violations of files that are not open, once each', async () => {
    const count = await vscode.commands.executeCommand<number>('pytestPatterns.checkWorkspace');
    const violations = workspaceFile('python/tests/test_violations.py');
    const ours = vscode.languages.getDiagnostics(violations).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const codes = ours.map((d) => codeOf(d)).sort();
    assert.ok(codes.includes('PP101') && codes.includes('PP202'), `diagnostics of test_violations.py: ${codes.join(', ')}`);
    assert.ok(typeof count === 'number' && count >= ours.length, `the command reported ${count} problems`);
    const keys = ours.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`);
    assert.equal(new Set(keys).size, keys.length, `duplicates: ${keys.join(', ')}`);
  });

  test('an opened file shows the live diagnostics only, not the snapshot too', async () => {
    const violations = workspaceFile('python/tests/test_violations.py');
    const document = await vscode.workspace.openTextDocument(violations);
    await vscode.window.showTextDocument(document);
    const settled = await new Promise<vscode.Diagnostic[]>((resolve) => {
      const check = () => {
        const ours = vscode.languages.getDiagnostics(violations).filter((d) => d.source === DIAGNOSTIC_SOURCE);
        const keys = ours.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`);
        if (ours.length > 0 && new Set(keys).size === keys.length) {
          subscription.dispose();
          resolve(ours);
        }
      };
      const subscription = vscode.languages.onDidChangeDiagnostics(check);
      check();
    });
    assert.ok(settled.length >= 2);
  });
});
