// A decorator commented out at column 0 (PyCharm's "Comment line") is valid Python; the server must
// not call the file a syntax error nor lose the parametrize mark under it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestClient } from './lspClient';
import { pullDiagnostics, startServer } from './lspClient';

const SOURCE = [
  'import pytest',
  '',
  '',
  'class TestParser:',
  '    @pytest.mark.parametrize("text", ["a", "b"])',
  '#    @pytest.mark.skip(reason="flaky")',
  '    def test_parse__text_given__then_not_empty(self, text: str) -> None:',
  '        assert text',
  '',
  '    @pytest.mark.parametrize("size", [1, 2])',
  '    @pytest.mark.slow',
  '    def test_resize__size_given__then_positive(self, size: int) -> None:',
  '        assert size > 0',
  '',
].join('\n');

describe('language server: decorators commented out at column 0', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-server-comments-'));
    fs.writeFileSync(path.join(dir, 'pytest.ini'), '[pytest]\nmarkers =\n    slow: slow\n');
    fs.writeFileSync(path.join(dir, 'test_parser.py'), SOURCE);
    client = await startServer({ rootPath: dir });
    uri = await client.open(path.join(dir, 'test_parser.py'), SOURCE);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports no syntax error and knows the parametrize argname', async () => {
    assert.deepEqual((await pullDiagnostics(client, uri)).map((d) => `${d.code} ${d.message}`), []);
  });

  it('stays clean when an edit comments out another decorator at column 0', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '#' }],
    });
    assert.deepEqual((await pullDiagnostics(client, uri)).map((d) => `${d.code} ${d.message}`), []);
  });

  it('keeps linting the methods under the comments after further edits', async () => {
    // `test_resize__size_given__then_positive` → `test_resize`: the name rule sees the method.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 11, character: 19 }, end: { line: 11, character: 46 } }, text: '' }],
    });
    const diagnostics = await pullDiagnostics(client, uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['PP101', 11]]);
  });
});
