// Runner events → TestRun calls, as they arrive. Every requested test ends in a state: a result,
// skipped when the run was cancelled, or errored with the runner's explanation. Raw cargo/pytest
// output goes to the run's terminal (with \r\n line ends).

import * as path from 'node:path';
import * as vscode from 'vscode';
import { rerunsText, skippedOnCollection } from '../../server/src/engine/runner';
import type { CollectSkippedEvent, ResultEvent, RunEvent, RunSummary } from '../../server/src/engine/runner';
import { parentNodeId } from './rootTree';

export interface MapperTarget {
  /** The item of a node id (may create dynamic cases). */
  lookup(nodeid: string): vscode.TestItem | undefined;
  /** pytest's rootdir: relative file names in tracebacks are resolved against it. */
  rootdir: string;
}

export function terminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function location(file: string | undefined, line: number | undefined, rootdir: string): vscode.Location | undefined {
  if (!file) return undefined;
  const absolute = path.isAbsolute(file) ? file : path.join(rootdir, file);
  return new vscode.Location(vscode.Uri.file(absolute), new vscode.Position(Math.max(0, (line ?? 1) - 1), 0));
}

/** Frames of a pytest long representation: `path/to/file.py:12: in name` / `path.py:21: AssertionError`. */
export function stackFrames(longrepr: string, rootdir: string): vscode.TestMessageStackFrame[] {
  const frames: vscode.TestMessageStackFrame[] = [];
  for (const match of longrepr.matchAll(/^([^\s:][^:\n]*\.py):(\d+): (.*)$/gm)) {
    const where = location(match[1], Number(match[2]), rootdir)!;
    frames.push(new vscode.TestMessageStackFrame(match[3].trim() || path.basename(match[1]), where.uri, where.range.start));
  }
  return frames.reverse(); // innermost first, as debuggers show them
}

export function failureMessage(result: ResultEvent, rootdir: string): vscode.TestMessage {
  const text = result.message ?? result.longrepr ?? `${result.outcome} in ${result.when}`;
  const message =
    result.expected !== undefined && result.actual !== undefined
      ? vscode.TestMessage.diff(text, result.expected, result.actual)
      : new vscode.TestMessage(result.longrepr ?? text);
  message.location = location(result.file, result.line, rootdir);
  if (result.longrepr) message.stackTrace = stackFrames(result.longrepr, rootdir);
  return message;
}

export class RunMapper {
  /** By id: an edit may rebuild an item (new object, same id) while a run is going. */
  private readonly finished = new Set<string>();
  private readonly explanations: string[] = [];
  /** Requested ids pytest did not collect → the deselecting options that may explain it ('' when none). */
  private readonly unmatched = new Map<string, string>();
  /** Node ids (or selected scopes) the session's own options deselected → those options. */
  private readonly deselected = new Map<string, string>();
  /** Modules (packages, classes) pytest skipped while collecting them: their tests end skipped. */
  private readonly skippedOnCollection: CollectSkippedEvent[] = [];

  constructor(
    private readonly run: vscode.TestRun,
    private readonly target: MapperTarget,
    /** The runnable leaves the request asked for (cases, unparametrized or dynamic functions). */
    private readonly requested: readonly vscode.TestItem[],
  ) {}

  output(text: string): void {
    this.run.appendOutput(terminalText(text));
  }

  event(event: RunEvent): void {
    switch (event.event) {
      case 'started': {
        const item = this.target.lookup(event.nodeid);
        if (item) this.run.started(item);
        break;
      }
      case 'result':
        this.result(event);
        break;
      case 'collectError': {
        const item = this.target.lookup(event.nodeid) ?? this.target.lookup(event.nodeid.split('::')[0]);
        const message = new vscode.TestMessage(event.message);
        message.location = location(event.file, undefined, this.target.rootdir);
        if (item) {
          this.run.errored(item, message);
          this.markFinished(item);
        }
        this.explanations.push(`collection error in ${event.nodeid}`);
        break;
      }
      case 'collectSkipped': {
        if (this.skippedOnCollection.some((known) => known.nodeid === event.nodeid)) break; // again, in a repeated run
        this.skippedOnCollection.push(event);
        const item = this.target.lookup(event.nodeid);
        const text = `[pytest-patterns] pytest skipped ${event.nodeid} while collecting it: ${event.reason}\n`;
        this.run.appendOutput(terminalText(text), location(event.file, event.line, this.target.rootdir), item);
        if (item) {
          this.run.skipped(item);
          this.markFinished(item);
        }
        break;
      }
      case 'selectionUnmatched':
        event.nodeids.forEach((id) => this.unmatched.set(id, event.maybeDeselectedBy ?? ''));
        break;
      case 'deselected':
        this.deselected.set(event.nodeid, event.reason);
        break;
      case 'selectionDeselected':
        event.nodeids.forEach((id) => this.deselected.set(id, event.reason));
        break;
      case 'error':
        this.explanations.push(event.message);
        this.run.appendOutput(terminalText(`\n[pytest-patterns] ${event.message}\n`));
        break;
      case 'notice':
        this.run.appendOutput(terminalText(`\n[pytest-patterns] ${event.message}\n`));
        break;
      case 'iterationStart':
        this.run.appendOutput(terminalText(`\n[pytest-patterns] run ${event.iteration} of ${event.of}\n`));
        break;
      default:
        break;
    }
  }

