// Generates a pytest suite with many parametrize shapes in a temporary folder and collects it
// with the real pytest, so the id builder is compared with pytest itself (no expected lists).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredItem, flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';

/** One generated test: its decorators, parameters and a word for its name. */
export interface Shape {
  name: string;
  decorators: string[];
  params: string;
}

function testFunction(shape: Shape, indent = ''): string {
  const lines = [
    ...shape.decorators.map((d) => `${indent}${d}`),
    `${indent}def test_ids__${shape.name}__then_matches_pytest(${shape.params}) -> None:`,
    `${indent}    """Collected only: its id is what the test compares."""`,
    '',
  ];
  return lines.join('\n');
}

const P = '@pytest.mark.parametrize';

export const LITERAL_SHAPES: Shape[] = [
  { name: 'integers', params: 'value: int', decorators: [`${P}("value", [0, 1, -2, 0x1F, 0o17, 0b101, 1_000, 12345678901234567890, +5, -0, ~3])`] },
  {
    name: 'floats',
    params: 'value: float',
    decorators: [`${P}("value", [0.0, -0.0, 0.1, 1.5, 1e10, 1e15, 1e16, 1e-4, 1e-5, 1.5e-7, 123456789.123, 2.5e300, .5, 5., 1_000.5, 0.30000000000000004, float("inf"), float("-inf"), float("nan"), math.inf, math.pi])`],
  },
  { name: 'complex', params: 'value: complex', decorators: [`${P}("value", [1j, 2.5j, 0j, 1 + 2j, 1.5 - 0.5j, -1j])`] },
  { name: 'string_rows_unpacked', params: 'first: str, second: str', decorators: [`${P}("first, second", ["xy", "z" "w", ("q", "r")])`] },
  { name: 'string_row_list_names', params: 'only: str', decorators: [`${P}(["only"], ["x", ("y",)])`] },
  { name: 'iterator_in_decorator', params: 'value: str, key: str', decorators: [`${P}("value", iter(["a", "b"]))`, `${P}("key", iter({"k": 1, "j": 2}))`] },
  {
    name: 'strings',
    params: 'value: str',
    decorators: [
      String.raw`${P}("value", ["", "a b", "café", "日本", "emoji 😀", "tab\there", "new\nline", "back\\slash", 'quote"s', "it's", "\x00\x1f\x7f", "\u00e9\U0001F600", r"raw\n", "con" "cat", """triple""", "dash-and_under", "[brackets]", "dots.and/slash", "\101\7", u"prefixed"])`,
    ],
  },
  { name: 'bytes', params: 'value: bytes', decorators: [String.raw`${P}("value", [b"", b"abc", b"\xff\x00", b"a\\b", rb"\d", b"\t", B"up"])`] },
  { name: 'singletons', params: 'value: object', decorators: [`${P}("value", [True, False, None])`] },
  { name: 'named_objects', params: 'value: object', decorators: [`${P}("value", [int, str, helper, Color, len, lambda x: x, ValueError])`] },
  { name: 'enum_members', params: 'value: object', decorators: [`${P}("value", [Color.RED, Color.GREEN, Level.LOW, Mode.FAST])`] },
  // An alias shows its canonical member (Shade.PALE is Shade.LIGHT; Size.TINY is Size.SMALL);
  // Size is an Enum through its base; members found by name or by value.
  { name: 'enum_aliases_and_lookups', params: 'value: object', decorators: [`${P}("value", [Shade.PALE, Size.SMALL, Size.TINY, Shade["PALE"], Color["GREEN"], Color(1), Shade(1.0), Level(1), Plain.LIMIT])`] },
  // Table-driven cases as dicts: ids= callables read their keys; str() of a dict is its repr.
  { name: 'dict_cases_named_by_key', params: 'case: dict', decorators: [`${P}("case", [{"name": "first", "size": 1}, dict(name="second", size=2)], ids=lambda case: case["name"])`] },
  { name: 'dict_cases_as_text', params: 'case: dict', decorators: [`${P}("case", [{"a": 1, "b": [1, "x"]}, {1: None, 2.5: (True,)}, {}], ids=str)`] },
  { name: 'ids_by_isinstance', params: 'value: object', decorators: [`${P}("value", [1, True, 2.5, "s", None, [1], (2,), {"k": 1}], ids=id_by_type)`] },
  { name: 'ids_format_spreading_a_pair', params: 'pair: tuple', decorators: [`${P}("pair", [(1, "a"), (2, "b")], ids=lambda p: "{}-{}".format(*p))`] },
  { name: 'bit_operators_bools_and_conditionals', params: 'value: object', decorators: [`${P}("value", [1 << 20, -5 >> 1, 6 & 3, 6 | 3, 6 ^ 3, True + 1, True & False, "on" if 2 > 1 else "off", 0 if Plain.LIMIT < 1 else 1])`] },
  {
    name: 'standard_library_objects',
    params: 'value: object',
    decorators: [`${P}("value", [datetime.date(2020, 1, 2), datetime.datetime.now(), decimal.Decimal("1.5"), Path("a/b"), ..., Ellipsis, NotImplemented])`],
  },
  { name: 'regex', params: 'value: object', decorators: [`${P}("value", [re.compile("a+b"), re.compile("é")])`] },
  { name: 'containers', params: 'value: object', decorators: [`${P}("value", [[1, 2], {"a": 1}, {1, 2}, (1, 2), (), ...])`] },
  { name: 'names_string', params: 'left: int, right: str', decorators: [`${P}("left,right", [(1, "x"), (2, "y"), [3, "z"]])`] },
  { name: 'names_list', params: 'left: int, right: str', decorators: [`${P}(["left", "right"], [(1, "x"), (2, None)])`] },
  { name: 'names_spaced_constant', params: 'left: int, right: str', decorators: [`${P}(NAMES, CASES)`] },
  { name: 'names_tuple', params: 'left: int, right: str', decorators: [`${P}(("left", "right"), ((1, "x"), (2, "y")))`] },
  { name: 'constants', params: 'value: int', decorators: [`${P}("value", [LIMIT, LABEL, ALIAS])`] },
  {
    name: 'pytest_param',
    params: 'value: int',
    decorators: [`${P}("value", [pytest.param(1, id="one"), pytest.param(2, marks=pytest.mark.slow), pytest.param(3, id="with space"), pytest.param(4, id="ünï"), pytest.param(5, id=None), param(6, id="bare")])`],
  },
  { name: 'ids_list', params: 'value: int', decorators: [`${P}("value", [1, 2, 3, 4], ids=["x", "y", None, "x"])`] },
  { name: 'ids_non_strings', params: 'value: int', decorators: [`${P}("value", [1, 2, 3], ids=[10, 2.5, True])`] },
  { name: 'ids_tuple_keyword_argvalues', params: 'value: int', decorators: [`${P}(argnames="value", argvalues=[1, 2], ids=("first", "second"))`] },
  { name: 'ids_constant', params: 'value: int', decorators: [`${P}("value", [1, 2], ids=IDS)`] },
  { name: 'duplicates', params: 'value: object', decorators: [`${P}("value", [1, 1, 1, "1", 2, "a", "a", "a0", "x1", "x1", None, None])`] },
  { name: 'duplicate_fallbacks', params: 'value: object', decorators: [`${P}("value", [[1], [2], "value1"])`] },
  { name: 'duplicate_ids_list', params: 'value: int', decorators: [`${P}("value", [1, 2, 3], ids=["same", "same", "same0"])`] },
  { name: 'stacked', params: 'x: int, y: str', decorators: [`${P}("x", [1, 2])`, `${P}("y", ["a", "b"])`] },
  {
    name: 'stacked_three_hidden',
    params: 'x: int, y: int, z: int',
    decorators: [`${P}("x", [1])`, `${P}("y", [pytest.param(2, id=pytest.HIDDEN_PARAM)])`, `${P}("z", [3, 3])`],
  },
  { name: 'all_hidden', params: 'x: int', decorators: [`${P}("x", [pytest.param(1, id=pytest.HIDDEN_PARAM)])`] },
  { name: 'empty', params: 'x: int', decorators: [`${P}("x", [])`] },
  { name: 'with_marks', params: 'x: int', decorators: ['@pytest.mark.slow', `${P}("x", [1, 2])`, '@pytest.mark.integration'] },
  { name: 'indirect', params: 'base: int', decorators: [`${P}("base", [1, 2], indirect=True)`] },
  { name: 'fixture_params', params: 'numbered: int, x: str', decorators: [`${P}("x", ["p"])`] },
  { name: 'fixture_chain', params: 'derived: int', decorators: [] },
  { name: 'fixture_overridden_by_parametrize', params: 'numbered: int', decorators: [`${P}("numbered", [7])`] },
  { name: 'range', params: 'n: int', decorators: [`${P}("n", range(3))`] },
  { name: 'range_step_list', params: 'n: int', decorators: [`${P}("n", list(range(1, 10, 3)))`] },
  { name: 'product', params: 'x: int, y: str', decorators: [`${P}("x,y", itertools.product([1, 2], ["a", "b"]))`] },
  { name: 'product_repeat', params: 'x: int, y: int', decorators: [`${P}("x,y", product(range(2), repeat=2))`] },
  { name: 'permutations_of_set', params: 'pair: tuple', decorators: [`${P}("pair", itertools.permutations(set("abca"), 2))`] },
  { name: 'combinations_unpacked', params: 'x: str, y: str', decorators: [`${P}("x,y", itertools.combinations(["p", "q", "r"], 2))`] },
  { name: 'permutations_full', params: 'x: int, y: int', decorators: [`${P}("x,y", itertools.permutations([1, 2]))`] },
  { name: 'zip', params: 'x: int, y: str', decorators: [`${P}("x,y", zip([1, 2, 3], ["a", "b"]))`] },
  { name: 'comprehension', params: 'x: float', decorators: [`${P}("x", [v / 10 for v in range(0, 10, 2)])`] },
  { name: 'comprehension_rows', params: 'i: int, j: int', decorators: [`${P}("i,j", [(i, i * 2) for i in range(3)])`] },
  { name: 'nested_comprehension', params: 'pair: object', decorators: [`${P}("pair", [a + b for a in "xy" for b in "12"])`] },
  { name: 'concatenated', params: 'left: int, right: str', decorators: [`${P}("left,right", CASES + [(3, "c")])`] },
  { name: 'repeated', params: 'x: int', decorators: [`${P}("x", [1, 2] * 2)`] },
  { name: 'splat', params: 'left: int, right: str', decorators: [`${P}("left,right", [*CASES, (5, "e")])`] },
  { name: 'string_chars', params: 'c: str, d: str', decorators: [`${P}("c", "abc")`, `${P}("d", list("xy"))`] },
  { name: 'arithmetic', params: 'x: object', decorators: [`${P}("x", [2 ** 10, 7 // 2, -7 // 2, 7 % -3, 1 / 3, 2 * 0.1, 10 - 0.5, "ab" * 2])`] },
  { name: 'generators', params: 'it: object', decorators: [`${P}("it", [(i for i in range(2)), iter([1]), (j for j in "ab")])`] },
  { name: 'dict_items', params: 'k: str, v: object', decorators: [`${P}("k,v", TABLE.items())`] },
  { name: 'subscripts', params: 'x: object', decorators: [`${P}("x", [TABLE["a"], TABLE["c"], CASES[0], CASES[-1][1], GROUPS["small"][1], ROWS[1]])`] },
  { name: 'subscript_rows', params: 'x: object', decorators: [`${P}("x", GROUPS["large"])`] },
  { name: 'slices', params: 'x: int, y: str', decorators: [`${P}("x", ROWS[1:])`, `${P}("y", LETTERS[:-1] + LETTERS[-1:])`] },
  { name: 'slice_of_subscript', params: 'x: int', decorators: [`${P}("x", GROUPS["large"][1:3])`] },
  { name: 'dict_keys_values', params: 'k: str, v: object', decorators: [`${P}("k", TABLE.keys())`, `${P}("v", {"x": 1.5, "y": None, "z": helper}.values())`] },
  {
    name: 'dedent_and_str_methods',
    params: 'text: str',
    decorators: [String.raw`${P}("text", [textwrap.dedent("\n    a\n      b\n    \n    c\n"), dedent("  x\n\n\t y"), dedent("  one\n  two"), "  padded ".strip(), "MiXed".lower(), "x".upper()])`],
  },
  { name: 'argnames_list_unpacks_rows', params: 'native: str', decorators: [`${P}(["native"], [("bool",), ["int8"], pytest.param("u1", id="listed")])`] },
  { name: 'fixture_alias', params: 'numbered: int, numbered_alias: int', decorators: [] },
  { name: 'mark_alias', params: 'v: int', decorators: ['@CASES_MARK', '@SLOW_MARK'] },
  { name: 'stdlib_functions', params: 'op: object', decorators: [`${P}("op", [operator.lt, operator.__and__, operator.not_, ops.__or__, math.sqrt, truediv])`] },
  {
    name: 'identity_filters',
    params: 'op: object, f: object',
    decorators: [
      `${P}("op", [op for op in [operator.lt, operator.pow, math.pow, truediv] if op is not operator.pow and op != operator.truediv])`,
      `${P}("f", [f for f in (math.sqrt, None, 1, "s") if f is not None and f is not math.sqrt])`,
    ],
  },
  { name: 'dict_iterated', params: 'f: object, n: int', decorators: [`${P}("f", FUNC_TABLE)`, `${P}("n", {1: "a", True: "b", 2: "c"})`] },
  { name: 'ids_computed', params: 'f: object, v: object', decorators: [`${P}("f", [1, 2], ids=FUNC_IDS)`, `${P}("v", TABLE.values(), ids=TABLE.keys())`] },
  { name: 'ids_comprehension', params: 'n: int', decorators: [`${P}("n", [1, 2, 3], ids=[f"n{v * 2}" for v in range(3)])`] },
  { name: 'ids_lambda', params: 'n: object', decorators: [`${P}("n", [1, 2.5, "a b", None, True, pytest.param(7, id="own")], ids=lambda v: f"n={v}")`] },
  { name: 'ids_lambda_pairs', params: 'a: int, b: str', decorators: [`${P}("a,b", [(1, "x"), (2, "y")], ids=lambda v: f"<{v}>")`] },
  { name: 'ids_named_lambda', params: 'n: int', decorators: [`${P}("n", [3, 4], ids=ID_OF)`] },
  { name: 'ids_function', params: 'n: int', decorators: [`${P}("n", [1, 2, 3], ids=case_id)`] },
  { name: 'ids_str', params: 'n: object', decorators: [`${P}("n", [1, "x", None, 1.5, False], ids=str)`] },
  { name: 'enum_class', params: 'c: object', decorators: [`${P}("c", Color)`] },
  { name: 'enum_aliases', params: 's: object', decorators: [`${P}("s", list(Shade))`] },
  { name: 'enum_by_value', params: 's: object', decorators: [`${P}("s", [m for m in Step])`] },
  { name: 'enum_auto', params: 't: object', decorators: [`${P}("t", Tone)`] },
  { name: 'enum_name_ids', params: 'c: object', decorators: [`${P}("c", Color, ids=lambda c: c.name.lower())`] },
  { name: 'ids_str_method', params: 's: str', decorators: [`${P}("s", ["fast", " slow "], ids=str.upper)`] },
  { name: 'enum_value_ids', params: 's: object', decorators: [`${P}("s", list(Step), ids=lambda s: f"v{s.value}")`] },
  { name: 'sorted_set', params: 's: str', decorators: [`${P}("s", sorted({"b", "a", "c", "a", "é", "Z"}))`] },
  { name: 'sorted_numbers', params: 'n: object', decorators: [`${P}("n", sorted([3, 1.5, True, 2, 1], reverse=True))`] },
  { name: 'sorted_dict', params: 'k: str', decorators: [`${P}("k", sorted(TABLE))`] },
  { name: 'enumerate_rows', params: 'i: int, name: str', decorators: [`${P}("i,name", enumerate(["ann", "bob"], start=1))`] },
  { name: 'chain_pools', params: 'x: object', decorators: [`${P}("x", itertools.chain(["a"], ("b",), range(2)))`] },
  { name: 'map_callables', params: 'x: object, y: int', decorators: [`${P}("x", map(str, range(3)))`, `${P}("y", map(lambda n: n * 2, [1, 2]))`] },
  { name: 'split_text', params: 'x: str', decorators: [`${P}("x", "a,b,,c".split(",") + "  one two\\tthree ".split())`] },
  { name: 'joined', params: 'x: str', decorators: [`${P}("x", ["-".join(["a", "b"]), ", ".join(LETTERS)])`] },
  { name: 'min_max_math', params: 'x: object', decorators: [`${P}("x", [min(3, 1.5, 2), max([True, 1]), max("b", "a"), math.sqrt(2), math.floor(-2.5), math.ceil(2.1)])`] },
  { name: 'str_format', params: 'w: int, h: int', decorators: [`${P}("w,h", [(2, 3), (4, 5)], ids=["{}x{}".format(w, h) for w, h in [(2, 3), (4, 5)]])`] },
  { name: 'str_format_fields', params: 's: str', decorators: [`${P}("s", ["{0}{0}".format("x"), "{name}!".format(name="n"), "{{{}}}".format(1.5)])`] },
  { name: 'percent_format', params: 's: str', decorators: [`${P}("s", ["%s-%d" % ("a", 1), "%d%%" % True, "%s" % None])`] },
  { name: 'str_methods_args', params: 's: str', decorators: [`${P}("s", ["7".zfill(3), "-7".zfill(4), "a-b".replace("-", "_"), "5".rjust(3, "0"), "x".ljust(2)])`] },
  { name: 'str_format_specs', params: 's: str', decorators: [`${P}("s", ["{:.2f}".format(2.675), "{:>4}".format("a"), "{0!r}".format("q"), "{:03d}".format(7), "{n:+}".format(n=5), "{:x}".format(255), "{:^7}|".format("mid"), "{!s:<3}|".format(None)])`] },
  { name: 'percent_specs', params: 's: str', decorators: [`${P}("s", ["%.2f" % 0.125, "%5s" % "a", "%-4s|" % "b", "%r" % "c", "%03d" % 7, "%+d" % 3, "%#x" % 255, "% d" % 4, "%.1s" % "xyz", "%F" % 1.5, "%-05d|" % 9, "%s=%r" % ("k", 1.0)])`] },
  { name: 'float_formats', params: 's: object', decorators: [`${P}("s", ["%e" % 1.5, "{:e}".format(2.0), "{:.3g}|{:g}|{:.2%}".format(1234.5, 1e-5, 0.125), "%G" % 1e-7, "{:.3}".format(12.0), f"{1e20:.2}", round(1234.5, -2), round(1250, -2), round(-0.5, -1)])`] },
  { name: 'keyed_and_nested_formats', params: 's: str', decorators: [`${P}("s", ["%(k)s-%(n)03d" % {"k": 1, "n": 7}, "%.3d|%#.3x|%08.3d" % (5, 5, -5), "{:{w}}|{:>{}}".format("a", "b", 4, w=3), f"{2.5:{4}.{1}f}", f"{'x':>{2 + 1}}"])`] },
  { name: 'rounded', params: 'x: object', decorators: [`${P}("x", [round(2.675, 2), round(2.5), round(3.5), round(-0.4, 0), round(7, 1), round(1.23456, 3), round(True)])`] },
  { name: 'str_case_methods', params: 's: str, t: str', decorators: [`${P}("s", ["ab".center(5, "*"), "a".center(4, "-"), "hello World".capitalize(), "they're 1st".title(), "AbC".swapcase()])`, `${P}("t", ["mIxed case", "o'neil 2nd"], ids=str.title)`] },
  { name: 'chain_star_nested', params: 'size: object, axis: object', decorators: [`${P}("size, axis", itertools.chain(*[[(size, axis) for axis in list(range(-len(size), len(size))) + [None]] for size in [(), (3,), (3, 2)]]))`] },
  { name: 'flattened', params: 'x: object', decorators: [`${P}("x", list(itertools.chain.from_iterable([[1, 2], ("a",)])) + sum([[3], [4, 5]], [0]))`] },
  { name: 'filtered', params: 'x: object, y: int', decorators: [`${P}("x", filter(None, [0, 1, "", "a", None, 2.5]))`, `${P}("y", filter(lambda n: n % 2, range(5)))`] },
  { name: 'dict_call_and_slices', params: 'x: object', decorators: [`${P}("x", list(dict(alpha=1, beta=2)) + [n * n for n in range(5)][1:3] + sorted("cab")[:2])`] },
  { name: 'ids_str_repr_of_containers', params: 'x: object, y: object', decorators: [`${P}("x", [(1, "a"), ("b",), [2.5, None], ()], ids=str)`, `${P}("y", ["q", 1.5, "é"], ids=ascii)`] },
  { name: 'ids_repr_and_str_calls', params: 'x: object', decorators: [`${P}("x", [str((1, "a")), str([True, (2,)]), complex(1, 0), complex(2.5), Color.RED.value, Color.GREEN.name], ids=repr)`] },
  { name: 'dict_comprehension', params: 'k: object, kv: object', decorators: [`${P}("k", {w.upper(): len(w) for w in ["ab", "c", "ab"]})`, `${P}("kv", {n: n * n for n in range(3) if n}.items())`] },
  { name: 'dict_get', params: 'x: object', decorators: [`${P}("x", [TABLE.get("a"), TABLE.get("b"), TABLE.get("zz", "dflt"), TABLE.get("zz"), TABLE.get("c", 0)])`] },
  { name: 'str_index_slice', params: 's: str', decorators: [`${P}("s", [w[0] for w in LETTERS] + ["hello"[1:3], "abc"[::-1], "é😀x"[-1]])`] },
  { name: 'reversed_values', params: 'x: str, y: int', decorators: [`${P}("x", reversed(LETTERS))`, `${P}("y", ROWS[::-1])`] },
  { name: 'casts_and_filters', params: 'x: object', decorators: [`${P}("x", [int("1_2"), int(3.9), bool(""), bool("x")] + [w for w in ["ab", "cd", "ax"] if w.startswith(("a", "z"))])`] },
  { name: 'usefixtures_parametrized', params: '', decorators: ['@pytest.mark.usefixtures("numbered")'] },
  { name: 'usefixtures_before_arguments', params: 'based: int', decorators: ['@pytest.mark.usefixtures("numbered")'] },
  { name: 'dataclass_rows', params: 'row: object', decorators: [`${P}("row", [Row("small"), Row("large", size=9)])`] },
  { name: 'dataclass_ids', params: 'row: object', decorators: [`${P}("row", [Row("small"), Row(name="large", size=9)], ids=lambda row: f"{row.name}-{row.size}")`] },
  { name: 'plain', params: '', decorators: [] },
];

