// Continuous run: one run at a time; saves during a run coalesce into exactly one follow-up run,
// and stopping drops the follow-up and waits for the run in progress. The runs are real promises
// the test settles itself, so every interleaving below is deterministic.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoalescingQueue } from '../../src/testing/continuousQueue';

interface Run {
  work: string[];
  finish(): void;
  fail(error: Error): void;
}

/** A queue over string lists whose runs finish only when the test says so. */
function controlledQueue() {
  const runs: Run[] = [];
  const waiting: ((run: Run) => void)[] = [];
  const finished: { runs: number; followUp: boolean }[] = [];
  const errors: unknown[] = [];
  const queue = new CoalescingQueue<string[]>(
    (work) =>
      new Promise<void>((resolve, reject) => {
        const run = { work, finish: resolve, fail: reject };
        runs.push(run);
        waiting.shift()?.(run);
      }),
    (earlier, later) => [...new Set([...earlier, ...later])],
    { onRunFinished: (count, followUp) => finished.push({ runs: count, followUp }), onError: (error) => errors.push(error) },
  );
  /** Resolves with run number `index` (0-based) once it has started. */
  const started = (index: number): Promise<Run> =>
    runs[index] ? Promise.resolve(runs[index]) : new Promise((resolve) => waiting.push((run) => (runs.indexOf(run) === index ? resolve(run) : undefined)));
  const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return { queue, runs, started, finished, errors, settled };
}

describe('continuous run: coalescing queue', () => {
  it('starts the first save at once and merges the saves of a run in progress into one follow-up', async () => {
    const { queue, runs, started, finished, settled } = controlledQueue();
    assert.equal(queue.push(['a']), 'run');
    const first = await started(0);
    assert.deepEqual(first.work, ['a']);
    assert.equal(queue.push(['b']), 'queued');
    assert.equal(queue.push(['c', 'b']), 'queued');
    assert.equal(queue.push(['a']), 'queued');
    first.finish();
    const second = await started(1);
    assert.deepEqual(second.work, ['b', 'c', 'a'], 'one follow-up with every queued save');
    second.finish();
    await settled();
    assert.equal(runs.length, 2, 'four saves during one run give two runs, not four');
    assert.deepEqual(finished, [{ runs: 1, followUp: true }, { runs: 2, followUp: false }]);
    assert.equal(queue.runs, 2);
  });

  it('runs again when a save arrives after the previous run ended', async () => {
    const { queue, started, settled } = controlledQueue();
    queue.push(['a']);
    (await started(0)).finish();
    await settled();
    assert.equal(queue.push(['b']), 'run', 'an idle queue starts at once');
    assert.deepEqual((await started(1)).work, ['b']);
  });

  it('stop drops the queued follow-up and resolves only when the run in progress settles', async () => {
    const { queue, runs, started, finished, settled } = controlledQueue();
    queue.push(['a']);
    const first = await started(0);
    queue.push(['b']);
    let stopped = false;
    const stopping = queue.stop().then(() => (stopped = true));
    await settled();
    assert.equal(stopped, false, 'stop waits for the run in progress');
    assert.equal(queue.push(['c']), 'stopped');
    first.finish();
    await stopping;
    await settled();
    assert.equal(runs.length, 1, 'the queued follow-up never ran');
    assert.deepEqual(finished, [{ runs: 1, followUp: false }]);
  });

  it('a failing run is reported and the loop goes on with the follow-up', async () => {
    const { queue, started, errors } = controlledQueue();
    queue.push(['a']);
    const first = await started(0);
    queue.push(['b']);
    first.fail(new Error('cargo vanished'));
    const second = await started(1);
    assert.deepEqual(second.work, ['b']);
    assert.equal((errors[0] as Error).message, 'cargo vanished');
  });

  it('stop on an idle queue resolves at once', async () => {
    const { queue } = controlledQueue();
    await queue.stop();
    assert.equal(queue.push(['a']), 'stopped');
    assert.equal(queue.runs, 0);
  });
});
