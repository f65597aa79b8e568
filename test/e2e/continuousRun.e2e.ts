// Continuous run ("run on save") in a real editor: VS Code's own continuous-run service starts it
// (`vscode.startContinuousTestRun`, what the Testing view's "Turn on Continuous Run" uses), real
// edits are saved, and each save re-runs only the requested test through cargo; saves during a run
// coalesce into one follow-up; a save outside the request runs nothing; turning it off ends the loop.
// Untrusted: starting it runs nothing.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testingApi, workspaceFile, workspaceRoot, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';
import type { RunRecord } from '../../src/testing/runRecord';

type ContinuousEvent =
  | { kind: 'started'; include: string[] | undefined; exclude: string[] }
  | { kind: 'save'; file: string; action: 'run' | 'queued' | 'ignored'; reason: string; nodeids?: string[] }
  | { kind: 'runFinished'; runs: number; followUp: boolean }
  | { kind: 'ended'; runs: number };

const FILE = 'python/tests/test_analyzer.py';
const NODEID = `${FILE}::test_analyzer__empty_events__then_returns_empty_summary`;
const UNRELATED = 'python/tests/test_tokenizer.py';
const PASSING_LINE = 'assert result.summary == ""';
const failingLine = (variant: string): string => `assert result.summary == "broken by the continuous-run e2e test (${variant})"`;
// Generous: the first run builds the crate from scratch in the copied workspace.
const DEADLINE_MS = 240_000;

/** Resolves with the first value `event` fires that satisfies `matches`; rejects after the deadline. */
function next<T>(event: vscode.Event<T>, matches: (value: T) => boolean, description: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${DEADLINE_MS} ms waiting for ${description}`));
    }, DEADLINE_MS);
    const subscription = event((value) => {
      if (!matches(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** Collects what `event` fires until disposed. */
function collect<T>(event: vscode.Event<T>): { values: T[]; dispose(): void } {
  const values: T[] = [];
  const subscription = event((value) => values.push(value));
  return { values, dispose: () => subscription.dispose() };
}

/** A real edit of a workspace file through a WorkspaceEdit, then document.save(). */
async function replaceAndSave(relativePath: string, search: string, replacement: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  const offset = document.getText().indexOf(search);
  assert.ok(offset >= 0, `${relativePath} does not contain ${JSON.stringify(search)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + search.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), 'workspace.applyEdit returned false');
  assert.ok(await document.save(), `saving ${relativePath} failed`);
}

/** Writes `text` back through the editor (so open documents agree with the disk) and saves. */
async function restore(relativePath: string, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  if (document.getText() === text && !document.isDirty) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  await vscode.workspace.applyEdit(edit);
  await document.save();
}

/**
 * Processes of our runs in `dir` (Linux): cargo, the test harness and pytest carry the runner's
 * side-channel address in their environment and run in the crate folder.
 */
function testProcessesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`) !== dir) continue;
      if (!fs.readFileSync(`/proc/${pid}/environ`, 'utf8').includes('PYTEST_PATTERNS_EVENTS=')) continue;
      found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Rejects after the deadline instead of hanging. */
function withDeadline<T>(promise: Promise<T>, description: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${DEADLINE_MS} ms waiting for ${description}`)), DEADLINE_MS);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

function describeRecord(record: RunRecord): string {
  return `${JSON.stringify([...record.results])}\n${record.output.slice(-2000)}`;
}