const HEADER = `"""Generated: parametrize id shapes compared with pytest --collect-only."""
import dataclasses
import datetime
import decimal
import enum
import itertools
import math
import operator
import operator as ops
import re
import textwrap
from itertools import product
from operator import truediv
from pathlib import Path
from textwrap import dedent

import pytest
from pytest import param


class Color(enum.Enum):
    """An enum: ids are Color.RED."""

    RED = 1
    GREEN = 2


class Level(enum.IntEnum):
    """An int enum: ids are the value."""

    LOW = 1


class Mode(str, enum.Enum):
    """A str mixin enum: still Mode.FAST."""

    FAST = "fast"


class Shade(enum.Enum):
    """Iterated: PALE equals LIGHT, so it is an alias and not listed."""

    LIGHT = 1
    DARK = 2.5
    PALE = 1.0

    def describe(self) -> str:
        """A method is no member."""
        return self.name


@enum.unique
class Step(enum.IntEnum):
    """Iterated, ided by value."""

    ONE = 1
    TWO = 2


class Tone(enum.Enum):
    """auto() values: every name is a member."""

    SOFT = enum.auto()
    LOUD = enum.auto()


class Plain:
    """No Enum: a class attribute is its value."""

    LIMIT = 5


class Described(enum.Enum):
    """A base of the module with no members: its subclasses are Enums."""

    def describe(self) -> str:
        """A method is no member."""
        return self.name


class Size(Described):
    """An Enum through a base of the module: ids are Size.SMALL."""

    SMALL = 1
    TINY = 1.0


@dataclasses.dataclass(frozen=True)
class Row:
    """A table-driven case: an object to pytest, with fields an ids= lambda reads."""

    name: str
    size: int = 1
    tags: list = dataclasses.field(default_factory=list)


def case_id(value: object) -> object:
    """An ids= function: None falls back to the value's own id."""
    if value == 2:
        return None
    return f"case-{value}"


ID_OF = lambda v: "v" + str(v)  # noqa: E731


def id_by_type(value: object) -> object:
    """An ids= function that tests the type: ints and bools (also ints) named, the rest left to pytest."""
    if isinstance(value, bool):
        return f"flag-{value}"
    if isinstance(value, (int, float)):
        return f"number-{value}"
    if isinstance(value, (list, tuple, dict)):
        return "container"
    return None


def helper() -> int:
    """A function value: its id is its name."""
    return 1


CASES = [(1, "a"), (2, "b")]
NAMES = "left, right"
LIMIT = 7
LABEL = "label"
ALIAS = LIMIT
IDS = ["i1", "i2"]
TABLE = {"a": 1, "b": [2], "c": helper, "a": 3}
FUNC_TABLE = {helper: "one", len: "two", helper: "again"}
FUNC_IDS = [f.__name__ for f in FUNC_TABLE]
GROUPS = {"small": (1, 2), "large": [10, 20, 30, 40], 3: "three"}
ROWS = (5, 6, 7)
LETTERS = ["p", "q", "r"]
CASES_MARK = pytest.mark.parametrize("v", [1, pytest.param(2, id="two")])
SLOW_MARK = pytest.mark.slow


@pytest.fixture(params=[10, 20], ids=["ten", "twenty"])
def numbered(request: pytest.FixtureRequest) -> int:
    """A parametrized fixture."""
    return request.param


numbered_alias = numbered


@pytest.fixture(params=[pytest.param(1, id="one"), 2])
def based(request: pytest.FixtureRequest) -> int:
    """Depends on nothing; requested through derived."""
    return request.param


@pytest.fixture
def derived(based: int, shared: str) -> int:
    """Pulls in two parametrized fixtures."""
    return based


@pytest.fixture
def base(request: pytest.FixtureRequest) -> int:
    """Target of indirect parametrization."""
    return request.param

`;

