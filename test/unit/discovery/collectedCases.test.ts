// The memory of pytest's collection against the real thing: a small generated suite is discovered
// statically and collected by `python3 -m pytest --collect-only -q`; after an edit the file is
// collected again, so "what the tree shows" is always compared with what pytest says now.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { CollectedCases, collectedOnlyModule, DiscoveredItem, DiscoveredModule, flattenTests, MAX_REMEMBERED_CASES, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { allItems, pytestNodeIds } from './pytestSuite';
import { YAML_COLLECTOR } from '../../support/yamlCollector';

const FILE = 'tests/test_memory.py';
const OTHER = 'tests/test_other.py';
const DYNAMIC = `${FILE}::test_sizes__computed__then_positive`;
const LITERAL = `${FILE}::test_sizes__literal__then_positive`;
const MIXED = `${FILE}::test_names__computed_constant__then_non_empty`;

const HEADER = `"""Generated: runtime-computed, literal and partly computed parametrize values."""
import os

import pytest


def make_sizes() -> list[int]:
    """Computed when pytest imports the module (it reads the environment): static discovery cannot know the cases."""
    return [size * int(os.environ.get("PP_SCALE", "3")) for size in (1, 2, 4)]


def make_name() -> str:
    """A call that reads the environment: static discovery can only guess the case id."""
    return os.environ.get("PP_NAME", "from_call").upper()
`;

/** One test function of the generated module. */
function fn(decorator: string, name: string, params: string): string {
  return `\n\n${decorator}${decorator ? '\n' : ''}def ${name}(${params}) -> None:\n    """Collected only."""\n`;
}

const DYNAMIC_FN = fn('@pytest.mark.parametrize("size", make_sizes())', 'test_sizes__computed__then_positive', 'size: int');
const LITERAL_FN = fn('@pytest.mark.parametrize("size", [1, 2])', 'test_sizes__literal__then_positive', 'size: int');
const MIXED_FN = fn('@pytest.mark.parametrize("name", [make_name(), "ok"])', 'test_names__computed_constant__then_non_empty', 'name: str');
const PLAIN_FN = fn('', 'test_plain__nothing__then_passes', '');

const OTHER_SOURCE = `"""Generated: a second module with computed cases."""
import pytest


@pytest.mark.parametrize("word", "-".join(["a", "b"]).split("-"))
def test_words__computed__then_known(word: str) -> None:
    """Collected only."""
`;

function ids(module: DiscoveredModule): string[] {
  return flattenTests([module]).map((t) => t.nodeid);
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
}

function find(module: DiscoveredModule, nodeid: string): DiscoveredItem | undefined {
  return allItems([module]).find((item) => item.nodeid === nodeid);
}

