// Random parametrize shapes for the test that compares static ids with the real pytest's: values
// of many kinds (literals, names, Enum members and aliases, calls, containers), pytest.param with
// ids and marks, several argnames, stacked decorators, ids= lists and callables, parametrized
// classes and fixtures, combined as no hand-written list would.

import { seededRandom } from './seededRandom';

/** The module every generated file starts with: the names the values use. */
const PRELUDE = `"""Generated: random parametrize shapes compared with pytest --collect-only."""
import datetime
import enum
import math
import os
import re
import uuid
from enum import Enum as ImportedEnum

import pytest

CONST = 5
CONST_STR = "cs"
NAMES = ["n0", "n1"]
VALUES = [1, "two", None]


class Color(enum.Enum):
    """ALIAS is Color.RED (an equal value)."""

    RED = 1
    BLUE = "b"
    ALIAS = 1.0


class LocalBase(enum.Enum):
    """Members come in subclasses."""

    def who(self) -> int:
        """No member."""
        return 1


class Sub(LocalBase):
    """An Enum through its base; Y is an alias of X."""

    X = 2
    Y = 2


class ImpSub(ImportedEnum):
    """An Enum through a base imported under another name."""

    Z = 3


class Flag(enum.IntFlag):
    """Ided by value."""

    A = 1


class Holder:
    """No Enum: V is its value."""

    V = 9


def helper() -> int:
    """A function value."""
    return 1


class Helper:
    """A class value."""

`;

const SCALARS = [
  '0', '1', '-1', '10**3', '2**64', 'True', 'False', 'None', '0.5', '-2.0', '1e20', 'float("nan")', 'float("inf")', '1/3', '-0.0', '0x10',
  '"a"', '""', '"a b"', '"x[y]"', '"::"', '"é"', '"\\n"', '"a-b"', `'q"q'`, 'r"\\d"', '"a" "b"', '"%s" % 3', '"1"', '"10"', '"a1"', '"日本"', 'f"v{CONST}"', '"x" * 3', '"ab"[0]',
  'b"x"', 'b"\\xff"', '1j', '3 + 4j', 'math.pi', 'os.sep', 'CONST', 'CONST + 1', 'CONST_STR', 'NAMES[0]', 'len', 'int', 'helper', 'Helper', '(lambda: 1)',
  'Color.RED', 'Color.BLUE', 'Color.ALIAS', 'Color(1)', 'Color["BLUE"]', 'Sub.X', 'Sub.Y', 'ImpSub.Z', 'Flag.A', 'Holder.V',
  're.compile("x+")', 'object()', 'datetime.date(2020, 1, 2)', 'uuid.UUID(int=5)', 'Ellipsis', '...', 'frozenset()',
  '1 << 3', 'CONST >> 1', 'CONST & 4', 'True + 1', '"a" if CONST > 1 else "b"',
];
const CONTAINERS = ['(1, 2)', '[1]', '{"a": 1}', '{1, 2}', '()', '[]', '(CONST,)', '{}', '[[1], [2]]'];
const IDS = ['"a"', '"b"', 'None', '"x y"', '""', '"1"', '"dup"', '"é"', 'str(CONST)'];
const PARAM_IDS = ['custom', 'c-1', 'x y', 'dup', '', 'é', 'a[b]'];

