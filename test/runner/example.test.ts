// The example workspace: its suite runs through cargo with one deliberate failure, and
// collect-only through cargo lists every test.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { collectTests, runTests } from '../../server/src/engine/runner';
import { exampleCrate, testEnv } from './helpers';

test('example: the showcase failure is the only failure and carries a dict diff', async () => {
  const summary = await runTests({ crateDir: exampleCrate, env: testEnv() });
  assert.deepEqual(summary.errors, []);
  assert.deepEqual(summary.counts, { passed: 28, failed: 1, skipped: 3, xfailed: 1, xpassed: 0, error: 0 });
  const failure = summary.results.find((result) => result.outcome === 'failed');
  assert.equal(failure?.nodeid, 'python/tests/test_showcase_failure.py::test_analyzer__showcase_counts__then_matches_expected');
  assert.equal(failure?.expected, "{'end': 1, 'process': 2, 'start': 1}");
  assert.equal(failure?.actual, "{'end': 1, 'process': 1, 'start': 1}");
  assert.equal(failure?.line, 20);
  const skippedAsync = summary.results.find((result) => result.nodeid.endsWith('test_analyzer__async_stream__then_analyzes_all'));
  assert.equal(skippedAsync?.message, 'pytest-asyncio is not installed: async test not run');
});

test('example: collectTests lists all 33 tests without running them', async () => {
  let ranAny = false;
  const collected = await collectTests(exampleCrate, { env: testEnv(), onEvent: (event) => (ranAny ||= event.event === 'result') });
  assert.equal(collected.tests.length, 33);
  assert.deepEqual(collected.errors, []);
  assert.equal(ranAny, false);
  const case_ = collected.tests.find((item) => item.nodeid.endsWith('test_count_tokens__various_texts__then_counts_words[one_word]'));
  assert.equal(case_?.name, 'test_count_tokens__various_texts__then_counts_words[one_word]');
  assert.deepEqual(case_?.markers, ['parametrize']);
});
