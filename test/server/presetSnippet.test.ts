import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { startServer } from './lspClient';

async function completeAtStartOfLine(settings: Record<string, unknown>): Promise<CompletionItem[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-preset-'));
  const client = await startServer({ rootPath: dir });
  try {
    Object.assign(client.settings, settings);
    const uri = await client.open(path.join(dir, 'test_new.py'), 'import pytest\n\nte');
    const result = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 2, character: 2 },
    })) as CompletionItem[] | CompletionList | null;
    return Array.isArray(result) ? result : result?.items ?? [];
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('test snippet for the configured naming preset', () => {
  it('offers a pytest-default shaped test when that preset is configured', async () => {
    const items = await completeAtStartOfLine({ rules: { 'test-name-format': { preset: 'pytest-default' } } });
    const item = items.find((i) => i.label === 'test' && i.kind === 15);
    assert.ok(item, JSON.stringify(items.map((i) => i.label)));
    assert.match(String(item.insertText), /^def test_\$\{1:behaviour\}\(\) -> None:/);
  });

  it('leaves the default preset to the static snippet', async () => {
    const items = await completeAtStartOfLine({});
    assert.equal(items.filter((i) => i.label === 'test' && i.kind === 15).length, 0);
  });
});
