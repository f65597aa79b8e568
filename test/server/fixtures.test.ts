import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine/text/positions';
import type { TestClient } from './lspClient';
import { startServer } from './lspClient';

const CONFTEST = [
  '"""Shared fixtures."""',
  'import pytest',
  '',
  '',
  '@pytest.fixture(scope="session")',
  'def db_session() -> dict[str, int]:',
  '    """A fake database session shared by the whole run."""',
  '    return {}',
  '',
].join('\n');

const TEST = [
  '"""Tests that use the conftest fixtures."""',
  'import pytest',
  '',
  '',
  '@pytest.fixture',
  'def db_session(db_session: dict[str, int]) -> dict[str, int]:',
  '    """Overrides the conftest fixture for this module."""',
  '    return db_session',
  '',
  '',
  'def test_db__session__then_empty(db_session: dict[str, int], tmp_path) -> None:',
  '    assert db_session == {}',
  '',
  '',
  'def test_db__missing__then_reported(api_client) -> None:',
  '    assert api_client',
  '',
  '',
  '@pytest.mark.usefixtures("")',
  'def test_db__usefixtures__then_applied() -> None:',
  '    assert db_session',
  '',
].join('\n');

const at = (line: number, character: number) => ({ line, character });

describe('fixture navigation and generators over JSON-RPC', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-fixtures-'));
    fs.writeFileSync(path.join(dir, 'conftest.py'), CONFTEST);
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(path.join(dir, 'tests', 'test_db.py'), TEST);
    client = await startServer({ rootPath: dir });
    uri = await client.open(path.join(dir, 'tests', 'test_db.py'), TEST);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('goes to the module fixture that overrides the conftest one', async () => {
    const result = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: at(10, 35) })) as Location[];
    assert.deepEqual(result, [{ uri, range: { start: at(5, 4), end: at(5, 14) } }]);
  });

  it('goes from the overriding fixture parameter to the conftest definition', async () => {
    const result = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: at(5, 18) })) as Location[];
    assert.deepEqual(result, [{ uri: pathToFileURL(path.join(dir, 'conftest.py')).toString(), range: { start: at(5, 4), end: at(5, 14) } }]);
  });

  it('hovers with signature, scope, docstring and what the winner overrides', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(10, 35) })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /def db_session\(db_session: dict\[str, int\]\) -> dict\[str, int\]/);
    assert.match(value, /scope `function`/);
    assert.match(value, /Overrides the conftest fixture for this module\./);
    assert.match(value, /Overrides conftest\.py:6/);
  });

  it('hovers a built-in fixture', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(10, 63) })) as Hover;
    assert.match((hover.contents as { value: string }).value, /built-in fixture \(`_pytest\.tmpdir`\)/);
  });

  it('completes fixture names in a test signature, module fixtures before built-ins', async () => {
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(14, 46) })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('db_session') && labels.includes('tmp_path') && labels.includes('monkeypatch'), labels.join(','));
    assert.ok(labels.indexOf('db_session') < labels.indexOf('tmp_path'));
    assert.ok(!labels.includes('api_client'), 'names already in the signature are not offered');
  });

  it('completes fixture names inside `usefixtures` strings', async () => {
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(18, 26) })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.equal(labels[0], 'db_session');
    assert.ok(labels.includes('tmp_path'), labels.join(','));
  });

  it('offers nothing outside signatures and usefixtures', async () => {
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(11, 8) })) as CompletionItem[];
    assert.deepEqual(items, []);
  });

  it('finds the references of the module fixture', async () => {
    const refs = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: at(5, 6), context: { includeDeclaration: false } })) as Location[];
    assert.deepEqual(refs.map((r) => [r.uri, r.range.start.line, r.range.start.character]), [[uri, 10, 33]]);
  });

  it('renames the conftest fixture and every request that resolves to it', async () => {
    const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: at(5, 18), newName: 'database' })) as WorkspaceEdit;
    const conftestUri = pathToFileURL(path.join(dir, 'conftest.py')).toString();
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [conftestUri, uri].sort());
    assert.deepEqual(edit.changes![conftestUri].map((e) => e.range.start), [at(5, 4)]);
    assert.deepEqual(edit.changes![uri].map((e) => e.range.start), [at(5, 15)]);
  });

  it('lists tests and fixtures as document symbols', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [
      ['db_session', 'fixture (function)'],
      ['test_db__session__then_empty', 'test'],
      ['test_db__missing__then_reported', 'test'],
      ['test_db__usefixtures__then_applied', 'test'],
    ]);
  });

  it('offers "generate fixture" for an unknown parameter, here and in the nearest conftest.py', async () => {
    const range = { start: at(14, 37), end: at(14, 37) };
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Generate fixture `api_client` in this file'), titles.join('\n'));
    const conftestAction = actions.find((a) => a.title === 'Generate fixture `api_client` in the nearest conftest.py (scope: session)');
    assert.ok(conftestAction, titles.join('\n'));
    const conftestUri = pathToFileURL(path.join(dir, 'conftest.py')).toString();
    const edits = conftestAction.edit!.changes![conftestUri] as TextEdit[];
    assert.equal(
      applyEdits(CONFTEST, edits),
      CONFTEST +
        [
          '',
          '',
          '@pytest.fixture(scope="session")',
          'def api_client():',
          '    """Provide `api_client` to the tests that request it."""',
          '    return None',
          '',
        ].join('\n'),
    );
  });
});
