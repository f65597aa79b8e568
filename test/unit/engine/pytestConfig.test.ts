import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, findPytestConfig } from '../../../server/src/engine/config/pytestConfig';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-config-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('pytest config discovery', () => {
  it('reads pytest.ini with multi-line values', () => {
    const root = tree({
      'pytest.ini': '[pytest]\npython_files = test_*.py\n    check_*.py\nmarkers =\n    slow: slow tests\n    integration(name): needs services\nasyncio_mode = auto\ntestpaths = tests\n',
      'tests/x/.keep': '',
    });
    const config = findPytestConfig(path.join(root, 'tests', 'x'));
    assert.equal(config.configFile, path.join(root, 'pytest.ini'));
    assert.equal(config.rootdir, root);
    assert.deepEqual(config.collection.pythonFiles, ['test_*.py', 'check_*.py']);
    assert.deepEqual(config.markers, ['slow', 'integration']);
    assert.equal(config.asyncioMode, 'auto');
    assert.deepEqual(config.testpaths, ['tests']);
  });

  it('prefers pytest.ini over pyproject.toml in the same folder, as pytest does', () => {
    const root = tree({ 'pytest.ini': '[pytest]\npython_functions = check\n', 'pyproject.toml': '[tool.pytest.ini_options]\npython_functions = "test"\n' });
    assert.deepEqual(findPytestConfig(root).collection.pythonFunctions, ['check']);
  });

  it('reads [tool.pytest.ini_options] lists and strings, and pytest 9 native [tool.pytest]', () => {
    const legacy = tree({ 'pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["python/tests"]\npython_classes = "Test* Check"\nasyncio_mode = "strict"\n' });
    const config = findPytestConfig(legacy);
    assert.deepEqual(config.testpaths, ['python/tests']);
    assert.deepEqual(config.collection.pythonClasses, ['Test*', 'Check']);
    assert.equal(config.asyncioMode, 'strict');
    const native = tree({ 'pyproject.toml': '[tool.pytest]\npython_files = ["spec_*.py"]\n\n[tool.pytest.ini_options]\npython_files = "ignored_*.py"\n' });
    assert.deepEqual(findPytestConfig(native).collection.pythonFiles, ['spec_*.py']);
  });

  it('skips a pyproject.toml without a pytest table and finds tox.ini / setup.cfg sections', () => {
    const tox = tree({ 'pyproject.toml': '[project]\nname = "x"\n', 'tox.ini': '[tox]\nenvlist = py311\n[pytest]\npython_files = t_*.py\n' });
    assert.deepEqual(findPytestConfig(tox).collection.pythonFiles, ['t_*.py']);
    const setup = tree({ 'setup.cfg': '[metadata]\nname = x\n[tool:pytest]\npython_files = s_*.py\n' });
    assert.deepEqual(findPytestConfig(setup).collection.pythonFiles, ['s_*.py']);
    const toxWithout = tree({ 'tox.ini': '[tox]\nenvlist = py311\n', 'sub/.keep': '' });
    assert.equal(findPytestConfig(path.join(toxWithout, 'sub')).configFile, undefined);
  });

  it('falls back to pytest defaults and caches per folder', () => {
    const root = tree({ 'a/b/.keep': '' });
    const cache = new Map();
    const config = findPytestConfig(path.join(root, 'a', 'b'), cache);
    assert.deepEqual(config.collection.pythonFiles, ['test_*.py', '*_test.py']);
    assert.equal(cache.get(path.join(root, 'a', 'b')), config);
    // A fall-back depends on the folder asked for: a walk from below must not take it over.
    assert.equal(findPytestConfig(path.join(root, 'a'), cache).rootdir, path.join(root, 'a'));
  });

  it('reports invalid TOML as a ConfigError naming the file', () => {
    const root = tree({ 'pyproject.toml': '[tool.pytest.ini_options\n' });
    assert.throws(() => findPytestConfig(root), (e: unknown) => e instanceof ConfigError && e.file.endsWith('pyproject.toml'));
  });
});

describe('rootdir and config file against pytest itself', () => {
  /** pytest's own rootdir and configfile, run from `folder` without arguments. */
  function pytestSays(folder: string): { rootdir: string; configfile?: string } {
    const result = spawnSync('python3', ['-m', 'pytest', '--collect-only', '-p', 'no:cacheprovider'], { cwd: folder, encoding: 'utf8', env: { ...process.env, PYTEST_ADDOPTS: '' } });
    const rootdir = /^rootdir: (.+)$/m.exec(result.stdout)?.[1];
    assert.ok(rootdir, result.stdout + result.stderr);
    const configfile = /^configfile: (.+?)(?: \(WARNING: .*\))?$/m.exec(result.stdout)?.[1];
    return { rootdir, configfile: configfile && path.resolve(rootdir, configfile) };
  }

  /** `fallback`: no file holds pytest options, so pytest's rootdir is its fall-back. */
  const LAYOUTS: Record<string, { files: Record<string, string>; from: string; fallback: boolean }> = {
    'a pyproject.toml without a pytest table above': { files: { 'pyproject.toml': '[project]\nname = "x"\n', 'tests/test_a.py': '' }, from: 'tests', fallback: true },
    'pytest 9\'s pytest.toml': { files: { 'pytest.toml': '[pytest]\npython_files = ["check_*.py"]\n', 'pyproject.toml': '[tool.pytest.ini_options]\n', 'tests/check_a.py': '' }, from: 'tests', fallback: false },
    'an empty .pytest.toml': { files: { '.pytest.toml': '', 'tests/test_a.py': '' }, from: 'tests', fallback: false },
    'a setup.py and no config': { files: { 'setup.py': '', 'src/tests/test_a.py': '' }, from: 'src/tests', fallback: true },
    'a pytest.ini below a pyproject.toml without a table': { files: { 'pyproject.toml': '[project]\nname = "x"\n', 'sub/pytest.ini': '[pytest]\n', 'sub/tests/test_a.py': '' }, from: 'sub/tests', fallback: false },
    'a pyproject.toml without a table below a setup.py': { files: { 'setup.py': '', 'sub/pyproject.toml': '[project]\nname = "x"\n', 'sub/tests/test_a.py': '' }, from: 'sub/tests', fallback: true },
  };
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    it(`finds pytest's rootdir and config file: ${name}`, () => {
      const root = tree(layout.files);
      const folder = path.join(root, layout.from);
      const config = findPytestConfig(folder);
      const pytest = pytestSays(folder);
      assert.deepEqual({ rootdir: config.rootdir, configfile: config.configFile }, pytest);
      assert.equal(config.fallback === true, layout.fallback);
      if (name.includes('pytest.toml') && name.includes('9')) assert.deepEqual(config.collection.pythonFiles, ['check_*.py']);
    });
  }
});

describe('INI sections of other tools', () => {
  it('reads [tool:pytest] even when another section has syntax the INI parser rejects', () => {
    const root = tree({ 'setup.cfg': '[options]\npackage_dir =\n    = src\n[tool:pytest]\npython_files = s_*.py\n' });
    assert.deepEqual(findPytestConfig(root).collection.pythonFiles, ['s_*.py']);
  });
});
