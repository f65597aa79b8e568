import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lintSource } from '../../server/src/engine/lint/linter';

// A function named `test_*` in application code: only rules that opt in with
// `meta.appliesTo: 'all-python'` (PP102) may look at files pytest does not collect.
const SOURCE = "def test_connection(port):\n    import time\n    time.sleep(1)\n    assert port\n";

describe('lintPython and meta.appliesTo', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-applies-to-'));
    fs.mkdirSync(path.join(root, 'app'));
    fs.mkdirSync(path.join(root, 'tests'));
    fs.writeFileSync(path.join(root, 'pytest.ini'), '[pytest]\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs no tests-only rule on application code', async () => {
    const findings = await lintSource(SOURCE, path.join(root, 'app', 'service.py'), { editorSettings: { select: ['PP', 'PP104'] } });
    assert.deepEqual(findings.map((f) => f.code), []);
  });

  it('runs only the all-python rules on a non-test file in a test folder', async () => {
    const findings = await lintSource(SOURCE, path.join(root, 'tests', 'service_checks.py'), { editorSettings: { select: ['PP', 'PP104'] } });
    assert.deepEqual(findings.map((f) => f.code), ['PP102']);
  });

  it('runs the tests-only rules once the file is named like a test module', async () => {
    const findings = await lintSource(SOURCE, path.join(root, 'tests', 'test_service.py'), { editorSettings: { select: ['PP', 'PP104'] } });
    const codes = new Set(findings.map((f) => f.code));
    assert.ok(codes.has('PP101') && codes.has('PP104') && codes.has('PP201'), [...codes].join(', '));
    assert.ok(!codes.has('PP102'));
  });
});
