// Debug mode with the real debugpy (Debian's python3-debugpy, linked into a PYTHONPATH overlay): a
// DAP client attaches where the plugin says debugpy listens, as VS Code would, stops at a breakpoint
// in the selected test, reads a local, continues, and the test passes. Also: the default port is a
// free one, a busy port and a missing debugpy end the run with a clear error, cancelling while
// debugpy waits for a client ends the whole tree, and debugpy's adapter (it leaves cargo's process
// group with setsid) does not outlive the run.

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { RunEvent, runTests } from '../../server/src/engine/runner';
import { aptPythonOverlay } from '../support/aptPythonPackages';
import { DapClient, DapEvent } from '../support/dapClient';
import { eventsOfType, lineOf, processIsGone, scenario, testEnv } from './helpers';

// Debian's debugpy imports `bytecode`, which Debian packages separately (python3-bytecode).
const overlay = aptPythonOverlay(['debugpy', 'bytecode']);
const needsDebugpy = { skip: overlay.ok ? false : `needs Debian's debugpy: ${overlay.reason}`, timeout: 240_000 };
const debugpyPath = (): string => (overlay.ok ? overlay.dir : '');
// With pytest-xdist too (Debian's python3-pytest-xdist), for `-n` in the user's pytest arguments.
const xdistOverlay = aptPythonOverlay(['debugpy', 'bytecode', 'xdist', 'execnet']);
const needsDebugpyAndXdist = { skip: xdistOverlay.ok ? false : `needs Debian's debugpy and pytest-xdist: ${xdistOverlay.reason}`, timeout: 240_000 };
// The overlays hold links only; removing them leaves Debian's files alone.
after(() => {
  for (const made of [overlay, xdistOverlay]) if (made.ok) fs.rmSync(made.dir, { recursive: true, force: true });
});

const TEST_FILE = fs.realpathSync(path.join(scenario('basic'), 'python', 'tests', 'test_outcomes.py'));
const TARGET = 'python/tests/test_outcomes.py::test_param__cases__then_ids[one]';
/** Environment variable whose unique value marks every process of one run, debugpy's adapter included. */
const MARKER_ENV = 'PYTEST_PATTERNS_DEBUG_TEST_RUN';
/** Upper bound for a process to disappear after its parent or client went away (turns a leak into a failure). */
const EXIT_DEADLINE_MS = 10_000;

interface BreakpointStop {
  reason: string;
  verified: boolean;
  file: string;
  line: number;
  value: string;
  adapterPids: number[];
}

/**
 * What VS Code does when it attaches: initialize, attach, breakpoints, configurationDone; resolves
 * with the `stopped` event at `line`. `onConfigurationDone` runs just before configurationDone is
 * sent: debugpy's wait_for_client returns only after it, so pytest cannot have collected earlier.
 */
