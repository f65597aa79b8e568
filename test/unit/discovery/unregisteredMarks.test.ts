// Strict markers in static discovery, against the real pytest: a module whose marks neither the
// config nor a conftest.py registers is flagged (and its tests with it), exactly the modules pytest
// refuses; the others are not. Without strict markers nothing is flagged.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { flattenTests, isUnsure, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { pytestNodeIds } from './pytestSuite';

const TEST = (marks: string): string => `import pytest\n\n\n${marks}\ndef test_unit__marked__then_collected() -> None:\n    assert True\n`;

const FILES: Record<string, string> = {
  'conftest.py': 'def pytest_configure(config):\n    config.addinivalue_line("markers", "contract: checks a published contract")\n',
  'test_registered.py': TEST('@pytest.mark.slow\n@pytest.mark.contract\n@pytest.mark.skipif(False, reason="no")'),
  'test_unregistered.py': TEST('@pytest.mark.slow\n@pytest.mark.nightly'),
  'test_class_mark.py': 'import pytest\n\n\n@pytest.mark.gpu\nclass TestModel:\n    def test_model__marked_class__then_refused(self) -> None:\n        assert True\n',
  'test_case_mark.py': 'import pytest\n\n\n@pytest.mark.parametrize("x", [1, pytest.param(2, marks=pytest.mark.flaky_io)])\ndef test_io__case_mark__then_refused(x: int) -> None:\n    assert x\n',
};

describe('static discovery under strict markers', () => {
  let root: string;
  let parser: Parser;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-strict-marks-'));
    for (const [file, text] of Object.entries(FILES)) fs.writeFileSync(path.join(root, file), text);
    parser = await createPythonParser();
  });
  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const discover = () => new StaticDiscovery(parser, root).discoverAll();

  it('flags exactly the modules pytest refuses, naming their unregistered marks', () => {
    fs.writeFileSync(path.join(root, 'pytest.ini'), '[pytest]\nstrict_markers = true\nmarkers =\n    slow: takes a while\n');
    const modules = discover();
    const flagged = Object.fromEntries(modules.filter((m) => m.unregisteredMarks).map((m) => [m.nodeid, m.unregisteredMarks]));
    assert.deepEqual(flagged, { 'test_case_mark.py': ['flaky_io'], 'test_class_mark.py': ['gpu'], 'test_unregistered.py': ['nightly'] });
    assert.ok(modules.filter((m) => m.unregisteredMarks).every(isUnsure), 'a background collection settles them');

    const { ids, output } = pytestNodeIds(root);
    const refused = [...output.matchAll(/ERROR (\S+\.py) - Failed: '(\w+)' not found in `markers`/g)].map((m) => m[1]).sort();
    assert.deepEqual(refused, Object.keys(flagged).sort(), output);
    assert.deepEqual(ids, ['test_registered.py::test_unit__marked__then_collected']);
    // Their tests are listed, flagged as not certain.
    const tests = flattenTests(modules);
    assert.ok(tests.filter((t) => Object.keys(flagged).includes(t.nodeid.split('::')[0])).every((t) => t.conditional === true));
    assert.equal(tests.find((t) => t.nodeid.startsWith('test_registered.py'))?.conditional, undefined);
  });

  it('flags nothing without strict markers, where pytest only warns', () => {
    fs.writeFileSync(path.join(root, 'pytest.ini'), '[pytest]\nmarkers =\n    slow: takes a while\n');
    assert.deepEqual(discover().filter((m) => m.unregisteredMarks).map((m) => m.nodeid), []);
    assert.equal(pytestNodeIds(root).ids.length, 5);
  });

  it('flags nothing under a conftest.py that registers markers it computes', () => {
    fs.writeFileSync(path.join(root, 'pytest.ini'), '[pytest]\nstrict = true\n');
    fs.writeFileSync(path.join(root, 'conftest.py'), 'MARKS = ["nightly", "gpu", "flaky_io", "slow", "contract"]\n\n\ndef pytest_configure(config):\n    for mark in MARKS:\n        config.addinivalue_line("markers", mark)\n');
    assert.deepEqual(discover().filter((m) => m.unregisteredMarks).map((m) => m.nodeid), []);
    assert.equal(pytestNodeIds(root).ids.length, 5);
  });
});
