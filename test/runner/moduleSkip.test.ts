// A module that skips itself on import (`pytest.skip(..., allow_module_level=True)`): the plugin
// reports it as collectSkipped with pytest's reason and line; its tests are not "not found", and
// the run stays ok. Real cargo, real pytest.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCommand } from '../../server/src/cli/commands/run';
import { runTests, skippedOnCollection } from '../../server/src/engine/runner';
import { aptPythonOverlay } from '../support/aptPythonPackages';
import { scenario, sharedTargetDir, testEnv } from './helpers';

const GPU = 'python/tests/test_gpu.py';
const GPU_TEST = `${GPU}::test_kernel__on_gpu__then_runs`;
const FINE_TEST = 'python/tests/test_fine.py::test_fine__always__then_passes';

test('module skip: the whole crate reports the skipped module with its reason and line, and is ok', async () => {
  const crate = scenario('module-skip');
  const summary = await runTests({ crateDir: crate, env: testEnv() });
  assert.deepEqual(summary.collectSkipped.map(({ nodeid, file, line, reason }) => ({ nodeid, file, line, reason })), [
    { nodeid: GPU, file: path.join(crate, GPU), line: 8, reason: 'needs a GPU' },
  ]);
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [[FINE_TEST, 'passed']]);
  assert.equal(summary.ok, true);
});

test('module skip: a requested test of the skipped module is explained by the skip, not "not found"', async () => {
  const summary = await runTests({ crateDir: scenario('module-skip'), nodeIds: [GPU_TEST, FINE_TEST], env: testEnv() });
  assert.deepEqual(summary.unmatchedNodeIds, [GPU_TEST]);
  assert.equal(skippedOnCollection(summary, GPU_TEST)?.reason, 'needs a GPU');
  assert.equal(skippedOnCollection(summary, FINE_TEST), undefined);
  assert.equal(summary.ok, true);
});

test('module skip: `pytest-patterns run` prints the skip once, no NOT FOUND, and exits 0', async () => {
  process.env.CARGO_TARGET_DIR = sharedTargetDir;
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const code = await runCommand([scenario('module-skip'), GPU_TEST, FINE_TEST, '--quiet'], { stdout, stderr: new PassThrough() });
  assert.match(text, /^SKIPPED python\/tests\/test_gpu\.py on collection \(needs a GPU\) at .*test_gpu\.py:8$/m);
  assert.doesNotMatch(text, /NOT FOUND/);
  assert.match(text, /^1 passed, 0 failed, 0 skipped, 0 xfailed, 0 xpassed, 0 errors, 1 skipped on collection$/m);
  assert.equal(code, 0);
});

test('module skip: with pytest-xdist the workers\' skip reaches the controller once', async (t) => {
  const overlay = aptPythonOverlay(['xdist', 'execnet']);
  if (!overlay.ok) return t.skip(overlay.reason);
  try {
    const summary = await runTests({ crateDir: scenario('module-skip'), nodeIds: [GPU_TEST, FINE_TEST], pytestArgs: ['-n', '2'], env: testEnv({ PYTHONPATH: overlay.dir }) });
    assert.deepEqual(summary.collectSkipped.map(({ nodeid, reason }) => [nodeid, reason]), [[GPU, 'needs a GPU']]);
    assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [[FINE_TEST, 'passed']]);
    assert.equal(summary.ok, true);
  } finally {
    fs.rmSync(overlay.dir, { recursive: true, force: true });
  }
});
