import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine/text/positions';
import { startServer } from './lspClient';

const SOURCE = [
  'import asyncio',
  '',
  '',
  'async def test_stream__first__then_ok() -> None:',
  '    await asyncio.sleep(0)',
  '    assert asyncio.sleep is not None',
  '',
  '',
  'async def test_stream__second__then_ok() -> None:',
  '    await asyncio.sleep(0)',
  '    assert asyncio.sleep is not None',
  '',
].join('\n');

describe('source.fixAll.pytest-patterns', () => {
  it('applies every safe fix once, adding a shared import only once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-fixall-'));
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.pytest.ini_options]\nasyncio_mode = "strict"\n');
    const client = await startServer({ rootPath: dir });
    try {
      const uri = await client.open(path.join(dir, 'test_async.py'), SOURCE);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.pytest-patterns'] },
      })) as CodeAction[];
      assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
      const edits = actions[0].edit?.changes?.[uri] as TextEdit[];
      const fixed = applyEdits(SOURCE, edits);
      assert.equal(fixed.match(/^import pytest$/gm)?.length, 1, fixed);
      assert.equal(fixed.match(/^@pytest\.mark\.asyncio$/gm)?.length, 2, fixed);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
