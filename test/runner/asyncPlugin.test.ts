// Async tests with the real pytest-asyncio (Debian's python3-pytest-asyncio, linked into a
// PYTHONPATH overlay), through cargo on the example crate: the marked async test runs and passes;
// the deliberately unmarked one (asyncio_mode is strict) fails with pytest's own explanation,
// never a silent pass. Without the plugin the example's conftest skips both with a reason
// (example.test.ts).

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runTests } from '../../server/src/engine/runner';
import { aptPythonOverlay } from '../support/aptPythonPackages';
import { exampleCrate, lineOf, testEnv } from './helpers';

const overlay = aptPythonOverlay(['pytest_asyncio']);
const needsPytestAsyncio = { skip: overlay.ok ? false : `needs Debian's pytest-asyncio: ${overlay.reason}`, timeout: 240_000 };
after(() => overlay.ok && fs.rmSync(overlay.dir, { recursive: true, force: true }));

const MARKED = 'python/tests/test_analyzer.py::test_analyzer__async_stream__then_analyzes_all';
const UNMARKED = 'python/tests/test_violations.py::test_analyzer__async_without_marker__then_never_awaited';

test('async: with pytest-asyncio the marked async test runs and passes, the unmarked one fails with pytest\'s reason', needsPytestAsyncio, async () => {
  const summary = await runTests({ crateDir: exampleCrate, nodeIds: [MARKED, UNMARKED], env: testEnv({ PYTHONPATH: overlay.ok ? overlay.dir : '' }) });
  assert.deepEqual(summary.errors, []);
  const outcomes = Object.fromEntries(summary.results.map((result) => [result.nodeid, result.outcome]));
  assert.deepEqual(outcomes, { [MARKED]: 'passed', [UNMARKED]: 'failed' });
  const unmarked = summary.results.find((result) => result.nodeid === UNMARKED);
  assert.match(unmarked?.longrepr ?? '', /async def functions are not natively supported/);
  // pytest fails it from its own code: the location is the test's definition, not pytest's internals.
  const file = fs.realpathSync(`${exampleCrate}/python/tests/test_violations.py`);
  assert.deepEqual([unmarked?.file, unmarked?.line], [file, lineOf(file, 'async def test_analyzer__async_without_marker__then_never_awaited')]);
  assert.equal(summary.ok, false);
});
