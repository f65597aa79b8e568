// The edit that registers a marker, checked by the real pytest: with `--strict-markers` a module
// marked `nightly` fails to collect before the edit and collects after it, in every config layout.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { registerMarkerEdit } from '../../../server/src/engine/config/registerMarker';
import { applyEdits } from '../../../server/src/engine/text/positions';

const TEST = 'import pytest\n\n\n@pytest.mark.nightly\ndef test_job__nightly__then_runs() -> None:\n    assert True\n';

const LAYOUTS: [string, string, string][] = [
  ['pytest.ini, a markers block', 'pytest.ini', '[pytest]\nmarkers =\n    slow: takes a while\n    integration: real services\naddopts = -q\n'],
  ['pytest.ini, no markers key and no final newline', 'pytest.ini', '[pytest]\naddopts = -q\n# slow is registered below\nmarkers = slow'],
  ['tox.ini, another section after', 'tox.ini', '[tox]\nenvlist = py311\n\n[pytest]\nmarkers =\n\tslow: tab-indented\n\n[testenv]\ncommands = cargo test\n'],
  ['setup.cfg, a one-line value', 'setup.cfg', '[metadata]\nname = x\n\n[tool:pytest]\nmarkers = slow: takes a while\n'],
  ['pyproject.toml, a multi-line array with a trailing comma', 'pyproject.toml', '[project]\nname = "x"\n\n[tool.pytest.ini_options]\nmarkers = [\n    "slow: takes a while",\n]\n\n[tool.other]\nkey = 1\n'],
  ['pyproject.toml, a multi-line array without a trailing comma', 'pyproject.toml', '[tool.pytest.ini_options]\nmarkers = [\n  "slow: takes a while"  # the slow ones\n]\n'],
  ['pyproject.toml, a one-line array', 'pyproject.toml', '[tool.pytest.ini_options]\nmarkers = ["slow: takes a while"]\ntestpaths = ["."]\n'],
  ['pyproject.toml, no markers key', 'pyproject.toml', '[tool.pytest.ini_options]\naddopts = "-q"\n\n[tool.pytest-patterns]\nignore = []\n'],
  ['pyproject.toml, pytest 9 native table', 'pyproject.toml', '[tool.pytest]\nmarkers = ["slow"]\n'],
  ['pytest.toml', 'pytest.toml', '[pytest]\nmarkers = [\n    "slow",\n]\n'],
];

/** How many characters of `a` appear in `b` in order (all of them when `b` only adds to `a`). */
function lcsOf(a: string, b: string): number {
  let at = 0;
  for (const c of b) if (at < a.length && a[at] === c) at++;
  return at;
}

/** pytest's verdict on the folder with `--strict-markers`: collected, or the mark it refuses. */
function collect(dir: string): string {
  const result = spawnSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider', '--strict-markers'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTEST_ADDOPTS: '' } });
  return /'(\w+)' not found in `markers`/.exec(result.stdout)?.[1] ?? (/1 test collected|test_jobs\.py: 1/.test(result.stdout) ? 'collected' : `unexpected:\n${result.stdout}${result.stderr}`);
}

describe('registering a marker in the pytest config', () => {
  for (const [name, file, text] of LAYOUTS) {
    it(`${name}: pytest refuses the mark before the edit and collects it after`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-register-'));
      try {
        fs.writeFileSync(path.join(dir, 'test_jobs.py'), TEST);
        fs.writeFileSync(path.join(dir, file), text);
        assert.equal(collect(dir), 'nightly');
        const edit = registerMarkerEdit(path.join(dir, file), text, 'nightly');
        assert.ok(edit, 'an edit');
        const edited = applyEdits(text, [edit]);
        fs.writeFileSync(path.join(dir, file), edited);
        assert.equal(collect(dir), 'collected', edited);
        // What was there is still there: the edit only adds (a comma, a line, an item).
        assert.deepEqual(lcsOf(text, edited), text.length, edited);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('gives no edit where the section is missing or the array is not recognised', () => {
    assert.equal(registerMarkerEdit('/x/pytest.ini', '[tool:pytest]\nmarkers = slow\n', 'nightly'), undefined);
    assert.equal(registerMarkerEdit('/x/pyproject.toml', '[tool.pytest.ini_options]\nmarkers = MARKERS\n', 'nightly'), undefined);
    assert.equal(registerMarkerEdit('/x/conftest.py', 'x = 1\n', 'nightly'), undefined);
  });
});
