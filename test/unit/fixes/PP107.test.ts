import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyFirstFix, findingsOf } from './fixSupport';

/** What pytest --collect-only says of a test module with this text. */
function collect(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp107-'));
  try {
    fs.writeFileSync(path.join(dir, 'test_module.py'), text);
    const result = spawnSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider', '-rs'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTEST_ADDOPTS: '' } });
    return result.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const TEST = '\n\ndef test_unit__condition__then_expected() -> None:\n    assert True\n';

describe('PP107 module-skip-without-allow fix', () => {
  for (const [name, call, fixed] of [
    ['a reason', 'pytest.skip("needs a GPU")', 'pytest.skip("needs a GPU", allow_module_level=True)'],
    ['a trailing comma', 'pytest.skip(\n    "needs a GPU",\n)', 'pytest.skip(\n    "needs a GPU", allow_module_level=True,\n)'],
    ['no argument', 'pytest.skip()', 'pytest.skip(allow_module_level=True)'],
    ['False', 'pytest.skip("x", allow_module_level=False)', 'pytest.skip("x", allow_module_level=True)'],
  ] as const) {
    it(`passes allow_module_level=True (${name}), and pytest then skips the module instead of failing it`, async () => {
      const input = `import pytest\n\n${call}\n${TEST}`;
      assert.match(collect(input), /ERROR collecting test_module\.py/, 'pytest refuses the skip as written');
      const { fix, output } = await applyFirstFix('PP107', input);
      assert.equal(fix.safe, false, 'offered, not applied by fix all: a mark may be what was meant');
      assert.equal(output, `import pytest\n\n${fixed}\n${TEST}`);
      assert.deepEqual(await findingsOf('PP107', output), []);
      assert.match(collect(output), /SKIPPED \[1\] test_module\.py:\d+/, 'pytest skips the module');
    });
  }
});
