// Debug mode: the plugin listens with debugpy on the requested port and tells the runner.
// debugpy itself cannot be installed here, so a stand-in with the same API sits on PYTHONPATH.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { RunEvent, runTests } from '../../server/src/engine/runner';
import { eventsOfType, repoRoot, scenario, testEnv } from './helpers';

test('debug: debugListening carries the port, then the selected test runs', async () => {
  const fakeDebugpy = path.join(repoRoot, 'test', 'runner', 'fake-debugpy');
  const events: RunEvent[] = [];
  let output = '';
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ PYTHONPATH: fakeDebugpy }),
    mode: 'debug',
    debugPort: 45678,
    nodeIds: ['python/tests/test_outcomes.py::test_pass__always__then_passes'],
    onEvent: (event) => events.push(event),
    onOutput: (text) => (output += text),
  });
  assert.deepEqual(eventsOfType(events, 'debugListening'), [{ event: 'debugListening', host: '127.0.0.1', port: 45678 }]);
  assert.match(output, /fake-debugpy listen 127\.0\.0\.1:45678/);
  assert.match(output, /fake-debugpy client attached/);
  assert.equal(summary.counts.passed, 1);
  assert.equal(summary.ok, true);
});
