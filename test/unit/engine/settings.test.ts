import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeSettings, settingsFromUnknown } from '../../../server/src/engine/config/settings';
import { isSelected, perFileIgnored } from '../../../server/src/engine/lint/selection';
import { lineComments, suppressionsFromComments } from '../../../server/src/engine/lint/suppressions';
import type { RuleMeta } from '../../../server/src/engine/rules/types';

const meta = (code: string, defaultEnabled = true): RuleMeta => ({
  code,
  name: `rule-${code.toLowerCase()}`,
  summary: '',
  defaultSeverity: 'warning',
  defaultEnabled,
  options: {},
  fixable: false,
});

describe('settings', () => {
  it('lets the project file win over the editor, merging rule options per key', () => {
    const merged = mergeSettings(
      { select: ['PP1'], severity: { PP101: 'error', PP201: 'hint' }, rules: { 'test-name-format': { preset: 'custom', pattern: 'x' } } },
      { severity: { PP101: 'information' }, rules: { 'test-name-format': { preset: 'pytest-default' } } },
    );
    assert.deepEqual(merged.select, ['PP1']);
    assert.deepEqual(merged.severity, { PP101: 'information', PP201: 'hint' });
    assert.deepEqual(merged.rules['test-name-format'], { preset: 'pytest-default', pattern: 'x' });
  });

  it('keeps the valid parts of malformed settings', () => {
    const partial = settingsFromUnknown({ select: 'PP1', ignore: ['PP2'], severity: { PP101: 'loud', PP102: 'off' }, 'per-file-ignores': { 'a/*': ['PP1'], b: 3 } });
    assert.deepEqual(partial, { ignore: ['PP2'], severity: { PP102: 'off' }, perFileIgnores: { 'a/*': ['PP1'] } });
  });

  it('selects by prefix, needs the exact code for off-by-default rules, and ignores', () => {
    const settings = mergeSettings({ select: ['PP1'] }, undefined);
    assert.equal(isSelected(meta('PP101'), settings), true);
    assert.equal(isSelected(meta('PP201'), settings), false);
    assert.equal(isSelected(meta('PP104', false), settings), false);
    assert.equal(isSelected(meta('PP104', false), mergeSettings({ select: ['PP', 'PP104'] }, undefined)), true);
    assert.equal(isSelected(meta('PP101'), mergeSettings({ ignore: ['rule-pp101'] }, undefined)), false);
    assert.equal(isSelected(meta('PP101'), mergeSettings({ severity: { PP101: 'off' } }, undefined)), false);
  });

  it('applies per-file ignores relative to the project root', () => {
    const settings = mergeSettings({ perFileIgnores: { 'tests/legacy/*': ['PP101'], 'conftest.py': ['PP3'] } }, undefined);
    assert.deepEqual(perFileIgnored('/r/tests/legacy/test_a.py', '/r', settings), ['PP101']);
    assert.deepEqual(perFileIgnored('/r/tests/unit/conftest.py', '/r', settings), ['PP3']);
    assert.deepEqual(perFileIgnored('/r/tests/unit/test_a.py', '/r', settings), []);
  });
});

describe('suppression comments', () => {
  it('silences codes and prefixes on a line, or the whole file', () => {
    const s = suppressionsFromComments([
      { text: '# pytest-patterns: ignore[PP101, pp2]', line: 3 },
      { text: '# pytest-patterns: ignore', line: 5 },
      { text: '# pytest-patterns: ignore-file[PP5]', line: 0 },
    ]);
    assert.equal(s.isSuppressed('PP101', 3), true);
    assert.equal(s.isSuppressed('PP203', 3), true);
    assert.equal(s.isSuppressed('PP102', 3), false);
    assert.equal(s.isSuppressed('PP102', 5), true);
    assert.equal(s.isSuppressed('PP501', 9), true);
    assert.equal(s.isSuppressed('PP101', 4), false);
  });
});

describe('suppressions in text files', () => {
  it('reads # and // directives (tasks.json is JSONC), not URLs', () => {
    const text = '{\n  "command": "pytest",  // pytest-patterns: ignore[PP601]\n  "url": "http://x#y"\n}\nrun: pytest  # pytest-patterns: ignore\n';
    const s = suppressionsFromComments(lineComments(text));
    assert.equal(s.isSuppressed('PP601', 1), true);
    assert.equal(s.isSuppressed('PP601', 2), false);
    assert.equal(s.isSuppressed('PP601', 4), true);
  });
});
