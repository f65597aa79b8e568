// The run profiles: Run (default, continuous on save), Coverage, Debug and Run Repeatedly.

import * as vscode from 'vscode';
import type { ContinuousRuns } from './continuousRun';
import { loadDetailedCoverage } from './coverage';
import { ProfileMode, runRequest, RunContext } from './runHandler';

/** `continuous`: the Run profile's "run on save" (see continuousRun.ts). */
export function createRunProfiles(controller: vscode.TestController, context: RunContext, continuous: ContinuousRuns): vscode.TestRunProfile[] {
  const handler = (mode: ProfileMode) => (request: vscode.TestRunRequest, token: vscode.CancellationToken) =>
    request.continuous ? continuous.run(request, token, mode) : runRequest(request, token, mode, context);
  const run = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, handler('run'), true, undefined, true);
  const coverage = controller.createRunProfile('Coverage', vscode.TestRunProfileKind.Coverage, handler('coverage'), true);
  coverage.loadDetailedCoverage = loadDetailedCoverage;
  const debug = controller.createRunProfile('Debug (debugpy)', vscode.TestRunProfileKind.Debug, handler('debug'), true);
  const repeat = controller.createRunProfile('Run Repeatedly (flakiness)', vscode.TestRunProfileKind.Run, handler('repeat'), false);
  return [run, coverage, debug, repeat];
}
