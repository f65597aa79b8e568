// f-strings in parametrize values, `ids=` and `pytest.param(id=)` against the real pytest: the
// statically evaluated ids must be pytest's exactly, and values we cannot know must be flagged.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import type { DiscoveredItem } from '../../../server/src/engine/discovery';
import { evaluate } from '../../../server/src/engine/discovery/pyValues';
import { scopeOf } from '../../../server/src/engine/discovery/scope';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { collectBothWays } from './pytestSuite';

const FILE = 'tests/test_fstrings.py';

/** f-strings with a part we cannot know: each in its own test, so no sibling's guess hides an exact claim. */
const UNKNOWN_SHAPES: [condition: string, fString: string][] = [
  ['call_needs_running', 'f"{runtime_value()}"'],
  ['imported_name', 'f"{sep}"'],
  ['str_enum_member', 'f"{Mode.FAST}"'],
  ['module_dunder', 'f"{__name__}"'],
  ['debug_specifier', 'f"{LIMIT=}"'],
  ['nested_spec_of_unknown', 'f"{NAME:>{len(runtime_value())}}"'],
  ['locale_spec', 'f"{RATIO:n}"'],
  ['repr_beyond_latin1', `f"{'日本'!r}"`],
];

/** One test per unknown shape as a value, in `ids=` and in `pytest.param(id=)`. */
function unknownTests(): string {
  return UNKNOWN_SHAPES.flatMap(([condition, fString]) => [
    `@pytest.mark.parametrize("value", [${fString}])`,
    `def test_fstring_value__${condition}__then_flagged_inexact(value: str) -> None:`,
    '    """The value needs running code (or a format we do not reproduce)."""',
    '    assert isinstance(value, str)',
    '',
    '',
    `@pytest.mark.parametrize("value", [1], ids=[${fString}])`,
    `def test_fstring_ids_entry__${condition}__then_flagged_inexact(value: int) -> None:`,
    '    """The ids= entry needs running code."""',
    '    assert value == 1',
    '',
    '',
    `@pytest.mark.parametrize("value", [pytest.param(1, id=${fString})])`,
    `def test_fstring_param_id__${condition}__then_flagged_inexact(value: int) -> None:`,
    '    """The pytest.param id needs running code."""',
    '    assert value == 1',
    '',
    '',
  ]).join('\n');
}

// Python 3.11 syntax (no quote reuse inside braces), so the installed pytest can collect it.
const SOURCE = String.raw`"""Generated: f-strings whose text pytest puts into parametrize ids."""
import enum
import math
import os
from os import sep

import pytest

LIMIT = 7
NAME = "alpha"
RATIO = 2.5
QUOTED = "it's"
PREFIX = f"v{LIMIT}"
WIDTH = 6
FLAG = True
NOTHING = None


class Plain:
    """No bases: its attributes are plain values."""

    SIZE = 3


class Mode(str, enum.Enum):
    """A str mixin enum: format() prints Mode.FAST, not its value."""

    FAST = "fast"


def runtime_value() -> str:
    """Only known by running it."""
    return os.environ.get("FSTRING_ID", "dyn")


@pytest.mark.parametrize("value", [
    f"plain", f"n{LIMIT}", f"{LIMIT + 1}", f"{LIMIT * 2 - 1:>5}", f"{NAME!r}", f"{QUOTED!r}", f"{NAME!s}",
    f"{NAME:^9}", f"{NAME:.3}", f"{NAME:*<8}", f"{{literal}}", f"{{{LIMIT}}}", "con" f"cat{LIMIT}", f"{RATIO}",
    f"{RATIO:.2f}", f"{1/3:.3f}", f"{0.125:.2f}", f"{math.pi:.4f}", f"{LIMIT:05d}", f"{255:x}", f"{255:#b}",
    f"{-LIMIT:+d}", f"{1234567:,}", f"{FLAG}-{NOTHING}", rf"raw\d{LIMIT}", f"tab\t{NAME}", f"""triple{LIMIT}""",
    f"{PREFIX}.{Plain.SIZE}", f"{'inner'}", f"{NAME.upper()}", f"{f'{LIMIT}'}", f"{NAME!a}", f"{'café'!a}",
    f"{RATIO!r:>8}", f"{LIMIT:<4}|", "a" "b" f"{LIMIT}" F"{NAME}", f"{LIMIT:d}{LIMIT:o}", Fr"{NAME}\n",
    f"{NAME:>{WIDTH}}", f"{RATIO:{WIDTH}.{LIMIT - 5}f}", f"{RATIO:e}", f"{math.pi:.3g}", f"{1e-7:G}", f"{0.125:.1%}",
])
def test_fstring_values__known_names_and_specs__then_exact_ids(value: str) -> None:
    """Every value is computable from the module's constants."""
    assert isinstance(value, str)


@pytest.mark.parametrize("value", [1, 2, 3], ids=[f"id-{LIMIT}", f"{NAME}_{RATIO:.1f}", f"{{x}}{QUOTED!r}"])
def test_fstring_ids_list__known_names__then_exact_ids(value: int) -> None:
    """ids= entries written as f-strings."""
    assert value > 0


@pytest.mark.parametrize("value", [
    pytest.param(1, id=f"p{LIMIT:03d}"), pytest.param(2, id=f"{QUOTED!r}"), pytest.param(3, id="q" f"{LIMIT * 3}"),
])
def test_fstring_param_ids__known_names__then_exact_ids(value: int) -> None:
    """pytest.param(id=...) written as f-strings."""
    assert value > 0
`;

