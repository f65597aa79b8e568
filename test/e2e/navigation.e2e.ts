// Fixture navigation through VS Code's own provider commands: definition, hover, completion, references.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lineContaining, openInEditor, waitForDiagnostics, workspaceFile } from './helpers';

const TEST_FILE = 'python/tests/test_analyzer.py';
const CONFTEST = 'python/tests/conftest.py';

/** The position of the `analyzer` parameter of the first test that requests it. */
async function analyzerParameter(): Promise<{ document: vscode.TextDocument; position: vscode.Position }> {
  const editor = await openInEditor(TEST_FILE);
  const document = editor.document;
  // Diagnostics arriving means the server has the document and its index is ready for this file.
  await waitForDiagnostics(document.uri, () => true, 'the server has seen the test file');
  const line = lineContaining(document, 'def test_analyzer__empty_events__then_returns_empty_summary(analyzer');
  const character = document.lineAt(line).text.indexOf('(analyzer') + 1;
  return { document, position: new vscode.Position(line, character + 2) };
}

/**
 * Asks a provider until it answers. The server indexes the workspace in the background and, when the
 * index is ready, asks the editor to re-pull diagnostics; so an empty answer waits for the next
 * diagnostics event (no timers: mocha's timeout ends a hang).
 */
async function until<T>(ask: () => Thenable<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    last = await ask();
    if (ok(last)) return last;
    await new Promise<void>((resolve) => {
      const subscription = vscode.languages.onDidChangeDiagnostics(() => {
        subscription.dispose();
        resolve();
      });
    });
  }
  assert.fail(`${what}: no answer after 20 diagnostics refreshes; last: ${JSON.stringify(last)}`);
}

suite('fixture navigation in the real editor', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('go to definition jumps from a test parameter to the conftest fixture', async () => {
    const { document, position } = await analyzerParameter();
    const locations = await until(
      () => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position),
      (l) => (l ?? []).length > 0,
      'definition of `analyzer`',
    );
    const first = locations[0];
    const uri = 'targetUri' in first ? first.targetUri : first.uri;
    const range = 'targetUri' in first ? first.targetSelectionRange ?? first.targetRange : first.range;
    assert.equal(uri.fsPath, workspaceFile(CONFTEST).fsPath);
    const conftest = await vscode.workspace.openTextDocument(uri);
    assert.match(conftest.lineAt(range.start.line).text, /def analyzer\(/);
  });

  test('hover shows the fixture, its scope and where it is defined', async () => {
    const { document, position } = await analyzerParameter();
    const hovers = await until(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position),
      (h) => (h ?? []).some((x) => x.contents.length > 0),
      'hover on `analyzer`',
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /analyzer/);
    assert.match(text, /function/);
    assert.match(text, /conftest\.py/);
  });

  test('completion in a test signature offers workspace and built-in fixtures', async () => {
    const { document, position } = await analyzerParameter();
    const inside = new vscode.Position(position.line, document.lineAt(position.line).text.indexOf('(') + 1);
    const list = await until(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inside),
      (l) => (l?.items ?? []).some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'tmp_path'),
      'fixture completion',
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('sample_events'), labels.join(', '));
    assert.ok(labels.includes('tmp_path'), labels.join(', '));
  });

  test('find references lists the tests that request the fixture', async () => {
    const { document, position } = await analyzerParameter();
    const references = await until(
      () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position),
      (r) => (r ?? []).length > 2,
      'references of `analyzer`',
    );
    assert.ok(references.some((r) => r.uri.fsPath.endsWith('test_analyzer.py')));
    assert.ok(references.some((r) => r.uri.fsPath.endsWith('conftest.py')));
  });
});