describe('collected cases: remembering pytest\'s collection across static re-discovery', () => {
  let root: string;
  let parser: Parser;
  let discovery: StaticDiscovery;

  const write = (relative: string, text: string): void => fs.writeFileSync(path.join(root, relative), text, 'utf8');
  const discover = (relative: string): DiscoveredModule => {
    const module = discovery.discoverFile(path.join(root, relative));
    assert.ok(module, `${relative} is a test module`);
    return module;
  };
  /** pytest's ids now, and the files they came from (the whole suite was collected: every file is covered). */
  const collect = (): { ids: string[]; files: string[]; output: string } => {
    const result = pytestNodeIds(root);
    assert.doesNotMatch(result.output, /error/i, `pytest collected with errors:\n${result.output}`);
    return { ids: result.ids, files: [...new Set(result.ids.map((id) => id.split('::')[0]))], output: result.output };
  };
  const inFile = (all: readonly string[], file: string): string[] => all.filter((id) => id.startsWith(`${file}::`));

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-memory-'));
    fs.mkdirSync(path.join(root, 'tests'));
    write('pytest.ini', '[pytest]\n');
    write(FILE, HEADER + DYNAMIC_FN + LITERAL_FN + MIXED_FN + PLAIN_FN);
    write(OTHER, OTHER_SOURCE);
    parser = await createPythonParser();
    discovery = new StaticDiscovery(parser, root);
  });

  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('static discovery alone cannot know the computed cases (the premise)', () => {
    const module = discover(FILE);
    const pytest = inFile(collect().ids, FILE);
    assert.equal(find(module, DYNAMIC)?.dynamic, true);
    assert.ok(find(module, MIXED)?.children.some((c) => c.exact === false), 'the make_name() case is a guess');
    assert.notDeepEqual(ids(module), pytest);
  });

  it('remember(pytest ids) + apply(static module) gives exactly pytest\'s ids, in pytest\'s order', () => {
    const collected = collect();
    const memory = new CollectedCases();
    assert.deepEqual(memory.remember(collected.ids, collected.files).sort(), [FILE, OTHER]);
    const module = memory.apply(discover(FILE));
    assert.deepEqual(ids(module), inFile(collected.ids, FILE));
    assert.deepEqual(ids(memory.apply(discover(OTHER))), inFile(collected.ids, OTHER));
    const dynamic = find(module, DYNAMIC)!;
    assert.equal(dynamic.dynamic, undefined, 'no longer "cases known after Refresh"');
    assert.ok(dynamic.collectedAt, 'marked as coming from the collection');
    assert.deepEqual(dynamic.children.map((c) => c.name), ['3', '6', '12']);
    assert.ok(dynamic.children.every((c) => c.collectedAt && c.range?.start.line === dynamic.range?.start.line));
    assert.equal(find(module, LITERAL)?.collectedAt, undefined, 'exact static cases are left as they are');
    assert.deepEqual(find(module, `${MIXED}[ok]`)?.range, find(discover(FILE), `${MIXED}[ok]`)?.range, 'a case static discovery knew keeps its own row');
  });

  it('an edit elsewhere in the file keeps the computed cases; pytest agrees after the edit', () => {
    const memory = new CollectedCases();
    const before = collect();
    memory.remember(before.ids, before.files);
    write(FILE, HEADER + DYNAMIC_FN + LITERAL_FN + MIXED_FN + PLAIN_FN + fn('', 'test_added__in_editor__then_listed', ''));
    try {
      const module = memory.apply(discover(FILE));
      assert.ok(ids(module).includes(`${DYNAMIC}[12]`));
      assert.deepEqual(ids(module), inFile(collect().ids, FILE));
    } finally {
      write(FILE, HEADER + DYNAMIC_FN + LITERAL_FN + MIXED_FN + PLAIN_FN);
    }
  });

  it('renaming or removing the computed function drops its remembered cases', () => {
    const memory = new CollectedCases();
    const before = collect();
    memory.remember(before.ids, before.files);
    const renamed = 'test_sizes__renamed__then_positive';
    try {
      write(FILE, HEADER + DYNAMIC_FN.replace('test_sizes__computed__then_positive', renamed) + LITERAL_FN + MIXED_FN + PLAIN_FN);
      const module = memory.apply(discover(FILE));
      assert.ok(!ids(module).some((id) => id.startsWith(`${DYNAMIC}[`)), 'no case of the old name');
      const now = find(module, `${FILE}::${renamed}`)!;
      assert.equal(now.dynamic, true, 'the renamed function waits for a collection');
      assert.deepEqual(now.children, []);
      assert.deepEqual(ids(module).filter((id) => !id.startsWith(`${FILE}::${renamed}`)), inFile(collect().ids, FILE).filter((id) => !id.startsWith(`${FILE}::${renamed}`)));

      write(FILE, HEADER + LITERAL_FN + MIXED_FN + PLAIN_FN);
      const removed = memory.apply(discover(FILE));
      assert.deepEqual(ids(removed), inFile(collect().ids, FILE));
      assert.ok(!ids(removed).some((id) => id.startsWith(DYNAMIC)));
    } finally {
      write(FILE, HEADER + DYNAMIC_FN + LITERAL_FN + MIXED_FN + PLAIN_FN);
    }
  });

  it('a changed literal case list follows the static result, not the memory', () => {
    const memory = new CollectedCases();
    const before = collect();
    memory.remember(before.ids, before.files);
    try {
      write(FILE, HEADER + DYNAMIC_FN + LITERAL_FN.replace('[1, 2]', '[1, 2, 5]') + MIXED_FN.replace('"ok"', '"fine"') + PLAIN_FN);
      const module = memory.apply(discover(FILE));
      const pytest = inFile(collect().ids, FILE);
      assert.deepEqual(find(module, LITERAL)?.children.map((c) => c.nodeid), pytest.filter((id) => id.startsWith(`${LITERAL}[`)));
      const mixed = find(module, MIXED)!;
      assert.equal(mixed.collectedAt, undefined, 'the memory no longer fits the source: static wins');
      assert.ok(mixed.children.some((c) => c.nodeid === `${MIXED}[fine]`), 'the new literal case is shown');
      assert.ok(!mixed.children.some((c) => c.nodeid === `${MIXED}[ok]`), 'the removed literal case is gone');
      assert.deepEqual(find(module, DYNAMIC)?.children.map((c) => c.nodeid), pytest.filter((id) => id.startsWith(`${DYNAMIC}[`)));
    } finally {
      write(FILE, HEADER + DYNAMIC_FN + LITERAL_FN + MIXED_FN + PLAIN_FN);
    }
  });

  it('a function whose ids are all guesses shows what pytest collected, however many cases that is', () => {
    const file = 'tests/test_rebound.py';
    const fn = `${file}::test_sizes__if_rebinds__then_collected`;
    write(file, `"""Generated: a list an if rebinds (static discovery can only guess its values)."""
import sys

import pytest

SIZES = [1, 2]
if sys.version_info >= (3, 0):
    SIZES = [3, 4, 5]


@pytest.mark.parametrize("size", SIZES)
def test_sizes__if_rebinds__then_collected(size: int) -> None:
    """Collected only."""
`);
    try {
      const guessed = find(discover(file), fn)!;
      assert.deepEqual(guessed.children.map((c) => [c.name, c.exact]), [['1', false], ['2', false]], 'the premise: two guessed cases');
      const collected = collect();
      const memory = new CollectedCases();
      memory.remember(collected.ids, collected.files);
      const shown = find(memory.apply(discover(file)), fn)!;
      assert.deepEqual(shown.children.map((c) => c.nodeid), inFile(collected.ids, file), 'pytest\'s three cases, not the two guesses');
      assert.equal(typeof shown.collectedAt, 'number');
    } finally {
      fs.rmSync(path.join(root, file));
    }
  });

  it('a collection replaces only what it covered: other files and functions are kept, one case covers nothing', () => {
    const collected = collect();
    const memory = new CollectedCases();
    memory.remember(collected.ids, collected.files);
    const otherIds = inFile(collected.ids, OTHER);
    // A run of one function of FILE: covers that function only.
    assert.deepEqual(memory.remember([`${DYNAMIC}[3]`], [DYNAMIC]), [FILE]);
    assert.deepEqual(memory.casesOf(DYNAMIC), ['3']);
    assert.deepEqual(memory.casesOf(MIXED), ['FROM_CALL', 'ok']);
    assert.deepEqual(ids(memory.apply(discover(OTHER))), otherIds, 'the uncovered file keeps its entries');
    // A run of one case: pytest reports just it; the function's other cases are unknown, not gone.
    assert.deepEqual(memory.remember([`${MIXED}[ok]`], [`${MIXED}[ok]`]), []);
    assert.deepEqual(memory.casesOf(MIXED), ['FROM_CALL', 'ok']);
    // The whole file again: its memory is what pytest says now.
    assert.deepEqual(memory.remember(collected.ids, [FILE]), [FILE]);
    assert.deepEqual(ids(memory.apply(discover(FILE))), inFile(collected.ids, FILE));
    // Repeated runs report every case again: remembered once.
    memory.remember([...collected.ids, ...collected.ids], collected.files);
    assert.deepEqual(memory.casesOf(DYNAMIC), ['3', '6', '12']);
    // Functions interleaved (pytest-randomly's order): each keeps its own cases, in the order seen.
    memory.remember([`${DYNAMIC}[6]`, `${MIXED}[ok]`, `${DYNAMIC}[3]`, `${MIXED}[FROM_CALL]`, `${DYNAMIC}[12]`], [FILE]);
    assert.deepEqual(memory.casesOf(DYNAMIC), ['6', '3', '12']);
    assert.deepEqual(memory.casesOf(MIXED), ['ok', 'FROM_CALL']);
  });

  it('a test under an if that pytest did not collect stays hidden after re-discovery, until a collection has it', () => {
    const file = 'tests/test_branches.py';
    const source = (platform: string): string => `"""Generated: tests under an if."""
import sys

if sys.platform == "${platform}":

    def test_branch__taken__then_listed() -> None:
        """Collected only when the platform matches."""

    class TestTaken:
        """A class under the same if."""

        def test_method__taken__then_listed(self) -> None:
            """Collected with its class."""
else:

    def test_branch__other__then_listed() -> None:
        """Collected on every other platform."""
`;
    const taken = `${file}::test_branch__taken__then_listed`;
    const takenClass = `${file}::TestTaken`;
    const other = `${file}::test_branch__other__then_listed`;
    write(file, source('no-such-platform'));
    try {
      const memory = new CollectedCases();
      const shown = (): string[] => allItems([memory.apply(discover(file))]).map((i) => i.nodeid);
      assert.ok(shown().includes(taken) && shown().includes(takenClass), 'before any collection both branches are listed (flagged)');
      const partial = collect().ids.filter((id) => id === other);
      memory.remember(partial, [other]);
      assert.ok(shown().includes(taken), 'a collection of another function says nothing about this one');
      const first = collect();
      assert.deepEqual(memory.remember(first.ids, first.files).includes(file), true, 'the file changed in memory');
      assert.deepEqual(shown().filter((id) => id !== file), [other], 'the branch pytest skipped stays hidden after re-discovery');
      const reloaded = CollectedCases.fromJSON(JSON.parse(JSON.stringify(memory.toJSON())));
      assert.deepEqual(allItems([reloaded.apply(discover(file))]).map((i) => i.nodeid).filter((id) => id !== file), [other], 'and after a reload');
      write(file, source(process.platform === 'win32' ? 'win32' : process.platform));
      const second = collect();
      assert.ok(second.ids.includes(`${takenClass}::test_method__taken__then_listed`), `pytest takes the branch now:\n${second.output}`);
      memory.remember(second.ids, second.files);
      assert.deepEqual(shown().filter((id) => id !== file).sort(), [takenClass, `${takenClass}::test_method__taken__then_listed`, taken].sort(), 'a collection that has them shows them again');
    } finally {
      fs.rmSync(path.join(root, file));
    }
  });

  it('tests pytest found in a module that makes tests on import, or in a class with a computed base, stay after re-discovery', () => {
    const base = 'tests/test_open_base.py';
    const made = 'tests/test_open_made.py';
    const sources = (extra: string, sizes = '(1, 2)'): Record<string, string> => ({
      [base]: `"""Generated: a class whose base is built on import."""


def _make_base() -> type:
    """A base class built on import."""

    class _Base:
        def test_base__computed__then_inherited(self) -> None:
            """Only pytest sees it."""

    return _Base


class TestComputed(_make_base()):
    def test_own__spelled_out__then_listed(self) -> None:
        """Static discovery lists it."""
${extra}`,
      [made]: `"""Generated: classes made on import."""


def _check(self) -> None:
    """Becomes a test of each generated class."""


for _size in ${sizes}:
    globals()[f"TestSize{_size}"] = type(f"TestSize{_size}", (), {"test_size__generated__then_known": _check})
${extra}`,
    });
    const writeAll = (files: Record<string, string>): void => Object.entries(files).forEach(([file, text]) => write(file, text));
    writeAll(sources(''));
    try {
      const memory = new CollectedCases();
      const shown = (file: string): string[] => ids(memory.apply(discover(file)));
      const pytestNow = (file: string, collected = collect()): string[] => inFile(collected.ids, file).sort();
      const missing = [base, made].flatMap((file) => difference(pytestNow(file), shown(file))).sort();
      assert.deepEqual(missing, [
        `${base}::TestComputed::test_base__computed__then_inherited`,
        `${made}::TestSize1::test_size__generated__then_known`,
        `${made}::TestSize2::test_size__generated__then_known`,
      ], 'the premise: static discovery lists neither the inherited nor the generated tests');
      const collected = collect();
      assert.deepEqual(memory.remember(collected.ids, collected.files).filter((f) => f === base || f === made).sort(), [base, made], 'both files changed in memory');
      for (const file of [base, made]) assert.deepEqual(shown(file).sort(), pytestNow(file, collected), `${file} shows what pytest collected`);
      const generated = allItems([memory.apply(discover(made))]).find((i) => i.nodeid === `${made}::TestSize1`);
      assert.deepEqual([generated?.kind, generated?.children.map((c) => c.kind), typeof generated?.collectedAt], ['class', ['function'], 'number']);
      writeAll(sources('\n\ndef test_added__in_editor__then_listed() -> None:\n    """Added."""\n'));
      const edited = collect();
      for (const file of [base, made]) assert.deepEqual(shown(file).sort(), pytestNow(file, edited), `${file}: an edit elsewhere keeps them, and pytest agrees`);
      const reloaded = CollectedCases.fromJSON(JSON.parse(JSON.stringify(memory.toJSON())));
      for (const file of [base, made]) assert.deepEqual(ids(reloaded.apply(discover(file))).sort(), pytestNow(file, edited), `${file}: and after a reload`);
      writeAll(sources('', '(3,)'));
      const changed = collect();
      memory.remember(changed.ids, changed.files);
      assert.deepEqual(shown(made).sort(), pytestNow(made, changed), 'a new collection of the file replaces what it remembered');
    } finally {
      [base, made].forEach((file) => fs.rmSync(path.join(root, file)));
    }
  });

  it('a file only pytest reads (YAML cases of a conftest.py) keeps the tests it collected there, through JSON, until a collection finds none', () => {
    const cases = 'tests/yaml/test_cases.yaml';
    const file = path.join(root, cases);
    fs.mkdirSync(path.join(root, 'tests/yaml'));
    write('tests/yaml/conftest.py', YAML_COLLECTOR);
    write(cases, 'first_case: ok\nsecond_case: ok\n');
    try {
      assert.equal(discovery.isTestFile(file), false, 'the premise: static discovery does not read it');
      const memory = new CollectedCases();
      const shown = (from: CollectedCases): string[] => ids(from.apply(collectedOnlyModule(cases, file)));
      assert.deepEqual(shown(memory), [], 'nothing before a collection');
      const collected = collect();
      assert.deepEqual(inFile(collected.ids, cases), [`${cases}::first_case`, `${cases}::second_case`], collected.output);
      memory.remember(collected.ids, collected.files);
      assert.deepEqual(shown(memory), inFile(collected.ids, cases));
      assert.deepEqual(memory.collectedOnlyFiles(), [cases]);

      const reloaded = CollectedCases.fromJSON(JSON.parse(JSON.stringify(memory.toJSON())));
      assert.deepEqual(reloaded.collectedOnlyFiles(), [cases], 'a reload knows the file');
      assert.deepEqual(shown(reloaded), inFile(collected.ids, cases), 'and its tests');

      write(cases, 'third_case: ok\n');
      const changed = collect();
      reloaded.remember(changed.ids, changed.files);
      assert.deepEqual(shown(reloaded), [`${cases}::third_case`], 'a new collection replaces them');

      write(cases, '');
      const emptied = collect();
      // The Test Explorer covers every file it lists, also one pytest now found nothing in.
      reloaded.remember(emptied.ids, [...emptied.files, cases]);
      assert.deepEqual([shown(reloaded), reloaded.collectedOnlyFiles()], [[], []], 'nothing left to show');
    } finally {
      fs.rmSync(path.join(root, 'tests/yaml'), { recursive: true, force: true });
    }
  });

  it('a class whose metaclass renames its tests shows what pytest collected in it, on the renamed tests\' rows', () => {
    const file = 'tests/test_renamed.py';
    const source = (extra: string, data = '[1, 2]', inClass = ''): string => `"""Generated: a metaclass turns each data-driven test into one test per value (as libcst's data_provider does)."""


def data(values: list[int]):
    """Marks a test with the values its class's metaclass expands."""

    def mark(test):
        test.data = values
        return test

    return mark


class Expanding(type):
    """Replaces each test with data by test_<name>_<index>."""

    def __new__(mcs, name, bases, namespace):
        for member, value in list(namespace.items()):
            for index, datum in enumerate(getattr(value, "data", ())):
                namespace[f"{member}_{index}"] = lambda self, datum=datum: None
            if hasattr(value, "data"):
                del namespace[member]
        return super().__new__(mcs, name, bases, namespace)


class TestExpanded(metaclass=Expanding):
    @data(${data})
    def test_value__each_datum__then_checked(self, datum: int = 0) -> None:
        """Expanded by the metaclass."""

    def test_plain__no_data__then_kept(self) -> None:
        """Kept as it is."""
${inClass}${extra}`;
    write(file, source(''));
    try {
      const memory = new CollectedCases();
      const shown = (): string[] => ids(memory.apply(discover(file)));
      const pytestNow = (collected = collect()): string[] => inFile(collected.ids, file);
      const cls = `${file}::TestExpanded`;
      assert.deepEqual(difference(pytestNow(), shown()), [`${cls}::test_value__each_datum__then_checked_0`, `${cls}::test_value__each_datum__then_checked_1`], 'the premise: static discovery cannot know the renamed tests');
      assert.equal(find(discover(file), cls)?.rewrittenByMetaclass, true);
      const collected = collect();
      memory.remember(collected.ids, collected.files);
      assert.deepEqual(shown(), pytestNow(collected), 'after a collection: exactly pytest\'s tests, in its order');
      const applied = memory.apply(discover(file));
      const original = find(discover(file), `${cls}::test_value__each_datum__then_checked`)!;
      assert.equal(find(applied, `${cls}::test_value__each_datum__then_checked_1`)?.range?.start.line, original.range?.start.line, 'a renamed test sits on the row of the test it came from');
      assert.equal(typeof find(applied, cls)?.collectedAt, 'number');
      write(file, source('\n\ndef test_added__in_editor__then_listed() -> None:\n    """Added."""\n'));
      const edited = collect();
      assert.deepEqual(shown(), pytestNow(edited), 'an edit elsewhere keeps them, and pytest agrees');
      assert.deepEqual(ids(CollectedCases.fromJSON(JSON.parse(JSON.stringify(memory))).apply(discover(file))), pytestNow(edited), 'and after a reload');
      write(file, source('', '[1, 2]', '\n    def test_added__in_class__then_listed(self) -> None:\n        """Added in the editor."""\n'));
      assert.deepEqual(shown().sort(), pytestNow().sort(), 'a test added to the class since the collection is listed with the collected ones');
      write(file, source('', '[1, 2, 3]'));
      const more = collect();
      memory.remember(more.ids, more.files);
      assert.deepEqual(shown(), pytestNow(more), 'a new collection replaces what it remembered');
    } finally {
      fs.rmSync(path.join(root, file));
    }
  });

  it('another rootdir makes the remembered ids meaningless: they are dropped', () => {
    const collected = collect();
    const memory = new CollectedCases();
    memory.remember(collected.ids, collected.files, { rootdir: root });
    assert.deepEqual(memory.remember([], [], { rootdir: path.join(root, 'tests') }).sort(), [FILE, OTHER]);
    assert.equal(memory.size, 0);
    assert.equal(memory.rootdir, path.join(root, 'tests'));
  });

  it('persists through JSON with a version, drops unknown versions and damaged entries', () => {
    const collected = collect();
    const memory = new CollectedCases();
    memory.remember(collected.ids, collected.files, { rootdir: root, at: 1234 });
    const restored = CollectedCases.fromJSON(JSON.parse(JSON.stringify(memory)));
    assert.equal(restored.rootdir, root);
    assert.deepEqual(ids(restored.apply(discover(FILE))), inFile(collected.ids, FILE));
    assert.equal(find(restored.apply(discover(FILE)), DYNAMIC)?.collectedAt, 1234);
    const stored = memory.toJSON();
    assert.equal(CollectedCases.fromJSON({ ...stored, version: stored.version + 1 }).size, 0);
    assert.equal(CollectedCases.fromJSON(undefined).size, 0);
    assert.equal(CollectedCases.fromJSON({ version: stored.version, files: { [FILE]: { at: 1, functions: { test_x: [1, 2] } } } }).size, 0);
  });

  it('keeps what the pytest arguments deselected, for those arguments only, through a file and until another rootdir', () => {
    const collected = collect();
    const memory = new CollectedCases();
    memory.remember(collected.ids, collected.files, { rootdir: root });
    const file = path.join(os.tmpdir(), `pp-deselect-${process.pid}.json`);
    const slow = `${FILE}::test_plain__nothing__then_passes`;
    const under = JSON.stringify(['-m', 'not slow']);
    try {
      memory.write(file); // saved: nothing new to save
      memory.rememberDeselections(new Map([[slow, '-m "not slow"']]), under);
      assert.equal(memory.isUnsaved, true, 'a new deselection must be saved');
      memory.write(file);
      memory.rememberDeselections(new Map([[slow, '-m "not slow"']]), under);
      assert.equal(memory.isUnsaved, false, 'the same deselections again change nothing');
      const read = CollectedCases.read(file);
      assert.deepEqual([...read.deselectionsUnder(under)], [[slow, '-m "not slow"']]);
      assert.deepEqual([...read.deselectionsUnder(JSON.stringify([]))], [], 'other pytest arguments may select it');
      read.rememberDeselections(new Map(), '');
      assert.deepEqual([...read.deselectionsUnder(under)], [], 'an empty map forgets them');
      assert.equal(JSON.parse(JSON.stringify(read)).deselected, undefined);
      memory.remember([], [], { rootdir: path.join(root, 'tests') });
      assert.deepEqual([...memory.deselectionsUnder(under)], [], 'ids of another rootdir mean nothing');
      assert.equal(CollectedCases.fromJSON({ version: 1, files: {}, deselected: { under, tests: { [slow]: 3 } } }).deselectionsUnder(under).size, 0, 'a damaged entry is dropped');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('is saved to a file whole and read back; no file is an empty memory, a damaged one an error', () => {
    const collected = collect();
    const memory = new CollectedCases();
    memory.remember(collected.ids, collected.files, { rootdir: root, at: 1234 });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-memory-'));
    try {
      const file = path.join(folder, 'storage', 'collected.json');
      memory.write(file);
      assert.deepEqual(fs.readdirSync(path.dirname(file)), ['collected.json'], 'no temporary file is left');
      const read = CollectedCases.read(file);
      assert.equal(read.rootdir, root);
      assert.deepEqual(ids(read.apply(discover(FILE))), inFile(collected.ids, FILE));
      assert.equal(CollectedCases.read(path.join(folder, 'missing.json')).size, 0);
      fs.writeFileSync(file, '{"version": 1, "files": {');
      assert.throws(() => CollectedCases.read(file), SyntaxError);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('remembers when pytest collected a whole file, also one with nothing to remember, and that must be saved', () => {
    const collected = collect();
    const empty = 'tests/test_nothing_computed.py';
    const memory = new CollectedCases();
    assert.equal(memory.isUnsaved, false);
    memory.remember(inFile(collected.ids, FILE), [DYNAMIC], { at: 5 });
    assert.equal(memory.collectedWhole(FILE), undefined, 'a run of one function is not a collection of its file');
    assert.equal(memory.isUnsaved, true);
    memory.remember(collected.ids, [...collected.files, empty], { at: 10 });
    assert.equal(memory.collectedWhole(FILE), 10);
    assert.equal(memory.collectedWhole(empty), 10, 'a file with no case to remember is remembered as collected');
    memory.remember([`${DYNAMIC}[3]`], [DYNAMIC], { at: 30 });
    assert.equal(memory.collectedWhole(FILE), 10, 'a later run of one function keeps the stamp');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-memory-'));
    try {
      const file = path.join(folder, 'collected.json');
      memory.write(file);
      assert.equal(memory.isUnsaved, false);
      memory.remember([], [empty], { at: 40 });
      assert.equal(memory.isUnsaved, true, 'only the stamp is new, and it is still worth saving');
      memory.write(file);
      const read = CollectedCases.read(file);
      assert.equal(read.collectedWhole(empty), 40);
      assert.equal(read.collectedWhole(FILE), 10);
      assert.equal(read.isUnsaved, false);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('stays within its size bound, dropping the files collected longest ago', () => {
    const memory = new CollectedCases();
    const many = (file: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${file}::test_many[${i}]`);
    memory.remember(many('tests/test_old.py', MAX_REMEMBERED_CASES / 2), ['tests/test_old.py'], { at: 1 });
    memory.remember(many('tests/test_mid.py', MAX_REMEMBERED_CASES / 2), ['tests/test_mid.py'], { at: 2 });
    assert.equal(memory.size, MAX_REMEMBERED_CASES);
    const dropped = memory.remember(many('tests/test_new.py', 10), ['tests/test_new.py'], { at: 3 });
    assert.ok(dropped.includes('tests/test_old.py'));
    assert.equal(memory.casesOf('tests/test_old.py::test_many'), undefined);
    assert.equal(memory.casesOf('tests/test_mid.py::test_many')?.length, MAX_REMEMBERED_CASES / 2);
    assert.ok(memory.size <= MAX_REMEMBERED_CASES);
    assert.ok(CollectedCases.fromJSON(memory.toJSON()).size <= MAX_REMEMBERED_CASES);
  });
});
