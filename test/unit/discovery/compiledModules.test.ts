// A package whose names come from a module without Python source, as a PyO3/maturin package's
// `__init__.py` does (`from ._native import *` over a compiled extension, with a `.pyi` stub). The
// extension is stood in for by a sourceless `.pyc` (Python imports it, discovery cannot read it),
// so the real pytest collects the same package. Discovery cannot follow the star import: a function
// or class of it is pytest's id by its attribute name, flagged "id guessed" (only pytest's
// collection confirms), while what the package's own source binds stays known. (Reading the stub was tried:
// it gives the same names with the same doubt, so discovery does not read `.pyi` files.)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import type { DiscoveredItem } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { collectBothWays } from './pytestSuite';

const NATIVE_SOURCE = `
def add(a, b):
    return a + b


def _hidden():
    return 0


class Engine:
    pass


VERSION = "1.0"
`;

// What maturin's stub of the extension declares.
const NATIVE_STUB = `
def add(a: int, b: int) -> int: ...
def _hidden() -> int: ...

class Engine: ...

VERSION: str
`;

const TEST_FILE = 'tests/test_native.py';
const TESTS = `import pytest

import mypkg
from mypkg import Engine, add, double


@pytest.mark.parametrize("fn", [mypkg.add, mypkg.double, mypkg.Engine])
def test_native__package_names__then_ids(fn: object) -> None:
    """Names the package re-exports from its compiled module and from its own source."""
    assert fn is not None


@pytest.mark.parametrize("fn", [add, double, Engine])
def test_native__imported_names__then_ids(fn: object) -> None:
    """The same names imported from the package."""
    assert fn is not None


@pytest.mark.parametrize("value", [mypkg.VERSION])
def test_native__declared_constant__then_unknown(value: str) -> None:
    """A stub declares the constant's type, not its value."""
    assert value
`;

describe('names from a compiled module (no Python source, a .pyi stub beside it)', () => {
  let root: string;
  let parser: Parser;
  let pytestIds: string[];
  let items: DiscoveredItem[];

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-stubs-'));
    const pkg = path.join(root, 'mypkg');
    fs.mkdirSync(pkg);
    fs.mkdirSync(path.join(root, 'tests'));
    fs.writeFileSync(path.join(pkg, '__init__.py'), 'from ._native import *\nfrom .helpers import double\n');
    fs.writeFileSync(path.join(pkg, 'helpers.py'), 'def double(x):\n    return 2 * x\n');
    // The stand-in for the compiled extension: bytecode only, next to its stub.
    fs.writeFileSync(path.join(pkg, '_native.py'), NATIVE_SOURCE);
    const compiled = spawnSync('python3', ['-c', 'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)', path.join(pkg, '_native.py'), path.join(pkg, '_native.pyc')], { encoding: 'utf8' });
    assert.equal(compiled.status, 0, compiled.stderr);
    fs.rmSync(path.join(pkg, '_native.py'));
    fs.writeFileSync(path.join(pkg, '_native.pyi'), NATIVE_STUB);
    fs.writeFileSync(path.join(root, 'pytest.ini'), '[pytest]\npythonpath = .\n');
    fs.writeFileSync(path.join(root, TEST_FILE), TESTS);
    parser = await createPythonParser();
    ({ pytestIds, items } = collectBothWays(root, parser));
  });

  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const casesOf = (fn: string): DiscoveredItem[] => items.filter((i) => i.kind === 'case' && i.nodeid.startsWith(`${TEST_FILE}::${fn}[`));
  const pytestCasesOf = (fn: string): string[] => pytestIds.filter((id) => id.startsWith(`${TEST_FILE}::${fn}[`));

  for (const fn of ['test_native__package_names__then_ids', 'test_native__imported_names__then_ids']) {
    it(`${fn}: pytest's ids, the compiled module's names flagged as guesses, the source's known`, () => {
      assert.deepEqual(pytestCasesOf(fn).map((id) => id.slice(id.indexOf('['))), ['[add]', '[double]', '[Engine]'], 'the premise: pytest names them so');
      const cases = casesOf(fn);
      assert.deepEqual(cases.map((c) => c.nodeid), pytestCasesOf(fn));
      // `double` is known (from source); only a guessed sibling's possible duplicate suffix is open.
      const certainty = cases.map((c) => (c.exact !== false ? 'exact' : c.suffixOnly ? 'known but for a suffix' : 'guessed'));
      assert.deepEqual(certainty, ['guessed', 'known but for a suffix', 'guessed'], 'add and Engine come from the compiled module, double from source');
    });
  }

  it('a constant of the compiled module is not taken as known', () => {
    const fn = 'test_native__declared_constant__then_unknown';
    assert.deepEqual(pytestCasesOf(fn).map((id) => id.slice(id.indexOf('['))), ['[1.0]']);
    const cases = casesOf(fn);
    assert.equal(cases.length, 1);
    assert.notEqual(cases[0].exact, true, `VERSION's value is only known by importing: ${cases[0].nodeid}`);
  });
});