async function attachAndStopAt(client: DapClient, line: number, onConfigurationDone: () => void = () => undefined): Promise<{ stopped: DapEvent; verified: boolean }> {
  await client.request('initialize', { clientID: 'pytest-patterns-tests', adapterID: 'debugpy', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
  // debugpy answers `attach` only after configurationDone, so send it and await the reply later.
  const attached = client.request('attach', { justMyCode: false });
  await client.waitForEvent('initialized');
  const breakpoints = await client.request('setBreakpoints', { source: { path: TEST_FILE }, breakpoints: [{ line }] });
  onConfigurationDone();
  await client.request('configurationDone');
  await attached;
  const stopped = await client.waitForEvent('stopped');
  return { stopped, verified: breakpoints.body.breakpoints[0]?.verified === true };
}

/** Stops at `line`, reads `value` in the top frame, continues, and waits until the debuggee is gone. */
async function stopAtBreakpoint(host: string, port: number, line: number, marker: string, onConfigurationDone: () => void): Promise<BreakpointStop> {
  const client = await DapClient.connect(host, port);
  try {
    const { stopped, verified } = await attachAndStopAt(client, line, onConfigurationDone);
    const threadId = stopped.body.threadId as number;
    const trace = await client.request('stackTrace', { threadId, startFrame: 0, levels: 1 });
    const top = trace.body.stackFrames[0];
    const evaluated = await client.request('evaluate', { expression: 'value', frameId: top.id, context: 'watch' });
    const adapterPids = adapterPidsOf(marker);
    await client.request('continue', { threadId });
    await client.waitForEvent('terminated');
    return { reason: stopped.body.reason, verified, file: top.source?.path, line: top.line, value: evaluated.body.result, adapterPids };
  } finally {
    await client.close();
  }
}

test('debug: a DAP client attaches where debugpy listens, stops at the breakpoint in the test, then the test passes', needsDebugpy, async () => {
  const line = lineOf(TEST_FILE, 'assert value in (1, 2)');
  const marker = randomUUID();
  // 5678 is debugpy's usual port: keep it busy to show the runner does not depend on it being free.
  const usualPort = await holdPort(5678);
  const controller = new AbortController();
  const events: RunEvent[] = [];
  let session: Promise<BreakpointStop> | undefined;
  let configured = false;
  let collectedBeforeAttach = false;
  let output = '';
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ PYTHONPATH: debugpyPath(), [MARKER_ENV]: marker }),
    mode: 'debug',
    nodeIds: [TARGET],
    signal: controller.signal,
    onOutput: (text) => (output += text),
    onEvent: (event) => {
      events.push(event);
      if (event.event === 'collectionFinish') collectedBeforeAttach ||= !configured;
      if (event.event !== 'debugListening') return;
      session = stopAtBreakpoint(event.host, event.port, line, marker, () => (configured = true));
      // A failing client must not leave pytest waiting for it forever.
      session.catch(() => controller.abort());
    },
  });
  usualPort?.close();

  assert.ok(session, `no debugListening event: ${JSON.stringify(summary.errors)}`);
  const stop = await session;
  const [listening] = eventsOfType(events, 'debugListening');
  assert.equal(listening.host, '127.0.0.1');
  assert.notEqual(listening.port, 5678);
  assert.equal(collectedBeforeAttach, false, 'pytest waited for the client before collecting');
  assert.equal(stop.verified, true, 'debugpy verified the breakpoint');
  assert.equal(stop.reason, 'breakpoint');
  assert.equal(fs.realpathSync(stop.file), TEST_FILE);
  assert.equal(stop.line, line);
  assert.equal(stop.value, '1', 'the local `value` of the case [one]');
  assert.deepEqual(summary.errors, []);
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [[TARGET, 'passed']]);
  assert.equal(summary.ok, true);
  assert.equal(stop.adapterPids.length, 1, 'debugpy ran one adapter for the run');
  assert.doesNotMatch(output, /frozen modules/, 'debugpy\'s frozen-modules warning does not clutter the run output');
  await assertAllGone(marker, 'after the run and the client ended');
});

test('debug: with pytest-xdist\'s -n 2 the test runs in the process debugpy watches, and a notice says why', needsDebugpyAndXdist, async () => {
  const line = lineOf(TEST_FILE, 'assert value in (1, 2)');
  const marker = randomUUID();
  const controller = new AbortController();
  const events: RunEvent[] = [];
  let session: Promise<BreakpointStop> | undefined;
  let output = '';
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ PYTHONPATH: xdistOverlay.ok ? xdistOverlay.dir : '', [MARKER_ENV]: marker }),
    mode: 'debug',
    nodeIds: [TARGET],
    pytestArgs: ['-n', '2'],
    signal: controller.signal,
    onOutput: (text) => (output += text),
    onEvent: (event) => {
      events.push(event);
      if (event.event !== 'debugListening') return;
      session = stopAtBreakpoint(event.host, event.port, line, marker, () => undefined);
      session.catch(() => controller.abort());
    },
  });
  assert.ok(session, `no debugListening event: ${JSON.stringify(summary.errors)}`);
  const stop = await session;
  assert.equal(stop.reason, 'breakpoint', 'the breakpoint in the test was hit: it ran in the debugged process');
  assert.equal(stop.line, line);
  const notices = eventsOfType(events, 'notice').filter((notice) => notice.kind === 'singleProcess');
  assert.equal(notices.length, 1);
  assert.match(notices[0].message, /-n is ignored.*debugger/);
  assert.match(output, /xdist-/, 'pytest-xdist was loaded');
  assert.doesNotMatch(output, /\bgw0\b/, 'no worker started');
  assert.deepEqual(summary.results.map((result) => [result.nodeid, result.outcome]), [[TARGET, 'passed']]);
  await assertAllGone(marker, 'after the run and the client ended');
});

test('debug: cancelling while debugpy waits for a client ends pytest, cargo and debugpy\'s adapter', needsDebugpy, async () => {
  const marker = randomUUID();
  const controller = new AbortController();
  let pytestPid: number | undefined;
  let groupPid: number | undefined;
  let adapterPids: number[] = [];
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ PYTHONPATH: debugpyPath(), [MARKER_ENV]: marker }),
    mode: 'debug',
    nodeIds: [TARGET],
    signal: controller.signal,
    onEvent: (event) => {
      if (event.event === 'processStart') groupPid = event.pid;
      if (event.event === 'sessionStart') pytestPid = event.pid;
      if (event.event === 'debugListening') {
        // Nobody attaches: pytest blocks in wait_for_client until the run is cancelled.
        adapterPids = adapterPidsOf(marker);
        controller.abort();
      }
    },
  });
  assert.equal(summary.cancelled, true);
  assert.deepEqual(summary.results, []);
  assert.deepEqual(summary.errors, []);
  assert.ok(pytestPid !== undefined && groupPid !== undefined);
  assert.equal(processIsGone(pytestPid), true, `pytest (pid ${pytestPid}) still runs`);
  assert.equal(processIsGone(groupPid), true, `cargo (pid ${groupPid}) still runs`);
  assert.equal(adapterPids.length, 1, 'debugpy\'s adapter was running while it waited');
  await assertAllGone(marker, 'after cancelling');
});

