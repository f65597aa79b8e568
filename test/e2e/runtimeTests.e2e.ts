// A module that creates tests when pytest imports it, in the real editor: static discovery lists
// what the source spells out and says on the module that more may come; Refresh (pytest's
// collection through cargo) adds the generated tests, and they run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testingApi, workspaceFile, workspaceTrustEnabled, writeTestFile } from './helpers';

interface TestingApi {
  controller: vscode.TestController;
  discover(): Promise<void>;
  refresh(): Promise<void>;
  onDidChangeFile: vscode.Event<string>;
  findItem(nodeid: string): vscode.TestItem | undefined;
  existingItem(nodeid: string): vscode.TestItem | undefined;
  run(nodeids: string[]): Promise<{ results: Map<string, { state: string }> }>;
}

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const FILE = 'python/tests/test_generated_classes.py';
const SOURCE = `"""Test classes made in a loop on import: only pytest's collection lists them."""


def test_static__spelled_out__then_listed() -> None:
    """Defined in the source."""
    assert "static"


def _check_width(self) -> None:
    """Becomes the test method of each generated class."""
    assert self.width in (8, 16)


for _width in (8, 16):
    globals()[f"TestWidth{_width}"] = type(f"TestWidth{_width}", (), {"width": _width, "test_width__generated__then_known": _check_width})
`;
const FLAG = 'may create more tests on import: Refresh lists them';
const STATIC = `${FILE}::test_static__spelled_out__then_listed`;
const GENERATED = [8, 16].map((width) => `${FILE}::TestWidth${width}::test_width__generated__then_known`);
// Generous: Refresh and the run may build the crate from scratch in the copied workspace.
const DEADLINE_MS = 240_000;

suite('static discovery: a module that creates tests on import', () => {
  let api: TestingApi;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await writeTestFile(api, FILE, SOURCE, STATIC);
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(workspaceFile(FILE));
  });

  test('lists the spelled-out test and says on the module that pytest may collect more', () => {
    assert.ok(api.findItem(STATIC), 'the test the source defines is listed');
    assert.equal(api.existingItem(FILE)?.description, FLAG);
    assert.equal(api.findItem(STATIC)?.description, undefined, 'the listed test itself is certain');
    for (const id of GENERATED) assert.equal(api.existingItem(id), undefined, `${id} is not in the source: not listed before Refresh`);
  });

  test('Refresh adds the generated tests, and they run and pass', async function () {
    if (workspaceTrustEnabled()) return this.skip(); // Refresh and runs go through cargo: not in an untrusted workspace
    this.timeout(2 * DEADLINE_MS + 30_000);
    await api.refresh();
    const [crate] = [...api.controller.items].map(([, item]) => item);
    assert.equal(crate.error, undefined, `refresh error: ${typeof crate.error === 'string' ? crate.error : crate.error?.value}`);
    for (const id of GENERATED) assert.ok(api.existingItem(id), `${id} is listed after Refresh`);
    const record = await api.run([STATIC, ...GENERATED]);
    assert.deepEqual(
      [STATIC, ...GENERATED].map((id) => [id, record.results.get(id)?.state]),
      [STATIC, ...GENERATED].map((id) => [id, 'passed']),
    );
  });
});