const CLASSES = `

class TestGroup:
    """Methods, class-level parametrize and nested classes."""

${testFunction({ name: 'method', params: 'self, v: int', decorators: [`${P}("v", [1, "s"])`] }, '    ')}

@pytest.mark.parametrize("cls_arg", ["c1", "c2"])
class TestParametrizedClass:
    """Class decorator parametrize applies to every method (after the method's own)."""

    pytestmark = [pytest.mark.parametrize("marked", [0])]

${testFunction({ name: 'own_and_class', params: 'self, cls_arg: str, marked: int, own: int', decorators: [`${P}("own", [5])`] }, '    ')}
    class TestNested:
        """Nested class: the outer class's marks apply after its own."""

${testFunction({ name: 'nested', params: 'self, deep: int, cls_arg: str, marked: int', decorators: [`${P}("deep", [1, 2])`] }, '        ')}

class TestFirstParameter:
    """A method's first parameter is its instance, whatever its name; a staticmethod has none."""

${testFunction({ name: 'first_param_named_like_fixture', params: 'shared', decorators: [] }, '    ')}
${testFunction({ name: 'static_method', params: 'shared: str', decorators: ['@staticmethod'] }, '    ')}

class Mixin:
    """Not collected itself; its tests appear in subclasses."""

${testFunction({ name: 'from_mixin', params: 'self', decorators: [] }, '    ')}

class TestChild(Mixin):
    """Inherits the mixin's test first."""

${testFunction({ name: 'own', params: 'self', decorators: [] }, '    ')}

class TestWithInit:
    """pytest refuses classes with __init__."""

    def __init__(self) -> None:
        """Not collected."""

${testFunction({ name: 'never', params: 'self', decorators: [] }, '    ')}

class TestDisabled:
    """__test__ = False hides the class."""

    __test__ = False

${testFunction({ name: 'hidden', params: 'self', decorators: [] }, '    ')}

class DescribeStyle:
    """Collected only because pytest.ini adds Describe to python_classes."""

${testFunction({ name: 'describe', params: 'self', decorators: [] }, '    ')}

${testFunction({ name: 'redefined', params: 'x: int', decorators: [`${P}("x", [1])`] })}
${testFunction({ name: 'between', params: '', decorators: [] })}
${testFunction({ name: 'redefined', params: 'x: int', decorators: [`${P}("x", [2, 3])`] })}
`;

