// Tests the user's own pytest options deselect (`-m "not slow"` in pytestPatterns.pytest.args) stay
// in the Testing view after Refresh, described as deselected and by what; running one skips it and
// says why; the collection memory keeps the mark for a reload under those arguments; removing
// the option clears the mark, and the next collection the memory's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { setPytestArgs, testingApi, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';

const SLOW = 'python/tests/test_analyzer.py::test_analyzer__many_events__then_counts_all';
const QUICK = 'python/tests/test_analyzer.py::test_analyzer__empty_events__then_returns_empty_summary';
const DEADLINE_MS = 240_000; // Refresh may build the crate from scratch

/** What the crate's collection memory file (the workspace storage) keeps of deselections. */
async function savedDeselections(api: TestingApi): Promise<{ under: string; tests: Record<string, string> } | undefined> {
  const [{ memoryFile }] = await api.discoveryStats();
  assert.ok(memoryFile, 'the crate keeps its memory in the workspace storage');
  return (JSON.parse(fs.readFileSync(memoryFile, 'utf8')) as { deselected?: { under: string; tests: Record<string, string> } }).deselected;
}

function crateError(api: TestingApi): string | undefined {
  const [crate] = [...api.controller.items].map(([, item]) => item);
  return typeof crate.error === 'string' ? crate.error : crate.error?.value;
}

suite('tests deselected by the pytest arguments', () => {
  if (workspaceTrustEnabled()) {
    test.skip('deselected tests stay listed (skipped: nothing runs through cargo in an untrusted workspace)', () => undefined);
    return;
  }

  let api: TestingApi;
  const configuration = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('pytestPatterns');
  let argsBefore: string[] | undefined;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await api.discover();
    argsBefore = configuration().inspect<string[]>('pytest.args')?.workspaceValue;
    await configuration().update('pytest.args', ['-m', 'not slow'], vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    await configuration().update('pytest.args', argsBefore, vscode.ConfigurationTarget.Workspace);
  });

  test('Refresh keeps a test `-m "not slow"` deselects, and says so', async function () {
    this.timeout(DEADLINE_MS + 30_000);
    await api.refresh();
    assert.equal(crateError(api), undefined);
    const slow = api.existingItem(SLOW);
    assert.ok(slow, 'the deselected test is still in the tree after Refresh');
    assert.equal(slow.description, 'deselected by -m "not slow"');
    assert.equal(api.existingItem(QUICK)?.description, undefined, 'a test pytest selects is not marked');
    // A reload reads it back while pytest.args stays `-m "not slow"`.
    const saved = await savedDeselections(api);
    assert.equal(saved?.under, JSON.stringify(['-m', 'not slow']));
    assert.equal(saved?.tests[SLOW], '-m "not slow"');
    assert.equal(saved?.tests[QUICK], undefined);
  });

  test('running a deselected test skips it and says which option deselected it', async function () {
    this.timeout(DEADLINE_MS + 30_000);
    const record = await api.run([SLOW, QUICK]);
    assert.equal(record.results.get(QUICK)?.state, 'passed', record.output.slice(-2000));
    assert.equal(record.results.get(SLOW)?.state, 'skipped', JSON.stringify(record.results.get(SLOW)));
    assert.match(record.output, /test_analyzer__many_events__then_counts_all did not run: pytest deselected it \(-m "not slow"\)/);
  });

  test('removing the option clears the mark at once, and the next Refresh keeps it clear', async function () {
    this.timeout(DEADLINE_MS + 30_000);
    await setPytestArgs(argsBefore);
    assert.equal(api.existingItem(SLOW)?.description, undefined, 'the old arguments no longer describe it');
    // The memory still holds what `-m "not slow"` deselected, for those arguments only: a reload now shows nothing.
    assert.notEqual((await savedDeselections(api))?.under, JSON.stringify(configuration().get<string[]>('pytest.args', [])));
    await api.refresh();
    assert.equal(crateError(api), undefined);
    assert.equal(api.existingItem(SLOW)?.description, undefined);
    assert.equal(await savedDeselections(api), undefined, 'a collection with the new arguments replaced them');
  });
});
