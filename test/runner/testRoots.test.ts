// Which crates the Test Explorer shows as roots: detected from test targets that run pytest,
// or declared in `pytestPatterns.crates` when detection cannot tell.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findTestRoots } from '../../src/testing/roots';
import { exampleCrate, workspacesDir } from './helpers';

function writeCrate(dir: string, harness: string): void {
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'py', 'checks'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), `[package]\nname = "${path.basename(dir)}"\nversion = "0.1.0"\nedition = "2021"\n`);
  fs.writeFileSync(path.join(dir, 'tests', 'harness.rs'), harness);
}

describe('test roots', () => {
  it('finds the example crate through its pytest harness, with the folder pytest collects', () => {
    const roots = findTestRoots(workspacesDir, []);
    const example = roots.find((r) => r.crateDir === exampleCrate);
    assert.ok(example, `example crate not among ${roots.map((r) => r.crateDir).join(', ')}`);
    assert.ok(example.testPaths.length > 0 && example.testPaths.every((p) => fs.existsSync(p)), `test paths ${example.testPaths}`);
    assert.ok(example.testPaths.some((p) => fs.existsSync(path.join(p, 'test_showcase_failure.py'))));
  });

  it('ignores crates whose tests do not run pytest, unless the setting names them', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-roots-'));
    try {
      writeCrate(path.join(folder, 'plain'), 'fn main() { std::process::Command::new("python3").arg("py/checks").status().unwrap(); }\n');
      writeCrate(path.join(folder, 'driver'), 'fn main() { std::process::Command::new("python3").args(["-m", "pytest", "py/checks"]).status().unwrap(); }\n');
      const detected = findTestRoots(folder, []).map((r) => path.basename(r.crateDir));
      assert.deepEqual(detected, ['driver']);
      const configured = findTestRoots(folder, [{ path: 'plain', testPaths: ['py/checks'] }]);
      const plain = configured.find((r) => path.basename(r.crateDir) === 'plain');
      assert.ok(plain, 'the setting adds the crate');
      assert.deepEqual(plain.testPaths, [path.join(folder, 'plain', 'py', 'checks')]);
      assert.equal(plain.reason, 'pytestPatterns.crates setting');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads pyproject testpaths as pytest does: globs expanded, entries that match nothing dropped', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-roots-'));
    try {
      const crate = path.join(folder, 'driver');
      writeCrate(crate, 'fn main() { std::process::Command::new("python3").args(["-m", "pytest"]).status().unwrap(); }\n');
      fs.mkdirSync(path.join(crate, 'py', 'more'));
      const rootWith = (testpaths: string): string[] => {
        fs.writeFileSync(path.join(crate, 'pyproject.toml'), `[tool.pytest.ini_options]\ntestpaths = ${testpaths}\n`);
        return findTestRoots(folder, []).find((r) => r.crateDir === crate)!.testPaths;
      };
      assert.deepEqual(rootWith('["py/*", "missing"]'), [path.join(crate, 'py', 'checks'), path.join(crate, 'py', 'more')]);
      // Nothing matches: pytest searches from where it runs, which the crate's pytest config decides.
      assert.deepEqual(rootWith('["missing*"]'), []);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
