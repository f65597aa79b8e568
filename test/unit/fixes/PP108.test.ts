import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pytestNodeIds } from '../discovery/pytestSuite';
import { applyFirstFix, findingsOf } from './fixSupport';

/** pytest's collection of a test module with this text: its ids and what it said. */
function collect(text: string): { ids: string[]; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp108-'));
  try {
    fs.writeFileSync(path.join(dir, 'test_module.py'), text);
    return pytestNodeIds(dir, ['-W', 'default']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('PP108 misspelled-marker fix', () => {
  it('renames `parametrise` (a collection error) to `parametrize`, and pytest then collects the cases', async () => {
    const input = 'import pytest\n\n\n@pytest.mark.parametrise("size", [1, 2])\ndef test_buffer__sizes__then_filled(size: int) -> None:\n    assert size > 0\n';
    const before = collect(input);
    assert.deepEqual(before.ids, [], before.output);
    assert.match(before.output, /Unknown 'parametrise' mark, did you mean 'parametrize'\?/);
    const [finding] = await findingsOf('PP108', input);
    assert.match(finding.message, /pytest fails to collect the module/);
    const { fix, output } = await applyFirstFix('PP108', input);
    assert.equal(fix.safe, false);
    assert.equal(output, input.replace('parametrise', 'parametrize'));
    assert.deepEqual(await findingsOf('PP108', output), []);
    assert.deepEqual(collect(output).ids, ['test_module.py::test_buffer__sizes__then_filled[1]', 'test_module.py::test_buffer__sizes__then_filled[2]']);
  });

  it('renames `xfial` (an unknown mark pytest only warns about) to `xfail`, and pytest then expects the failure', async () => {
    const input = 'import pytest\n\n\n@pytest.mark.xfial(reason="known bug")\ndef test_cache__stale__then_refreshed() -> None:\n    assert False\n';
    const before = collect(input);
    assert.deepEqual(before.ids, ['test_module.py::test_cache__stale__then_refreshed'], before.output);
    assert.match(before.output, /PytestUnknownMarkWarning: Unknown pytest\.mark\.xfial/);
    const [finding] = await findingsOf('PP108', input);
    assert.match(finding.message, /unknown custom mark/);
    const { output } = await applyFirstFix('PP108', input);
    assert.equal(output, input.replace('xfial', 'xfail'));
  });

  it('renames `skip_if` in a module\'s pytestmark list', async () => {
    const input = 'import sys\n\nimport pytest\n\npytestmark = [pytest.mark.skip_if(sys.platform != "x", reason="never here")]\n\n\ndef test_unit__condition__then_expected() -> None:\n    assert True\n';
    const { output } = await applyFirstFix('PP108', input);
    assert.equal(output, input.replace('skip_if', 'skipif'));
  });
});
