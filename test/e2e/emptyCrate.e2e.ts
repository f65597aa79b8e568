// A crate that drives pytest but has no test module yet (a new project): the Test Explorer finds the
// crate when its folder appears, lists it (nothing), and the first test file written into it in the
// editor must appear without a Refresh.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, errorOf, eventShows, fileRebuilt, PYTEST_HARNESS, pytestCrateManifest, scratchCrate, testingApi, waitForDiagnostics, workspaceRoot, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';

const CRATE = 'fresh_crate';
const FILE = 'python/tests/test_first_module.py';
const TEST = `${FILE}::test_first__written_into_empty_crate__then_listed`;
const SOURCE = `"""The first test module of a crate that had none."""


def test_first__written_into_empty_crate__then_listed() -> None:
    """Listed as soon as the file exists."""
    assert "first".upper() == "FIRST"
`;

suite('test explorer: a crate without test modules yet', () => {
  let api: TestingApi;
  const { at, dir: crateDir, item: crateItem } = scratchCrate(CRATE, () => api.controller);

  /** Resolves once `holds()` is true, checked now and each time the crates were found again. */
  const rootsShow = (holds: () => boolean, what: string): Promise<void> => eventShows(api.onDidChangeRoots, holds, `${what}: not within 30 s`);

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await api.discover();
  });

  suiteTeardown(async () => {
    const gone = rootsShow(() => crateItem() === undefined, 'the removed crate leaves the tree');
    fs.rmSync(crateDir(), { recursive: true, force: true });
    await gone;
  });

  test('the first test file written into the crate appears without a Refresh', async () => {
    const found = rootsShow(() => crateItem() !== undefined, 'the new crate is found');
    fs.mkdirSync(at('python/tests'), { recursive: true });
    fs.mkdirSync(at('tests'));
    fs.writeFileSync(at('tests/python.rs'), PYTEST_HARNESS);
    fs.writeFileSync(at('pytest.ini'), '[pytest]\n');
    fs.writeFileSync(at('Cargo.toml'), pytestCrateManifest(CRATE));
    await found;
    await api.discover(); // lists the new crate: no test module
    assert.equal(crateItem()?.children.size, 0, 'nothing to list yet');

    // Written in the editor, as a user starts a project: a new file with its text, then saved. (A
    // file written to disk by another tool into folders created in the same instant may never reach
    // the file watcher: inotify watches a new folder only after it has seen it.)
    const rebuilt = fileRebuilt(api, FILE);
    const uri = vscode.Uri.file(at(FILE));
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), SOURCE);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the editor creates the file');
    await (await vscode.workspace.openTextDocument(uri)).save();
    await rebuilt;
    const module = [...(crateItem()?.children ?? [])].map(([, item]) => item)[0];
    assert.equal(module?.uri?.fsPath, at(FILE), 'the module is listed under the new crate');
    assert.ok(api.existingItem(TEST), `${TEST} is listed`);
  });

  test('a test that yields shows pytest\'s collection error on its class when saved, and its tests come back when fixed', async () => {
    const file = 'python/tests/test_yielding.py';
    const cls = `${file}::TestStream`;
    const plain = `${cls}::test_plain__beside_generator__then_listed`;
    const source = (body: string): string =>
      [
        '"""A class whose second test is edited into a generator."""',
        '',
        '',
        'class TestStream:',
        '    def test_plain__beside_generator__then_listed(self) -> None:',
        '        """Plain."""',
        '        assert True',
        '',
        '    def test_stream__edited__then_checked(self) -> None:',
        '        """Edited below."""',
        `        ${body}`,
        '',
      ].join('\n');
    const uri = vscode.Uri.file(at(file));
    /** Saves `text` as the file from the editor and waits until its module was discovered again. */
    const save = async (text: string): Promise<void> => {
      const rebuilt = fileRebuilt(api, file);
      const edit = new vscode.WorkspaceEdit();
      if (!fs.existsSync(uri.fsPath)) {
        edit.createFile(uri);
        edit.insert(uri, new vscode.Position(0, 0), text);
      } else edit.replace(uri, new vscode.Range(0, 0, (await vscode.workspace.openTextDocument(uri)).lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit), 'the editor writes the file');
      await (await vscode.workspace.openTextDocument(uri)).save();
      await rebuilt;
    };
    await save(source('assert list(range(2)) == [0, 1]'));
    assert.ok(api.existingItem(plain), `${plain} is listed`);
    assert.equal(errorOf(api.existingItem(cls)), undefined);

    await save(source('yield 1'));
    assert.match(errorOf(api.existingItem(cls)) ?? '', /'yield' keyword is allowed in fixtures, but not in tests \(test_stream__edited__then_checked\)/);
    assert.equal(api.existingItem(plain), undefined, 'pytest collects none of the class\'s tests');
    // The language server marks the `yield` itself (PP105), on the body's last line, in the editor.
    await vscode.window.showTextDocument(uri);
    const [marked] = await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === 'PP105'), 'PP105 on the yield').then((all) => all.filter((d) => codeOf(d) === 'PP105'));
    assert.deepEqual([marked.range.start.line, marked.range.start.character], [10, 8]);

    await save(source('assert list(range(2)) == [0, 1]'));
    assert.equal(errorOf(api.existingItem(cls)), undefined, 'the error goes with the yield');
    assert.ok(api.existingItem(plain), 'the tests come back');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a second test file of the same name in a folder without __init__.py puts pytest\'s import error on the one collected second, until it goes', async () => {
    const twin = 'python/tests/sub/test_first_module.py';
    const uri = vscode.Uri.file(at(twin));
    const added = fileRebuilt(api, twin);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri);
    edit.insert(uri, new vscode.Position(0, 0), SOURCE.replace('test_first__written_into_empty_crate__then_listed', 'test_twin__same_file_name__then_one_fails'));
    assert.ok(await vscode.workspace.applyEdit(edit), 'the editor creates the file');
    await (await vscode.workspace.openTextDocument(uri)).save();
    await added;
    // pytest walks `sub/` before `test_first_module.py`: the file that was there first is the one that fails.
    assert.match(errorOf(api.existingItem(FILE)) ?? '', /import file mismatch.*'test_first_module' is taken by python\/tests\/sub\/test_first_module\.py/);
    assert.equal(errorOf(api.existingItem(twin)), undefined);
    assert.ok(api.existingItem(TEST), 'its tests stay listed');
    // The language server says it in the editor too (PP106, on the file's first line).
    const original = vscode.Uri.file(at(FILE));
    await vscode.window.showTextDocument(original);
    const [marked] = await waitForDiagnostics(original, (all) => all.some((d) => codeOf(d) === 'PP106'), 'PP106 on the file collected second').then((all) => all.filter((d) => codeOf(d) === 'PP106'));
    assert.equal(marked.range.start.line, 0);
    assert.match(marked.message, /is taken by python\/tests\/sub\/test_first_module\.py/);

    const removed = fileRebuilt(api, twin);
    const removal = new vscode.WorkspaceEdit();
    removal.deleteFile(uri);
    assert.ok(await vscode.workspace.applyEdit(removal), 'the editor deletes the file');
    await removed;
    assert.equal(errorOf(api.existingItem(FILE)), undefined, 'the error goes with the other file');
    await waitForDiagnostics(original, (all) => !all.some((d) => codeOf(d) === 'PP106'), 'PP106 gone with the other file');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a pytestPatterns.crates entry that names no crate says so on its item, before any run', async function () {
    if (workspaceTrustEnabled()) this.skip(); // an untrusted workspace does not read that setting
    const configuration = vscode.workspace.getConfiguration('pytestPatterns');
    const before = configuration.inspect('crates')?.workspaceValue;
    const typo = path.join(workspaceRoot().fsPath, 'no_such_crate');
    const typoItem = (): vscode.TestItem | undefined => [...api.controller.items].map(([, item]) => item).find((item) => item.uri?.fsPath === typo);
    try {
      const listed = rootsShow(() => typoItem() !== undefined, 'the configured crate is listed');
      await configuration.update('crates', [{ path: 'no_such_crate' }], vscode.ConfigurationTarget.Workspace);
      await listed;
      const error = typoItem()!.error;
      assert.match(typeof error === 'string' ? error : error?.value ?? '', /no_such_crate does not exist: give the folder of the Cargo crate/);
    } finally {
      const gone = rootsShow(() => typoItem() === undefined, 'the configured crate leaves the tree');
      await configuration.update('crates', before, vscode.ConfigurationTarget.Workspace);
      await gone;
    }
  });

  test('editing python_files in the crate\'s pytest.ini lists the files it now matches, and drops them again', async () => {
    const check = 'python/tests/check_second.py';
    const checkTest = `${check}::test_second__matched_by_python_files__then_listed`;
    fs.writeFileSync(at(check), SOURCE.replace('test_first__written_into_empty_crate__then_listed', 'test_second__matched_by_python_files__then_listed'));
    await api.discover();
    assert.equal(api.existingItem(checkTest), undefined, 'check_*.py is no test file yet');

    /** Saves the crate's pytest.ini with `text` from the editor and waits until the crate followed it. */
    const saveConfig = async (text: string): Promise<void> => {
      const uri = vscode.Uri.file(at('pytest.ini'));
      const document = await vscode.workspace.openTextDocument(uri);
      const followed = fileRebuilt(api, 'pytest.ini');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await document.save();
      await followed;
    };
    await saveConfig('[pytest]\npython_files = test_*.py check_*.py\n');
    assert.ok(api.existingItem(checkTest), `${checkTest} is listed once python_files matches it`);
    assert.ok(api.existingItem(TEST), 'test_*.py files stay');
    await saveConfig('[pytest]\n');
    assert.equal(api.existingItem(checkTest), undefined, 'dropped when python_files no longer matches it');
    assert.ok(api.existingItem(TEST));
  });
});
