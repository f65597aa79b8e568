// pytest-xdist in a real editor: `pytestPatterns.pytest.args` = ["-n", "2"] and Debian's
// python3-pytest-xdist on PYTHONPATH (through `pytestPatterns.cargo.env`). Workers run the tests and
// only the controller reports them, so the failing test still shows expected/actual at its failing
// line: those come from the worker that ran it, carried on the test's report.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { aptPythonOverlay } from '../support/aptPythonPackages';
import { lineContaining, testingApi, workspaceFile, workspaceTrustEnabled } from './helpers';

interface RunRecord {
  results: Map<string, { state: string; messages: { message: string; expected?: string; actual?: string; location?: string }[] }>;
  output: string;
}
interface TestingApi {
  discover(): Promise<void>;
  run(nodeids: string[], mode?: string): Promise<RunRecord>;
}

const PASSING = 'python/tests/test_analyzer.py::test_analyzer__empty_events__then_returns_empty_summary';
const FAILING_FILE = 'python/tests/test_showcase_failure.py';
const FAILING = `${FAILING_FILE}::test_analyzer__showcase_counts__then_matches_expected`;

suite('pytest-xdist', () => {
  if (workspaceTrustEnabled()) {
    // Restricted Mode runs no tests and ignores the machine-overridable cargo.env.
    test.skip('runs with -n 2 (skipped: an untrusted workspace runs no tests)', () => undefined);
    return;
  }

  test('with -n 2 in the pytest args, workers run the tests and the failure keeps its diff at the failing line', async function () {
    this.timeout(240_000);
    const overlay = aptPythonOverlay(['xdist', 'execnet']);
    if (!overlay.ok) {
      console.log(`skipped: needs Debian's pytest-xdist: ${overlay.reason}`);
      this.skip();
    }
    const api = await testingApi<TestingApi>();
    await api.discover();
    const configuration = vscode.workspace.getConfiguration('pytestPatterns');
    const envBefore = configuration.inspect<Record<string, string>>('cargo.env')?.workspaceValue;
    const argsBefore = configuration.inspect<string[]>('pytest.args')?.workspaceValue;
    await configuration.update('cargo.env', { ...(envBefore ?? {}), PYTHONPATH: overlay.dir }, vscode.ConfigurationTarget.Workspace);
    await configuration.update('pytest.args', ['-n', '2'], vscode.ConfigurationTarget.Workspace);
    try {
      const record = await api.run([PASSING, FAILING]);
      assert.match(record.output, /gw0 \[\d+\] \/ gw1 \[\d+\]/, `two workers ran the tests; output:\n${record.output.slice(-2000)}`);
      assert.equal(record.results.get(PASSING)?.state, 'passed');
      const failing = record.results.get(FAILING);
      assert.equal(failing?.state, 'failed', `state ${failing?.state}`);
      const [message] = failing!.messages;
      assert.match(message.expected ?? '', /'process': 2/, `a diff message: ${JSON.stringify(message)}`);
      assert.match(message.actual ?? '', /'process': 1/);
      const document = await vscode.workspace.openTextDocument(workspaceFile(FAILING_FILE));
      const failingLine = lineContaining(document, 'assert actual == expected') + 1;
      assert.ok(message.location?.endsWith(`test_showcase_failure.py:${failingLine}`), `location ${message.location}, expected line ${failingLine}`);
    } finally {
      await configuration.update('pytest.args', argsBefore, vscode.ConfigurationTarget.Workspace);
      await configuration.update('cargo.env', envBefore, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(overlay.dir, { recursive: true, force: true }); // links only
    }
  });
});
