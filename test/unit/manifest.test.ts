import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config/settings';
import { manifestRuleSettings } from '../../server/src/engine/rules/manifest';
import { withRuleTable } from '../../server/src/engine/rules/ruleTable';
import { repoPath } from '../support/paths';

const pkg = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8'));
const properties = pkg.contributes.configuration.properties as Record<string, { default?: unknown; scope?: string }>;

describe('package.json manifest', () => {
  it('has the rule settings generated from the registry (run `npm run sync-manifest`)', () => {
    for (const [key, value] of Object.entries(manifestRuleSettings())) {
      assert.deepEqual(properties[key], value, `${key} is out of date`);
    }
  });

  it('has the README rule table generated from the registry (run `npm run sync-manifest`)', () => {
    const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
    assert.equal(readme, withRuleTable(readme));
  });

  it('declares the engine defaults for the lint settings', () => {
    assert.equal(properties['pytestPatterns.enable'].default, DEFAULT_SETTINGS.enable);
    assert.deepEqual(properties['pytestPatterns.select'].default, DEFAULT_SETTINGS.select);
    assert.deepEqual(properties['pytestPatterns.ignore'].default, DEFAULT_SETTINGS.ignore);
    assert.deepEqual(properties['pytestPatterns.perFileIgnores'].default, DEFAULT_SETTINGS.perFileIgnores);
  });

  it('gives lint settings resource scope and never lets a workspace pick an executable', () => {
    for (const [key, value] of Object.entries(properties)) {
      if (/\.(command|path|executable)$/i.test(key)) assert.match(String(value.scope), /^machine/, `${key} must be machine or machine-overridable`);
    }
  });

  it('contributes every command the client registers', () => {
    const contributed = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    const sources = fs.readdirSync(repoPath('src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of sources) {
      const text = fs.readFileSync(repoPath('src', file), 'utf8');
      for (const match of text.matchAll(/registerCommand\(\s*'([^']+)'/g)) {
        if (match[1].startsWith('pytestPatterns.test.')) continue; // test-only commands stay out of the palette
        assert.ok(contributed.has(match[1]), `${match[1]} (${file}) is not in contributes.commands`);
      }
    }
  });

  it('keeps engines.vscode within what code-server 4.100.3 provides', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
  });
});