describe('f-string parametrize ids against pytest --collect-only', () => {
  let root: string;
  let parser: Parser;
  let pytestIds: string[];
  let items: DiscoveredItem[];
  let ours: string[];

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-fstrings-'));
    fs.mkdirSync(path.join(root, 'tests'));
    fs.writeFileSync(path.join(root, FILE), `${SOURCE}\n\n${unknownTests()}`, 'utf8');
    parser = await createPythonParser();
    ({ pytestIds, items, ours } = collectBothWays(root, parser));
  });

  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const casesOf = (fn: string): DiscoveredItem[] => items.filter((i) => i.kind === 'case' && i.nodeid.startsWith(`${FILE}::${fn}[`));
  const pytestCasesOf = (fn: string): string[] => pytestIds.filter((id) => id.startsWith(`${FILE}::${fn}[`));

  for (const fn of [
    'test_fstring_values__known_names_and_specs__then_exact_ids',
    'test_fstring_ids_list__known_names__then_exact_ids',
    'test_fstring_param_ids__known_names__then_exact_ids',
  ]) {
    it(`${fn}: pytest's ids exactly, each marked exact`, () => {
      const expected = pytestCasesOf(fn);
      assert.ok(expected.length >= 3, `pytest collected too few cases:\n${pytestIds.join('\n')}`);
      const cases = casesOf(fn);
      assert.deepEqual(cases.map((c) => c.nodeid), expected);
      assert.deepEqual(cases.filter((c) => c.exact === false).map((c) => c.nodeid), [], 'a computable f-string was flagged as a guess');
    });
  }

  for (const [condition] of UNKNOWN_SHAPES) {
    it(`${condition}: flagged inexact as a value, an ids= entry and a pytest.param id`, () => {
      for (const fn of [`test_fstring_value__${condition}__then_flagged_inexact`, `test_fstring_ids_entry__${condition}__then_flagged_inexact`, `test_fstring_param_id__${condition}__then_flagged_inexact`]) {
        assert.equal(pytestCasesOf(fn).length, 1, `pytest should collect ${fn}`);
        const fnItem = items.find((i) => i.nodeid === `${FILE}::${fn}`);
        assert.ok(fnItem, `${fn} was not discovered`);
        if (fnItem.dynamic) continue;
        const cases = casesOf(fn);
        assert.equal(cases.length, 1, fn);
        assert.equal(cases[0].exact, false, `${cases[0].nodeid}: an f-string with an unknown part gave an exact id`);
      }
    });
  }

  it('finds every f-string test function pytest collects', () => {
    const functions = (ids: string[]): string[] => [...new Set(ids.filter((id) => id.startsWith(FILE)).map((id) => id.split('[')[0]))];
    assert.deepEqual(functions(ours), functions(pytestIds));
    assert.equal(functions(pytestIds).length, 3 + 3 * UNKNOWN_SHAPES.length);
  });

  it('t-strings are never evaluated as str', () => {
    const tree = parser.parse('NAME = "a"\nVALUE = t"x{NAME}"\n');
    assert.ok(tree);
    const statement = tree.rootNode.namedChildren[1]!;
    const value = evaluate(statement.namedChildren[0]!.childForFieldName('right'), scopeOf(tree.rootNode));
    assert.equal(value.kind, 'unknown');
    tree.delete();
  });
});
