// PP109 (and PP108) against the real pytest under strict markers: pytest refuses a module at its
// first unregistered mark; registering that one and collecting again walks through all of them.
// The marks pytest names that way must be exactly those the rules reported.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildFixtureIndex, withFixtureIndex } from '../../../server/src/engine/fixtures/project';
import { lintSource } from '../../../server/src/engine/lint/linter';
import { repoPath } from '../../support/paths';

const STRICT = repoPath('test/fixtures/rules/PP109/strict');

/** The mark pytest refuses first, or undefined when the folder collects cleanly. */
function refusedMark(dir: string): string | undefined {
  const result = spawnSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTEST_ADDOPTS: '' } });
  const refused = /'(\w+)' not found in `markers` configuration option/.exec(result.stdout);
  if (!refused) assert.match(result.stdout, /\d+ tests? collected/, result.stdout);
  return refused?.[1];
}

describe('PP109 unregistered-marker against pytest --strict-markers', () => {
  it('reports exactly the marks pytest refuses, one registration at a time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp109-'));
    try {
      fs.cpSync(STRICT, dir, { recursive: true });
      const file = path.join(dir, 'test_strict_marks.py');
      const project = withFixtureIndex({}, await buildFixtureIndex([dir]));
      const findings = await lintSource(fs.readFileSync(file, 'utf8'), file, { editorSettings: { select: ['PP108', 'PP109'] }, project });
      const reported = new Set(findings.map((f) => /`pytest\.mark\.(\w+)`/.exec(f.message)?.[1]));
      const refused = new Set<string>();
      for (let mark = refusedMark(dir); mark !== undefined; mark = refusedMark(dir)) {
        assert.ok(!refused.has(mark), `registering ${mark} did not help`);
        refused.add(mark);
        fs.appendFileSync(path.join(dir, 'pytest.ini'), `    ${mark}: registered by the test\n`);
      }
      assert.deepEqual([...reported].sort(), [...refused].sort());
      assert.ok(refused.size >= 3, 'the fixture should hold several unregistered marks');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
