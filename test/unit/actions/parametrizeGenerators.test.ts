import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertLoopToParametrize } from '../../../server/src/engine/actions/convertLoop';
import { addCase, addIds } from '../../../server/src/engine/actions/editParametrize';
import { parametrizeTest } from '../../../server/src/engine/actions/parametrizeTest';
import { lintSource } from '../../../server/src/engine/lint/linter';
import { runPytest } from './pytestRun';
import { generate } from './support';

const lines = (...l: string[]) => l.join('\n');

async function assertRuns(text: string, passed: number): Promise<void> {
  const run = runPytest({ 'test_generated.py': text });
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, new RegExp(`${passed} passed`));
  const findings = await lintSource(text, '/tmp/gen/test_generated.py', { editorSettings: { select: ['PP1', 'PP3', 'PP4'] } });
  assert.deepEqual(findings.map((f) => `${f.code} ${f.message}`), []);
}

describe('parametrize this test', () => {
  it('turns call arguments and the expected value into one parametrize row', async () => {
    const text = lines(
      '"""Slug tests."""',
      '',
      '',
      'def slugify(text: str, sep: str) -> str:',
      '    """Unit under test."""',
      '    return sep.join(text.lower().split())',
      '',
      '',
      'def test_slugify__spaces__then_joined() -> None:',
      '    """Spaces become the separator."""',
      '    assert slugify("Hello World", sep="-") == "hello-world"',
      '',
    );
    const result = await generate(text, parametrizeTest, 10);
    assert.equal(
      result,
      lines(
        '"""Slug tests."""',
        'import pytest',
        '',
        '',
        'def slugify(text: str, sep: str) -> str:',
        '    """Unit under test."""',
        '    return sep.join(text.lower().split())',
        '',
        '',
        '@pytest.mark.parametrize(',
        '    ("slugify_arg", "sep", "expected"),',
        '    [',
        '        ("Hello World", "-", "hello-world"),',
        '    ],',
        ')',
        'def test_slugify__spaces__then_joined(slugify_arg: str, sep: str, expected: str) -> None:',
        '    """Spaces become the separator."""',
        '    assert slugify(slugify_arg, sep=sep) == expected',
        '',
      ),
    );
    await assertRuns(result!, 1);
  });

  it('does not apply to a test without literal arguments', async () => {
    assert.equal(await generate('def test_a__b__then_c() -> None:\n    assert True\n', parametrizeTest, 0), undefined);
  });
});

describe('convert a loop over cases into parametrize', () => {
  it('makes one case per iteration and keeps the loop body, one level less indented', async () => {
    const text = lines(
      'import pytest',
      '',
      '',
      'def test_square__small__then_matches() -> None:',
      '    """Each value squares as expected."""',
      '    for value, square in [(1, 1), (2, 4), (-3, 9)]:',
      '        result = value * value',
      '        assert result == square',
      '',
    );
    const result = await generate(text, convertLoopToParametrize, 5);
    assert.equal(
      result,
      lines(
        'import pytest',
        '',
        '',
        '@pytest.mark.parametrize(',
        '    ("value", "square"),',
        '    [',
        '        (1, 1),',
        '        (2, 4),',
        '        (-3, 9),',
        '    ],',
        ')',
        'def test_square__small__then_matches(value: int, square: int) -> None:',
        '    """Each value squares as expected."""',
        '    result = value * value',
        '    assert result == square',
        '',
      ),
    );
    await assertRuns(result!, 3);
  });

  it('leaves loops with break, or loops over computed values, alone', async () => {
    const withBreak = 'def test_a__b__then_c() -> None:\n    for x in [1, 2]:\n        if x:\n            break\n';
    assert.equal(await generate(withBreak, convertLoopToParametrize, 1), undefined);
    const computed = 'def test_a__b__then_c() -> None:\n    for x in range(3):\n        assert x >= 0\n';
    assert.equal(await generate(computed, convertLoopToParametrize, 1), undefined);
  });
});

describe('add ids and add a case', () => {
  const table = lines(
    'import pytest',
    '',
    '',
    '@pytest.mark.parametrize(',
    "    ('text', 'count'),",
    '    [',
    "        ('a b', 2),",
    "        ('', 0),",
    '    ],',
    ')',
    'def test_words__text__then_counted(text: str, count: int) -> None:',
    "    assert len(text.split()) == count",
    '',
  );

  it('adds readable ids made of the row values, in the file\'s quotes, on their own line', async () => {
    const result = await generate(table, addIds, 3);
    assert.equal(
      result,
      lines(
        'import pytest',
        '',
        '',
        '@pytest.mark.parametrize(',
        "    ('text', 'count'),",
        '    [',
        "        ('a b', 2),",
        "        ('', 0),",
        '    ],',
        "    ids=['a_b-2', '-0'],",
        ')',
        'def test_words__text__then_counted(text: str, count: int) -> None:',
        "    assert len(text.split()) == count",
        '',
      ),
    );
    await assertRuns(result!, 2);
    const inline = 'import pytest\n\n\n@pytest.mark.parametrize("n", [1, 2])\ndef test_n__small__then_positive(n: int) -> None:\n    assert n > 0\n';
    assert.equal(await generate(inline, addIds, 3), 'import pytest\n\n\n@pytest.mark.parametrize("n", [1, 2], ids=["1", "2"])\ndef test_n__small__then_positive(n: int) -> None:\n    assert n > 0\n');
  });

  it('adds a copy of the last row to edit, and an id when ids are listed', async () => {
    const result = await generate(table, addCase, 4);
    assert.equal(result, table.replace("        ('', 0),\n", "        ('', 0),\n        ('', 0),\n"));
    const withIds = 'import pytest\n\n\n@pytest.mark.parametrize("n", [1, 2], ids=["one", "two"])\ndef test_n__small__then_positive(n: int) -> None:\n    assert n > 0\n';
    const added = await generate(withIds, addCase, 3);
    assert.equal(added, withIds.replace('[1, 2], ids=["one", "two"]', '[1, 2, 2], ids=["one", "two", "case_3"]'));
    const run = runPytest({ 'test_generated.py': added! });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /3 passed/);
  });
});