const CONFTEST = `"""Fixtures shared by the generated suite."""
import pytest


@pytest.fixture(params=["s1", "s2"], scope="module")
def shared(request: pytest.FixtureRequest) -> str:
    """A module-scoped parametrized fixture: sorted before function-scoped ones."""
    return request.param
`;

const MODULE_MARK = `"""Module-level pytestmark parametrize applies to every test."""
import pytest

pytestmark = pytest.mark.parametrize("mod", [1, 2])

${testFunction({ name: 'module_mark', params: 'mod: int, own: str', decorators: [`${P}("own", ["o"])`] })}
`;

const AUTOUSE = `"""An autouse parametrized fixture multiplies every test of the module."""
import pytest


@pytest.fixture(autouse=True, params=["a1", "a2"])
def everywhere(request: pytest.FixtureRequest) -> str:
    """Autouse with params."""
    return request.param

${testFunction({ name: 'autouse', params: 'x: int', decorators: [`${P}("x", [1])`] })}
`;

/** Values only running code knows: discovery must say so (dynamic or inexact), never claim them. */
export const DYNAMIC_SOURCE = `"""Generated: cases that static discovery cannot know exactly."""
import functools
import operator
import os
from enum import Enum as ImportedBase
from signal import Signals as OtherEnum

import codes
import codes._tables
import geometry as geo

import pytest


class Kind(ImportedBase):
    """An Enum through a base imported under another name: nothing in this module says so."""

    RED = 1


@pytest.mark.parametrize("kind", [Kind.RED])
def test_dynamic__enum_through_imported_base__then_not_claimed(kind: object) -> None:
    """Its id is Kind.RED, not 1."""


@pytest.fixture(params=["first1", "first2"])
def chain_first(request: pytest.FixtureRequest) -> str:
    """Reached through chain_middle: two levels below the test."""
    return request.param


@pytest.fixture
def chain_middle(chain_first: str) -> str:
    """Between."""
    return chain_first


@pytest.fixture
def chain_outer(chain_middle: str) -> str:
    """Requested first."""
    return chain_middle


@pytest.fixture(params=["second1"])
def chain_second(request: pytest.FixtureRequest) -> str:
    """One level below the test's second argument."""
    return request.param


@pytest.fixture
def chain_other(chain_second: str) -> str:
    """Requested second."""
    return chain_second


def test_dynamic__fixture_chains__then_order_depends_on_pytest(chain_outer: str, chain_other: str) -> None:
    """pytest 9.0 walks chain_outer's dependencies first (first1-second1); 8.x breadth first (second1-first1)."""


# A partial takes attributes: scipy names its partials so, and pytest then ids them by that name.
named_partial = functools.partial(len)
named_partial.__name__ = "named_partial"


@pytest.mark.parametrize("func", [named_partial])
def test_dynamic__partial_named_later__then_not_claimed(func: object) -> None:
    """Its id is named_partial, not func0."""


def make_values() -> list[int]:
    """Computed at import time."""
    return [1, 2]


def one() -> float:
    """Equal to a literal sibling: pytest suffixes both ids."""
    return 1.0


class Expanding(type):
    """A metaclass that renames test methods, as libcst's data_provider does."""

    def __new__(cls, name: str, bases: tuple, namespace: dict) -> type:
        for key in [k for k in namespace if k.startswith("test_")]:
            namespace[key + "_0"] = namespace.pop(key)
        return super().__new__(cls, name, bases, namespace)


class TestExpanded(metaclass=Expanding):
    """Its test ids depend on the metaclass."""

    def test_renamed(self) -> None:
        """Collected as test_renamed_0."""


class Box:
    """Holds a list: an attribute of a Box() has no __name__."""

    size = [1]


def make_id(value: object) -> str:
    """An ids callable."""
    return f"id-{value}"


VALUE_NAME = "from_call".upper()
FIXTURE_NAMES = ["shared"]
PAIRS = zip([1, 2], [3, 4])


def cases_of(count: int) -> pytest.MarkDecorator:
    """A decorator factory that parametrizes."""
    return pytest.mark.parametrize("value", range(count))


FILLED = []
for filled_value in range(2):
    FILLED.append(filled_value)
TABLE = {}
TABLE["k"] = 1
skipped_math = pytest.importorskip("math")

${testFunction({ name: 'computed_values', params: 'value: int', decorators: [`${P}("value", make_values())`] })}
${testFunction({ name: 'range_values', params: 'value: int', decorators: [`${P}("value", range(3))`] })}
${testFunction({ name: 'comprehension', params: 'value: int', decorators: [`${P}("value", [v * 2 for v in range(2)])`] })}
${testFunction({ name: 'ids_callable', params: 'value: int', decorators: [`${P}("value", [1, 2], ids=make_id)`] })}
${testFunction({ name: 'usefixtures_computed', params: '', decorators: ['@pytest.mark.usefixtures(*FIXTURE_NAMES)'] })}
${testFunction({ name: 'ids_lambda_of_object', params: 'box: object', decorators: [`${P}("box", [Box(), Box()], ids=lambda b: f"box{len(b.size)}")`] })}
${testFunction({ name: 'computed_constant', params: 'value: str', decorators: [`${P}("value", [VALUE_NAME, "ok"])`] })}
${testFunction({ name: 'named_escape', params: 'value: str', decorators: [String.raw`${P}("value", ["\N{BULLET}"])`] })}
${testFunction({ name: 'module_attributes', params: 'value: object', decorators: [`${P}("value", [operator.add, os.path.join, OtherEnum.SIGINT])`] })}
${testFunction({ name: 'attribute_of_computed', params: 'value: object', decorators: [`${P}("value", [Box().size, Box().size])`] })}
${testFunction({ name: 'duplicate_of_computed', params: 'value: float', decorators: [`${P}("value", [1.0, one(), 2.0])`] })}
${testFunction({ name: 'package_names_not_followed', params: 'value: object', decorators: [`${P}("value", [geo.decorated_area, geo.turn, geo.late])`] })}
${testFunction({ name: 'package_all_appended', params: 'value: object', decorators: [`${P}("value", [geo.twice])`] })}
${testFunction({ name: 'comprehension_with_condition', params: 'value: int', decorators: [`${P}("value", [v for v in range(5) if v % 2])`] })}
${testFunction({ name: 'importorskip_module', params: 'value: object', decorators: [`${P}("value", [skipped_math.floor, skipped_math.pi])`] })}
${testFunction({ name: 'mutated_list', params: 'value: int', decorators: [`${P}("value", FILLED)`] })}
${testFunction({ name: 'mutated_dict', params: 'value: int', decorators: [`${P}("value", TABLE.values(), ids=TABLE)`] })}
${testFunction({ name: 'unreproduced_formats', params: 'value: object', decorators: [`${P}("value", ["%c" % 65, "{:n}".format(5), "é".capitalize(), TABLE.get("k"), "{0[0]}".format("ab")])`] })}
${testFunction({ name: 'iterator_first_use', params: 'x: int, y: int', decorators: [`${P}("x,y", PAIRS)`] })}
${testFunction({ name: 'iterator_used_up', params: 'x: int, y: int', decorators: [`${P}("x,y", PAIRS)`] })}
${testFunction({ name: 'decorator_factory', params: 'value: int', decorators: ['@cases_of(3)'] })}
${testFunction({ name: 'call_value', params: 'value: object', decorators: [`${P}("value", [make_id(1), "ok"])`] })}
${testFunction({ name: 'set_values', params: 'value: str', decorators: [`${P}("value", set(["b", "a"]))`] })}
${testFunction({ name: 'branches_bind_differently', params: 'level: str', decorators: [`${P}("level", codes.LEVELS)`] })}
${testFunction({ name: 'set_by_globals', params: 'value: str', decorators: [`${P}("value", [codes._tables.extra])`] })}
`;

/** Shapes that need numpy; pytest skips the module when numpy is not installed. */
export const NUMPY_SHAPES = `"""Generated: numpy values in parametrize."""
import pytest

np = pytest.importorskip("numpy")

${testFunction({ name: 'numpy_arange', params: 'n: object', decorators: [`${P}("n", np.arange(1, 4))`] })}
${testFunction({ name: 'numpy_functions', params: 'f: object', decorators: [`${P}("f", [np.mean, np.median])`] })}
${testFunction({ name: 'numpy_scalar_types', params: 't: object', decorators: [`${P}("t", [np.float32, np.double, np.intc, np.uint8, np.complex128, np.half])`] })}
${testFunction({ name: 'numpy_platform_types', params: 't: object', decorators: [`${P}("t", [np.int_, np.longlong, np.bool])`] })}
${testFunction({ name: 'numpy_arrays', params: 'a: object', decorators: [`${P}("a", [np.asarray([1]), np.zeros(2), 3, np.array("x"), np.arange(2)])`] })}
${testFunction({ name: 'numpy_dtype_chars', params: 'dt: object, n: str', decorators: [`${P}("dt", [np.dtype(c) for c in "?bhlqefdFD"][1:], ids=[np.dtype(c).char for c in "?bhlqefdFD"][1:])`, `${P}("n", [np.dtype(c).name for c in "?bBfD"], ids=lambda n: n.upper())`] })}
`;

