// Tests that only pytest's collection finds: a conftest.py's `pytest_collect_file` turns each line
// of a YAML file into a test. Static discovery cannot read them; once a Refresh (collection through
// cargo) reports them they are listed under their file, run like any test, and stay listed when
// the crate is discovered again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventShows, fileRebuilt, PYTEST_HARNESS, pytestCrateManifest, scratchCrate, testingApi, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';
import { YAML_COLLECTOR as COLLECTOR } from '../support/yamlCollector';

const CRATE = 'yaml_cases_crate';
const CASES = 'python/tests/test_cases.yaml';
const PASSING = `${CASES}::first_case`;
const FAILING = `${CASES}::second_case`;
const CONFTEST = 'python/tests/conftest.py';

suite('test explorer: tests only pytest collects (a conftest.py collecting YAML files)', () => {
  let api: TestingApi;
  const { at, dir: crateDir, item: crateItem } = scratchCrate(CRATE, () => api.controller);
  const rootsShow = (holds: () => boolean, what: string): Promise<void> => eventShows(api.onDidChangeRoots, holds, `${what}: not within 30 s`);

  suiteSetup(async function () {
    if (workspaceTrustEnabled()) this.skip(); // a Refresh runs cargo: refused in an untrusted workspace
    api = await testingApi<TestingApi>();
    await api.discover();
    const found = rootsShow(() => crateItem() !== undefined, 'the crate is found');
    fs.mkdirSync(at('python/tests'), { recursive: true });
    fs.mkdirSync(at('tests'));
    fs.writeFileSync(at('tests/python.rs'), PYTEST_HARNESS);
    fs.writeFileSync(at('pytest.ini'), '[pytest]\n');
    fs.writeFileSync(at(CONFTEST), COLLECTOR);
    fs.writeFileSync(at(CASES), 'first_case: ok\nsecond_case: broken\n');
    fs.writeFileSync(at('python/tests/test_plain.py'), 'def test_plain__python_module__then_listed() -> None:\n    """Statically listed."""\n    assert True\n');
    fs.writeFileSync(at('Cargo.toml'), pytestCrateManifest(CRATE));
    await found;
    await api.discover();
  });

  suiteTeardown(async () => {
    if (!api) return;
    const gone = rootsShow(() => crateItem() === undefined, 'the removed crate leaves the tree');
    fs.rmSync(crateDir(), { recursive: true, force: true });
    await gone;
  });

  test('a Refresh lists them under their file; a run passes and fails them with the message; a rebuild keeps them', async () => {
    assert.equal(api.existingItem(PASSING), undefined, 'static discovery cannot read the YAML cases');
    await api.refresh();
    const passing = api.existingItem(PASSING);
    assert.ok(passing, `${PASSING} is listed after the Refresh`);
    assert.ok(api.existingItem(FAILING), `${FAILING} is listed after the Refresh`);
    const module = passing.parent!;
    assert.equal(module.uri?.fsPath, at(CASES), 'under the YAML file');
    assert.equal(module.parent, crateItem(), 'as a module of the crate');
    assert.match(module.description ?? '', /collected by pytest/);

    const record = await api.run([PASSING, FAILING]);
    assert.equal(record.results.get(PASSING)?.state, 'passed', record.output);
    const failed = record.results.get(FAILING);
    assert.equal(failed?.state, 'failed', record.output);
    assert.match(failed.messages.map((m) => m.message).join('\n'), /second_case says broken/);

    // A conftest.py edit saved in the editor discovers the crate again from source: the YAML
    // file's tests stay. (Saved from the editor: the file watcher may not watch folders created
    // during the session.)
    const uri = vscode.Uri.file(at(CONFTEST));
    const document = await vscode.workspace.openTextDocument(uri);
    const rebuilt = fileRebuilt(api, CONFTEST);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '# edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await document.save();
    await rebuilt;
    assert.ok(api.existingItem(PASSING), 'still listed after the rebuild');
    assert.ok(api.existingItem('python/tests/test_plain.py::test_plain__python_module__then_listed'), 'the Python module too');
  });

  test('a crate opened again (a new tree reading its memory, as after a reload) lists them without a Refresh', async () => {
    const stats = (await api.discoveryStats()).find((s) => s.crateDir === crateDir());
    assert.ok(stats?.memoryFile, 'the crate keeps its memory in the workspace storage');
    const saved = JSON.parse(fs.readFileSync(stats.memoryFile, 'utf8')) as { files: Record<string, { extra?: string[]; collectedOnly?: true }> };
    assert.deepEqual(saved.files[CASES], { ...saved.files[CASES], extra: ['first_case', 'second_case'], collectedOnly: true }, 'the memory knows the file only pytest reads');

    // The crate leaves the workspace and comes back: its tree is made anew from the memory file,
    // as when the window is reloaded, and nothing collects or runs in between.
    const away = path.join(path.dirname(crateDir()), `.${CRATE}-away`);
    const gone = rootsShow(() => crateItem() === undefined, 'the moved crate leaves the tree');
    fs.renameSync(crateDir(), away);
    await gone;
    const back = rootsShow(() => crateItem() !== undefined, 'the crate is found again');
    fs.renameSync(away, crateDir());
    await back;
    await api.discover();
    const passing = api.existingItem(PASSING);
    assert.ok(passing, `${PASSING} is listed from the memory`);
    assert.ok(api.existingItem(FAILING), `${FAILING} too`);
    assert.equal(passing.parent?.uri?.fsPath, at(CASES));
    assert.match(passing.parent?.description ?? '', /collected by pytest/);
    assert.equal(passing.description, 'from the last collection');
    const record = await api.run([PASSING]);
    assert.equal(record.results.get(PASSING)?.state, 'passed', record.output);
  });
});
