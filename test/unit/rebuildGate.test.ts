// The Test Explorer's full rebuilds give the event loop turns, so requests and file updates arrive
// while one runs. The gate must run one rebuild at a time, fold the requests made during one into
// a single follow-up, and replay the file updates made during one after it (the latest per file),
// before a follow-up starts. The rebuilds are promises the test settles itself: deterministic.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RebuildGate } from '../../src/testing/rebuildGate';

/** A gate whose rebuilds finish only when the test says so, logging what happens in order. */
function controlledGate() {
  const log: string[] = [];
  const finishers: { finish(): void; fail(error: Error): void }[] = [];
  let started = 0;
  const gate = new RebuildGate<string>(
    () =>
      new Promise<void>((resolve, reject) => {
        log.push(`rebuild ${++started}`);
        finishers.push({ finish: resolve, fail: reject });
      }),
    (key, update) => log.push(`replay ${key}=${update}`),
  );
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return { gate, log, finishers, turn };
}

describe('Test Explorer: rebuild gate', () => {
  it('applies updates at once while no rebuild runs', () => {
    const { gate, log } = controlledGate();
    assert.equal(gate.isRebuilding, false);
    assert.equal(gate.defer('a.py', 'v1'), false, 'nothing runs: the caller applies it now');
    assert.equal(gate.pending, undefined);
    assert.deepEqual(log, []);
  });

  it('runs the requests made during a rebuild as one follow-up, after replaying the updates', async () => {
    const { gate, log, finishers, turn } = controlledGate();
    const first = gate.request();
    assert.equal(gate.isRebuilding, true, 'running from the request on, before its first line');
    assert.equal(gate.defer('early.py', 'v1'), true);
    await turn();
    assert.deepEqual(log, ['rebuild 1']);
    const second = gate.request();
    const third = gate.request();
    assert.equal(second, third, 'requests during a rebuild share one follow-up');
    assert.equal(gate.pending, second);
    assert.equal(gate.defer('a.py', 'v1'), true);
    assert.equal(gate.defer('b.py', 'v1'), true);
    assert.equal(gate.defer('a.py', 'v2'), true);
    finishers[0].finish();
    await first;
    assert.deepEqual(log, ['rebuild 1', 'replay early.py=v1', 'replay b.py=v1', 'replay a.py=v2'], 'the latest update of each file, the last one changed last');
    await turn();
    assert.deepEqual(log.slice(4), ['rebuild 2'], 'the follow-up starts after the replay');
    finishers[1].finish();
    await second;
    assert.equal(gate.isRebuilding, false);
    assert.equal(gate.pending, undefined);
    assert.equal(finishers.length, 2, 'three requests, two rebuilds');
  });

  it('replays and runs the follow-up after a rebuild that failed, whose request rejects', async () => {
    const { gate, log, finishers, turn } = controlledGate();
    const first = gate.request();
    await turn();
    const second = gate.request();
    gate.defer('a.py', 'v1');
    finishers[0].fail(new Error('parser gone'));
    await assert.rejects(first, /parser gone/);
    await turn();
    assert.deepEqual(log, ['rebuild 1', 'replay a.py=v1', 'rebuild 2'], 'replayed, then the follow-up');
    finishers[1].finish();
    await second;
    assert.equal(gate.defer('a.py', 'v2'), false, 'idle again');
  });
});