/** One generated file's text per entry, the same for the same seed. */
export function randomShapeFiles(seed: number, files: number, functionsPerFile: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const below = (n: number): number => Math.floor(random() * n);
  const value = (): string => (random() < 0.85 ? pick(SCALARS) : pick(CONTAINERS));

  function row(names: readonly string[]): string {
    const values = names.map(() => value());
    const r = random();
    if (r < 0.1) return `pytest.param(${values.join(', ')}, id="${pick(PARAM_IDS)}")`;
    if (r < 0.15) return `pytest.param(${values.join(', ')}, marks=pytest.mark.slow)`;
    if (r < 0.18) return `pytest.param(${values.join(', ')}, id=None)`;
    return names.length > 1 ? `(${values.join(', ')})` : values[0];
  }

  function parametrize(names: readonly string[]): string {
    const count = below(5);
    const rows = Array.from({ length: count }, () => row(names));
    const single = names.length === 1;
    const argnames = single ? `"${names[0]}"` : pick([`"${names.join(',')}"`, `"${names.join(', ')}"`, `[${names.map((n) => `"${n}"`).join(', ')}]`, `(${names.map((n) => `"${n}"`).join(', ')})`]);
    const form = random();
    let argvalues: string;
    let listed = true; // argvalues written out, so an ids= list can match their number
    if (single && form < 0.1) [argvalues, listed] = [`range(${count})`, false];
    else if (single && form < 0.15) [argvalues, listed] = [`[i * 2 for i in range(${count})]`, false];
    else if (single && form < 0.2) [argvalues, listed] = ['VALUES', false];
    else if (single && form < 0.23) [argvalues, listed] = ['[*VALUES, 9]', false];
    else if (single && form < 0.26) [argvalues, listed] = ['list(Color)', false];
    else if (form < 0.3) argvalues = `(${rows.join(', ')}${rows.length === 1 ? ',' : ''})`;
    else argvalues = `[${rows.join(', ')}]`;
    const extra: string[] = [];
    const idsForm = random();
    if (listed && idsForm < 0.15) extra.push(`ids=[${Array.from({ length: count }, (_, i) => pick([...IDS, `"id${i}"`])).join(', ')}]`);
    else if (idsForm < 0.2) extra.push('ids=str');
    else if (idsForm < 0.23) extra.push('ids=repr');
    else if (idsForm < 0.26) extra.push('ids=lambda v: f"L{v}"');
    else if (listed && idsForm < 0.3) extra.push(`ids=[f"c{i}" for i in range(${count})]`);
    return `@pytest.mark.parametrize(${[argnames, argvalues, ...extra].join(', ')})`;
  }

  let fixtures = 0;
  return Array.from({ length: files }, () => {
    let fixtureText = '';
    let tests = '';
    for (let index = 0; index < functionsPerFile; index++) {
      const names = ['a', 'b', 'c', 'd', 'e', 'f'];
      const decorators: string[] = [];
      const used: string[] = [];
      for (let stacked = 1 + below(3); stacked > 0 && names.length > 0; stacked--) {
        const mine = names.splice(0, random() < 0.3 ? 2 + below(2) : 1);
        used.push(...mine);
        decorators.push(parametrize(mine));
      }
      if (random() < 0.2) {
        const fixture = `fx${fixtures++}`;
        const params = Array.from({ length: 1 + below(3) }, () => value());
        const ids = random() < 0.3 ? `, ids=[${params.map((_, i) => `"f${i}"`).join(', ')}]` : '';
        fixtureText += `@pytest.fixture(params=[${params.join(', ')}]${ids})\ndef ${fixture}(request):\n    return request.param\n\n\n`;
        used.push(fixture);
      }
      const inClass = random() < 0.2;
      const classParametrize = inClass && random() < 0.3;
      const indent = inClass ? '    ' : '';
      const parameters = [...(inClass ? ['self'] : []), ...(classParametrize ? ['z'] : []), ...used].join(', ');
      const test = [...decorators.map((d) => indent + d), `${indent}def test_f${index}(${parameters}):`, `${indent}    assert True`, ''].join('\n');
      tests += inClass ? `${classParametrize ? `${parametrize(['z'])}\n` : ''}class TestC${index}:\n${test}\n\n` : `${test}\n\n`;
    }
    return `${PRELUDE}\n${fixtureText}${tests}`;
  });
}

const FIXTURE_VALUES = ['1', '"s"', 'None', '2.5', 'True', '(1, 2)', '"a b"', 'b"x"'];

