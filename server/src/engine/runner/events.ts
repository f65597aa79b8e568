// Typed events of a test run. Plugin events come from server/python/pytest_patterns_reporter.py
// as JSON lines; runner events are produced by the runner itself (process, errors, coverage).
// Discriminant: `event`. Files are absolute paths; lines are 1-based (as the plugin sends them).

export type Outcome = 'passed' | 'failed' | 'skipped' | 'xfailed' | 'xpassed' | 'error';
export type Phase = 'setup' | 'call' | 'teardown';

// ---- events sent by the pytest plugin -------------------------------------------------------
export interface SessionStartEvent {
  event: 'sessionStart';
  protocol: number;
  pid: number;
  python: string;
  pytestVersion: string;
  rootdir: string;
  collectOnly: boolean;
}
export interface CollectedEvent {
  event: 'collected';
  nodeid: string;
  file: string;
  line?: number;
  name: string;
  markers: string[];
}
export interface CollectionFinishEvent {
  event: 'collectionFinish';
  count: number;
}
export interface CollectErrorEvent {
  event: 'collectError';
  nodeid: string;
  file: string;
  message: string;
}
/**
 * A module (or class) pytest skipped while collecting it: `pytest.skip(..., allow_module_level=True)`
 * or `pytest.importorskip` on import. Nothing under it is collected; that is its result.
 */
export interface CollectSkippedEvent {
  event: 'collectSkipped';
  nodeid: string;
  file: string;
  /** 1-based line of the skip. */
  line?: number;
  reason: string;
}
/** A test the session's own options deselected (`-m`, `-k`, `--deselect`, a plugin): it exists, pytest skips it. */
export interface DeselectedEvent extends Omit<CollectedEvent, 'event'> {
  event: 'deselected';
  /** The options that deselected it, as written (`-m "not slow"`), or `a pytest plugin`. */
  reason: string;
}
/** Requested tests the session's own options deselected (not the runner's selection). */
export interface SelectionDeselectedEvent {
  event: 'selectionDeselected';
  nodeids: string[];
  reason: string;
}
export interface SelectionUnmatchedEvent {
  event: 'selectionUnmatched';
  nodeids: string[];
  /** With pytest-xdist the workers deselect: the session's deselecting options (`-m "not slow"`), if any, may explain them. */
  maybeDeselectedBy?: string | null;
}
export interface StartedEvent {
  event: 'started';
  nodeid: string;
}
export interface ResultEvent {
  event: 'result';
  nodeid: string;
  outcome: Outcome;
  /** The phase that decided the outcome (setup error, call failure, teardown error). */
  when: Phase;
  /** Seconds, summed over setup, call and teardown. */
  duration: number;
  message?: string;
  longrepr?: string;
  /** Where it failed: the deepest frame in the test's own file, else the deepest frame. */
  file?: string;
  line?: number;
  stdout: string;
  stderr: string;
  log: string;
  /** pprint of the right operand of a failing `assert actual == expected`. */
  expected?: string;
  /** pprint of the left operand. */
  actual?: string;
  /**
   * pytest-rerunfailures ran the test again after these failed attempts (their one-line causes,
   * in order); the outcome is the last attempt's. A pass after reruns is a flaky test.
   */
  reruns?: string[];
}
export interface SessionFinishEvent {
  event: 'sessionFinish';
  exitstatus: number;
}
export interface DebugListeningEvent {
  event: 'debugListening';
  host: string;
  port: number;
}
export interface DebugErrorEvent {
  event: 'debugError';
  message: string;
}

export type PluginEvent =
  | SessionStartEvent
  | CollectedEvent
  | CollectionFinishEvent
  | CollectErrorEvent
  | CollectSkippedEvent
  | SelectionUnmatchedEvent
  | DeselectedEvent
  | SelectionDeselectedEvent
  | StartedEvent
  | ResultEvent
  | SessionFinishEvent
  | DebugListeningEvent
  | DebugErrorEvent
  | NoticeEvent;

// ---- events produced by the runner ----------------------------------------------------------
export type RunnerErrorKind =
  | 'crateMissing'
  | 'cargoMissing'
  | 'nextestMissing'
  | 'pythonMissing'
  | 'pytestMissing'
  | 'debugpyMissing'
  | 'debugFailed'
  | 'compileError'
  | 'cargoFailed'
  | 'pluginNotImportable'
  | 'noPytestSession'
  | 'pytestCrashed'
  | 'spawnFailed'
  | 'protocolError';

export interface RunnerErrorEvent {
  event: 'error';
  kind: RunnerErrorKind;
  /** Actionable, one paragraph; says what to change. */
  message: string;
}
export interface ProcessStartEvent {
  event: 'processStart';
  command: string;
  args: string[];
  cwd: string;
  pid: number;
}
export interface ProcessExitEvent {
  event: 'processExit';
  code: number | null;
  signal: string | null;
  cancelled: boolean;
}
export interface IterationStartEvent {
  event: 'iterationStart';
  /** 1-based. */
  iteration: number;
  of: number;
}
export interface FileCoverage {
  file: string;
  executedLines: number[];
  missingLines: number[];
  percent: number;
}
export interface CoverageEvent {
  event: 'coverage';
  totalPercent: number;
  files: FileCoverage[];
}
/**
 * Something the user should know about a run that did not stop it: `builtinCoverage` when
 * pytest-cov is missing and the built-in line tracer measures instead, `noCoverageData` when a
 * coverage run finished without a report (both from the runner); `singleProcess` when the plugin
 * turned pytest-xdist's distribution off (debugging, built-in coverage).
 */
export const NOTICE_KINDS = ['builtinCoverage', 'noCoverageData', 'singleProcess'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export interface NoticeEvent {
  event: 'notice';
  kind: NoticeKind;
  /** One paragraph, for the run's output. */
  message: string;
}

export type RunnerEvent =
  | RunnerErrorEvent
  | ProcessStartEvent
  | ProcessExitEvent
  | IterationStartEvent
  | CoverageEvent;

export type RunEvent = PluginEvent | RunnerEvent;

export const OUTCOMES: readonly Outcome[] = ['passed', 'failed', 'skipped', 'xfailed', 'xpassed', 'error'];