test('debug: cancelling while paused at a breakpoint ends the tree; the client is told and debugpy\'s adapter exits', needsDebugpy, async () => {
  const line = lineOf(TEST_FILE, 'assert value in (1, 2)');
  const marker = randomUUID();
  const controller = new AbortController();
  let adapterPids: number[] = [];
  let paused: Promise<DapClient> | undefined;
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv({ PYTHONPATH: debugpyPath(), [MARKER_ENV]: marker }),
    mode: 'debug',
    nodeIds: [TARGET],
    signal: controller.signal,
    onEvent: (event) => {
      if (event.event !== 'debugListening') return;
      paused = (async () => {
        const client = await DapClient.connect(event.host, event.port);
        await attachAndStopAt(client, line);
        adapterPids = adapterPidsOf(marker);
        controller.abort();
        return client;
      })();
      paused.catch(() => controller.abort());
    },
  });
  assert.ok(paused, 'debugpy listened');
  const client = await paused;
  // The adapter reports the end of the debuggee to the client (VS Code then closes its session).
  await client.waitForEvent('terminated');
  await client.close();
  assert.equal(summary.cancelled, true);
  assert.deepEqual(summary.results, [], 'the paused test got no result');
  assert.equal(adapterPids.length, 1);
  await assertAllGone(marker, 'after cancelling at a breakpoint');
});

test('debug: a debug port already in use ends the run with debugFailed naming the port, no hang', needsDebugpy, async () => {
  const busy = await holdPort(0);
  assert.ok(busy);
  const port = (busy.address() as net.AddressInfo).port;
  const marker = randomUUID();
  try {
    const summary = await runTests({
      crateDir: scenario('basic'),
      env: testEnv({ PYTHONPATH: debugpyPath(), [MARKER_ENV]: marker }),
      mode: 'debug',
      debugPort: port,
      nodeIds: [TARGET],
    });
    assert.deepEqual(summary.errors.map((error) => error.kind), ['debugFailed']);
    assert.match(summary.errors[0].message, new RegExp(`could not listen on 127\\.0\\.0\\.1:${port}`));
    assert.deepEqual(summary.results, [], 'no test ran undebugged');
    assert.equal(summary.ok, false);
  } finally {
    busy.close();
  }
  await assertAllGone(marker, 'after the failed start');
});

test('debug: without debugpy the run ends at once with debugpyMissing naming the interpreter', async () => {
  const events: RunEvent[] = [];
  const summary = await runTests({
    crateDir: scenario('basic'),
    env: testEnv(),
    mode: 'debug',
    nodeIds: [TARGET],
    onEvent: (event) => events.push(event),
  });
  assert.deepEqual(summary.errors.map((error) => error.kind), ['debugpyMissing']);
  assert.match(summary.errors[0].message, /debugpy is not installed in \/\S+python.*Install it there/);
  assert.deepEqual(eventsOfType(events, 'processStart'), [], 'cargo never started');
  assert.deepEqual(eventsOfType(events, 'debugListening'), []);
  assert.equal(summary.ok, false);
});

/** Listens on 127.0.0.1:`port` (0: any); undefined when that port is already taken by someone else. */
function holdPort(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

interface MarkedProcess {
  pid: number;
  cmdline: string;
}

/** Live processes whose environment holds MARKER_ENV=`marker` (inherited by everything a run starts). */
function processesMarked(marker: string): MarkedProcess[] {
  const needle = `${MARKER_ENV}=${marker}`;
  const found: MarkedProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || processIsGone(Number(entry))) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(needle)) continue;
      found.push({ pid: Number(entry), cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

/** Pids of debugpy's adapter processes started by the run marked `marker`. */
function adapterPidsOf(marker: string): number[] {
  return processesMarked(marker).filter((process) => process.cmdline.includes('debugpy/adapter')).map((process) => process.pid);
}

/**
 * Fails unless every process of the run is gone within EXIT_DEADLINE_MS. debugpy's adapter exits on
 * its own once the debuggee and the client are gone, a moment after the run: poll for that, bounded.
 */
async function assertAllGone(marker: string, when: string): Promise<void> {
  const deadline = Date.now() + EXIT_DEADLINE_MS;
  let left = processesMarked(marker);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    left = processesMarked(marker);
  }
  assert.deepEqual(left, [], `processes of the run still alive ${when}`);
}
