import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintSource } from '../../server/src/engine/lint/linter';
import { RULES } from '../../server/src/engine/rules/registry';
import { compareFindings, parseExpectations } from '../support/carets';
import { projectForFolder } from '../support/fixtureProject';
import { repoPath } from '../support/paths';

const FIXTURES = repoPath('test/fixtures/rules');

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pythonFiles(full);
    return entry.name.endsWith('.py') ? [full] : [];
  });
}

// Each rule's fixture folder test/fixtures/rules/<CODE>/ holds Python files (and optionally a
// pyproject.toml); every expected finding of that rule is marked inline with caret comments.
describe('rule fixtures', () => {
  for (const rule of RULES.filter((r) => r.target !== 'text')) {
    const dir = path.join(FIXTURES, rule.meta.code);
    it(`${rule.meta.code} ${rule.meta.name} matches its fixture`, async () => {
      assert.ok(fs.existsSync(dir), `missing fixture folder ${dir}`);
      const files = pythonFiles(dir);
      assert.ok(files.length > 0, `no .py fixture in ${dir}`);
      let expectedCount = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const expected = parseExpectations(text);
        expectedCount += expected.filter((e) => e.code === rule.meta.code).length;
        const findings = await lintSource(text, file, { editorSettings: { select: ['PP', rule.meta.code] }, project: await projectForFolder(dir) });
        const problems = compareFindings(expected, findings, new Set([rule.meta.code]));
        assert.deepEqual(problems, [], `${path.relative(FIXTURES, file)}:\n  ${problems.join('\n  ')}`);
      }
      assert.ok(expectedCount > 0, `${rule.meta.code}: the fixture marks no expected finding, so it could not fail`);
    });
  }
});
