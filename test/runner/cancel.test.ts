// Cancelling mid-run kills cargo, the test binary and pytest: nothing of the tree survives.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { runTests } from '../../server/src/engine/runner';
import { processIsGone, scenario, testEnv } from './helpers';

test('cancel: aborting as soon as the blocking test started ends the whole process group', async () => {
  // The scenario test connects here and blocks reading; this server never writes, so the test
  // can only end by cancellation.
  const held: net.Socket[] = [];
  const server = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  const controller = new AbortController();
  let pytestPid: number | undefined;
  let groupPid: number | undefined;
  const target = 'python/tests/test_outcomes.py::test_block__until_cancelled__then_never_finishes';
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ SCENARIO_BLOCK_PORT: String(port) }),
    nodeIds: [target],
    signal: controller.signal,
    onEvent: (event) => {
      if (event.event === 'processStart') groupPid = event.pid;
      if (event.event === 'sessionStart') pytestPid = event.pid;
      if (event.event === 'started' && event.nodeid === target) controller.abort();
    },
  });
  held.forEach((socket) => socket.destroy());
  server.close();

  assert.equal(summary.cancelled, true);
  assert.equal(summary.ok, false);
  assert.deepEqual(summary.results, []);
  assert.deepEqual(summary.errors, []);
  assert.ok(pytestPid !== undefined && groupPid !== undefined);
  assert.equal(processIsGone(pytestPid), true, `pytest (pid ${pytestPid}) still runs`);
  assert.equal(processIsGone(groupPid), true, `cargo (pid ${groupPid}) still runs`);
  assert.deepEqual(runningMembersOfGroup(groupPid), []);
});

/** Pids of live (non-zombie) processes whose process group is `pgid`. */
function runningMembersOfGroup(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] = state, fields[2] = pgrp
      if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

test('cancel: a signal already aborted before the start runs nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  let spawned = false;
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv(),
    signal: controller.signal,
    onEvent: (event) => (spawned ||= event.event === 'processStart'),
  });
  assert.equal(summary.cancelled, true);
  assert.equal(spawned, false);
});

const ORPHAN = 'python/tests/test_outcomes.py::test_orphan__background_child__then_left_running';

test('orphans: a background child a test leaves in the group is ended when the run completes', async () => {
  const summary = await runTests({ crateDir: scenario('basic'), env: testEnv({ SCENARIO_ORPHAN: '1' }), nodeIds: [ORPHAN] });
  assert.equal(summary.counts.passed, 1);
  const pid = Number(/orphan pid (\d+)/.exec(summary.results[0].stdout)?.[1]);
  assert.ok(pid > 0);
  assert.equal(processIsGone(pid), true, `orphan ${pid} still runs`);
});

test('orphans: a background child holding the output pipe open does not hang the run', async () => {
  // With -s the child inherits the real stdout pipe, so the pipes stay open after cargo exits.
  let output = '';
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ SCENARIO_ORPHAN: '1' }),
    nodeIds: [ORPHAN],
    pytestArgs: ['-s'],
    onOutput: (text) => (output += text),
  });
  assert.equal(summary.counts.passed, 1);
  assert.deepEqual(summary.errors, []);
  const pid = Number(/orphan pid (\d+)/.exec(output)?.[1]);
  assert.ok(pid > 0);
  assert.equal(processIsGone(pid), true, `orphan ${pid} still runs`);
});
