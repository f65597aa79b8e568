import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP502 async-fixture-plain-decorator fix', () => {
  it('switches to `pytest_asyncio.fixture`, keeps the arguments and imports pytest_asyncio', async () => {
    const input = [
      'import pytest',
      '',
      '',
      '@pytest.fixture(scope="session")',
      'async def client() -> str:',
      '    """Doc."""',
      '    return "c"',
      '',
    ].join('\n');
    const { fix, output } = await applyFirstFix('PP502', input);
    assert.equal(fix.safe, true);
    assert.equal(
      output,
      [
        'import pytest',
        'import pytest_asyncio',
        '',
        '',
        '@pytest_asyncio.fixture(scope="session")',
        'async def client() -> str:',
        '    """Doc."""',
        '    return "c"',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await findingsOf('PP502', output), []);
  });

  it('does not import pytest_asyncio twice', async () => {
    const input = 'import pytest\nimport pytest_asyncio\nfrom pytest import fixture\n\n\n@fixture\nasync def client() -> str:\n    """Doc."""\n    return "c"\n';
    const { output } = await applyFirstFix('PP502', input);
    assert.equal(output, input.replace('@fixture\n', '@pytest_asyncio.fixture\n'));
  });
});
