// Dynamic discovery: runs pytest --collect-only through cargo and returns what it collected.

import { CollectErrorEvent, CollectedEvent, DeselectedEvent, RunnerErrorEvent } from './events';
import { RunOptions, runTests } from './runTests';

export interface CollectResult {
  tests: CollectedEvent[];
  /** Tests the session's own options deselected (`-m "not slow"` …): they exist, pytest skips them. */
  deselected: DeselectedEvent[];
  collectErrors: CollectErrorEvent[];
  errors: RunnerErrorEvent[];
}

export async function collectTests(crateDir: string, options: Omit<RunOptions, 'crateDir' | 'mode' | 'repeat'> = {}): Promise<CollectResult> {
  const summary = await runTests({ ...options, crateDir, mode: 'collect' });
  return { tests: summary.collected, deselected: summary.deselected, collectErrors: summary.collectErrors, errors: summary.errors };
}
