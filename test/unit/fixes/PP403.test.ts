import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP403 parametrize-duplicate-case fix', () => {
  it('removes the duplicate row with its line', async () => {
    const input = ['import pytest', '', '', '@pytest.mark.parametrize(', '    "n",', '    [', '        1,', '        2,', '        1,', '    ],', ')', 'def test_n__small__then_positive(n: int) -> None:', '    assert n > 0', ''].join('\n');
    const { output } = await applyFirstFix('PP403', input);
    assert.equal(output, input.replace('        2,\n        1,\n', '        2,\n'));
    assert.deepEqual(await findingsOf('PP403', output), []);
  });

  it('removes an inline duplicate with its comma', async () => {
    const input = 'import pytest\n\n\n@pytest.mark.parametrize("n", [1, 2, 1])\ndef test_n__small__then_positive(n: int) -> None:\n    assert n > 0\n';
    const { output } = await applyFirstFix('PP403', input);
    assert.equal(output, input.replace('[1, 2, 1]', '[1, 2]'));
  });
});
