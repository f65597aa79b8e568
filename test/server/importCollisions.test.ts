// PP106 over a real LSP connection: the workspace index knows every test file, so the file pytest
// collects second gets the diagnostic; files appearing on disk (an `__init__.py` that makes the
// folders packages, which the index does not summarize) or deleted in the editor end it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import type { TestClient } from './lspClient';
import { startServer } from './lspClient';

const TEST = (name: string): string => `def test_${name}__collected__then_runs() -> None:\n    assert True\n`;

async function pp106(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
  return report.kind === 'full' ? report.items.filter((d) => d.code === 'PP106') : [];
}

describe('PP106 over JSON-RPC: follows the files on disk', () => {
  let dir: string;
  let client: TestClient;
  let second: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-collisions-'));
    fs.writeFileSync(path.join(dir, 'pytest.ini'), '[pytest]\n');
    for (const folder of ['a', 'b']) {
      fs.mkdirSync(path.join(dir, 'tests', folder), { recursive: true });
      fs.writeFileSync(path.join(dir, 'tests', folder, 'test_same.py'), TEST(folder));
    }
    client = await startServer({ rootPath: dir });
    second = await client.open(path.join(dir, 'tests', 'b', 'test_same.py'), TEST('b'));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('marks the file collected second once the index has scanned the workspace', async () => {
    // The server asks for a refresh when its scan is done: wait for that, not for time.
    let found = await pp106(client, second);
    while (found.length === 0) {
      await client.nextRefresh();
      found = await pp106(client, second);
    }
    assert.match(String(found[0].message), /its module name 'test_same' is taken by tests\/a\/test_same\.py/);
    assert.equal(found[0].range.start.line, 0);
  });

  it('ends when __init__.py files make the folders packages, though the index summarizes no __init__.py', async () => {
    const created = ['a', 'b'].map((folder) => path.join(dir, 'tests', folder, '__init__.py'));
    created.forEach((file) => fs.writeFileSync(file, ''));
    const refreshed = client.nextRefresh();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: created.map((file) => ({ uri: pathToFileURL(file).href, type: 1 })) });
    await refreshed;
    assert.deepEqual(await pp106(client, second), []);
  });

  it('comes back when they go, and ends when the other file is deleted in the editor (a file operation)', async () => {
    const removed = ['a', 'b'].map((folder) => path.join(dir, 'tests', folder, '__init__.py'));
    removed.forEach((file) => fs.rmSync(file));
    const back = client.nextRefresh();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: removed.map((file) => ({ uri: pathToFileURL(file).href, type: 3 })) });
    await back;
    assert.equal((await pp106(client, second)).length, 1);

    const first = path.join(dir, 'tests', 'a', 'test_same.py');
    fs.rmSync(first);
    const gone = client.nextRefresh();
    await client.connection.sendNotification('workspace/didDeleteFiles', { files: [{ uri: pathToFileURL(first).href }] });
    await gone;
    assert.deepEqual(await pp106(client, second), []);
  });
});
