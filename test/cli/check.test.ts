import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoPath } from '../support/paths';

const CLI = repoPath('bin', 'pytest-patterns.js');

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pytest-patterns check', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cli-'));
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(path.join(dir, 'tests', 'test_names.py'), 'def test_tokenize() -> None:\n    assert len("") == 0\n');
    fs.writeFileSync(path.join(dir, 'tests', 'test_clean.py'), 'def test_unit__condition__then_expected() -> None:\n    assert len("") == 0\n');
    fs.writeFileSync(path.join(dir, 'app.py'), 'def test_helper():\n    pass\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 1 and prints 1-based JSON findings with paths as given', () => {
    const { code, stdout } = cli(['check', 'tests', '--format', 'json'], dir);
    assert.equal(code, 1);
    const problems = JSON.parse(stdout) as Record<string, unknown>[];
    const pp101 = problems.filter((p) => p.code === 'PP101');
    assert.deepEqual(pp101, [
      {
        file: path.join('tests', 'test_names.py'),
        line: 1,
        column: 5,
        endLine: 1,
        endColumn: 18,
        code: 'PP101',
        rule: 'test-name-format',
        severity: 'warning',
        message: pp101[0]?.message,
      },
    ]);
    assert.match(String(pp101[0].message), /test_tokenize/);
  });

  it('exits 0 on clean files and leaves application code alone', () => {
    const { code, stdout } = cli(['check', 'tests/test_clean.py', 'app.py'], dir);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /All checks passed \(2 files checked\)/);
  });

  it('writes SARIF 2.1.0 with the rule and region', () => {
    const { code, stdout } = cli(['check', 'tests', '--format', 'sarif', '--select', 'PP101'], dir);
    assert.equal(code, 1);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.rules[0].id, 'PP101');
    assert.equal(run.results[0].ruleId, 'PP101');
    assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 1, startColumn: 5, endLine: 1, endColumn: 18 });
  });

  it('applies --ignore and a --config file', () => {
    assert.equal(cli(['check', 'tests', '--ignore', 'PP101'], dir).code, 0);
    const config = path.join(dir, 'lint.toml');
    fs.writeFileSync(config, '[rules.test-name-format]\npreset = "pytest-default"\n');
    const { code, stdout } = cli(['check', 'tests', '--config', config, '--select', 'PP101'], dir);
    assert.equal(code, 0, stdout);
  });

  it('reports unreadable, non-UTF-8 and unparsable files without crashing', () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cli-bad-'));
    fs.writeFileSync(path.join(bad, 'test_latin1.py'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    fs.writeFileSync(path.join(bad, 'test_broken.py'), 'def test_x__y__then_z(:\n    assert True\n');
    const { code, stdout } = cli(['check', '.', '--format', 'json'], bad);
    assert.equal(code, 1);
    const problems = JSON.parse(stdout) as { file: string; code: string; message: string; line: number }[];
    const byFile = Object.fromEntries(problems.map((p) => [p.file, p]));
    assert.equal(byFile['test_latin1.py']?.code, 'PP001');
    assert.match(byFile['test_latin1.py'].message, /not valid UTF-8/);
    assert.equal(byFile['test_broken.py']?.code, 'PP002');
    assert.equal(byFile['test_broken.py'].line, 1);
    fs.rmSync(bad, { recursive: true, force: true });
  });

  it('exits 2 on usage and configuration errors', () => {
    assert.equal(cli(['check', '--format', 'xml'], dir).code, 2);
    assert.equal(cli(['check', '--bogus'], dir).code, 2);
    assert.equal(cli(['check', 'no-such-dir'], dir).code, 2);
    assert.equal(cli(['frobnicate'], dir).code, 2);
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cli-cfg-'));
    fs.writeFileSync(path.join(broken, 'pyproject.toml'), '[tool.pytest-patterns\nselect = [');
    fs.writeFileSync(path.join(broken, 'test_a.py'), 'def test_a__b__then_c() -> None:\n    assert True\n');
    const result = cli(['check', '.'], broken);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /config error: .*pyproject\.toml: invalid TOML/);
    fs.rmSync(broken, { recursive: true, force: true });
  });

  it('refuses select/ignore entries that name no rule: a typo must not silently check less', () => {
    const flag = cli(['check', '.', '--select', 'PP1,PP2O1'], dir);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /--select: "PP2O1" names no rule/);
    assert.notEqual(cli(['check', '.', '--select', 'PP1,sleep-in-test', '--ignore', 'pp2'], dir).code, 2, 'codes, prefixes (any case) and names are fine');
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cli-selector-'));
    fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.pytest-patterns]\nignore = ["test-name-fromat"]\n');
    fs.writeFileSync(path.join(project, 'test_a.py'), 'def test_a() -> None:\n    assert True\n');
    const result = cli(['check', '.'], project);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /config error: .*pyproject\.toml: ignore: "test-name-fromat" names no rule/);
    assert.match(result.stdout, /PP101/, 'the files are still checked');
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('lists the rule catalog', () => {
    const { code, stdout } = cli(['rules', '--format', 'json'], dir);
    assert.equal(code, 0);
    const rules = JSON.parse(stdout) as { code: string; name: string }[];
    assert.ok(rules.some((r) => r.code === 'PP101' && r.name === 'test-name-format'));
  });
});

describe('example workspace', () => {
  it('reports the deliberate PP101 violations of the example', () => {
    const { code, stdout } = cli(['check', 'test/fixtures/workspaces/cargo-pytest', '--format', 'json', '--select', 'PP101'], repoPath());
    assert.equal(code, 1);
    const names = (JSON.parse(stdout) as { code: string; file: string; message: string }[]).filter((p) => p.code === 'PP101');
    assert.ok(names.length >= 2, stdout);
    assert.ok(names.every((p) => p.file.endsWith('test_violations.py')), 'only the deliberate violations file breaks the naming rule');
  });
});
