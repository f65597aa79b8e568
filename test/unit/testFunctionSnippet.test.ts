import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { testFunctionSnippet } from '../../server/src/engine/actions/testFunctionSnippet';
import { lintSource } from '../../server/src/engine/lint/linter';
import { expandSnippet } from '../support/snippetExpansion';
import { snippetModule } from '../support/pythonSnippetFile';
import { repoPath } from '../support/paths';

const FILE = '/tmp/pp-test-function-snippet/test_snippet.py';

async function codesUnder(preset: string, snippet: string): Promise<string[]> {
  const module = snippetModule('Test function', expandSnippet(snippet));
  const findings = await lintSource(module.text, FILE, { editorSettings: { rules: { 'test-name-format': { preset } } } });
  return findings.map((f) => f.code);
}

describe('test function snippet per naming preset', () => {
  it('unit-condition-then gives the contributed "Test function" snippet', () => {
    const snippets = JSON.parse(fs.readFileSync(repoPath('snippets/python.json'), 'utf8'));
    assert.equal(testFunctionSnippet('unit-condition-then'), snippets['Test function'].body.join('\n'));
  });

  for (const preset of ['unit-condition-then', 'pytest-default']) {
    it(`${preset}: the expanded snippet passes PP101 configured with that preset`, async () => {
      const snippet = testFunctionSnippet(preset);
      assert.ok(snippet);
      assert.deepEqual(await codesUnder(preset, snippet), []);
    });
  }

  it('pytest-default differs from the static snippet: its name is flagged under the default preset', async () => {
    const snippet = testFunctionSnippet('pytest-default');
    assert.ok(snippet);
    assert.deepEqual(await codesUnder('unit-condition-then', snippet), ['PP101']);
  });

  it('custom patterns get no snippet, and unknown presets the default one', () => {
    assert.equal(testFunctionSnippet('custom'), undefined);
    assert.equal(testFunctionSnippet('no-such-preset'), testFunctionSnippet('unit-condition-then'));
  });
});
