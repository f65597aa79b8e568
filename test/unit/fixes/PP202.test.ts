import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP202 debugger-left fix', () => {
  it('removes the seed one-liner `import pdb; pdb.set_trace()` and leaves `pass` in the emptied block', async () => {
    const input = [
      'def test_total__two_items__then_sum() -> None:',
      '    """Doc."""',
      '    result = 2',
      '    if result != 2:',
      '        import pdb; pdb.set_trace()',
      '    assert result == 2',
      '',
    ].join('\n');
    const { fix, output } = await applyFirstFix('PP202', input);
    assert.equal(fix.safe, true);
    assert.equal(
      output,
      [
        'def test_total__two_items__then_sum() -> None:',
        '    """Doc."""',
        '    result = 2',
        '    if result != 2:',
        '        pass',
        '    assert result == 2',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await findingsOf('PP202', output), []);
  });

  it('removes the whole line of a bare breakpoint()', async () => {
    const input = 'def test_a__b__then_c() -> None:\n    breakpoint()  # look here\n    assert 1 == 1\n';
    const { output } = await applyFirstFix('PP202', input);
    assert.equal(output, 'def test_a__b__then_c() -> None:\n    assert 1 == 1\n');
  });

  it('keeps the other statements of a shared line and a module import still in use', async () => {
    const input = [
      'import pdb',
      '',
      '',
      'def test_a__b__then_c() -> None:',
      '    value = 1; pdb.set_trace(); other = 2',
      '    assert value + other == 3',
      '',
      '',
      'def test_d__e__then_f() -> None:',
      '    pdb.set_trace()',
      '    assert True is not False',
      '',
    ].join('\n');
    const { output } = await applyFirstFix('PP202', input);
    assert.equal(output, input.replace('value = 1; pdb.set_trace(); other = 2', 'value = 1; other = 2'));
  });

  it('removes a module-level import used only by the removed call', async () => {
    const input = 'from ipdb import set_trace as st\nimport os\n\n\ndef test_a__b__then_c() -> None:\n    st()\n    assert os.sep\n';
    const { output } = await applyFirstFix('PP202', input);
    assert.equal(output, 'import os\n\n\ndef test_a__b__then_c() -> None:\n    assert os.sep\n');
    assert.deepEqual(await findingsOf('PP202', output), []);
  });

  it('offers no fix when the call is part of a larger expression', async () => {
    const findings = await findingsOf('PP202', 'def test_a__b__then_c() -> None:\n    x = breakpoint()\n    assert x is None\n');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });
});
