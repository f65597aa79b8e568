import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP212 always-true-assert fix', () => {
  it('turns `assert (cond, "msg")` into `assert cond, "msg"`', async () => {
    const input = 'def test_a__b__then_c() -> None:\n    total = 2\n    assert (total == 2, "sum is wrong")\n';
    const { fix, output } = await applyFirstFix('PP212', input);
    assert.equal(fix.safe, true);
    assert.equal(output, 'def test_a__b__then_c() -> None:\n    total = 2\n    assert total == 2, "sum is wrong"\n');
    assert.deepEqual(await findingsOf('PP212', output), []);
  });

  it('replaces `assert m.called_once_with(x)` with the real assertion call', async () => {
    const input = 'from unittest.mock import Mock\n\n\ndef test_a__b__then_c() -> None:\n    api = Mock()\n    api.query(1)\n    assert api.query.called_once_with(1)\n';
    const { output } = await applyFirstFix('PP212', input);
    assert.equal(output, input.replace('assert api.query.called_once_with(1)', 'api.query.assert_called_once_with(1)'));
    assert.deepEqual(await findingsOf('PP212', output), []);
    assert.deepEqual(await findingsOf('PP213', output), []);
  });

  it('offers no fix where the intent is unclear', async () => {
    const input = 'def test_a__b__then_c() -> None:\n    assert (1, 2)\n    assert "cached"\n    assert True\n    assert (1, "m"), "other"\n';
    const findings = await findingsOf('PP212', input);
    assert.equal(findings.length, 4);
    assert.deepEqual(findings.map((f) => f.fixes.length), [0, 0, 0, 0]);
  });
});
