// What a run produced, per node id, for the extension's test API (real-editor tests read it;
// VS Code offers no API to read another extension's test results).

import * as vscode from 'vscode';
import { LineFileCoverage } from './coverage';

export type RecordedState = 'started' | 'passed' | 'failed' | 'errored' | 'skipped';

export interface RecordedMessage {
  message: string;
  expected?: string;
  actual?: string;
  /** file:line (1-based) of the message's location. */
  location?: string;
  stackFrames: number;
}

export interface RecordedResult {
  state: RecordedState;
  messages: RecordedMessage[];
}

/** One `TestRun.addCoverage` call: the file and its statement counts. */
export interface RecordedCoverage {
  /** Absolute path. */
  file: string;
  covered: number;
  total: number;
  /** 1-based lines reported as not executed (when the coverage carries its lines). */
  missingLines?: number[];
}

export interface RunRecord {
  profile: string;
  results: Map<string, RecordedResult>;
  output: string;
  /** Files whose coverage the run added (filled in by recordingRun). */
  coverage?: RecordedCoverage[];
}


function describe(message: vscode.TestMessage): RecordedMessage {
  const text = typeof message.message === 'string' ? message.message : message.message.value;
  const where = message.location ? `${message.location.uri.fsPath}:${message.location.range.start.line + 1}` : undefined;
  return { message: text, expected: message.expectedOutput, actual: message.actualOutput, location: where, stackFrames: message.stackTrace?.length ?? 0 };
}

function messages(value: vscode.TestMessage | readonly vscode.TestMessage[]): RecordedMessage[] {
  return (Array.isArray(value) ? value : [value]).map(describe);
}

/** A TestRun that also writes every state change into `record`. */
export function recordingRun(run: vscode.TestRun, record: RunRecord, nodeidOf: (item: vscode.TestItem) => string): vscode.TestRun {
  const set = (item: vscode.TestItem, state: RecordedState, recorded: RecordedMessage[] = []): void => {
    record.results.set(nodeidOf(item), { state, messages: recorded });
  };
  return new Proxy(run, {
    get(target, property, receiver) {
      switch (property) {
        case 'started':
          return (item: vscode.TestItem) => (set(item, 'started'), target.started(item));
        case 'passed':
          return (item: vscode.TestItem, duration?: number) => (set(item, 'passed'), target.passed(item, duration));
        case 'skipped':
          return (item: vscode.TestItem) => (set(item, 'skipped'), target.skipped(item));
        case 'failed':
          return (item: vscode.TestItem, message: vscode.TestMessage | readonly vscode.TestMessage[], duration?: number) => (
            set(item, 'failed', messages(message)), target.failed(item, message, duration)
          );
        case 'errored':
          return (item: vscode.TestItem, message: vscode.TestMessage | readonly vscode.TestMessage[], duration?: number) => (
            set(item, 'errored', messages(message)), target.errored(item, message, duration)
          );
        case 'addCoverage':
          return (coverage: vscode.FileCoverage) => {
            const missingLines = coverage instanceof LineFileCoverage ? [...coverage.lines.missingLines] : undefined;
            (record.coverage ??= []).push({ file: coverage.uri.fsPath, covered: coverage.statementCoverage.covered, total: coverage.statementCoverage.total, missingLines });
            target.addCoverage(coverage);
          };
        case 'appendOutput':
          return (output: string, location?: vscode.Location, test?: vscode.TestItem) => {
            record.output += output;
            target.appendOutput(output, location, test);
          };
        default: {
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}
