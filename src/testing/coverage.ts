// Line coverage of a run (measured by pytest-cov, or by the built-in tracer when it is missing) as
// VS Code FileCoverage.

import * as vscode from 'vscode';
import type { CoverageEvent, FileCoverage as EngineFileCoverage } from '../../server/src/engine/runner';

/** FileCoverage that keeps its lines so `loadDetailedCoverage` can answer without reading again. */
export class LineFileCoverage extends vscode.FileCoverage {
  constructor(readonly lines: EngineFileCoverage) {
    const executed = lines.executedLines.length;
    super(vscode.Uri.file(lines.file), new vscode.TestCoverageCount(executed, executed + lines.missingLines.length));
  }

  details(): vscode.StatementCoverage[] {
    const hit = this.lines.executedLines.map((line) => new vscode.StatementCoverage(1, new vscode.Position(line - 1, 0)));
    const missed = this.lines.missingLines.map((line) => new vscode.StatementCoverage(0, new vscode.Position(line - 1, 0)));
    return [...hit, ...missed].sort((a, b) => (a.location as vscode.Position).line - (b.location as vscode.Position).line);
  }
}

export function addCoverage(run: vscode.TestRun, event: CoverageEvent): void {
  for (const file of event.files) run.addCoverage(new LineFileCoverage(file));
}

export async function loadDetailedCoverage(_run: vscode.TestRun, coverage: vscode.FileCoverage): Promise<vscode.FileCoverageDetail[]> {
  return coverage instanceof LineFileCoverage ? coverage.details() : [];
}