  private result(result: ResultEvent): void {
    const item = this.target.lookup(result.nodeid);
    if (!item) {
      this.run.appendOutput(terminalText(`[pytest-patterns] result for unknown test ${result.nodeid}: ${result.outcome}\n`));
      return;
    }
    const captured = [result.stdout, result.stderr, result.log].filter((s) => s && s.length > 0).join('\n');
    if (captured) this.run.appendOutput(terminalText(captured.endsWith('\n') ? captured : `${captured}\n`), location(result.file, result.line, this.target.rootdir), item);
    // Attached to the test, so a pass after failed attempts shows as flaky in its output.
    if (result.reruns?.length) this.run.appendOutput(terminalText(`[pytest-patterns] ${result.nodeid}: ${rerunsText(result.reruns, result.outcome)}\n`), undefined, item);
    const ms = result.duration * 1000;
    switch (result.outcome) {
      case 'passed':
      case 'xpassed':
        this.run.passed(item, ms);
        break;
      case 'skipped':
      case 'xfailed':
        this.run.skipped(item);
        break;
      case 'failed':
        this.run.failed(item, failureMessage(result, this.target.rootdir), ms);
        break;
      case 'error':
        this.run.errored(item, failureMessage(result, this.target.rootdir), ms);
        break;
    }
    this.markFinished(item);
  }

  private markFinished(item: vscode.TestItem): void {
    for (let current: vscode.TestItem | undefined = item; current; current = current.parent) this.finished.add(current.id);
  }

  /** The options that deselected a test, itself or a scope it is in (`file.py`, `file.py::test`, `file.py::Class`). */
  private deselectionOf(nodeid: string): string | undefined {
    for (let scope: string | undefined = nodeid; scope !== undefined; scope = parentNodeId(scope)) {
      const reason = this.deselected.get(scope);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }

  /** Ends every requested test that got no result: skipped when cancelled, else errored with the reason. */
  finish(summary: RunSummary | undefined, cancelled: boolean): void {
    if (summary?.flakiness) {
      for (const entry of summary.flakiness.filter((f) => f.flaky)) {
        const item = this.target.lookup(entry.nodeid);
        const tally = Object.entries(entry.outcomes).map(([outcome, count]) => `${count} ${outcome}`).join(', ');
        const text = `Flaky: ${tally} over ${entry.runs} runs.`;
        this.run.appendOutput(terminalText(`[pytest-patterns] ${entry.nodeid}: ${text}\n`));
        if (item) this.run.failed(item, new vscode.TestMessage(text));
      }
    }
    for (const item of this.requested) {
      if (this.finished.has(item.id)) continue;
      if (cancelled) {
        this.run.skipped(item);
        continue;
      }
      const nodeid = item.id.slice(item.id.indexOf('|') + 1);
      const skip = skippedOnCollection({ collectSkipped: this.skippedOnCollection }, nodeid);
      if (skip) {
        // The module chose not to run here (`pytest.skip(..., allow_module_level=True)`, `importorskip`).
        this.run.skipped(item);
        this.run.appendOutput(terminalText(`[pytest-patterns] ${nodeid} did not run: pytest skipped ${skip.nodeid} while collecting it (${skip.reason}).\n`), undefined, item);
        continue;
      }
      const deselectedBy = this.deselectionOf(nodeid);
      if (deselectedBy !== undefined) {
        // The user's own choice (pytest.args, the project's addopts): not an error.
        this.run.skipped(item);
        this.run.appendOutput(terminalText(`[pytest-patterns] ${nodeid} did not run: pytest deselected it (${deselectedBy}). Remove that option from pytestPatterns.pytest.args or the project's addopts to run it.\n`), undefined, item);
        continue;
      }
      const reason = this.unmatched.has(nodeid)
        ? `pytest did not collect ${nodeid}: it may have been renamed, or its parametrize ids differ (use Refresh Tests)${this.unmatched.get(nodeid) ? `, or the session's ${this.unmatched.get(nodeid)} deselected it` : ''}.`
        : this.explanations.length > 0
          ? this.explanations.join('\n\n')
          : `pytest reported no result for ${nodeid}.`;
      this.run.errored(item, new vscode.TestMessage(reason));
    }
  }
}
