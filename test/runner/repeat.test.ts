// Repeat-N mode runs the selection N times and reports which tests are flaky.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '../../server/src/engine/runner';
import { scenario, testEnv } from './helpers';

test('repeat: a test failing every other run is flagged flaky, a stable one is not', async () => {
  const counter = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-flaky-')), 'runs');
  const flaky = 'python/tests/test_outcomes.py::test_flaky__alternates__then_fails_every_other_run';
  const stable = 'python/tests/test_outcomes.py::test_pass__always__then_passes';
  const iterations: number[] = [];
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ SCENARIO_FLAKY_COUNTER: counter }),
    nodeIds: [flaky, stable],
    repeat: 3,
    onEvent: (event) => event.event === 'iterationStart' && iterations.push(event.iteration),
  });
  assert.deepEqual(iterations, [1, 2, 3]);
  assert.equal(summary.iterations, 3);
  assert.deepEqual(summary.flakiness, [
    { nodeid: flaky, runs: 3, outcomes: { passed: 2, failed: 1 }, flaky: true },
    { nodeid: stable, runs: 3, outcomes: { passed: 3 }, flaky: false },
  ]);
});
