// pytest-rerunfailures (Debian's python3-pytest-rerunfailures, linked into a PYTHONPATH overlay),
// real cargo and pytest on the basic scenario: a test it reruns is one result, the last attempt's,
// carrying the causes of the failed attempts; a pass after a failed attempt reads as flaky, in the
// event stream and in the CLI's text. Without this, each failed attempt arrived as a "passed" result.

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCommand } from '../../server/src/cli/commands/run';
import { RunEvent, runTests } from '../../server/src/engine/runner';
import { aptPythonOverlay } from '../support/aptPythonPackages';
import { eventsOfType, scenario, sharedTargetDir, testEnv } from './helpers';

const overlay = aptPythonOverlay(['pytest_rerunfailures']);
const needsRerunfailures = { skip: overlay.ok ? false : `needs Debian's pytest-rerunfailures: ${overlay.reason}`, timeout: 240_000 };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-reruns-'));
after(() => {
  if (overlay.ok) fs.rmSync(overlay.dir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const FILE = 'python/tests/test_outcomes.py';
const FLAKY = `${FILE}::test_flaky__alternates__then_fails_every_other_run`;
const FAILING = `${FILE}::test_fail__wrong_list__then_shows_diff`;

/** A counter file at 1: the flaky test's first attempt fails, its rerun passes. */
function flakyCounter(name: string): string {
  const counter = path.join(work, name);
  fs.writeFileSync(counter, '1');
  return counter;
}

test('reruns: one started and one result per test, the last attempt\'s, with the failed attempts\' causes', needsRerunfailures, async () => {
  const events: RunEvent[] = [];
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ PYTHONPATH: overlay.ok ? overlay.dir : '', SCENARIO_FLAKY_COUNTER: flakyCounter('events') }),
    nodeIds: [FLAKY, FAILING],
    pytestArgs: ['--reruns', '1'],
    onEvent: (event) => events.push(event),
  });
  assert.deepEqual(eventsOfType(events, 'started').map((event) => event.nodeid).sort(), [FAILING, FLAKY]);
  const results = Object.fromEntries(summary.results.map((result) => [result.nodeid, result]));
  assert.equal(summary.results.length, 2);
  assert.equal(results[FLAKY].outcome, 'passed');
  assert.deepEqual(results[FLAKY].reruns, ['assert (1 % 2) == 0']);
  assert.equal(results[FAILING].outcome, 'failed');
  assert.equal(results[FAILING].reruns?.length, 1);
  assert.match(results[FAILING].reruns![0], /assert \[1, 2, 3\] == \[1, 2, 4\]/);
  assert.equal(results[FAILING].expected, '[1, 2, 4]', 'the last attempt keeps its diff');
  assert.deepEqual(summary.counts, { passed: 1, failed: 1, skipped: 0, xfailed: 0, xpassed: 0, error: 0 });
});

test('reruns: the CLI\'s text says a test passed only after a failed attempt', needsRerunfailures, async () => {
  let text = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const saved = { ...process.env };
  // The CLI runs with its own environment; PYTEST_ADDOPTS is how a CI job passes pytest options.
  Object.assign(process.env, { CARGO_TARGET_DIR: sharedTargetDir, PYTHONPATH: overlay.ok ? overlay.dir : '', PYTEST_ADDOPTS: '--reruns 1', SCENARIO_FLAKY_COUNTER: flakyCounter('cli') });
  try {
    const code = await runCommand([scenario('basic'), FLAKY, '--format', 'text', '--quiet'], { stdout, stderr: new PassThrough() });
    assert.equal(code, 0, text);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  assert.match(text, new RegExp(`PASSED ${FLAKY.replace(/[[\]]/g, '\\$&')} .*\\n  flaky: passed on attempt 2 of 2; the first attempt failed \\(pytest-rerunfailures\\): assert \\(1 % 2\\) == 0\\n`));
});
