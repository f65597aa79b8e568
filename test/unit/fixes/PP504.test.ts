import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP504 asyncio-marker-on-sync-test fix', () => {
  it('removes the whole decorator line and nothing else', async () => {
    const input = [
      'import pytest',
      '',
      '',
      'class TestParser:',
      '    """Doc."""',
      '',
      '    @pytest.mark.slow',
      '    @pytest.mark.asyncio(loop_scope="class")',
      '    def test_parser__sync__then_ok(self) -> None:',
      '        """Doc."""',
      '        assert int("1") == 1',
      '',
    ].join('\n');
    const { fix, output } = await applyFirstFix('PP504', input);
    assert.equal(fix.safe, true);
    assert.equal(output, input.replace('    @pytest.mark.asyncio(loop_scope="class")\n', ''));
    assert.deepEqual(await findingsOf('PP504', output), []);
  });
});
