// Test Explorer in a real editor: static discovery of the example crate, a passing and the
// deliberately failing test run through `cargo test` from "Test: Run Test at Cursor", the failure's
// expected/actual diff at the failing line, live updates on edit, and no runs when untrusted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fileRebuilt, lineContaining, openInEditor, testingApi, workspaceFile, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';
import type { RunRecord } from '../../src/testing/runRecord';

const PASSING_FILE = 'python/tests/test_analyzer.py';
const PASSING = 'test_analyzer__empty_events__then_returns_empty_summary';
const FAILING_FILE = 'python/tests/test_showcase_failure.py';
const FAILING = 'test_analyzer__showcase_counts__then_matches_expected';
const RUN_DEADLINE_MS = 240_000;

/** Resolves with the first recorded run that reports `nodeid`; rejects after the deadline. */
function nextRunReporting(api: TestingApi, nodeid: string): Promise<RunRecord> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no run reported ${nodeid} within ${RUN_DEADLINE_MS} ms`));
    }, RUN_DEADLINE_MS);
    const subscription = api.onDidRecordRun((record) => {
      if (!record.results.has(nodeid)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(record);
    });
  });
}

/** Puts the cursor inside the test and runs "Test: Run Test at Cursor", as a user would. */
async function runAtCursor(api: TestingApi, file: string, name: string): Promise<RunRecord> {
  const editor = await openInEditor(file);
  const line = lineContaining(editor.document, `def ${name}(`);
  editor.selection = new vscode.Selection(line + 1, 4, line + 1, 4);
  const nodeid = `${file}::${name}`;
  const recorded = nextRunReporting(api, nodeid);
  await vscode.commands.executeCommand('testing.runAtCursor');
  return recorded;
}

suite('test explorer', () => {
  let api: TestingApi;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await api.discover();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('discovers the crate statically with pytest node ids, on the def lines', async () => {
    const crates = [...api.controller.items].map(([, item]) => item);
    assert.equal(crates.length, 1, `one crate root, got ${crates.map((c) => c.label).join(', ')}`);
    const nodeid = `${FAILING_FILE}::${FAILING}`;
    const item = api.findItem(nodeid);
    assert.ok(item, `${nodeid} is in the tree`);
    const document = await vscode.workspace.openTextDocument(workspaceFile(FAILING_FILE));
    assert.equal(item.range?.start.line, lineContaining(document, `def ${FAILING}(`));
    const cases = api.findItem('python/tests/test_analyzer.py::test_filter__event_types__then_drops_only_debug');
    assert.deepEqual([...(cases?.children ?? [])].map(([, c]) => c.label), ['debug-True', 'info-False', 'error-False']);
  });

  test('an edit updates the file\'s tests before saving', async () => {
    const editor = await openInEditor(PASSING_FILE);
    const name = 'test_analyzer__added_in_editor__then_listed';
    const changed = new Promise<string>((resolve) => {
      const subscription = api.onDidChangeFile((file) => {
        if (!file.endsWith('test_analyzer.py')) return;
        subscription.dispose();
        resolve(file);
      });
    });
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, `\n\ndef ${name}() -> None:\n    """Added by the e2e test."""\n`));
    await changed;
    assert.ok(api.findItem(`${PASSING_FILE}::${name}`), 'the new test appears without saving');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test("typing inside a test's body keeps the file's items as they are; a moved test keeps its item", async () => {
    const editor = await openInEditor(FAILING_FILE);
    const module = api.findItem(FAILING_FILE)!;
    const test = api.findItem(`${FAILING_FILE}::${FAILING}`)!;
    const testLine = test.range!.start.line;
    const lines = editor.document.lineCount;
    const updates = async (): Promise<{ rebuilt: number; kept: number }> => (await api.discoveryStats())[0].fileUpdates[FAILING_FILE] ?? { rebuilt: 0, kept: 0 };
    const before = await updates();
    const rebuilt = fileRebuilt(api, FAILING_FILE);
    // A comment at the end of the test's first line: no line moves, no test changes.
    const line = editor.document.lineAt(lineContaining(editor.document, `def ${FAILING}(`) + 1);
    await editor.edit((edit) => edit.insert(line.range.end, '  # typed'));
    await rebuilt;
    assert.equal(editor.document.lineCount, lines);
    assert.deepEqual(await updates(), { rebuilt: before.rebuilt, kept: before.kept + 1 }, 'the module was left as it was');
    assert.equal(api.findItem(FAILING_FILE), module, 'the same module item');
    assert.equal(api.findItem(`${FAILING_FILE}::${FAILING}`), test, 'the same test item');
    // A line added above the test moves it: the module is built again, reusing the test's item on its new line.
    const moved = fileRebuilt(api, FAILING_FILE);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '\n'));
    await moved;
    assert.deepEqual(await updates(), { rebuilt: before.rebuilt + 1, kept: before.kept + 1 }, 'the module was built again');
    assert.equal(api.findItem(`${FAILING_FILE}::${FAILING}`), test, 'the same test item');
    assert.equal(test.range?.start.line, testLine + 1, 'now on its new line');
    const reverted = fileRebuilt(api, FAILING_FILE);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await reverted;
  });

  if (workspaceTrustEnabled()) {
    test('refuses to run tests in an untrusted workspace', async function () {
      this.timeout(RUN_DEADLINE_MS + 10_000);
      assert.equal(vscode.workspace.isTrusted, false, 'the trust run opens the workspace untrusted');
      // Restricted Mode may already block the Testing view's run actions; the handler must refuse too.
      const record = await api.run([`${PASSING_FILE}::${PASSING}`]);
      const result = record.results.get(`${PASSING_FILE}::${PASSING}`);
      assert.equal(result?.state, 'errored');
      assert.match(result!.messages[0].message, /untrusted workspace/);
    });
    return;
  }

  test('runs a passing test through cargo from the editor', async function () {
    this.timeout(RUN_DEADLINE_MS + 10_000);
    const record = await runAtCursor(api, PASSING_FILE, PASSING);
    const result = record.results.get(`${PASSING_FILE}::${PASSING}`);
    assert.equal(result?.state, 'passed', `state ${result?.state}: ${JSON.stringify(result?.messages)}\n${record.output.slice(-2000)}`);
    assert.match(record.output, /cargo/, 'the raw cargo output reaches the run terminal');
  });

  test('the deliberately failing test fails with expected/actual at the failing line', async function () {
    this.timeout(RUN_DEADLINE_MS + 10_000);
    const record = await runAtCursor(api, FAILING_FILE, FAILING);
    const result = record.results.get(`${FAILING_FILE}::${FAILING}`);
    assert.equal(result?.state, 'failed', `state ${result?.state}\n${record.output.slice(-2000)}`);
    const [message] = result!.messages;
    assert.ok(message.expected && message.actual, `a diff message: ${JSON.stringify(message)}`);
    assert.match(message.expected!, /'process': 2/);
    assert.match(message.actual!, /'process': 1/);
    const document = await vscode.workspace.openTextDocument(workspaceFile(FAILING_FILE));
    const failingLine = lineContaining(document, 'assert actual == expected') + 1;
    assert.ok(message.location?.endsWith(`test_showcase_failure.py:${failingLine}`), `location ${message.location}, expected line ${failingLine}`);
    assert.ok(message.stackFrames > 0, 'the message carries a stack trace');
  });

  test('Refresh collects through cargo and keeps the tree pytest reports', async function () {
    this.timeout(RUN_DEADLINE_MS + 10_000);
    await api.refresh();
    const [crate] = [...api.controller.items].map(([, item]) => item);
    assert.equal(crate.error, undefined, `refresh error: ${typeof crate.error === 'string' ? crate.error : crate.error?.value}`);
    const nodeid = 'python/tests/test_analyzer.py::test_filter__event_types__then_drops_only_debug[debug-True]';
    assert.ok(api.findItem(nodeid), `${nodeid} is still there after reconciling with pytest`);
  });

  test('the coverage profile measures without pytest-cov (built-in tracer), says so, and adds the lines the test missed', async function () {
    this.timeout(RUN_DEADLINE_MS + 10_000);
    const nodeid = `${PASSING_FILE}::${PASSING}`;
    const record = await api.run([nodeid], 'coverage');
    assert.equal(record.results.get(nodeid)?.state, 'passed', `coverage run output:\n${record.output}`);
    const pytestCovReport = /-+ coverage: platform /.test(record.output);
    if (!pytestCovReport) {
      // This machine's interpreter has no pytest-cov: the run says who measured and how to get more.
      assert.match(record.output, /\[pytest-patterns\] pytest-cov is not installed in \S+; line coverage is measured by Pytest Patterns' built-in tracer \(no branch coverage, slower\)/);
    }
    const analyzerUri = workspaceFile('python/query_engine/analyzer.py');
    const analyzer = record.coverage?.find((file) => file.file === fs.realpathSync(analyzerUri.fsPath));
    assert.ok(analyzer, `coverage added for analyzer.py (files: ${record.coverage?.map((file) => file.file).join(', ')})`);
    // analyze([]) runs without calling should_filter or analyze_stream, and does not raise.
    const document = await vscode.workspace.openTextDocument(analyzerUri);
    const line = (text: string): number => lineContaining(document, text) + 1;
    const expectedMissing = [
      line('return self.drop_debug and event.type == "debug"'),
      line('raise ValueError("Expected an iterable of events, got text")'),
      line('collected = [event async for event in events]'),
      line('await asyncio.sleep(0)'),
      line('return self.analyze(collected)'),
    ];
    assert.deepEqual(analyzer.missingLines, expectedMissing);
    assert.equal(analyzer.total - analyzer.covered, expectedMissing.length);
    assert.ok(analyzer.covered > 0);
  });

  test('the debug profile explains a missing debugpy instead of hanging', async function () {
    this.timeout(RUN_DEADLINE_MS + 10_000);
    const nodeid = `${PASSING_FILE}::${PASSING}`;
    const record = await api.run([nodeid], 'debug');
    const result = record.results.get(nodeid);
    assert.ok(result, 'the requested test got a state');
    if (result.state === 'passed') return; // debugpy is installed: the debugger attached and the test ran
    assert.equal(result.state, 'errored');
    assert.match(result.messages[0].message, /debugpy is not installed/);
  });

  test('Run Repeatedly runs the selection N times and keeps the outcome', async function () {
    this.timeout(2 * RUN_DEADLINE_MS);
    const configuration = vscode.workspace.getConfiguration('pytestPatterns');
    await configuration.update('run.repeatCount', 2, vscode.ConfigurationTarget.Workspace);
    try {
      const nodeid = `${PASSING_FILE}::${PASSING}`;
      const record = await api.run([nodeid], 'repeat');
      assert.equal(record.results.get(nodeid)?.state, 'passed');
      assert.match(record.output, /run 2 of 2/);
    } finally {
      await configuration.update('run.repeatCount', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
