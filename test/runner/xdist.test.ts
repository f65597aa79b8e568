// pytest-xdist (`-n 2`, Debian's python3-pytest-xdist linked into a PYTHONPATH overlay), real cargo
// and pytest: workers run the tests, and the run reports exactly what a one-process run reports
// (each test once, the same outcomes, failing lines, compared values and output); a selection, an
// unmatched id and a collection error each arrive once; the built-in coverage tracer, which
// watches one process, turns distribution off with a notice instead of measuring nothing.

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResultEvent, RunEvent, runTests, RunSummary } from '../../server/src/engine/runner';
import { aptPythonOverlay } from '../support/aptPythonPackages';
import { eventsOfType, scenario, testEnv } from './helpers';

const overlay = aptPythonOverlay(['xdist', 'execnet']);
const needsXdist = { skip: overlay.ok ? false : `needs Debian's pytest-xdist: ${overlay.reason}`, timeout: 240_000 };
after(() => overlay.ok && fs.rmSync(overlay.dir, { recursive: true, force: true }));

const FILE = 'python/tests/test_outcomes.py';
const WORKERS = ['-n', '2'];

interface Run {
  summary: RunSummary;
  events: RunEvent[];
  output: string;
}

async function run(crate: string, options: { pytestArgs?: string[]; nodeIds?: string[]; mode?: 'run' | 'coverage' } = {}): Promise<Run> {
  const events: RunEvent[] = [];
  let output = '';
  const summary = await runTests({
    crateDir: crate,
    env: testEnv(overlay.ok ? { PYTHONPATH: overlay.dir } : {}),
    onEvent: (event) => events.push(event),
    onOutput: (text) => (output += text),
    ...options,
  });
  return { summary, events, output };
}

/** What the Test Explorer shows of a result; the duration differs from run to run. */
function shown(result: ResultEvent): Omit<ResultEvent, 'duration' | 'longrepr'> {
  const { duration: _duration, longrepr: _longrepr, ...rest } = result;
  return rest;
}

const byNodeId = (a: { nodeid: string }, b: { nodeid: string }): number => a.nodeid.localeCompare(b.nodeid);

test('xdist: with -n 2 every test is reported once, exactly as a one-process run reports it', needsXdist, async () => {
  const [alone, distributed] = await Promise.all([run(scenario('basic')), run(scenario('basic'), { pytestArgs: WORKERS })]);
  assert.match(distributed.output, /gw0 \[\d+\] \/ gw1 \[\d+\]/, 'pytest-xdist really started two workers');
  assert.equal(distributed.summary.sessions.length, 1, 'one session: the controller reports, the workers do not');
  const started = eventsOfType(distributed.events, 'started').map((event) => event.nodeid);
  assert.equal(new Set(started).size, started.length, `a test was started twice: ${started.join(', ')}`);
  assert.deepEqual(new Set(started), new Set(distributed.summary.results.map((result) => result.nodeid)), 'every started test has its result');

  assert.ok(alone.summary.results.length >= 10, `the one-process run ran the scenario (${alone.summary.results.length} results)`);
  assert.deepEqual([...distributed.summary.results].sort(byNodeId).map(shown), [...alone.summary.results].sort(byNodeId).map(shown));
  assert.deepEqual(distributed.summary.counts, alone.summary.counts);

  // The diff and the failing line come from the worker that ran the test.
  const diff = distributed.summary.results.find((result) => result.nodeid === `${FILE}::test_fail__wrong_list__then_shows_diff`);
  assert.equal(diff?.expected, '[1, 2, 4]');
  assert.equal(diff?.actual, '[1, 2, 3]');
  assert.ok(diff?.line, 'the failing line is known');
});

test('xdist: a selection runs only the selected tests, and an id that matches nothing is reported once', needsXdist, async () => {
  const wanted = [`${FILE}::test_pass__always__then_passes`, `${FILE}::test_param__cases__then_ids`];
  const { summary } = await run(scenario('basic'), { pytestArgs: WORKERS, nodeIds: [...wanted, `${FILE}::test_missing`] });
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]).sort(), [
    [`${FILE}::test_param__cases__then_ids[one]`, 'passed'],
    [`${FILE}::test_param__cases__then_ids[two]`, 'passed'],
    [`${FILE}::test_pass__always__then_passes`, 'passed'],
  ]);
  assert.deepEqual(summary.unmatchedNodeIds, [`${FILE}::test_missing`]);
});

test('xdist: an id the workers deselected with -k arrives unmatched once, naming the option that may explain it', needsXdist, async () => {
  const { summary, events } = await run(scenario('basic'), { pytestArgs: [...WORKERS, '-k', 'not two'], nodeIds: [`${FILE}::test_param__cases__then_ids[two]`, `${FILE}::test_pass__always__then_passes`] });
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [[`${FILE}::test_pass__always__then_passes`, 'passed']]);
  assert.deepEqual(eventsOfType(events, 'selectionUnmatched').map((event) => [event.nodeids, event.maybeDeselectedBy]), [[[`${FILE}::test_param__cases__then_ids[two]`], '-k "not two"']]);
  assert.equal(summary.ok, true, 'what the session\'s own -k explains is not a failure');
});

test('xdist: a module that fails to import is one collection error, not one per worker', needsXdist, async () => {
  const crate = scenario('collect-error');
  const { summary } = await run(crate, { pytestArgs: WORKERS });
  assert.deepEqual(summary.collectErrors.map((error) => [error.nodeid, error.file]), [['python/tests/test_broken.py', `${crate}/python/tests/test_broken.py`]]);
  assert.equal(summary.ok, false);
});

test('xdist: the built-in coverage tracer keeps the run in one process, says so, and measures the tests', needsXdist, async () => {
  const crate = scenario('basic');
  const test = `${FILE}::test_pass__always__then_passes`;
  const { summary, events, output } = await run(crate, { pytestArgs: WORKERS, nodeIds: [test], mode: 'coverage' });
  assert.ok(eventsOfType(events, 'notice').some((notice) => notice.kind === 'builtinCoverage'), 'no pytest-cov here: the built-in tracer measures');
  const notices = eventsOfType(events, 'notice').filter((notice) => notice.kind === 'singleProcess');
  assert.equal(notices.length, 1, `one singleProcess notice (events: ${events.map((event) => event.event).join(', ')})`);
  assert.match(notices[0].message, /-n is ignored.*coverage/);
  assert.doesNotMatch(output, /\bgw0\b/, 'no worker started');
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [[test, 'passed']]);
  const testFile = fs.realpathSync(path.join(crate, FILE));
  const measured = summary.coverage?.files.find((file) => file.file === testFile);
  assert.ok(measured, `the test module is measured (files: ${summary.coverage?.files.map((file) => file.file).join(', ')})`);
  assert.ok(measured.executedLines.length > 0);
});
