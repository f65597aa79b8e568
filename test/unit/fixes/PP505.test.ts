import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP505 unawaited-coroutine fix', () => {
  it('adds `await` in front of a bare coroutine call in an async test', async () => {
    const input = [
      'import asyncio',
      '',
      'import pytest',
      '',
      '',
      'async def save(record: str) -> str:',
      '    """Doc."""',
      '    return record',
      '',
      '',
      '@pytest.mark.asyncio',
      'async def test_save__bare__then_awaited() -> None:',
      '    """Doc."""',
      '    save("a")',
      '    asyncio.sleep(0)',
      '',
    ].join('\n');
    const { fix, output } = await applyFirstFix('PP505', input);
    assert.equal(fix.safe, true);
    assert.equal(output, input.replace('    save("a")', '    await save("a")'));
    const second = await applyFirstFix('PP505', output);
    assert.equal(second.output, output.replace('    asyncio.sleep(0)', '    await asyncio.sleep(0)'));
    assert.deepEqual(await findingsOf('PP505', second.output), []);
  });

  it('offers no fix in a sync function, where `await` is a syntax error', async () => {
    const input = 'async def save() -> None:\n    """Doc."""\n\n\ndef test_save__sync__then_flagged() -> None:\n    """Doc."""\n    save()\n';
    const findings = await findingsOf('PP505', input);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });
});
