// Turns "cargo ended but pytest never reported" into an explicit, actionable error: a run that
// produced no plugin session must never look like a pass.

import { RunnerErrorEvent } from './events';

export interface ExitFacts {
  command: string;
  code: number | null;
  signal: string | null;
  spawnError?: NodeJS.ErrnoException;
  sawSessionStart: boolean;
  sawSessionFinish: boolean;
  /** stdout+stderr of cargo and everything below it. */
  output: string;
}

const TAIL_LINES = 30;

function tail(text: string, lines = TAIL_LINES): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The first compiler diagnostic block (from `error` up to the next blank line). */
function firstCompileError(output: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => /^error(\[E\d+\])?:/.test(line));
  if (start < 0) return tail(output);
  const end = lines.findIndex((line, index) => index > start && line.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

export function diagnoseExit(facts: ExitFacts): RunnerErrorEvent | undefined {
  if (facts.spawnError) {
    if (facts.spawnError.code === 'ENOENT') {
      return {
        event: 'error',
        kind: 'cargoMissing',
        message: `\`${facts.command}\` was not found on PATH. Install Rust (https://rustup.rs) or set the cargo command in the settings.`,
      };
    }
    return { event: 'error', kind: 'spawnFailed', message: `could not start \`${facts.command}\`: ${facts.spawnError.message}` };
  }
  if (facts.sawSessionStart) {
    if (!facts.sawSessionFinish) {
      return {
        event: 'error',
        kind: 'pytestCrashed',
        message: `pytest stopped before the end of its session (exit code ${facts.code}, signal ${facts.signal}). Last output:\n${tail(facts.output)}`,
      };
    }
    return undefined;
  }
  const output = facts.output;
  if (/no such command: `?nextest/.test(output)) {
    return { event: 'error', kind: 'nextestMissing', message: 'cargo-nextest is not installed (`cargo install cargo-nextest`), or choose `cargo test` as the runner.' };
  }
  if (/could not compile|^error\[E\d+\]:/m.test(output) && facts.code !== 0) {
    return { event: 'error', kind: 'compileError', message: `The crate did not compile, so no test ran:\n${firstCompileError(output)}` };
  }
  // cargo's own errors (a test target that does not exist, an unknown flag, a broken Cargo.toml):
  // no test binary started (cargo says `Running …` before each, and `error: test failed` after one).
  if (/^error:/m.test(output) && !/^\s+Running /m.test(output) && facts.code !== 0) {
    return {
      event: 'error',
      kind: 'cargoFailed',
      message: `cargo stopped before any test ran:\n${firstCompileError(output)}\nCheck the cargo command, its arguments and the test target (pytestPatterns.cargo.* settings, or the CLI's --cargo/--target).`,
    };
  }
  if (/pytest_patterns_reporter/.test(output)) {
    return {
      event: 'error',
      kind: 'pluginNotImportable',
      message:
        'pytest could not import the reporter plugin: PYTEST_ADDOPTS reached pytest but PYTHONPATH did not. ' +
        'Let the test harness pass PYTHONPATH through to python (do not overwrite it; prepend to it).',
    };
  }
  return {
    event: 'error',
    kind: 'noPytestSession',
    message:
      `\`${facts.command}\` finished (exit code ${facts.code}) but pytest never reported to the runner. ` +
      'Either no test target of this crate runs pytest, or its harness does not pass the environment ' +
      '(PYTEST_ADDOPTS, PYTHONPATH, PYTEST_PATTERNS_EVENTS) on to pytest, e.g. it calls Command::env_clear(). ' +
      `Keep the inherited environment in the harness, or set the cargo test target in the settings. Last output:\n${tail(output, 15)}`,
  };
}