suite('continuous run', () => {
  let api: TestingApi;
  let item: vscode.TestItem;
  let runProfile: vscode.TestRunProfile;
  const originals = new Map<string, string>();

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await api.discover();
    const found = api.findItem(NODEID);
    assert.ok(found, `${NODEID} is in the tree`);
    item = found;
    const profile = api.profiles.find((p) => p.kind === vscode.TestRunProfileKind.Run && p.isDefault);
    assert.ok(profile?.supportsContinuousRun, 'the default Run profile supports continuous runs');
    runProfile = profile;
    for (const file of [FILE, UNRELATED]) originals.set(file, (await vscode.workspace.openTextDocument(workspaceFile(file))).getText());
  });

  suiteTeardown(async () => {
    // A failed test may leave the loop on: turn it off before restoring, so restoring runs nothing.
    if (api && api.activeContinuousRuns() > 0) {
      const ended = next(api.onDidChangeContinuousRun, (e) => e.kind === 'ended', 'the continuous run to end in teardown');
      await vscode.commands.executeCommand('vscode.stopContinuousTestRun', [item]);
      await ended;
    }
    for (const [file, text] of originals) await restore(file, text);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  setup(async () => {
    for (const [file, text] of originals) await restore(file, text);
  });

  /** Turns the continuous run on for the one requested test, through VS Code's continuous-run service. */
  async function start(): Promise<ContinuousEvent> {
    const started = next(api.onDidChangeContinuousRun, (e) => e.kind === 'started', 'the continuous run to start');
    await vscode.commands.executeCommand('vscode.startContinuousTestRun', runProfile, [item]);
    const event = await started;
    assert.equal(api.activeContinuousRuns(), 1);
    return event;
  }

  /** Turns it off; resolves with the `ended` event once the handler has returned. */
  async function stop(): Promise<ContinuousEvent> {
    const ended = next(api.onDidChangeContinuousRun, (e) => e.kind === 'ended', 'the continuous run to end');
    await vscode.commands.executeCommand('vscode.stopContinuousTestRun', [item]);
    const event = await ended;
    assert.equal(api.activeContinuousRuns(), 0, 'no continuous run is left on');
    return event;
  }

  if (workspaceTrustEnabled()) {
    test('untrusted: VS Code does not start it, and a save runs nothing', async function () {
      this.timeout(DEADLINE_MS);
      assert.equal(vscode.workspace.isTrusted, false, 'the trust run opens the workspace untrusted');
      const events = collect(api.onDidChangeContinuousRun);
      const records = collect(api.onDidRecordRun);
      try {
        await vscode.commands.executeCommand('vscode.startContinuousTestRun', runProfile, [item]);
        const uri = workspaceFile(FILE).toString();
        const saved = next(vscode.workspace.onDidSaveTextDocument, (d) => d.uri.toString() === uri, 'the save of the requested module');
        await replaceAndSave(FILE, PASSING_LINE, failingLine('untrusted, from VS Code'));
        // Resumes after every save listener of this dispatch ran: a live loop would have reported the save.
        await saved;
        assert.deepEqual(events.values, [], 'no continuous run started or handled the save');
        assert.equal(records.values.length, 0, 'no run was recorded');
        assert.equal(api.activeContinuousRuns(), 0);
      } finally {
        events.dispose();
        records.dispose();
        await vscode.commands.executeCommand('vscode.stopContinuousTestRun', [item]);
      }
    });

    test('untrusted: the profile handler itself refuses to run, then ignores saves', async function () {
      this.timeout(DEADLINE_MS);
      // What VS Code would call once the user started a continuous run: the handler must not need
      // the workbench's trust prompt to stay safe.
      const source = new vscode.CancellationTokenSource();
      const refusal = next(api.onDidRecordRun, () => true, 'the refusal to run');
      const started = next(api.onDidChangeContinuousRun, (e) => e.kind === 'started', 'the continuous run to start');
      const handled = Promise.resolve(runProfile.runHandler(new vscode.TestRunRequest([item], [], runProfile, true), source.token));
      try {
        const start = await started;
        assert.deepEqual(start.kind === 'started' && start.include, [NODEID]);
        const record = await refusal;
        const result = record.results.get(NODEID);
        assert.equal(result?.state, 'errored', describeRecord(record));
        assert.match(result!.messages[0].message, /untrusted workspace/);
        assert.doesNotMatch(record.output, /cargo/, 'no cargo process was started');

        const records = collect(api.onDidRecordRun);
        try {
          const saved = next(api.onDidChangeContinuousRun, (e) => e.kind === 'save' && e.file.endsWith('test_analyzer.py'), 'the save to be handled');
          await replaceAndSave(FILE, PASSING_LINE, failingLine('untrusted, from the handler'));
          const save = await saved;
          assert.equal(save.kind === 'save' && save.action, 'ignored');
          assert.match(save.kind === 'save' ? save.reason : '', /untrusted/);
          const ended = next(api.onDidChangeContinuousRun, (e) => e.kind === 'ended', 'the continuous run to end');
          source.cancel();
          assert.deepEqual(await ended, { kind: 'ended', runs: 0 });
          await handled;
          assert.equal(api.activeContinuousRuns(), 0);
          assert.equal(records.values.length, 0, 'no run was recorded after the save');
        } finally {
          records.dispose();
        }
      } finally {
        source.cancel();
        source.dispose();
      }
    });
    return;
  }

  test('re-runs only the requested test on each save, coalesces saves during a run, ignores other files, and stops', async function () {
    this.timeout(3 * DEADLINE_MS);
    const started = await start();
    assert.deepEqual(started.kind === 'started' && started.include, [NODEID]);

    // Three saves in a row: the first starts a run (cargo builds first), the other two arrive while
    // it runs and coalesce into one follow-up run of the latest text.
    const saves = collect(api.onDidChangeContinuousRun);
    const records = collect(api.onDidRecordRun);
    const settled = next(api.onDidChangeContinuousRun, (e) => e.kind === 'runFinished' && !e.followUp, 'the runs of the failing saves to finish');
    try {
      await replaceAndSave(FILE, PASSING_LINE, failingLine('a'));
      await replaceAndSave(FILE, failingLine('a'), failingLine('b'));
      await replaceAndSave(FILE, failingLine('b'), failingLine('c'));
      await settled;
    } finally {
      saves.dispose();
      records.dispose();
    }
    const handled = saves.values.filter((e): e is Extract<ContinuousEvent, { kind: 'save' }> => e.kind === 'save');
    assert.deepEqual(handled.map((e) => e.action), ['run', 'queued', 'queued'], JSON.stringify(handled));
    assert.deepEqual(handled[0].nodeids, [NODEID], 'only the requested test of the saved module');
    assert.equal(records.values.length, 2, `three saves during one run give two runs: ${records.values.map(describeRecord).join('\n---\n')}`);
    for (const record of records.values) {
      assert.deepEqual([...record.results.keys()], [NODEID], `only the requested test ran: ${describeRecord(record)}`);
      assert.equal(record.results.get(NODEID)?.state, 'failed', describeRecord(record));
    }
    const lastFailure = JSON.stringify(records.values[1].results.get(NODEID)?.messages);
    assert.match(lastFailure, /\(c\)/, 'the follow-up ran the latest saved text');

    // Revert: the next run passes.
    const passed = next(api.onDidRecordRun, () => true, 'the run after the revert');
    await replaceAndSave(FILE, failingLine('c'), PASSING_LINE);
    const record = await passed;
    assert.equal(record.results.get(NODEID)?.state, 'passed', describeRecord(record));

    // A test module outside the request: handled (ignored), and no run starts until the loop ends.
    const later = collect(api.onDidRecordRun);
    try {
      const ignored = next(api.onDidChangeContinuousRun, (e) => e.kind === 'save' && e.file.endsWith('test_tokenizer.py'), 'the unrelated save to be handled');
      await replaceAndSave(UNRELATED, '"""', '"""Touched by the continuous-run e2e test. ');
      const save = await ignored;
      assert.equal(save.kind === 'save' && save.action, 'ignored', JSON.stringify(save));
      assert.match(save.kind === 'save' ? save.reason : '', /has no test of the request/);
      // Stopping waits for a run in progress: had the save started one, it would be recorded by now.
      const ended = await stop();
      assert.deepEqual(ended, { kind: 'ended', runs: 3 }, 'two runs for the failing saves, one for the revert');
      assert.equal(later.values.length, 0, `no run for the unrelated save: ${later.values.map(describeRecord).join('\n---\n')}`);
    } finally {
      later.dispose();
    }
  });

  test('cancelling the run in progress keeps the loop; turning it off mid-run stops both; no test process is left', async function () {
    if (process.platform !== 'linux') this.skip(); // mkfifo and /proc
    this.timeout(3 * DEADLINE_MS);
    // The edited test blocks reading a FIFO; opening its write end completes exactly when the test
    // opens it: a deterministic "the run is in progress", without sleeps.
    const fifo = path.join(os.tmpdir(), `pytest-patterns-continuous-${process.pid}-${Date.now()}.fifo`);
    execFileSync('mkfifo', [fifo]);
    const blockingLine = (variant: string): string => `open(${JSON.stringify(fifo)}, encoding="utf-8").read()  # blocks until the e2e test ends the run (${variant})`;
    const crateDir = fs.realpathSync(workspaceRoot().fsPath);
    let writer = fs.promises.open(fifo, 'w');
    try {
      await start();

      // 1. "Cancel Test Run" (the Test Results' stop button) cancels that run only; the loop goes on.
      let recorded = next(api.onDidRecordRun, () => true, 'the cancelled run to be recorded');
      const finished = next(api.onDidChangeContinuousRun, (e) => e.kind === 'runFinished', 'the cancelled run to finish');
      await replaceAndSave(FILE, PASSING_LINE, blockingLine('cancelled'));
      // Keep the write end open: the test reads until it closes.
      let handle = await withDeadline(writer, 'the edited test to start and open the FIFO');
      const during = testProcessesIn(crateDir);
      assert.ok(during.length > 0, 'the run has processes while the test blocks (the check can see them)');
      await vscode.commands.executeCommand('testing.cancelRun');
      let record = await recorded;
      assert.equal(record.results.get(NODEID)?.state, 'skipped', `a cancelled test is skipped: ${describeRecord(record)}`);
      assert.deepEqual(await finished, { kind: 'runFinished', runs: 1, followUp: false });
      assert.deepEqual(testProcessesIn(crateDir), [], `no process of the cancelled run is left; during it: ${during.join('; ')}`);
      assert.equal(api.activeContinuousRuns(), 1, 'cancelling one run keeps the continuous run on');
      await handle.close();

      // 2. Turning the continuous run off mid-run ends the loop and the run in progress.
      writer = fs.promises.open(fifo, 'w');
      recorded = next(api.onDidRecordRun, () => true, 'the run stopped with the loop to be recorded');
      await replaceAndSave(FILE, blockingLine('cancelled'), blockingLine('stopped'));
      handle = await withDeadline(writer, 'the edited test to start again');
      assert.ok(testProcessesIn(crateDir).length > 0, 'the second run is in progress');
      const ended = await stop();
      assert.deepEqual(ended, { kind: 'ended', runs: 2 });
      record = await recorded;
      assert.equal(record.results.get(NODEID)?.state, 'skipped', `a cancelled test is skipped: ${describeRecord(record)}`);
      assert.deepEqual(testProcessesIn(crateDir), [], 'no process of the run is left after turning it off');
      await handle.close();
    } finally {
      // Unblock a pending open of ours (and a test still reading) whatever happened, then clean up.
      const release = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      await writer.then((handle) => handle.close()).catch(() => undefined);
      fs.closeSync(release);
      fs.rmSync(fifo, { force: true });
    }
  });
});
