// A module that fails to import is reported as a collectError with its file, never as a pass.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { runTests } from '../../server/src/engine/runner';
import { scenario, testEnv } from './helpers';

test('collect errors: an unimportable module gives collectError with file and message, and the run is not ok', async () => {
  const crate = scenario('collect-error');
  const summary = await runTests({ crateDir: crate, env: testEnv() });
  assert.equal(summary.collectErrors.length, 1);
  assert.equal(summary.collectErrors[0].file, `${crate}/python/tests/test_broken.py`);
  assert.equal(summary.collectErrors[0].nodeid, 'python/tests/test_broken.py');
  assert.match(summary.collectErrors[0].message, /No module named 'module_that_does_not_exist'/);
  assert.deepEqual(summary.results, [], 'pytest stops after a collection error');
  assert.deepEqual(summary.errors, []);
  assert.equal(summary.ok, false);
});

test('collect errors: with --continue-on-collection-errors the healthy module still runs', async () => {
  const summary = await runTests({ crateDir: scenario('collect-error'), env: testEnv(), pytestArgs: ['--continue-on-collection-errors'] });
  assert.equal(summary.collectErrors.length, 1);
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [
    ['python/tests/test_fine.py::test_fine__always__then_passes', 'passed'],
  ]);
});