// A package the tests parametrize with by name: aliases, star imports, `__all__`, imports.
const GEOMETRY: Record<string, string> = {
  '__init__.py': `"""Names reached through star imports, as in networkx."""
from geometry.extra import *
from geometry.appended import *
from geometry.shapes import *
`,
  'appended.py': `"""Its __all__ grows after the literal: what import-star copies needs running code."""
__all__ = ["other"]


def other() -> None:
    """Listed."""


def twice() -> None:
    """Appended below, so import-star copies it over extra.twice."""


__all__.append("twice")
`,
  'shapes.py': `"""Defines the functions; __all__ decides what import-star copies."""
import functools
from typing import Callable

__all__ = ["area", "surface", "perimeter", "Square", "DEFAULT_SIDE", "decorated_area", "late"]

DEFAULT_SIDE = 3


def area(side: int) -> int:
    """The area of a square."""
    return side * side


surface = area


def perimeter(side: int) -> int:
    """The perimeter of a square."""
    return 4 * side


class Square:
    """A square."""


def _renamed(function: Callable[[int], int]) -> Callable[[int], int]:
    """A decorator that changes the function's name."""

    @functools.wraps(function)
    def wrapper(side: int) -> int:
        return function(side)

    wrapper.__name__ = "renamed"
    return wrapper


@_renamed
def decorated_area(side: int) -> int:
    """Decorated: its name is only likely."""
    return side * side


def hidden() -> None:
    """Not in __all__: import-star leaves it."""


def late() -> None:
    """Replaced below by a value no one can read statically."""


late = functools.partial(area, 2)
`,
  'extra.py': `"""No __all__: import-star copies every public name."""
from geometry.shapes import area as measure

try:
    from math import tau as turn
except ImportError:
    turn = 6.28


def shown() -> None:
    """Public: import-star copies it, and its alias."""


hidden = shown


def once() -> None:
    """Hidden by appended.twice at run time."""


twice = once


def _private() -> None:
    """Private: import-star leaves it."""
`,
  'constants.py': `"""Values imported by name."""
SIDES = 4
NAME = "square"
SMALL = ["tri", "quad"]
# Concatenated lists, as scipy's ndimage tests import \`types = integer_types + float_types\`.
SHAPES = SMALL + ["hex"] + 2 * ["oct"]
`,
};

/** A package binding names inside blocks and through a star import with a computed `__all__`, as numpy's does. */
const CODES: Record<string, string> = {
  '__init__.py': `"""Names bound inside blocks, as numpy's __init__ binds them."""
try:
    SETUP
except NameError:
    SETUP = False

if SETUP:
    pass
else:
    from codes._tables import (
        TYPECODES,
    )

try:
    from codes._fast import speed
except ImportError:
    from codes._slow import speed

if SETUP:
    LEVELS = ["setup"]
else:
    LEVELS = ["low", "high"]

from codes._numeric import *
`,
  '_tables.py': `"""A dict other modules subscript; its names are also set through globals()."""
TYPECODES = {"Integer": "bhil", "Float": "efd", "All": "?bhilefd"}

for _name in ["extra"]:
    globals()[_name] = _name
`,
  '_fast.py': '"""One way to import speed."""\n\n\ndef speed() -> int:\n    """Fast."""\n    return 2\n',
  '_slow.py': '"""The other way to import speed."""\n\n\ndef speed() -> int:\n    """Slow."""\n    return 1\n',
  '_widths.py': '"""Listed in a literal __all__."""\n__all__ = ["WIDTHS"]\n\nWIDTHS = [8, 16]\n',
  '_numeric.py': `"""Its __all__ grows by what another module lists: only running code knows it all."""
from codes import _widths
from codes._widths import *

__all__ = ["base"]
__all__ += _widths.__all__


def base() -> int:
    """Listed in the literal."""
    return 10
`,
};

const BLOCK_BINDINGS = `"""Generated: values of a package that binds them inside blocks."""
import codes
import pytest
from codes import TYPECODES, WIDTHS, speed

${testFunction({ name: 'code__conditional_import_subscripted', params: 'code: str', decorators: [`${P}("code", codes.TYPECODES["All"])`] })}
${testFunction({ name: 'code__imported_dict_concatenated', params: 'code: str', decorators: [`${P}("code", TYPECODES["Integer"] + TYPECODES["Float"])`] })}
${testFunction({ name: 'kind__dict_keys_and_items', params: 'kind: str, pair: tuple', decorators: [`${P}("kind", list(TYPECODES))`, `${P}("pair", codes.TYPECODES.items())`] })}
${testFunction({ name: 'unpacked__dict_items', params: 'kind: str, chars: str', decorators: [`${P}("kind,chars", TYPECODES.items())`] })}
${testFunction({ name: 'function__same_in_try_and_except', params: 'fn: object', decorators: [`${P}("fn", [speed, codes.speed])`] })}
${testFunction({ name: 'width__star_with_computed_all', params: 'width: int', decorators: [`${P}("width", WIDTHS)`] })}
`;

const MODULE_NAMES = `"""Generated: functions and values of a package, named as pytest names them."""
import pytest

import geometry as geo
from geometry import measure, surface
from geometry.constants import NAME, SHAPES, SIDES
from geometry.shapes import perimeter as outline

${testFunction({ name: 'package_functions', params: 'value: object', decorators: [`${P}("value", [geo.area, geo.surface, geo.perimeter, geo.Square, geo.hidden, geo.measure, measure, surface, outline])`] })}
${testFunction({ name: 'package_values', params: 'value: object', decorators: [`${P}("value", [geo.DEFAULT_SIDE, SIDES, NAME])`] })}
${testFunction({ name: 'imported_concatenated_list', params: 'shape: str', decorators: [`${P}("shape", SHAPES)`] })}
`;

const HELPERS_UNITTEST = `"""A unittest base class in a module pytest does not collect by itself."""
from unittest import TestCase


class SharedChecks(TestCase):
    """Its tests are inherited by the TestCase classes of other modules."""

    def test_shared(self) -> None:
        """Inherited."""
        self.assertTrue(True)
`;

const UNITTEST_STYLE = `"""Generated: unittest classes, collected whatever their name."""
import unittest

import pytest
from helpers_unittest import SharedChecks


class Checks(unittest.TestCase):
    """Not named Test*: pytest collects it because it is a TestCase, methods sorted by name."""

    def test_zeta(self) -> None:
        """Listed last."""

    def test_alpha(self) -> None:
        """Listed after testUpper: unittest sorts by code point."""

    def testUpper(self) -> None:
        """unittest's prefix is test, not test_."""

    def helper(self) -> None:
        """Not a test."""

    @pytest.mark.parametrize("value", [1, 2])
    def test_param(self, value: int = 0) -> None:
        """Parametrize does not apply to unittest methods: one item."""

    class TestNested:
        """Nested classes of a TestCase are not collected."""

        def test_inner(self) -> None:
            """Not collected."""


class MoreChecks(SharedChecks):
    """Inherits test_shared from another module."""

    def test_more(self) -> None:
        """Own."""
`;

const HELPERS_BASE = `"""Base classes in a module pytest does not collect by itself."""
import pytest

WIDTHS = [3, 4]
UNITS = ["cm", "in"]


class BaseCases:
    """Tests every subclass inherits."""

${testFunction({ name: 'inherited_width', params: 'self, width: int', decorators: [`${P}("width", WIDTHS)`] }, '    ')}
${testFunction({ name: 'overridden', params: 'self', decorators: [] }, '    ')}

@pytest.mark.parametrize("unit", UNITS)
class BaseMarked:
    """Its marks reach subclasses (pytest reads pytestmark along the MRO), evaluated here."""

    pytestmark = [pytest.mark.parametrize("scale", [1, 10])]

${testFunction({ name: 'inherited_marks', params: 'self, unit: str, scale: int', decorators: [] }, '    ')}

class TestImported:
    """Collected again in every module that imports it under a Test name."""

${testFunction({ name: 'imported', params: 'self', decorators: [] }, '    ')}
`;

const INHERIT = `"""Tests inherited from classes of another module."""
import pytest
from helpers_base import BaseCases, BaseMarked, TestImported
from helpers_base import TestImported as _Hidden

UNITS = ["shadowed: the base's own UNITS apply"]


class TestMarkedChild(BaseMarked):
    """Gets the base's class marks before its own."""

    pytestmark = pytest.mark.slow

${testFunction({ name: 'own_and_inherited_marks', params: 'self, unit: str, scale: int, step: int', decorators: [`${P}("step", [0])`] }, '    ')}

@pytest.mark.parametrize("side", ["left", "right"])
class TestDecoratedBase:
    """A class decorator's parametrize reaches subclasses too."""

${testFunction({ name: 'decorated_base', params: 'self, side: str', decorators: [] }, '    ')}

class TestDecoratedChild(TestDecoratedBase):
    """Inherits the test and the parametrize."""


class TestChild(BaseCases):
    """Inherits two tests, overrides one."""

${testFunction({ name: 'overridden', params: 'self', decorators: [] }, '    ')}
${testFunction({ name: 'own', params: 'self', decorators: [] }, '    ')}
`;

