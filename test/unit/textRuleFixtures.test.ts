import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintSource } from '../../server/src/engine/lint/linter';
import { isTextRuleTarget } from '../../server/src/engine/lint/lintFile';
import { RULES } from '../../server/src/engine/rules/registry';
import { compareFindings, parseExpectations } from '../support/carets';
import { repoPath } from '../support/paths';

const FIXTURES = repoPath('test/fixtures/rules');

/** Every file below `dir` a text rule looks at (tasks.json, Makefiles, CI YAML, tox.ini …), hidden folders included. */
function textRuleFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return textRuleFiles(full);
    return isTextRuleTarget(full) ? [full] : [];
  });
}

/**
 * Caret expectations in the file's own comment syntax. `#` files (YAML, Makefile, tox.ini,
 * justfile) use the shared parser as is; tasks.json is JSONC, so `//` carets are rewritten to `# `
 * first, which keeps every column where it was.
 */
function expectationsOf(file: string, text: string) {
  const hashed = file.endsWith('.json') ? text.replace(/^(\s*)\/\/(?=\s*\^)/gm, '$1# ') : text;
  return parseExpectations(hashed);
}

// Text rules (PP601 …) have fixture folders of non-Python files under test/fixtures/rules/<CODE>/;
// each expected finding is a caret comment under the line it belongs to.
describe('text rule fixtures', () => {
  for (const rule of RULES.filter((r) => r.target === 'text')) {
    const dir = path.join(FIXTURES, rule.meta.code);
    it(`${rule.meta.code} ${rule.meta.name} matches its fixture`, async () => {
      assert.ok(fs.existsSync(dir), `missing fixture folder ${dir}`);
      const files = textRuleFiles(dir);
      assert.ok(files.length > 0, `no file in ${dir} matches the rule's filePatterns`);
      let expectedCount = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const expected = expectationsOf(file, text);
        expectedCount += expected.filter((e) => e.code === rule.meta.code).length;
        const findings = await lintSource(text, file, { editorSettings: { select: ['PP', rule.meta.code] } });
        const problems = compareFindings(expected, findings, new Set([rule.meta.code]));
        assert.deepEqual(problems, [], `${path.relative(FIXTURES, file)}:\n  ${problems.join('\n  ')}`);
      }
      assert.ok(expectedCount > 0, `${rule.meta.code}: the fixture marks no expected finding, so it could not fail`);
    });
  }

  it('PP601 fixture covers every kind of file the rule reads, with and without a Cargo.toml', () => {
    const files = textRuleFiles(path.join(FIXTURES, 'PP601')).map((f) => path.relative(path.join(FIXTURES, 'PP601'), f).split(path.sep).join('/'));
    for (const expected of ['.vscode/tasks.json', 'Makefile', 'justfile', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'tox.ini']) {
      assert.ok(files.includes(`cargo/${expected}`), `missing cargo/${expected}`);
      assert.ok(files.includes(`no-cargo/${expected}`), `missing no-cargo/${expected}`);
    }
    assert.ok(fs.existsSync(path.join(FIXTURES, 'PP601/cargo/Cargo.toml')));
    assert.ok(!fs.existsSync(path.join(FIXTURES, 'PP601/no-cargo/Cargo.toml')));
  });
});
