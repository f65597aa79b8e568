// Doctests in the real editor: with `--doctest-modules` in pytestPatterns.pytest.args, a module's
// docstring examples are listed as pytest names them; run through cargo, a failing example fails
// with what it wanted against what it printed, at the example's line. Without the option they go.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { repoPath } from '../support/paths';
import { fileRebuilt, setPytestArgs, testingApi, workspaceFile, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';

// The runner scenario's doctest module (one passing doctest, one with a deliberately wrong example).
const SCENARIO_MODULE = repoPath('test/fixtures/workspaces/runner-scenarios/basic/python/tests/doctest_examples.py');
const FILE = 'python/tests/doctest_examples.py';
const ADD = `${FILE}::doctest_examples.add`;
const SHOUT = `${FILE}::doctest_examples.shout`;
const NOTES = 'python/tests/test_notes.txt';
const RUN_DEADLINE_MS = 240_000; // the run may build the crate from scratch

suite('test explorer: doctests (--doctest-modules)', () => {
  if (workspaceTrustEnabled()) {
    test.skip('doctests are listed and run (skipped: an untrusted workspace neither runs tests nor takes pytest arguments from its settings)', () => undefined);
    return;
  }

  let api: TestingApi;
  let argsBefore: string[] | undefined;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    fs.copyFileSync(SCENARIO_MODULE, workspaceFile(FILE).fsPath);
    await api.discover();
    // Its creation reaches the tree (the folder watcher) before the test types into it.
    const created = fileRebuilt(api, NOTES);
    fs.writeFileSync(workspaceFile(NOTES).fsPath, 'Query engine notes, no example yet.\n');
    await created;
    argsBefore = vscode.workspace.getConfiguration('pytestPatterns').inspect<string[]>('pytest.args')?.workspaceValue;
  });

  suiteTeardown(async () => {
    await setPytestArgs(argsBefore);
    fs.rmSync(workspaceFile(FILE).fsPath, { force: true });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    fs.rmSync(workspaceFile(NOTES).fsPath, { force: true });
  });

  test('the option lists each docstring with examples, named as pytest names it; without it they go', async () => {
    assert.equal(api.existingItem(ADD), undefined, 'no doctest without the option');
    await setPytestArgs(['--doctest-modules']);
    await api.discover();
    assert.ok(api.existingItem(ADD) && api.existingItem(SHOUT), 'both doctests are listed');
    const lines = fs.readFileSync(SCENARIO_MODULE, 'utf8').split('\n');
    assert.equal(api.existingItem(SHOUT)?.range?.start.line, lines.indexOf('def shout(word: str) -> str:'));
  });

  test('a failing example, run through cargo, fails with what it wanted against what it printed at its line', async function () {
    this.timeout(RUN_DEADLINE_MS + 10_000);
    const record = await api.run([ADD, SHOUT]);
    assert.equal(record.results.get(ADD)?.state, 'passed', record.output.slice(-2000));
    const shout = record.results.get(SHOUT);
    assert.equal(shout?.state, 'failed', `${JSON.stringify(shout)}\n${record.output.slice(-2000)}`);
    const [message] = shout!.messages;
    assert.equal(message.expected, "'HEY'\n");
    assert.equal(message.actual, "'HEY!'\n");
    const exampleLine = fs.readFileSync(SCENARIO_MODULE, 'utf8').split('\n').findIndex((line) => line.includes('>>> shout("hey")')) + 1;
    assert.ok(message.location?.endsWith(`doctest_examples.py:${exampleLine}`), `location ${message.location}, expected line ${exampleLine}`);
  });

  test('without the option the doctests leave the tree', async () => {
    await setPytestArgs(argsBefore);
    await api.discover();
    assert.equal(api.existingItem(ADD), undefined);
  });

  test('a test*.txt file is a doctest pytest collects without any option: an example typed into it lists it', async () => {
    const listed = fileRebuilt(api, NOTES);
    const editor = await vscode.window.showTextDocument(workspaceFile(NOTES));
    assert.equal(api.existingItem(`${NOTES}::test_notes.txt`), undefined, 'no example yet: nothing to list');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(editor.document.lineCount, 0), '\n>>> 1 + 1\n2\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await listed;
    assert.ok(api.existingItem(`${NOTES}::test_notes.txt`), 'the text file\'s doctest is listed before it is saved');
  });
});
