import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';

/** The server's state in the status bar; a click opens the output. */
export function createStatusItem(client: LanguageClient): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('pytestPatterns.server', [{ language: 'python' }]);
  item.name = 'Pytest Patterns';
  item.command = { title: 'Show Output', command: 'pytestPatterns.showOutput' };
  const bar = vscode.window.createStatusBarItem('pytestPatterns.status', vscode.StatusBarAlignment.Right, 100);
  bar.name = 'Pytest Patterns';
  bar.command = 'pytestPatterns.showOutput';
  const show = (state: State) => {
    const [icon, text, severity] =
      state === State.Running
        ? ['$(beaker)', 'ready', vscode.LanguageStatusSeverity.Information]
        : state === State.Starting
          ? ['$(sync~spin)', 'starting…', vscode.LanguageStatusSeverity.Information]
          : ['$(error)', 'stopped', vscode.LanguageStatusSeverity.Error];
    item.text = `${icon} Pytest Patterns: ${text}`;
    item.severity = severity;
    bar.text = `${icon} Pytest Patterns`;
    bar.tooltip = `Pytest Patterns server ${text} — click for the output`;
    bar.backgroundColor = state === State.Stopped ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  };
  show(client.state);
  bar.show();
  const listener = client.onDidChangeState(({ newState }) => show(newState));
  return vscode.Disposable.from(item, bar, listener);
}