/** Tests inside module- and class-level blocks: `try`/`with` run on import, an `if` branch maybe. */
export const CONDITIONAL = `"""Generated: definitions inside blocks."""
import sys
from typing import TYPE_CHECKING

try:
    import json

    class TestInTry:
        """The try body runs on import: collected."""

        def test_loaded__json_imports__then_collected(self) -> None:
            """From the try body."""
except ImportError:

    class TestInTry:  # noqa: F811
        """The fallback: not what pytest sees."""

        def test_fallback__never_runs__then_not_collected(self) -> None:
            """From the except clause."""
else:

    def test_else_of_try__no_error__then_collected() -> None:
        """The try's else clause runs too."""
finally:

    def test_finally__always__then_collected() -> None:
        """The finally clause always runs."""

with open(__file__, encoding="utf8") as _source:

    def test_with_body__always__then_collected() -> None:
        """A with body runs on import."""

if sys.version_info >= (3, 0):

    def test_python3__branch_taken__then_collected() -> None:
        """The branch taken: collected."""
else:

    def test_python2__branch_not_taken__then_not_collected() -> None:
        """Listed, flagged: which branch runs needs running code."""

def test_defined_first__then_under_if__then_certain() -> None:
    """Defined unconditionally first: the name exists whichever branch runs."""

if sys.version_info >= (3, 0):

    def test_defined_first__then_under_if__then_certain() -> None:  # noqa: F811
        """Redefined under an if."""

    def test_under_if__then_defined_again__then_certain() -> None:
        """Defined again below, unconditionally."""

def test_under_if__then_defined_again__then_certain() -> None:  # noqa: F811
    """The unconditional definition wins."""

if TYPE_CHECKING:

    def test_typing_only__never_imported__then_not_collected() -> None:
        """Never runs on import."""

if __name__ == "__main__":

    def test_main_only__never_imported__then_not_collected() -> None:
        """Never runs on import."""


class TestBranches:
    """An if inside a class body."""

    if sys.platform != "no-such-platform":

        def test_platform__branch_taken__then_collected(self) -> None:
            """Collected."""
    else:

        def test_platform__other_branch__then_not_collected(self) -> None:
            """Listed, flagged."""
`;

/** Values an `if` block may rebind or extend: listed, but only as a best guess. */
export const BLOCK_VALUES = `"""Generated: values changed inside blocks."""
import sys

import pytest

REBOUND = [1, 2]
if sys.version_info >= (3, 0):
    REBOUND = [3, 4]

BACKENDS = [pytest.param("numpy", id="numpy")]
if sys.platform == "no-such-platform":
    BACKENDS.append(pytest.param("torch", id="torch"))

APPENDED = [1]
APPENDED.append(2)

if sys.version_info >= (3, 0):
    BOUND_AFTER_BLOCK = [0]
BOUND_AFTER_BLOCK = [5, 6]

CODES = list("ef")
CODES += [f"m8[{unit}]" for unit in ("s", "ms")]

LABEL = "unit"
LABEL += "_test"

GROWN_IN_LOOP = [1]
for _extra in (2, 3):
    GROWN_IN_LOOP += [_extra]

FROM_CALL = list("ab")
FROM_CALL.append("c")

PAIRS = zip([1, 2], ["a", "b"])

DATASETS = {"plain": 1}
NOT_FILLED = {"kept": 1}


def _add_dataset(name: str, size: int) -> None:
    """Fills DATASETS when the module runs it (scipy's qhull tests)."""
    DATASETS[f"{name}-{size}"] = size


def _fill_later(name: str) -> None:
    """Would fill NOT_FILLED, but only a test calls it."""
    NOT_FILLED[name] = 0


for _size in (1, 4):
    _add_dataset("plain", _size)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Extended only on some platforms."""
    return request.param


@pytest.mark.parametrize("value", REBOUND)
def test_rebound__if_rebinds__then_guessed(value: int) -> None:
    """pytest sees the block's list."""
    assert value > 2


def test_backend__if_may_append__then_guessed(backend: str) -> None:
    """pytest sees the literal's one backend."""
    assert backend == "numpy"


@pytest.mark.parametrize("value", APPENDED)
def test_appended__at_top_level__then_dynamic(value: int) -> None:
    """Appended unconditionally: the literal is not what pytest sees."""
    assert value


def rebound_tenfold() -> list:
    """A helper that reads a value the if block rebinds."""
    return [value * 10 for value in REBOUND]


@pytest.mark.parametrize("value", rebound_tenfold())
def test_helper__reads_rebound__then_guessed(value: int) -> None:
    """pytest sees the block's list, times ten."""
    assert value > 20


@pytest.mark.parametrize("value", BOUND_AFTER_BLOCK)
def test_bound_after_block__then_exact(value: int) -> None:
    """The block comes before the binding: the literal is certain."""
    assert value > 4


@pytest.mark.parametrize("code", CODES)
def test_codes__augmented_at_top_level__then_exact(code: str) -> None:
    """numpy's _TYPE_CODES: a list, then += a comprehension."""
    assert code


@pytest.mark.parametrize("label", [LABEL])
def test_label__string_augmented__then_exact(label: str) -> None:
    """The id is the whole string."""
    assert label.endswith("_test")


@pytest.mark.parametrize("value", FROM_CALL)
def test_from_call__appended__then_dynamic(value: str) -> None:
    """A list built by a call, then appended to: not the call's list."""
    assert value


@pytest.mark.parametrize("number,letter", PAIRS)
def test_pairs__module_iterator__then_guessed(number: int, letter: str) -> None:
    """Used up by the first parametrize that reads it: another module importing it could be first."""
    assert number and letter


@pytest.mark.parametrize("value", GROWN_IN_LOOP)
def test_grown_in_loop__then_dynamic(value: int) -> None:
    """A += in a loop is not evaluated: the list is unknown."""
    assert value


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_filled_by_called_function__then_dynamic(name: str) -> None:
    """A module function the module calls fills the dict: not its display."""
    assert name


@pytest.mark.parametrize("name", sorted(NOT_FILLED))
def test_filled_only_by_tests__then_exact(name: str) -> None:
    """The function that would fill it runs only in a test."""
    _fill_later("late")
    assert name
`;

/** A module of parameter data other test modules import (a list of rows, as scipy's distcont). */
export const HELPERS_PARAMS = `"""Generated: rows for other modules."""
DISTRIBUTIONS = [["alpha", (3.5,)], ["beta", (2.3, 0.6)], ["cauchy", ()], ["levy", ()]]
SLOW = {"beta"}


def squares(count):
    """Rows another module's decorators unpack."""
    return [(n, n * n) for n in range(count)]


def case_of(func, *args, label=None):
    """A pytest.param named after the function, as scipy's make_xp_pytest_param."""
    import pytest

    return pytest.param(func, *args, id=label or func.__name__)
`;

