import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP501 async-test-missing-marker fix', () => {
  it('adds `@pytest.mark.asyncio` above the test, keeping existing decorators and indentation', async () => {
    const input = [
      'import pytest',
      '',
      '',
      'class TestApi:',
      '    """Doc."""',
      '',
      '    @pytest.mark.slow',
      '    async def test_api__call__then_ok(self) -> None:',
      '        """Doc."""',
      '        assert 1 == 1',
      '',
    ].join('\n');
    const { fix, output } = await applyFirstFix('PP501', input);
    assert.equal(fix.safe, true);
    assert.equal(output, input.replace('    @pytest.mark.slow\n', '    @pytest.mark.asyncio\n    @pytest.mark.slow\n'));
    assert.deepEqual(await findingsOf('PP501', output), []);
  });

  it('adds `import pytest` after the module docstring and `__future__` imports, in order with the other imports', async () => {
    const input = [
      '"""Module doc."""',
      '',
      'from __future__ import annotations',
      '',
      'import asyncio',
      '',
      '',
      'async def test_api__call__then_ok() -> None:',
      '    """Doc."""',
      '    await asyncio.sleep(0)',
      '',
    ].join('\n');
    const { output } = await applyFirstFix('PP501', input);
    assert.equal(
      output,
      [
        '"""Module doc."""',
        '',
        'from __future__ import annotations',
        '',
        'import asyncio',
        'import pytest',
        '',
        '',
        '@pytest.mark.asyncio',
        'async def test_api__call__then_ok() -> None:',
        '    """Doc."""',
        '    await asyncio.sleep(0)',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await findingsOf('PP501', output), []);
  });

  it('adds `import pytest` after the docstring of a module without imports', async () => {
    const input = '"""Doc."""\n\n\nasync def test_api__call__then_ok() -> None:\n    """Doc."""\n';
    const { output } = await applyFirstFix('PP501', input);
    assert.equal(output, '"""Doc."""\nimport pytest\n\n\n@pytest.mark.asyncio\nasync def test_api__call__then_ok() -> None:\n    """Doc."""\n');
  });
});
