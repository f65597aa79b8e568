import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateFixtureHere, generateFixtureInConftest, nearestConftest, requestAnnotation } from '../../../server/src/engine/actions/generateFixture';
import { lintSource } from '../../../server/src/engine/lint/linter';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { parsePython } from '../../../server/src/engine/parse/parser';
import { applyEdits } from '../../../server/src/engine/text/positions';
import { runPytest } from './pytestRun';

const TEST = [
  '"""Tests for the user service."""',
  'from dataclasses import dataclass',
  '',
  '',
  'def test_user__created__then_has_name(user) -> None:',
  '    assert user is None or user["name"]',
  '',
].join('\n');

async function generateHere(text: string, line: number, flavor: 'plain' | 'yield' | 'factory', scope: 'function' | 'module' = 'function'): Promise<string> {
  const tree = await parsePython(text);
  try {
    const file = buildModel('/tmp/test_user.py', tree.rootNode);
    return applyEdits(text, generateFixtureHere(text, file, line, { name: 'user', flavor, scope }));
  } finally {
    tree.delete();
  }
}

describe('generate fixture', () => {
  it('inserts a plain fixture above the requesting test and imports pytest after the docstring', async () => {
    const result = await generateHere(TEST, 4, 'plain');
    assert.equal(
      result,
      [
        '"""Tests for the user service."""',
        'import pytest',
        'from dataclasses import dataclass',
        '',
        '',
        '@pytest.fixture',
        'def user():',
        '    """Provide `user` to the tests that request it."""',
        '    return None',
        '',
        '',
        'def test_user__created__then_has_name(user) -> None:',
        '    assert user is None or user["name"]',
        '',
      ].join('\n'),
    );
    const run = runPytest({ 'test_user.py': result });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /1 passed/);
  });

  it('types a plain fixture like the requesting parameter, with a value of that type', async () => {
    const text = ['import pytest', '', '', 'def test_budget__custom__then_positive(budget_limit: int) -> None:', '    assert budget_limit >= 0', ''].join('\n');
    const tree = await parsePython(text);
    let result: string;
    try {
      const file = buildModel('/tmp/test_budget.py', tree.rootNode);
      const annotation = requestAnnotation(file, 'test_budget__custom__then_positive', 'budget_limit');
      assert.equal(annotation, 'int');
      result = applyEdits(text, generateFixtureHere(text, file, 3, { name: 'budget_limit', flavor: 'plain', scope: 'function', annotation }));
    } finally {
      tree.delete();
    }
    assert.ok(result.includes('@pytest.fixture\ndef budget_limit() -> int:\n    """Provide `budget_limit` to the tests that request it."""\n    return 0\n'), result);
    assert.deepEqual(await lintSource(result, '/tmp/pp-typed/test_budget.py', { editorSettings: { select: ['PP', 'PP104'] } }), []);
    const run = runPytest({ 'test_budget.py': result });
    assert.equal(run.status, 0, run.output);
  });

  it('writes a yield fixture with the scope chosen, in the file\'s indentation and quotes', async () => {
    const twoSpaces = "import pytest\n\n\ndef test_user__x__then_y(user) -> None:\n  assert user is None\n\n\nLABEL = 'x'\n";
    const result = await generateHere(twoSpaces, 3, 'yield', 'module');
    assert.equal(
      result,
      [
        'import pytest',
        '',
        '',
        "@pytest.fixture(scope='module')",
        'def user():',
        '  """Provide `user` and release it after each test that used it."""',
        '  value = None',
        '  yield value',
        '  del value',
        '',
        '',
        'def test_user__x__then_y(user) -> None:',
        '  assert user is None',
        '',
        '',
        "LABEL = 'x'",
        '',
      ].join('\n'),
    );
    const run = runPytest({ 'test_user.py': result });
    assert.equal(run.status, 0, run.output);
  });

  it('writes a factory fixture (seed 002 pattern) that tests can call', async () => {
    const text = 'import pytest\n\n\ndef test_user__factory__then_builds(user) -> None:\n    assert user(name="ada") == {"name": "ada"}\n';
    const result = await generateHere(text, 3, 'factory');
    assert.match(result, /def _create\(\*\*overrides: object\) -> dict\[str, object\]:/);
    const run = runPytest({ 'test_user.py': result });
    assert.equal(run.status, 0, run.output);
  });

  it('appends to the nearest conftest.py, or creates one, and pytest resolves the fixture', () => {
    const found = nearestConftest('/w/tests/unit/test_user.py', (p) => p === '/w/tests/conftest.py');
    assert.deepEqual(found, { path: '/w/tests/conftest.py', exists: true });
    assert.deepEqual(nearestConftest('/w/tests/test_user.py', () => false), { path: '/w/tests/conftest.py', exists: false });

    const created = generateFixtureInConftest('/w/conftest.py', undefined, { name: 'user', flavor: 'plain', scope: 'session' }, TEST);
    assert.equal(created.create, true);
    const conftest = applyEdits('', created.edits);
    assert.equal(
      conftest,
      [
        '"""Fixtures shared by the tests in this folder and below."""',
        'import pytest',
        '',
        '',
        '@pytest.fixture(scope="session")',
        'def user():',
        '    """Provide `user` to the tests that request it."""',
        '    return None',
        '',
      ].join('\n'),
    );
    const existing = '"""Shared."""\nimport os\n\nROOT = os.getcwd()\n';
    const appended = applyEdits(existing, generateFixtureInConftest('/w/conftest.py', existing, { name: 'user', flavor: 'plain', scope: 'function' }, TEST).edits);
    assert.equal(appended, '"""Shared."""\nimport os\nimport pytest\n\nROOT = os.getcwd()\n\n\n@pytest.fixture\ndef user():\n    """Provide `user` to the tests that request it."""\n    return None\n');
    const run = runPytest({ 'conftest.py': appended, 'tests/test_user.py': TEST });
    assert.equal(run.status, 0, run.output);
  });

  it('produces code our own fixture rules accept', async () => {
    for (const flavor of ['plain', 'yield', 'factory'] as const) {
      const result = await generateHere(TEST, 4, flavor);
      const findings = await lintSource(result, '/tmp/gen/test_user.py', { editorSettings: { select: ['PP3', 'PP4', 'PP5'] } });
      assert.deepEqual(findings.map((f) => `${f.code} ${f.message}`), [], flavor);
    }
  });
});
