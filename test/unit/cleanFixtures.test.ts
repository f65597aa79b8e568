import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintSource } from '../../server/src/engine/lint/linter';
import { RULES } from '../../server/src/engine/rules/registry';
import { projectForFolder } from '../support/fixtureProject';
import { repoPath } from '../support/paths';

const CLEAN = repoPath('test', 'fixtures', 'clean');

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pythonFiles(full);
    return entry.name.endsWith('.py') ? [full] : [];
  });
}

// Idiomatic pytest code: every rule, including the off-by-default ones, must stay silent on it.
describe('clean fixtures', () => {
  const everyRule = ['PP', ...RULES.map((r) => r.meta.code)];
  const files = fs.existsSync(CLEAN) ? pythonFiles(CLEAN) : [];

  it('has clean files to check', () => {
    assert.ok(files.length > 0, `no .py files in ${CLEAN}`);
  });

  for (const file of files) {
    it(`${path.relative(CLEAN, file)} has no findings`, async () => {
      // With the folder's fixture index, so the cross-file fixture rules (PP301, PP302, …) run too.
      const project = await projectForFolder(CLEAN);
      const findings = await lintSource(fs.readFileSync(file, 'utf8'), file, { editorSettings: { select: everyRule }, project });
      const described = findings.map((f) => `${f.code} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
      assert.deepEqual(described, []);
    });
  }
});
