import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idsFromNames, mergeIntoParametrized, mergedName } from '../../../server/src/engine/actions/mergeParametrized';
import { lintSource } from '../../../server/src/engine/lint/linter';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { parsePython } from '../../../server/src/engine/parse/parser';
import { applyEdits } from '../../../server/src/engine/text/positions';
import { runPytest } from './pytestRun';

const SOURCE = [
  '"""Tokenizer tests."""',
  '',
  '',
  'def tokenize(text: str) -> list[str]:',
  '    """The unit under test."""',
  '    return text.split()',
  '',
  '',
  'def test_tokenizer__empty_text__then_no_tokens() -> None:',
  '    """Empty text has no tokens."""',
  '    assert len(tokenize("")) == 0',
  '',
  '',
  'def test_tokenizer__one_word__then_one_token() -> None:',
  '    """One word is one token."""',
  '    assert len(tokenize("hello")) == 1',
  '',
  '',
  'def test_tokenizer__two_words__then_two_tokens() -> None:',
  '    """Two words are two tokens."""',
  '    assert len(tokenize("hello world")) == 2',
  '',
  '',
  'def test_other__unrelated__then_untouched() -> None:',
  '    """Looks different: not merged."""',
  '    assert tokenize("a b") == ["a", "b"]',
  '',
].join('\n');

async function merge(text: string, line: number, endLine = line): Promise<string | undefined> {
  const tree = await parsePython(text);
  try {
    const file = buildModel('/tmp/test_tokenizer.py', tree.rootNode);
    const edits = mergeIntoParametrized(text, file, { start: { line, character: 0 }, end: { line: endLine, character: 0 } });
    return edits && applyEdits(text, edits);
  } finally {
    tree.delete();
  }
}

describe('merge into a parametrized test', () => {
  it('merges the look-alikes of the test under the cursor, one row and id per test, docstrings kept as comments', async () => {
    const result = await merge(SOURCE, 9);
    assert.equal(
      result,
      [
        '"""Tokenizer tests."""',
        'import pytest',
        '',
        '',
        'def tokenize(text: str) -> list[str]:',
        '    """The unit under test."""',
        '    return text.split()',
        '',
        '',
        '@pytest.mark.parametrize(',
        '    ("tokenize_arg", "expected"),',
        '    [',
        '        pytest.param("", 0, id="empty_text-then_no_tokens"),  # Empty text has no tokens.',
        '        pytest.param("hello", 1, id="one_word-then_one_token"),  # One word is one token.',
        '        pytest.param("hello world", 2, id="two_words-then_two_tokens"),  # Two words are two tokens.',
        '    ],',
        ')',
        'def test_tokenizer__each_case__then_matches_expected(tokenize_arg: str, expected: int) -> None:',
        '    """Check every case of the parametrize table."""',
        '    assert len(tokenize(tokenize_arg)) == expected',
        '',
        '',
        'def test_other__unrelated__then_untouched() -> None:',
        '    """Looks different: not merged."""',
        '    assert tokenize("a b") == ["a", "b"]',
        '',
      ].join('\n'),
    );
    const run = runPytest({ 'test_tokenizer.py': result! });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /4 passed/);
    const findings = await lintSource(result!, '/tmp/gen/test_tokenizer.py', { editorSettings: { select: ['PP1', 'PP3', 'PP4'] } });
    assert.deepEqual(findings.map((f) => `${f.code} ${f.message}`), []);
  });

  it('merges only the selected tests when the selection spans several', async () => {
    const result = await merge(SOURCE, 8, 15);
    assert.ok(result);
    assert.match(result, /pytest\.param\("", 0, id="empty_text-then_no_tokens"\)/);
    assert.doesNotMatch(result, /hello world", 2/);
    assert.match(result, /def test_tokenizer__two_words__then_two_tokens/);
    const run = runPytest({ 'test_tokenizer.py': result });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /4 passed/);
  });

  it('keeps single quotes, tab-free 2-space indentation, methods and shared literals', async () => {
    const text = [
      'import pytest',
      '',
      '',
      'class TestAdd:',
      '  def test_add__small__then_sum(self) -> None:',
      "    assert add(1, 2, label='x') == 3",
      '',
      '  def test_add__large__then_sum(self) -> None:',
      "    assert add(10, 20, label='x') == 30",
      '',
      '',
      'def add(a: int, b: int, label: str) -> int:',
      '  return a + b',
      '',
    ].join('\n');
    const result = await merge(text, 4);
    assert.equal(
      result,
      [
        'import pytest',
        '',
        '',
        'class TestAdd:',
        '  @pytest.mark.parametrize(',
        "    ('add_arg', 'add_arg_2', 'expected'),",
        '    [',
        "      pytest.param(1, 2, 3, id='small'),",
        "      pytest.param(10, 20, 30, id='large'),",
        '    ],',
        '  )',
        '  def test_add__each_case__then_sum(self, add_arg: int, add_arg_2: int, expected: int) -> None:',
        "    assert add(add_arg, add_arg_2, label='x') == expected",
        '',
        '',
        'def add(a: int, b: int, label: str) -> int:',
        '  return a + b',
        '',
      ].join('\n'),
    );
    const run = runPytest({ 'test_add.py': result! });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /2 passed/);
  });

  it('offers nothing for a test without look-alikes', async () => {
    assert.equal(await merge(SOURCE, 24), undefined);
  });

  it('names the merged test and its ids from what the names share and what differs', () => {
    assert.equal(mergedName(['test_a__x__then_y', 'test_a__z__then_y']), 'test_a__each_case__then_y');
    assert.equal(mergedName(['test_parse_one', 'test_parse_two']), 'test_parse');
    assert.deepEqual(idsFromNames(['test_parse_one', 'test_parse_two']), ['one', 'two']);
    assert.deepEqual(idsFromNames(['test_x', 'test_x']), ['case_1', 'case_2']);
  });
});
