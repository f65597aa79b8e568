// A runner process that exits mid-run (editor closed, CLI interrupted) takes its runs with it:
// the detached process groups of cargo, the harness and pytest are killed on exit.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { processIsGone } from './helpers';

/** Resolves when every pid is gone; SIGKILL lands asynchronously, so look again on each tick until the deadline. */
async function waitUntilGone(pids: number[], deadlineMs: number): Promise<number[]> {
  const deadline = Date.now() + deadlineMs;
  let alive = pids.filter((pid) => !processIsGone(pid));
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
    alive = alive.filter((pid) => !processIsGone(pid));
  }
  return alive;
}

test('process exit: a runner that exits mid-run leaves no cargo, harness or pytest behind', async () => {
  // The scenario test connects here and blocks reading, so it can only end by being killed.
  const held: net.Socket[] = [];
  const server = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  const child = spawn(process.execPath, [path.join(__dirname, 'exitWhileRunning.js'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  try {
    assert.equal(code, 0, `the runner process failed:\n${stdout}`);
    const { pytestPid, groupPid } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { pytestPid?: number; groupPid?: number };
    assert.ok(pytestPid !== undefined && groupPid !== undefined, `no pids reported:\n${stdout}`);
    // The blocking test stays blocked while the server holds its connection: only a kill ends it.
    assert.deepEqual(await waitUntilGone([pytestPid, groupPid], 5000), [], 'processes of the run outlived the runner');
  } finally {
    held.forEach((socket) => socket.destroy());
    server.close();
  }
});
