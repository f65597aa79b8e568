import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP401 parametrize-names-mismatch fix', () => {
  it('adds the missing parameter to the test signature', async () => {
    const input = 'import pytest\n\n\n@pytest.mark.parametrize("a, b", [(1, 2)])\ndef test_pair__ordered__then_less(a: int) -> None:\n    assert a < 3\n';
    const { output } = await applyFirstFix('PP401', input);
    assert.equal(output, input.replace('(a: int)', '(a: int, b)'));
    assert.deepEqual(await findingsOf('PP401', output), []);
  });
});
