// Tests the session's own options deselect (`-m "not slow"`, `-k …` in pytestPatterns.pytest.args or
// the project's addopts) still exist: a collection lists them, marked, in pytest's order, so a
// Refresh keeps them in the tree; a run that asks for one says they were deselected, and by what.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { collectTests, runTests } from '../../server/src/engine/runner';
import { exampleCrate, testEnv } from './helpers';

const SLOW = 'python/tests/test_analyzer.py::test_analyzer__many_events__then_counts_all';
const INFO_CASE = 'python/tests/test_analyzer.py::test_filter__event_types__then_drops_only_debug[info-False]';
const QUICK = 'python/tests/test_analyzer.py::test_analyzer__empty_events__then_returns_empty_summary';

test('deselected: a collection with -m and -k lists what they deselect, marked, in pytest\'s own order', async () => {
  const plain = await collectTests(exampleCrate, { env: testEnv() });
  const summary = await runTests({ crateDir: exampleCrate, mode: 'collect', env: testEnv(), pytestArgs: ['-m', 'not slow', '-k', 'not info'] });
  assert.deepEqual(summary.errors, []);
  const deselected = summary.deselected.map((event) => event.nodeid);
  assert.ok(deselected.includes(SLOW) && deselected.includes(INFO_CASE), deselected.join('\n'));
  assert.ok(!summary.collected.some((event) => deselected.includes(event.nodeid)), 'a deselected test is not also collected');
  assert.equal(summary.collected.length + summary.deselected.length, plain.tests.length);
  // Interleaved as pytest collected them: the deselected case stays between its neighbours.
  assert.deepEqual(summary.allCollected, plain.tests.map((event) => event.nodeid));
  const slow = summary.deselected.find((event) => event.nodeid === SLOW);
  assert.equal(slow?.reason, '-m "not slow" -k "not info"');
  assert.deepEqual(slow?.markers, ['slow']);
  assert.match(slow?.file ?? '', /test_analyzer\.py$/);
});

test('deselected: a run that asks for a deselected test says so, and runs the others it asked for', async () => {
  const summary = await runTests({ crateDir: exampleCrate, nodeIds: [SLOW, QUICK], env: testEnv(), pytestArgs: ['-m', 'not slow'] });
  assert.deepEqual(summary.errors, []);
  assert.deepEqual(summary.deselectedRequests, { [SLOW]: '-m "not slow"' });
  assert.deepEqual(summary.unmatchedNodeIds, []);
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [[QUICK, 'passed']]);
});

test('deselected: our own selection is not the session\'s deselection', async () => {
  const summary = await runTests({ crateDir: exampleCrate, nodeIds: [QUICK], env: testEnv() });
  assert.deepEqual(summary.deselected, [], 'the tests the run did not ask for are not reported as deselected');
  assert.deepEqual(summary.deselectedRequests, {});
  assert.deepEqual(summary.results.map((result) => result.nodeid), [QUICK]);
});
