// `pytest-patterns discover` as its own process: the CLI tunes V8 for one batch of work and, on a
// tree this large, splits it between threads (one per core). Its output must be exactly what the
// same command gives in a plain process on one thread.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discoverCommand } from '../../server/src/cli/commands/discover';
import { repoPath } from '../support/paths';
import { writeSuite } from '../unit/discovery/pytestSuite';

const CLI = repoPath('bin', 'pytest-patterns.js');

/** Copies of the generated suite's test files in nested folders: more files than the CLI's threshold for helpers. */
function widen(suite: string, copies: number): void {
  const tests = path.join(suite, 'tests');
  const sources = fs.readdirSync(tests).filter((f) => f.startsWith('test_') && f.endsWith('.py'));
  for (let copy = 0; copy < copies; copy++) {
    const folder = path.join(tests, `group_${copy % 5}`, `copy_${copy}`);
    fs.mkdirSync(folder, { recursive: true });
    for (const source of sources) fs.copyFileSync(path.join(tests, source), path.join(folder, source.replace('.py', `_${copy}.py`)));
  }
}

describe('pytest-patterns discover (process)', () => {
  let suite: string;
  before(() => {
    suite = writeSuite();
    widen(suite, 40);
  });
  after(() => {
    if (suite) fs.rmSync(suite, { recursive: true, force: true });
  });

  it('gives the single-thread result on a tree large enough for helper threads', async () => {
    const processRun = spawnSync(process.execPath, [CLI, 'discover', suite, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(processRun.status, 0, processRun.stderr);
    let stdout = '';
    const code = await discoverCommand([suite, '--format', 'json'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => undefined }, cwd: suite });
    assert.equal(code, 0);
    const inProcess = JSON.parse(stdout) as { nodeid: string }[];
    const files = new Set(inProcess.map((t) => t.nodeid.split('::')[0]));
    assert.ok(files.size >= 200, `only ${files.size} files`);
    assert.deepEqual(JSON.parse(processRun.stdout), inProcess);
  });
});

describe('pytest-patterns discover under strict markers', () => {
  it('lists the tests of a module with unregistered marks, flagged, and says why on stderr', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cli-strict-'));
    try {
      fs.writeFileSync(path.join(dir, 'pytest.ini'), '[pytest]\nstrict_markers = true\nmarkers =\n    slow: takes a while\n');
      fs.writeFileSync(path.join(dir, 'test_jobs.py'), 'import pytest\n\n\n@pytest.mark.nightly\n@pytest.mark.slow\ndef test_job__nightly__then_runs() -> None:\n    assert True\n');
      let stdout = '';
      let stderr = '';
      const code = await discoverCommand([dir, '--format', 'json'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir });
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(stdout).map((t: { nodeid: string; conditional?: boolean }) => [t.nodeid, t.conditional]), [['test_jobs.py::test_job__nightly__then_runs', true]]);
      assert.equal(stderr, 'pytest-patterns discover: test_jobs.py: strict markers: nightly registered by no config or conftest.py; pytest refuses the module unless a plugin registers them (its tests are flagged)\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
