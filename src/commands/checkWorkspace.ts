import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const EXCLUDE = '**/{node_modules,target,.git,.venv,venv,__pycache__,site-packages}/**';

/**
 * Lints every test file of the workspace: pulls the server's diagnostics for each file and puts them
 * into the Problems panel through a collection of our own, with progress and cancel.
 */
export async function checkWorkspace(client: LanguageClient, log: vscode.LogOutputChannel, collection = workspaceCollection()): Promise<number> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Pytest Patterns: checking the workspace', cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles('**/{test_*.py,*_test.py,conftest.py}', EXCLUDE, undefined, token);
      collection.clear();
      let problems = 0;
      for (const [index, uri] of files.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
        const diagnostics = await diagnosticsOf(client, uri);
        // Files shown in an editor already get the server's live diagnostics: listing them here too
        // would show every problem twice.
        if (!isInTab(uri)) collection.set(uri, diagnostics);
        problems += diagnostics.length;
        if (index % 50 === 0) log.debug(`checked ${index + 1}/${files.length}`);
      }
      void vscode.window.showInformationMessage(`Pytest Patterns: ${problems} problem${problems === 1 ? '' : 's'} in ${files.length} test file${files.length === 1 ? '' : 's'}.`);
      return problems;
    },
  );
}

let shared: vscode.DiagnosticCollection | undefined;
function workspaceCollection(): vscode.DiagnosticCollection {
  if (!shared) {
    const collection = vscode.languages.createDiagnosticCollection('pytest-patterns-workspace');
    // Once a checked file is opened, the live diagnostics take over from the snapshot.
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => collection.delete(e.document.uri)));
    shared = collection;
  }
  return shared;
}

function isInTab(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()),
  );
}

/** Opening the document (without showing it) lets the server lint it with its own pull handler. */
async function diagnosticsOf(client: LanguageClient, uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const report = await client.sendRequest<{ kind: string; items?: unknown[] }>('textDocument/diagnostic', { textDocument: { uri: document.uri.toString() } });
  const items = (report.items ?? []) as Parameters<typeof client.protocol2CodeConverter.asDiagnostics>[0];
  return client.protocol2CodeConverter.asDiagnostics(items);
}