/** Argvalues computed by the module's own helper functions, which discovery runs statically. */
export const HELPER_CASES = `"""Generated: argvalues from helper functions."""
from itertools import product

import pytest
import helpers_params
from helpers_params import DISTRIBUTIONS, SLOW, case_of, squares

SIZES = [1, 2, 3, 10]
MODES = ("full", "same")
UNKNOWN = sorted({"b", "a"}, key=len)


def far_pairs(sizes, gap=3):
    """A comprehension with a condition over a product."""
    return [(a, b) for a, b in product(sizes, repeat=2) if abs(a - b) > gap]


def shapes_with_modes(sizes):
    """Helpers calling helpers, tuple concatenation and a chained condition."""
    pairs = far_pairs(sizes, gap=5)
    return [pair + (mode,) for pair, mode in product(pairs, MODES) if mode != "same" or 0 < pair[0] < pair[1]]


def named_cases():
    """A loop that appends pytest.param with computed ids, skipping one value."""
    cases = []
    for name in ["x", "y", "z"]:
        if name == "y":
            continue
        cases.append(pytest.param(name, id=name.upper() + "_" + str(len(name))))
    cases.extend([("w")])
    return cases


def distribution_cases():
    """A generator over another module's rows, with marks chosen by membership."""
    for name, args in DISTRIBUTIONS:
        if name == "levy":
            continue
        elif name in SLOW:
            yield pytest.param(name, args, marks=pytest.mark.slow)
        else:
            yield name, args


def parity_cases(count):
    """yield of a bare tuple, if/else on a computed number."""
    total = 0
    for number in range(count):
        total += number
        if number % 2:
            yield number, "odd"
        else:
            yield number, "even"
    yield total, "total"


def delegating_cases():
    """yield from a list and from a generator; an annotated assignment."""
    rows: list = [1, 2]
    yield from rows
    yield from (row * 10 for row in rows)


def case_id(number):
    """A helper used for ids."""
    return "case" + str(number)


def unknown_cases():
    """Reads a value only running code knows: discovery must not claim exact ids."""
    return [(value, 1) for value in UNKNOWN]


def unsupported_cases():
    """A while loop: not run statically."""
    rows = []
    while len(rows) < 2:
        rows.append(len(rows))
    return rows


@pytest.mark.parametrize("a,b", far_pairs(SIZES))
def test_far_pairs__comprehension_with_condition__then_every_pair(a: int, b: int) -> None:
    """Pairs further apart than the gap."""
    assert abs(a - b) > 3


@pytest.mark.parametrize("a,b,mode", shapes_with_modes(list(range(1, 4)) + [9]))
def test_shapes__helper_calls_helper__then_every_shape(a: int, b: int, mode: str) -> None:
    """Shapes with modes."""
    assert mode in MODES


@pytest.mark.parametrize("name", named_cases())
def test_named__appended_params__then_computed_ids(name: str) -> None:
    """pytest.param built in a loop."""
    assert name


@pytest.mark.parametrize("name,args", distribution_cases())
def test_distribution__generator_over_imported_rows__then_every_row(name: str, args: tuple) -> None:
    """Rows from another module."""
    assert isinstance(args, tuple)


@pytest.mark.parametrize("number,kind", parity_cases(3))
def test_parity__generator_with_branches__then_every_case(number: int, kind: str) -> None:
    """Cases from branches."""
    assert kind


@pytest.mark.parametrize("value", delegating_cases())
def test_delegating__yield_from__then_every_value(value: int) -> None:
    """Values from yield from."""
    assert value > 0


@pytest.mark.parametrize("value", [1, 2], ids=[case_id(1), case_id(2)])
def test_ids__from_helper__then_named(value: int) -> None:
    """Ids from a helper."""
    assert value


@pytest.mark.parametrize("number,square", squares(3))
def test_imported__helper_of_another_module__then_every_row(number: int, square: int) -> None:
    """Rows from a helper another module defines."""
    assert square == number * number


@pytest.mark.parametrize("number,square", helpers_params.squares(2))
def test_module_attribute__helper_called_through_module__then_every_row(number: int, square: int) -> None:
    """The same helper, called as an attribute of its module."""
    assert square == number * number


@pytest.mark.parametrize("func,other", [case_of(abs, min), case_of(max, sorted), case_of(len, sum, label="size")])
def test_params__built_by_imported_helper__then_named_by_id(func: object, other: object) -> None:
    """Each row is a pytest.param with the id the helper gives it."""
    assert callable(func) and callable(other)


@pytest.mark.parametrize("value,one", unknown_cases())
def test_unknown__helper_reads_computed_value__then_not_exact(value: str, one: int) -> None:
    """Not claimed exact."""
    assert one == 1


@pytest.mark.parametrize("value", unsupported_cases())
def test_unsupported__while_loop__then_dynamic(value: int) -> None:
    """Left to pytest."""
    assert value >= 0
`;

export const RUNTIME_TESTS = `"""Generated: tests created when pytest imports the module."""


def test_static__defined_in_source__then_listed() -> None:
    """Spelled out: static discovery lists it."""
    assert True


def _check_width(self) -> None:
    """Becomes a method of each generated class."""
    assert self.width > 0


for _width in (8, 16):
    globals()[f"TestWidth{_width}"] = type(f"TestWidth{_width}", (), {"width": _width, "test_width__generated__then_positive": _check_width})


class TestPatched:
    """Gets a test method from setattr after its definition."""

    def test_patched__own__then_listed(self) -> None:
        """Spelled out."""
        assert True


setattr(TestPatched, "test_patched__added__then_collected", lambda self: None)
`;

export const RUNTIME_DECORATOR = `"""Generated: a class decorator of the module adds subclasses on import."""


def _with_sizes(cls: type) -> type:
    """Adds one subclass per size to the module, as scipy's KDTreeTest does."""
    for size in (1, 2):
        name = f"Test{cls.__name__}Size{size}"
        globals()[name] = type(name, (cls,), {"size": size})
    return cls


@_with_sizes
class Sized:
    """Not collected itself: its name does not start with Test."""

    size = 0

    def test_size__generated_class__then_positive(self) -> None:
        """Runs in each generated subclass."""
        assert self.size > 0


def test_static__beside_decorator__then_listed() -> None:
    """Spelled out."""
    assert True
`;

export const CLASS_SOURCES = `"""Generated: tests from computed bases and from aliases."""
import pytest


def _make_base(flag: bool) -> type:
    """Builds a base class when the module is imported."""

    class _Base:
        def test_base__computed__then_inherited(self) -> None:
            """Only pytest sees it."""
            assert flag is not None

    return _Base


class TestComputed(_make_base(True)):
    def test_own__beside_computed_base__then_listed(self) -> None:
        """Spelled out."""
        assert True


class TestComputedChild(TestComputed):
    """Inherits the computed base through TestComputed."""


_Made = _make_base(False)


class TestComputedByName(_Made):
    """The base is a name bound to a call."""


class TestPlainBase(TestComputed.__mro__[0] if False else object):
    """A conditional expression as the base: not a call, left alone."""

    def test_plain__own__then_listed(self) -> None:
        """Spelled out."""
        assert True


class CommonChecks:
    """Not collected itself: shared checks other classes alias."""

    @pytest.mark.parametrize("size", [1, 2])
    def test_size__positive__then_accepted(self, size: int) -> None:
        """Parametrized: the alias collects the same cases."""
        assert size > 0

    def test_plain__shared__then_passes(self) -> None:
        """Plain."""
        assert True


class TestAliases:
    common = CommonChecks
    test_size__aliased__then_parametrized = CommonChecks.test_size__positive__then_accepted
    test_plain__through_class_alias__then_collected = common.test_plain__shared__then_passes
    test_data__not_a_function__then_not_collected = common


class TestAliasesInherited(TestAliases):
    """Inherits the aliases."""


def _shared_check() -> None:
    """Collected under the module-level alias."""
    assert True


test_module__alias__then_collected = _shared_check
test_module__alias_of_value__then_not_collected = pytest
test_lambda__module_level__then_collected = lambda tmp_path: None  # noqa: E731


class TestLambdas:
    test_lambda__in_class__then_collected = lambda self: None  # noqa: E731
`;

/** Tests turned off by `__test__ = False` set after their definition: pytest leaves them out. */
const DISABLED = `"""Generated: tests a later __test__ = False turns off."""
import sys


def test_disabled__attribute_set_later__then_not_collected() -> None:
    """Turned off below."""


test_disabled__attribute_set_later__then_not_collected.__test__ = False


class TestDisabledLater:
    """Turned off below, with its methods."""

    def test_method__class_turned_off__then_not_collected(self) -> None:
        """Not collected."""


TestDisabledLater.__test__ = False


def test_maybe__turned_off_under_if__then_listed_flagged() -> None:
    """Collected: the if does not run; listed as conditional."""


if sys.platform == "no such platform":
    test_maybe__turned_off_under_if__then_listed_flagged.__test__ = False


def test_again__defined_after_turning_off__then_collected() -> None:
    """The first definition is turned off."""


test_again__defined_after_turning_off__then_collected.__test__ = False


def test_again__defined_after_turning_off__then_collected() -> None:  # noqa: F811
    """A new function: collected."""
`;

/** Hooks that change cases at collection: a conftest.py's, and a test module's own. */
const HOOKS: Record<string, string> = {
  'conftest.py': `"""Generated: hooks for the tests below."""


def pytest_generate_tests(metafunc):
    """Parametrizes any test that requests seed."""
    if "seed" in metafunc.fixturenames:
        metafunc.parametrize("seed", ["s1", "s2"])


def pytest_make_parametrize_id(config, val, argname):
    """Names hooked_n's cases argname=value (pytest calls it for every test collected after this file loads)."""
    return f"{argname}={val}" if argname == "hooked_n" else None
`,
  'test_hooked.py': `"""Generated: tests those hooks reach, or not."""
import pytest


def pytest_generate_tests(metafunc):
    """This module's own: parametrizes local."""
    if "local" in metafunc.fixturenames:
        metafunc.parametrize("local", ["l1"])


def test_seeded__conftest_hook_parametrizes__then_dynamic(seed: str) -> None:
    """Its cases come from the conftest.py hook."""


def test_local__module_hook_parametrizes__then_dynamic(local: str) -> None:
    """Its cases come from this module's hook."""


@pytest.mark.parametrize("hooked_n", [1, 2])
def test_renamed__hook_names_cases__then_guessed(hooked_n: int) -> None:
    """pytest_make_parametrize_id names them hooked_n=1, hooked_n=2."""


def test_plain__no_hook_reaches__then_certain() -> None:
    """Requests nothing either hook parametrizes."""
`,
};

/** Parametrized fixtures a test module imports, by name or with `*`, or the root conftest.py's `pytest_plugins` names. */
const IMPORTED_FIXTURES: Record<string, string> = {
  'plugin_fixtures.py': `"""A plugin module the root conftest.py names in pytest_plugins."""
import pytest


@pytest.fixture(params=["plugin1", "plugin2"])
def plugin_param(request: pytest.FixtureRequest) -> str:
    """Its params multiply every test that requests it."""
    return request.param
`,
  'conftest.py': `"""The root conftest.py: pytest_plugins is only allowed here."""
pytest_plugins = ["plugin_fixtures"]
`,
  'tests/helpers_fixtures.py': `"""Fixtures imported by name."""
import pytest


@pytest.fixture(params=[1, 2], ids=["one", "two"])
def shared_param(request: pytest.FixtureRequest) -> int:
    """Imported by name into a test module."""
    return request.param


@pytest.fixture(params=["unused"])
def not_imported(request: pytest.FixtureRequest) -> str:
    """Not imported: a test requesting this name does not get it."""
    return request.param
`,
  'tests/helpers_star.py': `"""Fixtures imported with *."""
import pytest


@pytest.fixture(params=["a", "b", "c"])
def star_param(request: pytest.FixtureRequest) -> str:
    """Imported with every other public name."""
    return request.param
`,
  'tests/test_imported_fixtures.py': `"""Tests requesting fixtures that come from elsewhere than conftest.py."""
from helpers_fixtures import shared_param  # noqa: F401
from helpers_star import *  # noqa: F401,F403


def test_imported__by_name__then_its_params(shared_param: int) -> None:
    """one, two."""


def test_imported__star__then_its_params(star_param: str) -> None:
    """a, b, c."""


def test_plugin__pytest_plugins__then_its_params(plugin_param: str) -> None:
    """plugin1, plugin2."""
`,
};

