// Dynamic discovery: runs pytest --collect-only through cargo and returns what it collected.

import { CollectErrorEvent, CollectedEvent, RunnerErrorEvent } from './events';
import { RunOptions, runTests } from './runTests';

export interface CollectResult {
  tests: CollectedEvent[];
  collectErrors: CollectErrorEvent[];
  errors: RunnerErrorEvent[];
}

export async function collectTests(crateDir: string, options: Omit<RunOptions, 'crateDir' | 'mode' | 'repeat'> = {}): Promise<CollectResult> {
  const summary = await runTests({ ...options, crateDir, mode: 'collect' });
  return { tests: summary.collected, collectErrors: summary.collectErrors, errors: summary.errors };
}
