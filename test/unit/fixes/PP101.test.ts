import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snippetToPlain } from '../../../server/src/engine/rules/naming/snippetText';
import { applyEdits } from '../../../server/src/engine/text/positions';
import { applyFirstFix, findingsOf } from './fixSupport';

describe('PP101 test-name-format fix', () => {
  it('renames a unit-only name with placeholders for the missing parts', async () => {
    const input = 'def test_tokenize() -> None:\n    assert 1 + 1 == 2\n';
    const { fix, output } = await applyFirstFix('PP101', input);
    assert.equal(fix.safe, false);
    assert.equal(fix.snippet, true);
    assert.equal(output, 'def test_tokenize__${1:condition}__then_${2:expected}() -> None:\n    assert 1 + 1 == 2\n');
    assert.deepEqual(await findingsOf('PP101', snippetToPlain(output)), []);
  });

  it('renames calls and node-id strings in one snippet edit, escaping the text between them', async () => {
    const input = [
      'import pytest',
      '',
      '',
      'def test_tokenize() -> None:',
      '    assert "${x}" != "cost: $5"',
      '',
      '',
      '@pytest.mark.dependency(depends=["test_tokenize", "tests/test_a.py::test_tokenize"])',
      'def test_other__call__then_runs() -> None:',
      '    test_tokenize()',
      '    obj.test_tokenize()',
      '    assert test_tokenize is not None',
      '',
    ].join('\n');
    const { fix } = await applyFirstFix('PP101', input);
    assert.equal(fix.edits.length, 1);
    const plain = applyEdits(input, fix.edits.map((e) => ({ range: e.range, newText: snippetToPlain(e.newText) })));
    const renamed = 'test_tokenize__condition__then_expected';
    assert.equal(
      plain,
      input
        .replace('def test_tokenize()', `def ${renamed}()`)
        .replace('["test_tokenize", "tests/test_a.py::test_tokenize"]', `["${renamed}", "tests/test_a.py::${renamed}"]`)
        .replace('    test_tokenize()', `    ${renamed}()`)
        .replace('assert test_tokenize is', `assert ${renamed} is`),
    );
    assert.ok(plain.includes('obj.test_tokenize()'), 'attributes of other objects keep their name');
    assert.equal(fix.edits[0].newText.match(/\$\{1:condition\}/g)?.length, 5, 'every occurrence mirrors the same placeholder');
  });

  it('renames self.method references of a test method', async () => {
    const input = [
      'class TestTokenizer:',
      '    def test_count(self) -> None:',
      '        assert 1 + 1 == 2',
      '',
      '    def test_count__twice__then_same(self) -> None:',
      '        self.test_count()',
      '        assert 2 == 2',
      '',
    ].join('\n');
    const { fix } = await applyFirstFix('PP101', input);
    const plain = applyEdits(input, fix.edits.map((e) => ({ range: e.range, newText: snippetToPlain(e.newText) })));
    assert.equal(plain, input.replace('def test_count(self)', 'def test_count__condition__then_expected(self)').replace('self.test_count()', 'self.test_count__condition__then_expected()'));
  });

  it('lowercases a name that only breaks the case rule, without placeholders', async () => {
    const input = 'def test_Tokenizer__long__then_counts() -> None:\n    assert 1 + 1 == 2\n';
    const { fix, output } = await applyFirstFix('PP101', input);
    assert.equal(fix.snippet, false);
    assert.equal(output, 'def test_tokenizer__long__then_counts() -> None:\n    assert 1 + 1 == 2\n');
  });

  it('fills only the expected part when the condition is there', async () => {
    const { output } = await applyFirstFix('PP101', 'def test_tokenizer__long_text() -> None:\n    assert 1 + 1 == 2\n');
    assert.equal(output, 'def test_tokenizer__long_text__then_${1:expected}() -> None:\n    assert 1 + 1 == 2\n');
  });
});
