// Runs with optional pytest plugins in a real editor, Debian's packages put on PYTHONPATH through
// `pytestPatterns.cargo.env` and their options in `pytestPatterns.pytest.args`:
// - pytest-xdist `-n 2`: workers run the tests and only the controller reports them, so the failing
//   test still shows expected/actual at its failing line (carried on the report from the worker);
// - pytest-rerunfailures `--reruns 1`: the failing test is one result, the last attempt's, and its
//   output says the earlier attempt failed too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lineContaining, testingApi, withPythonPlugins, workspaceFile, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';
import type { RunRecord } from '../../src/testing/runRecord';

const PASSING = 'python/tests/test_analyzer.py::test_analyzer__empty_events__then_returns_empty_summary';
const FAILING_FILE = 'python/tests/test_showcase_failure.py';
const FAILING = `${FAILING_FILE}::test_analyzer__showcase_counts__then_matches_expected`;

/** The failing showcase test failed with its diff at the `assert actual == expected` line. */
async function assertFailedWithDiff(record: RunRecord): Promise<void> {
  const failing = record.results.get(FAILING);
  assert.equal(failing?.state, 'failed', `state ${failing?.state}; output:\n${record.output.slice(-2000)}`);
  const [message] = failing!.messages;
  assert.match(message.expected ?? '', /'process': 2/, `a diff message: ${JSON.stringify(message)}`);
  assert.match(message.actual ?? '', /'process': 1/);
  const document = await vscode.workspace.openTextDocument(workspaceFile(FAILING_FILE));
  const failingLine = lineContaining(document, 'assert actual == expected') + 1;
  assert.ok(message.location?.endsWith(`test_showcase_failure.py:${failingLine}`), `location ${message.location}, expected line ${failingLine}`);
}

suite('optional pytest plugins in runs', () => {
  if (workspaceTrustEnabled()) {
    // Restricted Mode runs no tests and ignores the machine-overridable cargo.env.
    test.skip('pytest-xdist and pytest-rerunfailures (skipped: an untrusted workspace runs no tests)', () => undefined);
    return;
  }

  test('pytest-xdist -n 2: workers run the tests and the failure keeps its diff at the failing line', async function () {
    this.timeout(240_000);
    const api = await testingApi<TestingApi>();
    await api.discover();
    const skip = (reason: string): never => (console.log(`skipped: ${reason}`), this.skip());
    await withPythonPlugins(['xdist', 'execnet'], ['-n', '2'], skip, async () => {
      const record = await api.run([PASSING, FAILING]);
      assert.match(record.output, /gw0 \[\d+\] \/ gw1 \[\d+\]/, `two workers ran the tests; output:\n${record.output.slice(-2000)}`);
      assert.equal(record.results.get(PASSING)?.state, 'passed');
      await assertFailedWithDiff(record);
    });
  });

  test('pytest-rerunfailures --reruns 1: one result, the last attempt\'s, and the output says the first failed too', async function () {
    this.timeout(240_000);
    const api = await testingApi<TestingApi>();
    await api.discover();
    const skip = (reason: string): never => (console.log(`skipped: ${reason}`), this.skip());
    await withPythonPlugins(['pytest_rerunfailures'], ['--reruns', '1'], skip, async () => {
      const record = await api.run([FAILING]);
      assert.match(record.output, /1 rerun/, `pytest-rerunfailures reran the test; output:\n${record.output.slice(-2000)}`);
      await assertFailedWithDiff(record);
      assert.match(record.output, /failed on attempt 2 of 2; the first attempt failed \(pytest-rerunfailures\): .*assert /);
    });
  });
});