/** Classes whose names match but pytest does not collect, next to those it does. */
const UNCOLLECTED_CLASSES = `"""Generated: test classes pytest leaves out, and their collected neighbours."""
import abc
import dataclasses
import typing
from enum import Enum


class TestAbstract(abc.ABC):
    """Abstract: not collected."""

    @abc.abstractmethod
    def make(self) -> int:
        """Subclasses implement it."""

    def test_made__abstract_class__then_only_in_subclasses(self) -> None:
        """Collected in TestConcrete only."""


class TestConcrete(TestAbstract):
    """Implements make: collected with the inherited test."""

    def make(self) -> int:
        """Concrete."""
        return 1


class TestMetaAbstract(metaclass=abc.ABCMeta):
    """Abstract through its metaclass: not collected."""

    @abc.abstractmethod
    def make(self) -> int:
        """Not implemented."""

    def test_never__abstract_by_metaclass__then_not_collected(self) -> None:
        """Not collected."""


class HelperWithInit:
    """Gives subclasses an __init__."""

    def __init__(self) -> None:
        self.ready = True


class TestInheritsInit(HelperWithInit):
    """An inherited __init__: not collected."""

    def test_never__inherited_init__then_not_collected(self) -> None:
        """Not collected."""


class TestDictBase(dict):
    """A builtin base with __init__: not collected."""

    def test_never__dict_base__then_not_collected(self) -> None:
        """Not collected."""


class TestTuple(typing.NamedTuple):
    """A NamedTuple has __new__: not collected."""

    size: int = 1

    def test_never__named_tuple__then_not_collected(self) -> None:
        """Not collected."""


class TestEnumLike(Enum):
    """An Enum has __new__: not collected."""

    ONE = 1

    def test_never__enum__then_not_collected(self) -> None:
        """Not collected."""


@dataclasses.dataclass
class TestData:
    """A dataclass gets an __init__: not collected."""

    size: int = 1

    def test_never__dataclass__then_not_collected(self) -> None:
        """Not collected."""


class QuietBase:
    """Turned off for collection, and its subclasses with it."""

    __test__ = False

    def test_shared__base_turned_off__then_only_where_turned_on(self) -> None:
        """Collected in TestTurnedOn only."""


class TestStillQuiet(QuietBase):
    """Inherits __test__ = False: not collected."""


class TestTurnedOn(QuietBase):
    """Turns collection back on."""

    __test__ = True


class TestMembers:
    """Static and class methods are collected; a property is not."""

    @staticmethod
    def test_static__staticmethod__then_collected() -> None:
        """Collected."""

    @classmethod
    def test_class__classmethod__then_collected(cls) -> None:
        """Collected."""

    @property
    def test_property__not_callable__then_not_collected(self) -> int:
        """Not collected."""
        return 1
`;

/** Fixtures that override tests/conftest.py's parametrized `shared` while requesting it: its params stay. */
const OVERRIDES: Record<string, string> = {
  'conftest.py': `"""Wraps the parent folder's shared fixture."""
import pytest


@pytest.fixture
def shared(shared: str) -> str:
    """Requests the fixture it overrides: pytest parametrizes with that one's params."""
    return shared.upper()
`,
  'test_overrides.py': `"""Tests under the wrapping conftest.py, and a class that wraps it again."""
import pytest


def test_wrapped__conftest_override__then_params_of_overridden(shared: str) -> None:
    """s1, s2 from tests/conftest.py."""


class TestWrappedAgain:
    """A class fixture wrapping it once more."""

    @pytest.fixture
    def shared(self, shared: str) -> str:
        """Still requests the one it overrides."""
        return shared

    def test_wrapped__class_override__then_params_of_overridden(self, shared: str) -> None:
        """s1, s2 still."""


@pytest.fixture
def plain() -> int:
    """Not parametrized."""
    return 1


def test_plain__no_params__then_one_test(plain: int) -> None:
    """A control."""
`,
};

const COMMENTED_DECORATORS = `"""Generated: decorators commented out at column 0 (PyCharm's Comment line), which Python ignores."""
import pytest


class TestCommented:
    """tree-sitter-python reads such a comment as the class body's end unless it is blanked."""

    @pytest.mark.parametrize("size", [1, 2])
#    @pytest.mark.skip(reason="flaky")
    def test_resize__size_given__then_kept(self, size: int) -> None:
        """Two cases: the commented decorator does not apply."""
        assert size

#    @pytest.mark.slow
    @pytest.mark.parametrize("word", ["a", "b"])
# a note between two decorators
    @pytest.mark.parametrize("count", [3])
    def test_split__word_given__then_parts(self, word: str, count: int) -> None:
        """Two cases of two parametrize marks."""
        assert word and count

    def test_after__comments_above__then_still_in_class(self) -> None:
        """A method after them is still the class's."""


def test_module__after_class__then_collected() -> None:
    """A function after the class."""
`;

/** Writes the suite into a new temporary folder and returns it. */
export function writeSuite(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-ids-'));
  const write = (relative: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text, 'utf8');
  };
  write('pytest.ini', '[pytest]\npython_classes = Test Describe\nmarkers =\n    slow: slow\n    integration: integration\n');
  write('tests/conftest.py', CONFTEST);
  write('tests/test_shapes.py', HEADER + '\n' + LITERAL_SHAPES.map((s) => testFunction(s)).join('\n') + CLASSES);
  write('tests/test_module_mark.py', MODULE_MARK);
  write('tests/sub/test_autouse.py', AUTOUSE);
  write('tests/test_dynamic.py', DYNAMIC_SOURCE);
  write('tests/helpers_base.py', HELPERS_BASE);
  write('tests/test_inherit.py', INHERIT);
  write('tests/test_numpy_shapes.py', NUMPY_SHAPES);
  for (const [file, text] of Object.entries(GEOMETRY)) write(`tests/geometry/${file}`, text);
  write('tests/test_module_names.py', MODULE_NAMES);
  for (const [file, text] of Object.entries(CODES)) write(`tests/codes/${file}`, text);
  write('tests/test_block_bindings.py', BLOCK_BINDINGS);
  write('tests/helpers_unittest.py', HELPERS_UNITTEST);
  write('tests/test_unittest_style.py', UNITTEST_STYLE);
  write('tests/test_conditional.py', CONDITIONAL);
  write('tests/test_disabled.py', DISABLED);
  for (const [file, text] of Object.entries(HOOKS)) write(`tests/hooks/${file}`, text);
  for (const [file, text] of Object.entries(IMPORTED_FIXTURES)) write(file, text);
  write('tests/test_uncollected_classes.py', UNCOLLECTED_CLASSES);
  for (const [file, text] of Object.entries(OVERRIDES)) write(`tests/override/${file}`, text);
  write('tests/test_block_values.py', BLOCK_VALUES);
  write('tests/helpers_params.py', HELPERS_PARAMS);
  write('tests/test_helper_cases.py', HELPER_CASES);
  write('tests/test_runtime_tests.py', RUNTIME_TESTS);
  write('tests/test_runtime_decorator.py', RUNTIME_DECORATOR);
  write('tests/test_class_sources.py', CLASS_SOURCES);
  write('tests/test_commented_decorators.py', COMMENTED_DECORATORS);
  write('tests/.hidden/test_ignored.py', 'def test_never() -> None:\n    """In a hidden folder."""\n');
  write('tests/node_modules/test_ignored.py', 'def test_never() -> None:\n    """In node_modules."""\n');
  return root;
}

/** Every item of a discovered tree, parents before their children. */
export function allItems(items: readonly DiscoveredItem[]): DiscoveredItem[] {
  return items.flatMap((item) => [item, ...allItems(item.children)]);
}

/** The suite under `root` collected both ways: pytest's ids, and static discovery's items and ids. */
export function collectBothWays(root: string, parser: Parser): { pytestIds: string[]; output: string; items: DiscoveredItem[]; ours: string[] } {
  const collected = pytestNodeIds(root);
  assert.doesNotMatch(collected.output, /\d+ errors? in|Interrupted/, `pytest reported errors:\n${collected.output}`);
  const modules = new StaticDiscovery(parser, root).discoverAll();
  return { pytestIds: collected.ids, output: collected.output, items: allItems(modules), ours: flattenTests(modules).map((t) => t.nodeid) };
}

/** Node ids the real pytest collects under `root` (`python3 -m pytest --collect-only -q`). */
export function pytestNodeIds(root: string, args: readonly string[] = []): { ids: string[]; output: string } {
  const result = spawnSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider', '-W', 'ignore', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTEST_ADDOPTS: '', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const ids = result.stdout.split('\n').filter((line) => line.includes('::'));
  return { ids, output };
}
