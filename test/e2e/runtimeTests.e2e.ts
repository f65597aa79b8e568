// A module that creates tests when pytest imports it, with a class whose base is computed and one
// whose metaclass renames its tests, in the real editor: static discovery lists what the source
// spells out (aliases too) and says on the module and the classes that more may come; Refresh
// (pytest's collection through cargo) adds the generated, inherited and renamed tests, they run,
// and an edit of the file keeps them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, replaceLine, testingApi, workspaceFile, workspaceTrustEnabled, writeTestFile } from './helpers';
import type { TestingApi } from '../../src/testing';

// Written by this suite into the (throwaway) workspace copy, so the example crate's counts stay as they are.
const FILE = 'python/tests/test_generated_classes.py';
const SOURCE = `"""Test classes made in a loop on import: only pytest's collection lists them."""


def test_static__spelled_out__then_listed() -> None:
    """Defined in the source."""
    assert "static"


def _check_width(self) -> None:
    """Becomes the test method of each generated class."""
    assert self.width in (8, 16)


for _width in (8, 16):
    globals()[f"TestWidth{_width}"] = type(f"TestWidth{_width}", (), {"width": _width, "test_width__generated__then_known": _check_width})


def _make_base() -> type:
    """A base class built on import."""

    class _Base:
        def test_base__computed__then_inherited(self) -> None:
            """Only pytest's collection sees it."""
            assert "inherited"

    return _Base


class SharedChecks:
    """Not collected itself: other classes alias its checks."""

    def test_shared__aliased__then_passes(self) -> None:
        """Runs under the alias's name."""
        assert "shared"


class TestComputed(_make_base()):
    """Inherits from a computed base; takes a check by alias."""

    test_alias__shared_check__then_listed = SharedChecks.test_shared__aliased__then_passes


def _expanded(datum: int):
    """One generated test per datum."""

    def check(self) -> None:
        assert datum in (1, 2)

    return check


class Expanding(type):
    """Replaces each test that carries \`data\` by one test per datum, named <test>_<index> (as libcst's data_provider)."""

    def __new__(mcs, name, bases, namespace):
        for member, value in list(namespace.items()):
            if hasattr(value, "data"):
                del namespace[member]
                for index, datum in enumerate(value.data):
                    namespace[f"{member}_{index}"] = _expanded(datum)
        return super().__new__(mcs, name, bases, namespace)


class TestExpanded(metaclass=Expanding):
    """Its metaclass renames its data-driven test."""

    def test_value__each_datum__then_checked(self) -> None:
        """Replaced by one test per datum."""

    test_value__each_datum__then_checked.data = (1, 2)
`;
const FLAG = 'may create more tests on import: Refresh lists them';
const CLASS = `${FILE}::TestComputed`;
const CLASS_FLAG = 'may inherit more tests from a computed base: Refresh lists them';
const ALIAS = `${CLASS}::test_alias__shared_check__then_listed`;
const INHERITED = `${CLASS}::test_base__computed__then_inherited`;
const STATIC = `${FILE}::test_static__spelled_out__then_listed`;
const EXPANDED_CLASS = `${FILE}::TestExpanded`;
const DATA_DRIVEN = `${EXPANDED_CLASS}::test_value__each_datum__then_checked`;
const RENAMED = [0, 1].map((index) => `${DATA_DRIVEN}_${index}`);
const GENERATED = [8, 16].map((width) => `${FILE}::TestWidth${width}::test_width__generated__then_known`);
// Generous: Refresh and the run may build the crate from scratch in the copied workspace.
const DEADLINE_MS = 240_000;

suite('static discovery: a module that creates tests on import', () => {
  let api: TestingApi;

  suiteSetup(async () => {
    api = await testingApi<TestingApi>();
    await writeTestFile(api, FILE, SOURCE, STATIC);
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(workspaceFile(FILE));
  });

  test('lists the spelled-out test and says on the module that pytest may collect more', () => {
    assert.ok(api.findItem(STATIC), 'the test the source defines is listed');
    assert.equal(api.existingItem(FILE)?.description, FLAG);
    assert.equal(api.findItem(STATIC)?.description, undefined, 'the listed test itself is certain');
    for (const id of GENERATED) assert.equal(api.existingItem(id), undefined, `${id} is not in the source: not listed before Refresh`);
  });

  test('says on a class with a computed base that it may inherit more, and lists its test alias', () => {
    assert.equal(api.existingItem(CLASS)?.description, CLASS_FLAG);
    assert.ok(api.findItem(ALIAS), 'the alias is listed under its own name');
    assert.equal(api.existingItem(INHERITED), undefined, 'what the computed base brings is not listed before Refresh');
  });

  test('says on a class with a custom metaclass that it may rename its tests', () => {
    assert.equal(api.existingItem(EXPANDED_CLASS)?.description, 'its metaclass may rename its tests: Refresh lists them');
    assert.equal(api.findItem(DATA_DRIVEN)?.description, 'id guessed');
    for (const id of RENAMED) assert.equal(api.existingItem(id), undefined, `${id} is made by the metaclass: not listed before Refresh`);
  });

  test('Refresh adds the generated tests, and they run and pass', async function () {
    if (workspaceTrustEnabled()) return this.skip(); // Refresh and runs go through cargo: not in an untrusted workspace
    this.timeout(2 * DEADLINE_MS + 30_000);
    await api.refresh();
    const [crate] = [...api.controller.items].map(([, item]) => item);
    assert.equal(crate.error, undefined, `refresh error: ${typeof crate.error === 'string' ? crate.error : crate.error?.value}`);
    for (const id of [...GENERATED, INHERITED, ...RENAMED]) assert.ok(api.existingItem(id), `${id} is listed after Refresh`);
    assert.equal(api.existingItem(DATA_DRIVEN), undefined, 'the test the metaclass replaced is gone');
    assert.equal(api.existingItem(EXPANDED_CLASS)?.description, 'tests from the last collection');
    const all = [STATIC, ...GENERATED, ALIAS, INHERITED, ...RENAMED];
    const record = await api.run(all);
    assert.deepEqual(
      all.map((id) => [id, record.results.get(id)?.state]),
      all.map((id) => [id, 'passed']),
    );
  });

  test('an edit of the file keeps the tests Refresh found', async function () {
    if (workspaceTrustEnabled()) return this.skip(); // builds on the Refresh above
    const editor = await openInEditor(FILE);
    await replaceLine(api, editor, FILE, 'assert "static"', '    assert "static, edited"');
    for (const id of [STATIC, ...GENERATED, ALIAS, INHERITED, ...RENAMED]) assert.ok(api.existingItem(id), `${id} is still listed after the edit`);
    assert.equal(api.existingItem(`${FILE}::TestWidth8`)?.children.size, 1, 'a generated class keeps its test under it');
    assert.equal(api.existingItem(DATA_DRIVEN), undefined, 'the replaced test stays gone');
    const definedAt = editor.document.getText().split('\n').findIndex((line) => line.includes('def test_value__each_datum__then_checked'));
    assert.equal(api.existingItem(RENAMED[1])?.range?.start.line, definedAt, 'a renamed test sits on the row of the test it came from');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