/**
 * Random fixture graphs: parametrized fixtures (params, ids, pytest.param ids) depending on one
 * another across conftest.py, modules and classes, autouse and scoped ones, a module overriding
 * a conftest fixture (with params, or wrapping it), tests parametrizing a fixture's name directly or through usefixtures.
 * Returns conftest.py's text and each test module's.
 */
export function randomFixtureFiles(seed: number, files: number): { conftest: string; modules: string[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const below = (n: number): number => Math.floor(random() * n);

  function fixtures(prefix: string, count: number, indent: string, requestable: readonly string[]): { text: string; names: string[] } {
    let text = '';
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `${prefix}${i}`;
      const deps = [...requestable, ...names].filter(() => random() < 0.3).slice(0, 2);
      const options: string[] = [];
      const parametrized = random() < 0.5;
      if (parametrized) {
        const params = Array.from({ length: 1 + below(3) }, (_, k) => (random() < 0.2 ? `pytest.param(${pick(FIXTURE_VALUES)}, id="${name}p${k}")` : pick(FIXTURE_VALUES)));
        options.push(`params=[${params.join(', ')}]`);
        if (random() < 0.2) options.push(`ids=[${params.map((_, k) => `"i${k}"`).join(', ')}]`);
      }
      if (random() < 0.15) options.push('autouse=True');
      if (random() < 0.2) options.push(`scope="${pick(['module', 'class', 'function', 'session'])}"`);
      const parameters = [...(indent ? ['self'] : []), ...(parametrized ? ['request'] : []), ...deps];
      text += `${indent}@pytest.fixture(${options.join(', ')})\n${indent}def ${name}(${parameters.join(', ')}):\n${indent}    return 1\n\n\n`;
      names.push(name);
    }
    return { text, names };
  }

  const shared = fixtures('c', 4, '', []);
  const modules = Array.from({ length: files }, (_, file) => {
    const own = fixtures(`m${file}_`, 3, '', shared.names);
    // A module's own version of a conftest.py fixture: with params of its own, or wrapping it (requesting it).
    const target = pick(shared.names);
    const override = random() < 0.3 ? `@pytest.fixture(params=["ov1", "ov2"])\ndef ${target}(request):\n    return request.param\n\n\n` : random() < 0.3 ? `@pytest.fixture\ndef ${target}(${target}):\n    return ${target}\n\n\n` : '';
    const requestable = [...shared.names, ...own.names];
    let tests = '';
    for (let index = 0; index < 4; index++) {
      const inClass = random() < 0.3;
      const indent = inClass ? '    ' : '';
      const classFixtures = inClass ? fixtures(`k${file}_${index}_`, 1, indent, requestable) : { text: '', names: [] };
      const usable = [...requestable, ...classFixtures.names];
      const requested = usable.filter(() => random() < 0.3);
      const decorators: string[] = [];
      if (requested.length > 0 && random() < 0.3) decorators.push(`${indent}@pytest.mark.parametrize("${pick(requested)}", ["d1", "d2"])`);
      const direct = random() < 0.3;
      if (direct) decorators.push(`${indent}@pytest.mark.parametrize("x", [1, 2])`);
      if (random() < 0.2) decorators.push(`${indent}@pytest.mark.usefixtures("${pick(usable)}")`);
      const parameters = [...(inClass ? ['self'] : []), ...requested, ...(direct ? ['x'] : [])];
      const test = [...decorators, `${indent}def test_t${index}(${parameters.join(', ')}):`, `${indent}    assert True`, '', ''].join('\n');
      tests += inClass ? `class TestK${index}:\n${classFixtures.text}${test}\n` : test;
    }
    return `"""Generated: a random fixture graph."""\nimport pytest\n\n\n${own.text}${override}${tests}`;
  });
  return { conftest: `"""Generated: fixtures every module sees."""\nimport pytest\n\n\n${shared.text}`, modules };
}
