// Every way a run can fail to report is an explicit error event, never a silent pass.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runTests } from '../../server/src/engine/runner';
import { scenario, testEnv } from './helpers';

test('errors: a crate that does not compile gives compileError with the compiler message', async () => {
  const summary = await runTests({ crateDir: scenario('compile-error'), env: testEnv() });
  assert.deepEqual(summary.errors.map((error) => error.kind), ['compileError']);
  assert.match(summary.errors[0].message, /error\[E0308\]: mismatched types/);
  assert.equal(summary.ok, false);
});

test('errors: a harness that clears the environment gives noPytestSession, not a pass', async () => {
  let output = '';
  const summary = await runTests({ crateDir: scenario('env-clear'), env: testEnv(), onOutput: (text) => (output += text) });
  assert.match(output, /1 passed/, 'pytest did run and pass in the harness');
  assert.deepEqual(summary.errors.map((error) => error.kind), ['noPytestSession']);
  assert.match(summary.errors[0].message, /env_clear/);
  assert.equal(summary.exitCode, 0);
  assert.equal(summary.ok, false);
});

/** A PATH holding only a link to python3, so cargo cannot be found. */
function pathWithPythonOnly(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-python-only-'));
  const python = process.env.PYTEST_PATTERNS_TEST_PYTHON ?? realPython();
  fs.symlinkSync(python, path.join(dir, 'python3'));
  return dir;
}

function realPython(): string {
  return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

test('errors: cargo missing from PATH gives cargoMissing', async () => {
  const summary = await runTests({ crateDir: scenario('basic'), env: testEnv({ PATH: pathWithPythonOnly() }) });
  assert.deepEqual(summary.errors.map((error) => error.kind), ['cargoMissing']);
  assert.match(summary.errors[0].message, /`cargo` was not found on PATH/);
});

test('errors: a crate folder that is missing or has no Cargo.toml gives crateMissing, not a python error', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-not-a-crate-'));
  for (const [crateDir, problem] of [[path.join(empty, 'missing'), /does not exist/], [empty, /has no Cargo\.toml/]] as const) {
    const summary = await runTests({ crateDir, env: testEnv() });
    assert.deepEqual(summary.errors.map((error) => error.kind), ['crateMissing']);
    assert.match(summary.errors[0].message, problem);
    assert.equal(summary.ok, false);
  }
});

test('errors: a test target the crate does not have gives cargoFailed naming it, not a compile error', async () => {
  const summary = await runTests({ crateDir: scenario('basic'), env: testEnv(), cargo: { testTarget: 'no_such_target' } });
  assert.deepEqual(summary.errors.map((error) => error.kind), ['cargoFailed']);
  assert.match(summary.errors[0].message, /no test target named `no_such_target`/);
  assert.equal(summary.ok, false);
});

test('errors: a missing python interpreter gives pythonMissing before cargo starts', async () => {
  let spawned = false;
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv(),
    python: 'python3-does-not-exist',
    onEvent: (event) => (spawned ||= event.event === 'processStart'),
  });
  assert.deepEqual(summary.errors.map((error) => error.kind), ['pythonMissing']);
  assert.equal(spawned, false);
});

test('errors: debug mode without debugpy names the interpreter', async () => {
  const summary = await runTests({ crateDir: scenario('basic'), env: testEnv(), mode: 'debug' });
  assert.deepEqual(summary.errors.map((error) => error.kind), ['debugpyMissing']);
  assert.match(summary.errors[0].message, /debugpy is not installed in \/\S+python/);
});
