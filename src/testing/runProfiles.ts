// The run profiles: Run (default, continuous on save), Coverage, Debug and Run Repeatedly.

import * as vscode from 'vscode';
import { loadDetailedCoverage } from './coverage';
import { ProfileMode, runRequest, RunContext } from './runHandler';

/** Continuous run: re-run the request whenever a Python file is saved, until cancelled. */
function continuous(request: vscode.TestRunRequest, token: vscode.CancellationToken, mode: ProfileMode, context: RunContext): Promise<void> {
  return new Promise((resolve) => {
    let running: Promise<void> = Promise.resolve();
    const onSave = vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId !== 'python' && !document.fileName.endsWith('.py')) return;
      running = running.then(() => runRequest(new vscode.TestRunRequest(request.include, request.exclude, request.profile, false), token, mode, context));
    });
    token.onCancellationRequested(() => {
      onSave.dispose();
      void running.then(resolve);
    });
  });
}

export function createRunProfiles(controller: vscode.TestController, context: RunContext): vscode.TestRunProfile[] {
  const handler = (mode: ProfileMode) => (request: vscode.TestRunRequest, token: vscode.CancellationToken) =>
    request.continuous ? continuous(request, token, mode, context) : runRequest(request, token, mode, context);
  const run = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, handler('run'), true, undefined, true);
  const coverage = controller.createRunProfile('Coverage (pytest-cov)', vscode.TestRunProfileKind.Coverage, handler('coverage'), true);
  coverage.loadDetailedCoverage = loadDetailedCoverage;
  const debug = controller.createRunProfile('Debug (debugpy)', vscode.TestRunProfileKind.Debug, handler('debug'), true);
  const repeat = controller.createRunProfile('Run Repeatedly (flakiness)', vscode.TestRunProfileKind.Run, handler('repeat'), false);
  return [run, coverage, debug, repeat];
}
