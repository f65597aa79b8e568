// Doctests in the real editor: with `--doctest-modules` in pytestPatterns.pytest.args, a module's
// docstring examples are listed as pytest names them; run through cargo, a failing example fails
// with what it wanted against what it printed, at the example's line. Without the option they go.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { testingApi, workspaceFile, workspaceTrustEnabled } from './helpers';
import type { TestingApi } from '../../src/testing';

const FILE = 'python/tests/doctest_demo.py';
const ADD = `${FILE}::doctest_demo.add`;
const SHOUT = `${FILE}::doctest_demo.shout`;
const SOURCE = `"""Doctests the Test Explorer lists with --doctest-modules."""


def add(left: int, right: int) -> int:
    """The sum.

    >>> add(1, 2)
    3
    """
    return left + right


def shout(word: str) -> str:
    """Its second example is deliberately wrong.

    >>> shout("a")
    'A!'
    >>> shout("hey")
    'HEY'
    """
    return word.upper() + "!"
`;
const RUN_DEADLINE_MS = 240_000; // the run may build the crate from scratch

const configuration = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('pytestPatterns');

/** Sets pytestPatterns.pytest.args and resolves once the extension has heard it (its listener was registered first). */
async function setPytestArgs(args: string[] | undefined): Promise<void> {
  if (JSON.stringify(configuration().inspect<string[]>('pytest.args')?.workspaceValue) === JSON.stringify(args)) return; // no change, no event
  const heard = new Promise<void>((resolve) => {
    const listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('pytestPatterns.pytest.args')) return;
      listener.dispose();
      resolve();
    });
  });
  await configuration().update('pytest.args', args, vscode.ConfigurationTarget.Workspace);
  await heard;
}

suite('test explorer: doctests (--doctest-modules)', () => {
  if (workspaceTrustEnabled()) {
    test.skip('doctests are listed and run (skipped: an untrusted workspace neither runs tests nor takes pytest arguments from its settings)', () => undefined);
    return;
  }

  let api: TestingApi;
  let argsBefore: string[] | undefined;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    fs.writeFileSync(workspaceFile(FILE).fsPath, SOURCE);
    await api.discover();
    argsBefore = configuration().inspect<string[]>('pytest.args')?.workspaceValue;
  });

  suiteTeardown(async () => {
    await setPytestArgs(argsBefore);
    fs.rmSync(workspaceFile(FILE).fsPath, { force: true });
  });

  test('the option lists each docstring with examples, named as pytest names it; without it they go', async () => {
    assert.equal(api.existingItem(ADD), undefined, 'no doctest without the option');
    await setPytestArgs(['--doctest-modules']);
    await api.discover();
    assert.ok(api.existingItem(ADD) && api.existingItem(SHOUT), 'both doctests are listed');
    const lines = SOURCE.split('\n');
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
    const exampleLine = SOURCE.split('\n').findIndex((line) => line.includes('>>> shout("hey")')) + 1;
    assert.ok(message.location?.endsWith(`doctest_demo.py:${exampleLine}`), `location ${message.location}, expected line ${exampleLine}`);
  });

  test('without the option the doctests leave the tree', async () => {
    await setPytestArgs(argsBefore);
    await api.discover();
    assert.equal(api.existingItem(ADD), undefined);
  });
});
