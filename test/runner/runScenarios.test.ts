// Real cargo + real pytest on the basic scenario crate: one run, every outcome checked.

import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ResultEvent, RunEvent, runTests, RunSummary } from '../../server/src/engine/runner';
import { eventsOfType, lineOf, scenario, testEnv } from './helpers';

const basic = scenario('basic');
const FILE = 'python/tests/test_outcomes.py';
const lineIn = (text: string): number => lineOf(`${basic}/${FILE}`, text);
let summary: RunSummary;
let events: RunEvent[] = [];
let output = '';

before(async () => {
  summary = await runTests({
    crateDir: basic,
    env: testEnv(),
    onEvent: (event) => events.push(event),
    onOutput: (text) => (output += text),
  });
});

const resultOf = (name: string): ResultEvent => {
  const found = summary.results.find((result) => result.nodeid === `${FILE}::${name}`);
  assert.ok(found, `no result for ${name}`);
  return found;
};

test('basic run: counts of every outcome, and a failing run is not ok', () => {
  assert.deepEqual(summary.counts, { passed: 5, failed: 2, skipped: 4, xfailed: 1, xpassed: 1, error: 1 });
  assert.equal(summary.ok, false);
  assert.deepEqual(summary.errors, []);
});

test('basic run: failure of an == on lists carries pprint expected/actual and the assert line', () => {
  const failure = resultOf('test_fail__wrong_list__then_shows_diff');
  assert.equal(failure.outcome, 'failed');
  assert.equal(failure.when, 'call');
  assert.equal(failure.expected, '[1, 2, 4]');
  assert.equal(failure.actual, '[1, 2, 3]');
  assert.equal(failure.file, `${basic}/${FILE}`);
  assert.equal(failure.line, lineIn('assert actual == expected'));
  assert.match(failure.longrepr ?? '', /assert actual == expected/);
});

test('basic run: failure raised in a helper points at the line in the test body', () => {
  const failure = resultOf('test_fail__in_helper__then_points_at_test_line');
  assert.equal(failure.line, lineIn('    helper_that_raises()'));
  assert.equal(failure.message, 'ValueError: raised by helper');
  assert.equal(failure.expected, undefined);
});

test('basic run: fixture setup failure is an error in setup located in conftest.py', () => {
  const error = resultOf('test_error__fixture_setup_fails__then_error');
  assert.equal(error.outcome, 'error');
  assert.equal(error.when, 'setup');
  assert.equal(error.file, `${basic}/python/tests/conftest.py`);
  assert.match(error.message ?? '', /resource unavailable in setup/);
});

test('basic run: skip, xfail and xpass with their reasons', () => {
  assert.deepEqual(pick(resultOf('test_skip__marker__then_skipped')), ['skipped', 'skipped on purpose']);
  assert.deepEqual(pick(resultOf('test_xfail__fails__then_xfailed')), ['xfailed', 'known bug']);
  assert.deepEqual(pick(resultOf('test_xpass__passes__then_xpassed')), ['xpassed', 'bug was fixed']);
});

const pick = (result: ResultEvent): [string, string | undefined] => [result.outcome, result.message];

test('basic run: parametrize case ids and class methods keep their pytest node ids', () => {
  assert.equal(resultOf('test_param__cases__then_ids[one]').outcome, 'passed');
  assert.equal(resultOf('test_param__cases__then_ids[two]').outcome, 'passed');
  assert.equal(resultOf('TestGroup::test_method__in_class__then_passes').outcome, 'passed');
});

test('basic run: stdout and stderr of a test are captured per test', () => {
  const printed = resultOf('test_output__prints__then_captured');
  assert.equal(printed.stdout, 'hello from stdout\n');
  assert.equal(printed.stderr, 'hello from stderr\n');
});

test('basic run: every started test gets a result, and collected events carry 1-based lines', () => {
  const started = eventsOfType(events, 'started').map((event) => event.nodeid);
  assert.deepEqual(started, summary.results.map((result) => result.nodeid));
  const collected = eventsOfType(events, 'collected').find((event) => event.nodeid === `${FILE}::test_pass__always__then_passes`);
  assert.equal(collected?.line, lineIn('def test_pass__always__then_passes'));
  assert.equal(collected?.file, `${basic}/${FILE}`);
});

test('basic run: cargo and pytest output reaches onOutput', () => {
  assert.match(output, /test session starts/);
  assert.match(output, /Running tests\/python\.rs/);
});

test('selection: only the given node ids run, parents select their children, unknown ids are reported', async () => {
  const selected = await runTests({
    crateDir: basic,
    env: testEnv(),
    nodeIds: [`${FILE}::test_pass__always__then_passes`, `${FILE}::test_param__cases__then_ids`, `${FILE}::test_missing`],
  });
  assert.deepEqual(selected.results.map((result) => result.nodeid), [
    `${FILE}::test_pass__always__then_passes`,
    `${FILE}::test_param__cases__then_ids[one]`,
    `${FILE}::test_param__cases__then_ids[two]`,
  ]);
  assert.deepEqual(selected.unmatchedNodeIds, [`${FILE}::test_missing`]);
  assert.equal(selected.counts.failed, 0);
  assert.equal(selected.ok, false, 'a requested test pytest did not collect is not a pass');
});

test('doctests (--doctest-modules): a failing example is a failure at its line, with what it wanted against what it printed', async () => {
  const doctests = 'python/tests/doctest_examples.py';
  const summary = await runTests({ crateDir: basic, env: testEnv(), pytestArgs: ['--doctest-modules'], nodeIds: [doctests] });
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [
    [`${doctests}::doctest_examples.add`, 'passed'],
    [`${doctests}::doctest_examples.shout`, 'failed'],
  ]);
  const failed = summary.results[1];
  assert.equal(failed.file, `${basic}/${doctests}`);
  assert.equal(failed.line, lineOf(`${basic}/${doctests}`, '>>> shout("hey")'));
  assert.equal(failed.expected, "'HEY'\n");
  assert.equal(failed.actual, "'HEY!'\n");
});
