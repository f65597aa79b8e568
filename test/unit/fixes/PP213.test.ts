import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

const HEADER = 'from unittest.mock import Mock\n\n\ndef test_a__b__then_c() -> None:\n    api = Mock()\n    api.query(1)\n';

describe('PP213 mock-assertion-typo fix', () => {
  for (const [written, meant] of [
    ['called_once_with(1)', 'assert_called_once_with(1)'],
    ['assert_called_onece()', 'assert_called_once()'],
    ['assret_called_with(1)', 'assert_called_with(1)'],
    ['assert_called_once_wiht(1)', 'assert_called_once_with(1)'],
  ]) {
    it(`renames \`${written}\` to \`${meant}\``, async () => {
      const input = `${HEADER}    api.query.${written}\n`;
      const { fix, output } = await applyFirstFix('PP213', input);
      assert.equal(fix.safe, true);
      assert.equal(output, `${HEADER}    api.query.${meant}\n`);
      assert.deepEqual(await findingsOf('PP213', output), []);
    });
  }

  it('adds the missing `()` to an assertion that is only named', async () => {
    const input = `${HEADER}    api.query.assert_called_once\n`;
    const { output } = await applyFirstFix('PP213', input);
    assert.equal(output, `${HEADER}    api.query.assert_called_once()\n`);
    assert.deepEqual(await findingsOf('PP213', output), []);
  });

  it('leaves real assertions and helpers with their own names alone', async () => {
    const input = `${HEADER}    api.query.assert_called_once_with(1)\n    api.query.assert_calls([1])\n    api.query.assert_called_with_retry(1)\n`;
    assert.deepEqual(await findingsOf('PP213', input), []);
  });
});
