// A module whose top-level code calls `pytest.skip(..., allow_module_level=True)` is skipped while
// pytest imports it: `--collect-only` lists none of its tests. Without `allow_module_level=True`
// pytest refuses the call (a collection error). Under an `if` only the import can tell: the module
// is unsure until a collection says, and the collection memory then hides or shows its tests.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CollectedCases, collectionErrors, flattenTests, isUnsure, StaticDiscovery } from '../../../server/src/engine/discovery';
import { parserAndTrees } from '../../support/fileTree';
import { pytestNodeIds } from './pytestSuite';

const TEST = (name: string): string => `\n\ndef test_${name}__collected__then_runs() -> None:\n    """One test."""\n    assert True\n`;

describe('modules that skip themselves on import', () => {
  const { parser, tree } = parserAndTrees('pytest-patterns-module-skips-');

  it('lists exactly what pytest collects, with pytest\'s reason, error and unsure modules', () => {
    const root = tree({
      'tests/test_always.py': 'import pytest\n\npytest.skip("needs a GPU", allow_module_level=True)' + TEST('always'),
      'tests/test_imported.py': 'from pytest import skip\n\nskip(reason="not on CI", allow_module_level=True)' + TEST('imported'),
      'tests/test_raised.py': 'import pytest as pt\n\nraise pt.skip.Exception("raised", allow_module_level=True)' + TEST('raised'),
      'tests/test_refused.py': 'import pytest\n\npytest.skip("forgot the flag")' + TEST('refused'),
      'tests/test_branch_taken.py': 'import sys\nimport pytest\n\nif sys.version_info >= (3, 0):\n    pytest.skip("always true", allow_module_level=True)' + TEST('branch_taken'),
      'tests/test_branch_not_taken.py': 'import sys\nimport pytest\n\nif sys.version_info < (3, 0):\n    pytest.skip("never", allow_module_level=True)' + TEST('branch_not_taken'),
      'tests/test_in_fixture.py': 'import pytest\n\n\n@pytest.fixture\ndef gpu() -> None:\n    """Skips the tests that use it."""\n    pytest.skip("no GPU")' + TEST('in_fixture'),
      'tests/test_plain.py': TEST('plain'),
    });
    const { ids, output } = pytestNodeIds(root, ['-rs']);
    const modules = new StaticDiscovery(parser(), root).discoverAll();
    const byId = new Map(modules.map((m) => [m.nodeid, m]));

    // pytest's own reasons, from its short summary: `SKIPPED [1] tests/test_always.py:3: needs a GPU`.
    const reasons = new Map([...output.matchAll(/^SKIPPED \[\d+\] ([^:]+):\d+: (.*)$/gm)].map((m) => [m[1], m[2]]));
    assert.deepEqual([...reasons.keys()].sort(), ['tests/test_always.py', 'tests/test_branch_taken.py', 'tests/test_imported.py', 'tests/test_raised.py'], output);
    for (const file of ['tests/test_always.py', 'tests/test_imported.py', 'tests/test_raised.py']) {
      assert.equal(byId.get(file)?.skippedOnImport, reasons.get(file), file);
      assert.deepEqual(byId.get(file)?.children, [], file);
    }

    // The refused skip: pytest's collection error, with its message.
    assert.match(output, /ERROR collecting tests\/test_refused\.py/);
    const refused = collectionErrors(modules).find((e) => e.nodeid === 'tests/test_refused.py');
    assert.ok(refused, 'the refused skip is a collection error');
    const pytestMessage = /Using pytest\.skip outside of a test[^\n]*/.exec(output)?.[0];
    assert.ok(pytestMessage && refused.message.endsWith(pytestMessage), `${refused.message}\n---\n${output}`);

    // Under an `if`: unsure, its tests flagged; taken or not, only pytest knows.
    for (const file of ['tests/test_branch_taken.py', 'tests/test_branch_not_taken.py']) {
      assert.equal(byId.get(file)?.mayBeSkippedOnImport, true, file);
      assert.equal(isUnsure(byId.get(file)!), true, file);
    }
    assert.equal(byId.get('tests/test_in_fixture.py')?.mayBeSkippedOnImport, undefined, 'a skip in a function body runs later, in a test');

    // Every id static discovery gives without a flag is pytest's, and pytest's ids are all there.
    const tests = flattenTests(modules);
    assert.deepEqual(tests.filter((t) => !t.conditional).map((t) => t.nodeid).sort(), ids.filter((id) => !id.includes('branch_not_taken')).sort());
    assert.deepEqual(tests.filter((t) => t.conditional).map((t) => t.nodeid).sort(), ['tests/test_branch_not_taken.py::test_branch_not_taken__collected__then_runs', 'tests/test_branch_taken.py::test_branch_taken__collected__then_runs']);
    assert.ok(ids.includes('tests/test_branch_not_taken.py::test_branch_not_taken__collected__then_runs'), output);
  });

  it('after a collection, hides the tests of a module that skipped itself and keeps those of one that did not', () => {
    const root = tree({
      'tests/test_branch_taken.py': 'import sys\nimport pytest\n\nif sys.version_info >= (3, 0):\n    pytest.skip("always true", allow_module_level=True)' + TEST('branch_taken'),
      'tests/test_branch_not_taken.py': 'import sys\nimport pytest\n\nif sys.version_info < (3, 0):\n    pytest.skip("never", allow_module_level=True)' + TEST('branch_not_taken'),
    });
    const { ids } = pytestNodeIds(root);
    const discovery = new StaticDiscovery(parser(), root);
    const memory = new CollectedCases();
    const before = discovery.discoverAll().map((m) => memory.apply(m)); // notes which tests a collection can rule out
    assert.deepEqual(before.map((m) => m.children.length), [1, 1]);
    const changed = memory.remember(ids, before.map((m) => m.nodeid), { rootdir: root });
    assert.deepEqual(changed, ['tests/test_branch_taken.py']);
    const after = new Map(discovery.discoverAll().map((m) => memory.apply(m)).map((m) => [m.nodeid, m]));
    assert.deepEqual(after.get('tests/test_branch_taken.py')?.children, []);
    assert.equal(typeof after.get('tests/test_branch_taken.py')?.skippedAtLastCollection, 'number');
    assert.deepEqual(after.get('tests/test_branch_not_taken.py')?.children.map((c) => c.nodeid), ['tests/test_branch_not_taken.py::test_branch_not_taken__collected__then_runs']);
    assert.equal(after.get('tests/test_branch_not_taken.py')?.skippedAtLastCollection, undefined);
  });
});
