import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { TestClient } from './lspClient';
import { pullDiagnostics, startServer } from './lspClient';

const SOURCE = [
  'import pytest',
  '',
  '',
  'def test_tokenize() -> None:',
  '    assert len("") == 0',
  '',
  '',
  'def test_tokenizer__empty_text__then_zero() -> None:',
  '    assert len("") == 0',
  '',
].join('\n');

describe('language server over JSON-RPC (pull diagnostics)', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-server-'));
    fs.writeFileSync(path.join(dir, 'test_sample.py'), SOURCE);
    client = await startServer({ rootPath: dir });
    uri = await client.open(path.join(dir, 'test_sample.py'), SOURCE);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('announces pull diagnostics and code actions', () => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.diagnosticProvider, 'diagnosticProvider');
    assert.ok(caps.codeActionProvider, 'codeActionProvider');
  });

  it('reports PP101 with source, code, docs link and the exact range', async () => {
    const diagnostics = await pullDiagnostics(client, uri);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.equal(d.source, 'pytest-patterns');
    assert.equal(d.code, 'PP101');
    assert.deepEqual(d.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 17 } });
    assert.match(String(d.message), /test_tokenize/);
    assert.ok(d.codeDescription?.href, 'codeDescription.href');
    const docs = fs.readFileSync(fileURLToPath(d.codeDescription.href), 'utf8');
    assert.match(docs, /^# PP101 `test-name-format`/);
  });

  it('re-lints incremental edits', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 17 }, end: { line: 3, character: 17 } }, text: '__long_text__then_counts' }],
    });
    assert.deepEqual(await pullDiagnostics(client, uri), []);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 3, character: 17 }, end: { line: 3, character: 41 } }, text: '' }],
    });
    assert.deepEqual((await pullDiagnostics(client, uri)).map((d) => d.code), ['PP101']);
  });

  it('honours a suppression comment on the line', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [{ range: { start: { line: 3, character: 28 }, end: { line: 3, character: 28 } }, text: '  # pytest-patterns: ignore[PP101]' }],
    });
    assert.deepEqual(await pullDiagnostics(client, uri), []);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 5 },
      contentChanges: [{ text: SOURCE }],
    });
    assert.equal((await pullDiagnostics(client, uri)).length, 1);
  });

  it('offers "disable for this line" and "show documentation" actions', async () => {
    const [diagnostic] = await pullDiagnostics(client, uri);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as { title: string; edit?: { changes?: Record<string, { newText: string }[]> }; command?: { command: string; arguments?: unknown[] } }[];
    const disable = actions.find((a) => a.title === 'Disable PP101 for this line');
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(disable.edit?.changes?.[uri]?.[0].newText, '  # pytest-patterns: ignore[PP101]');
    const docs = actions.find((a) => a.command?.command === 'pytestPatterns.showRuleDocumentation');
    assert.deepEqual(docs?.command?.arguments, ['PP101']);
  });

  it('re-lints when the settings change (pulled per resource)', async () => {
    const refreshed = client.nextRefresh();
    client.settings.rules = { 'test-name-format': { preset: 'pytest-default' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.deepEqual(await pullDiagnostics(client, uri), []);
    const again = client.nextRefresh();
    client.settings.rules = {};
    client.settings.severity = { PP101: 'error' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await again;
    const diagnostics = await pullDiagnostics(client, uri);
    assert.equal(diagnostics[0]?.severity, 1);
  });

  it('lets pyproject.toml win over editor settings and notices when it changes', async () => {
    client.settings.severity = {};
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.pytest-patterns]\nignore = ["PP101"]\n');
    const refreshed = client.nextRefresh();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri.replace('test_sample.py', 'pyproject.toml'), type: 1 }] });
    await refreshed;
    assert.deepEqual(await pullDiagnostics(client, uri), []);
  });

  it('warns about a select entry that names no rule, and about a pyproject.toml that does not parse', async () => {
    const pyproject = path.join(dir, 'pyproject.toml');
    const configChanged = async (text: string): Promise<void> => {
      fs.writeFileSync(pyproject, text);
      const refreshed = client.nextRefresh();
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri.replace('test_sample.py', 'pyproject.toml'), type: 2 }] });
      await refreshed;
    };
    await configChanged('[tool.pytest-patterns]\nselect = ["PP1", "PP2O1"]\n');
    const typo = client.nextMessage();
    assert.deepEqual((await pullDiagnostics(client, uri)).map((d) => d.code), ['PP101'], 'the entries that name rules still select them');
    const warning = await typo;
    assert.equal(warning.type, 2, 'a warning');
    assert.match(warning.message, /pyproject\.toml: select: "PP2O1" names no rule/);

    await configChanged('[tool.pytest-patterns\nselect = ["PP1"]\n');
    const broken = client.nextMessage();
    assert.deepEqual(await pullDiagnostics(client, uri), []);
    assert.match((await broken).message, /pyproject\.toml: invalid TOML[\s\S]*not checked until it is fixed/);

    await configChanged('[tool.pytest-patterns]\n');
    assert.deepEqual((await pullDiagnostics(client, uri)).map((d) => d.code), ['PP101'], 'fixed: checked again');
  });
});

describe('language server over JSON-RPC (push diagnostics, e.g. Neovim 0.7)', () => {
  it('publishes diagnostics when the client cannot pull', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-push-'));
    const client = await startServer({ rootPath: dir, capabilities: {} });
    try {
      const published = new Promise<PublishDiagnosticsParams>((resolve) =>
        client.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => resolve(params)),
      );
      await client.open(path.join(dir, 'test_push.py'), SOURCE);
      const params = await published;
      assert.deepEqual(params.diagnostics.map((d) => [d.code, d.range.start.line]), [['PP101', 3]]);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
