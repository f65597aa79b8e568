// PP109's quick fix over a real LSP connection: the code action edits pytest.ini (another file than
// the one linted); applied and saved, the config reload clears the warning. Not offered while
// pytest.ini is open with other text than on disk.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine/text/positions';
import type { TestClient } from './lspClient';
import { pullDiagnostics, startServer } from './lspClient';

const INI = '[pytest]\nmarkers =\n    slow: takes a while\n';
const SOURCE = [
  'import pytest',
  '',
  '',
  '@pytest.mark.nightly',
  'def test_report__nightly__then_built() -> None:',
  '    assert "a" in "abc"',
  '',
].join('\n');

describe('language server: PP109 registers a marker in pytest.ini', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;
  let iniUri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-server-register-'));
    fs.writeFileSync(path.join(dir, 'pytest.ini'), INI);
    fs.writeFileSync(path.join(dir, 'test_report.py'), SOURCE);
    client = await startServer({ rootPath: dir });
    uri = await client.open(path.join(dir, 'test_report.py'), SOURCE);
    iniUri = pathToFileURL(path.join(dir, 'pytest.ini')).toString();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const registerAction = async (diagnostic: Diagnostic): Promise<CodeAction | undefined> => {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    return actions.find((a) => a.title === 'Register `nightly` in pytest.ini');
  };

  it('is not offered while pytest.ini is open with unsaved changes', async () => {
    const [diagnostic] = await pullDiagnostics(client, uri);
    assert.equal(diagnostic?.code, 'PP109');
    await client.open(path.join(dir, 'pytest.ini'), `${INI}    integration: not saved yet\n`);
    assert.equal(await registerAction(diagnostic), undefined);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: iniUri } });
  });

  it('edits pytest.ini only, and the warning goes once the file is saved', async () => {
    const [diagnostic] = await pullDiagnostics(client, uri);
    const action = await registerAction(diagnostic);
    assert.ok(action?.edit?.changes, 'a workspace edit');
    assert.deepEqual(Object.keys(action.edit.changes), [iniUri]);
    const edited = applyEdits(INI, action.edit.changes[iniUri] as TextEdit[]);
    assert.equal(edited, '[pytest]\nmarkers =\n    slow: takes a while\n    nightly\n');
    fs.writeFileSync(fileURLToPath(iniUri), edited);
    const refreshed = client.nextRefresh();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: iniUri, type: 2 }] });
    await refreshed;
    assert.deepEqual(await pullDiagnostics(client, uri), []);
  });
});
