// The Debug profile in a real editor with the real debugpy (Debian's, put on PYTHONPATH through the
// `pytestPatterns.cargo.env` setting). code-server ships no Python Debugger extension, so attaching
// must fail with our install message and the run must end: pytest waits in debugpy.wait_for_client()
// until a client comes, and none will. Where a `debugpy` debugger is installed the test must pass.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testingApi, withPythonPlugins, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';

const NODEID = 'python/tests/test_analyzer.py::test_analyzer__empty_events__then_returns_empty_summary';
/** Only turns a run that waits forever for a debugger into a readable failure. */
const RUN_DEADLINE_MS = 240_000;

function debugpyDebuggerInstalled(): boolean {
  return vscode.extensions.all.some((extension) => {
    const debuggers: unknown = extension.packageJSON?.contributes?.debuggers;
    return Array.isArray(debuggers) && debuggers.some((entry) => entry?.type === 'debugpy');
  });
}

function withinDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within ${RUN_DEADLINE_MS} ms`)), RUN_DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

suite('debug profile', () => {
  if (workspaceTrustEnabled()) {
    // Restricted Mode: runs are refused before any setting is read (the test explorer suite checks that),
    // and the machine-overridable cargo.env is ignored, so debugpy could never be put on PYTHONPATH.
    test.skip('debug with debugpy (skipped: an untrusted workspace runs no tests and ignores pytestPatterns.cargo.env)', () => undefined);
    return;
  }

  test('with debugpy but no Python Debugger extension, the run ends with the install message instead of waiting', async function () {
    this.timeout(RUN_DEADLINE_MS + 30_000);
    const api = await testingApi<TestingApi>();
    await api.discover();
    const before = vscode.workspace.getConfiguration('pytestPatterns').inspect<Record<string, string>>('cargo.env')?.workspaceValue;
    const skip = (reason: string): never => (console.log(`skipped: needs Debian's debugpy: ${reason}`), this.skip());
    await withPythonPlugins(['debugpy', 'bytecode'], undefined, skip, async () => {
      const record = await withinDeadline(api.run([NODEID], 'debug'), 'the debug run');
      const result = record.results.get(NODEID);
      assert.ok(result, `the test got a state; output:\n${record.output.slice(-2000)}`);
      assert.match(record.output, /debugpy listens on 127\.0\.0\.1:\d+/, 'the real debugpy started in pytest');
      if (debugpyDebuggerInstalled()) {
        assert.equal(result.state, 'passed', `attached and ran: ${JSON.stringify(result.messages)}`);
        return;
      }
      assert.equal(result.state, 'errored', `state ${result.state}; output:\n${record.output.slice(-2000)}`);
      assert.match(result.messages[0].message, /Install the Python Debugger extension \(ms-python\.debugpy\)/);
      assert.match(record.output, /Install the Python Debugger extension/, 'the message is in the run output too');
    });
    assert.deepEqual(vscode.workspace.getConfiguration('pytestPatterns').inspect('cargo.env')?.workspaceValue, before, 'the setting is restored');
  });
});
