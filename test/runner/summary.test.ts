import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { flakiness, parseTranscript, ResultEvent, RunEvent, summarize } from '../../server/src/engine/runner';
import { transcript } from './helpers';

const recorded = (): RunEvent[] => parseTranscript(transcript('scenario-basic-run.jsonl')).flatMap((line) => (line.ok ? [line.event] : []));

test('summarize: counts every outcome of the recorded basic run', () => {
  const summary = summarize([...recorded(), { event: 'processExit', code: 101, signal: null, cancelled: false }]);
  assert.deepEqual(summary.counts, { passed: 5, failed: 2, skipped: 3, xfailed: 1, xpassed: 1, error: 1 });
  assert.equal(summary.ok, false);
  assert.equal(summary.exitCode, 101);
  assert.equal(summary.sessions.length, 1);
});

test('summarize: a run without any pytest session is never ok, even with exit code 0', () => {
  const summary = summarize([{ event: 'processExit', code: 0, signal: null, cancelled: false }]);
  assert.equal(summary.ok, false);
});

test('summarize: a runner error makes the run not ok', () => {
  const passing = recorded().filter((event) => event.event !== 'result' || event.outcome === 'passed');
  assert.equal(summarize(passing).ok, true);
  assert.equal(summarize([...passing, { event: 'error', kind: 'pytestCrashed', message: 'x' }]).ok, false);
});

const result = (nodeid: string, outcome: ResultEvent['outcome']): ResultEvent => ({
  event: 'result', nodeid, outcome, when: 'call', duration: 0, stdout: '', stderr: '', log: '',
});

test('flakiness: a test that both passed and failed is flaky and listed first', () => {
  const entries = flakiness([result('a', 'passed'), result('b', 'passed'), result('a', 'passed'), result('b', 'failed')], 2);
  assert.deepEqual(entries, [
    { nodeid: 'b', runs: 2, outcomes: { passed: 1, failed: 1 }, flaky: true },
    { nodeid: 'a', runs: 2, outcomes: { passed: 2 }, flaky: false },
  ]);
});

test('summarize: deselected tests are listed once over repeated runs, in the collection order with the collected ones', () => {
  const collected = (nodeid: string): RunEvent => ({ event: 'collected', nodeid, file: '/t.py', name: nodeid, markers: [] });
  const deselected = (nodeid: string): RunEvent => ({ event: 'deselected', nodeid, file: '/t.py', name: nodeid, markers: ['slow'], reason: '-m "not slow"' });
  const iteration = [collected('t.py::a'), deselected('t.py::b'), collected('t.py::c')];
  const summary = summarize([...iteration, ...iteration, { event: 'selectionDeselected', nodeids: ['t.py::b'], reason: '-m "not slow"' }]);
  assert.deepEqual(summary.allCollected, ['t.py::a', 't.py::b', 't.py::c']);
  assert.deepEqual(summary.deselected.map((event) => event.nodeid), ['t.py::b']);
  assert.deepEqual(summary.collected.map((event) => event.nodeid), ['t.py::a', 't.py::c', 't.py::a', 't.py::c']);
  assert.deepEqual(summary.deselectedRequests, { 't.py::b': '-m "not slow"' });
});
