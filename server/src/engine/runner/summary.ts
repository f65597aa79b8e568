// Folds the events of a run into a summary. Pure: unit-tested on recorded transcripts.

import {
  CollectErrorEvent, CollectSkippedEvent, CollectedEvent, CoverageEvent, DeselectedEvent, Outcome, OUTCOMES, ResultEvent, RunEvent,
  RunnerErrorEvent, SessionStartEvent,
} from './events';

export type OutcomeCounts = Record<Outcome, number>;

export interface FlakinessEntry {
  nodeid: string;
  runs: number;
  outcomes: Partial<OutcomeCounts>;
  /** Both passed and failed/errored across the repeated runs. */
  flaky: boolean;
}

export interface RunSummary {
  /**
   * No runner error, not cancelled, no failed/errored test, no collection error, and every requested
   * node id collected (one the session's own options may have deselected aside).
   */
  ok: boolean;
  cancelled: boolean;
  /** Exit code of cargo (of the last iteration); null when it was killed or never started. */
  exitCode: number | null;
  signal: string | null;
  counts: OutcomeCounts;
  results: ResultEvent[];
  collected: CollectedEvent[];
  collectErrors: CollectErrorEvent[];
  /** Modules (or packages, classes) pytest skipped while collecting them, once each: the tests under them did not run, by their own choice. */
  collectSkipped: CollectSkippedEvent[];
  unmatchedNodeIds: string[];
  /** Tests the session's own options deselected (`-m "not slow"` …), once each: they exist, pytest skips them. */
  deselected: DeselectedEvent[];
  /** Requested tests those options deselected → why (the options, as written). */
  deselectedRequests: Record<string, string>;
  /** Every test pytest collected, the deselected ones too, once each, in its collection order: what exists. */
  allCollected: string[];
  errors: RunnerErrorEvent[];
  sessions: SessionStartEvent[];
  coverage?: CoverageEvent;
  /** Present when the run was repeated (repeat > 1). */
  flakiness?: FlakinessEntry[];
  iterations: number;
  durationMs: number;
}

export function emptyCounts(): OutcomeCounts {
  return Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as OutcomeCounts;
}

export function summarize(events: RunEvent[], durationMs = 0): RunSummary {
  const summary: RunSummary = {
    ok: false, cancelled: false, exitCode: null, signal: null, counts: emptyCounts(), results: [],
    collected: [], collectErrors: [], collectSkipped: [], unmatchedNodeIds: [], deselected: [], deselectedRequests: {}, allCollected: [], errors: [], sessions: [], iterations: 0, durationMs,
  };
  const listed = new Set<string>(); // allCollected's ids
  const notFound: string[] = []; // requested ids pytest did not collect, deselection by the session's options ruled out
  for (const event of events) {
    switch (event.event) {
      case 'result':
        summary.results.push(event);
        summary.counts[event.outcome] += 1;
        break;
      case 'collected':
        summary.collected.push(event);
        if (!listed.has(event.nodeid)) summary.allCollected.push(event.nodeid);
        listed.add(event.nodeid);
        break;
      case 'collectError': summary.collectErrors.push(event); break;
      case 'collectSkipped':
        if (!summary.collectSkipped.some((skipped) => skipped.nodeid === event.nodeid)) summary.collectSkipped.push(event);
        break;
      case 'selectionUnmatched':
        summary.unmatchedNodeIds.push(...event.nodeids);
        if (!event.maybeDeselectedBy) notFound.push(...event.nodeids);
        break;
      case 'deselected':
        if (!listed.has(event.nodeid)) {
          summary.deselected.push(event); // once, also over repeated runs
          summary.allCollected.push(event.nodeid);
        }
        listed.add(event.nodeid);
        break;
      case 'selectionDeselected': event.nodeids.forEach((nodeid) => (summary.deselectedRequests[nodeid] = event.reason)); break;
      case 'error': summary.errors.push(event); break;
      case 'sessionStart': summary.sessions.push(event); break;
      case 'coverage': summary.coverage = event; break;
      case 'iterationStart': summary.iterations = Math.max(summary.iterations, event.iteration); break;
      case 'processExit':
        summary.exitCode = event.code;
        summary.signal = event.signal;
        summary.cancelled ||= event.cancelled;
        break;
      default: break;
    }
  }
  summary.iterations = Math.max(summary.iterations, 1);
  if (summary.iterations > 1) summary.flakiness = flakiness(summary.results, summary.iterations);
  summary.ok =
    !summary.cancelled && summary.errors.length === 0 && summary.collectErrors.length === 0 &&
    summary.sessions.length > 0 && summary.counts.failed === 0 && summary.counts.error === 0 &&
    notFound.every((nodeid) => skippedOnCollection(summary, nodeid) !== undefined);
  return summary;
}

/** Whether a node id is a collector's or lies under it (`dir/test_a.py` holds `dir/test_a.py::Test::test_b`, `dir` holds `dir/test_a.py`). */
export function isUnderNodeId(nodeid: string, scope: string): boolean {
  return nodeid === scope || nodeid.startsWith(`${scope}::`) || (scope !== '' && nodeid.startsWith(`${scope}/`));
}

/** The collector skip that kept a node id from being collected, if one did. */
export function skippedOnCollection(summary: Pick<RunSummary, 'collectSkipped'>, nodeid: string): CollectSkippedEvent | undefined {
  return summary.collectSkipped.find((skipped) => isUnderNodeId(nodeid, skipped.nodeid));
}

/** Outcome tally per test over repeated runs, flaky ones first. */
export function flakiness(results: ResultEvent[], runs: number): FlakinessEntry[] {
  const byTest = new Map<string, Partial<OutcomeCounts>>();
  for (const result of results) {
    const outcomes = byTest.get(result.nodeid) ?? {};
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    byTest.set(result.nodeid, outcomes);
  }
  const entries = [...byTest].map(([nodeid, outcomes]) => ({
    nodeid,
    runs,
    outcomes,
    flaky: (outcomes.passed ?? 0) > 0 && (outcomes.failed ?? 0) + (outcomes.error ?? 0) > 0,
  }));
  return entries.sort((a, b) => Number(b.flaky) - Number(a.flaky) || a.nodeid.localeCompare(b.nodeid));
}
