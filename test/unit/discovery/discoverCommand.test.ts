// `pytest-patterns discover <crate> --format json` on the example crate, against pytest's own
// collection of the same crate.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { discoverCommand } from '../../../server/src/cli/commands/discover';
import { repoPath } from '../../support/paths';
import { pytestNodeIds, writeSuite } from './pytestSuite';

const CRATE = repoPath('test/fixtures/workspaces/cargo-pytest');

async function runDiscover(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await discoverCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: CRATE });
  return { code, stdout, stderr };
}

describe('pytest-patterns discover', () => {
  it('prints {nodeid, file, line, kind} for exactly the tests pytest collects in the example crate', async () => {
    const { code, stdout } = await runDiscover([CRATE, '--format', 'json']);
    assert.equal(code, 0);
    const tests = JSON.parse(stdout) as { nodeid: string; file: string; line: number; kind: string }[];
    const pytest = spawnSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider'], {
      cwd: CRATE,
      encoding: 'utf8',
      env: { ...process.env, PYTEST_ADDOPTS: '', PYTHONDONTWRITEBYTECODE: '1' },
    });
    const collected = pytest.stdout.split('\n').filter((line) => line.includes('::'));
    assert.ok(collected.length > 5, `pytest collected too little:\n${pytest.stdout}\n${pytest.stderr}`);
    assert.deepEqual([...tests.map((t) => t.nodeid)].sort(), [...collected].sort());
    for (const test of tests) {
      assert.ok(path.isAbsolute(test.file) && fs.existsSync(test.file), `${test.nodeid}: file ${test.file}`);
      const lineText = fs.readFileSync(test.file, 'utf8').split('\n')[test.line - 1] ?? '';
      const name = test.nodeid.split('::').pop()!.replace(/\[.*$/, '');
      if (test.kind === 'function') assert.match(lineText, new RegExp(`def ${name}\\(`), `${test.nodeid}: line ${test.line} is its def`);
      else assert.equal(test.kind, 'case');
    }
  });

  it('says which ids are unsure (guessed, dynamic, under an if); every id it does not flag is one pytest collects', async () => {
    const suite = writeSuite();
    try {
      const { code, stdout } = await runDiscover([suite, '--format', 'json']);
      assert.equal(code, 0);
      const tests = JSON.parse(stdout) as { nodeid: string; dynamic?: true; guessed?: true; conditional?: true }[];
      const collected = new Set(pytestNodeIds(suite).ids);
      const certain = tests.filter((t) => !t.dynamic && !t.guessed && !t.conditional);
      assert.deepEqual(certain.filter((t) => !collected.has(t.nodeid)).map((t) => t.nodeid), [], 'an unflagged id pytest does not collect');
      const flagged = (key: 'dynamic' | 'guessed' | 'conditional'): string[] => tests.filter((t) => t[key]).map((t) => t.nodeid);
      assert.ok(flagged('conditional').includes('tests/test_conditional.py::test_python2__branch_not_taken__then_not_collected'));
      assert.ok(flagged('guessed').length > 0 && flagged('dynamic').length > 0, 'the generated suite has guessed ids and dynamic functions');
      assert.ok(certain.every((t) => Object.keys(t).sort().join() === 'file,kind,line,nodeid'), 'a certain id keeps the four-field shape');
    } finally {
      fs.rmSync(suite, { recursive: true, force: true });
    }
  });

  it('--cache: a second run prints the same tests from the cache file, and sees an edit made in between', async () => {
    const suite = writeSuite();
    const cache = path.join(suite, '.pytest-patterns', 'discovery.json');
    try {
      const plain = await runDiscover([suite, '--format', 'json']);
      const first = await runDiscover([suite, '--format', 'json', '--cache', cache]);
      assert.equal(first.code, 0, first.stderr);
      assert.ok(fs.existsSync(cache), 'the cache file is written');
      const written = fs.statSync(cache).mtimeMs;
      const second = await runDiscover([suite, '--format', 'json', '--cache', cache]);
      assert.equal(second.stdout, plain.stdout);
      assert.equal(second.stdout, first.stdout);
      assert.equal(fs.statSync(cache).mtimeMs, written, 'nothing changed: the cache is not rewritten');
      const file = path.join(suite, 'tests', 'test_cached_edit.py');
      fs.writeFileSync(file, 'def test_cache__file_added__then_listed():\n    assert True\n');
      const third = await runDiscover([suite, '--format', 'json', '--cache', cache]);
      assert.ok((JSON.parse(third.stdout) as { nodeid: string }[]).some((t) => t.nodeid === 'tests/test_cached_edit.py::test_cache__file_added__then_listed'));
      assert.equal(third.stdout, (await runDiscover([suite, '--format', 'json'])).stdout);
    } finally {
      fs.rmSync(suite, { recursive: true, force: true });
    }
  });

  it('--cache in a folder it cannot write: the tests are still printed, with a warning', async () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cache-')), 'a-file');
    fs.writeFileSync(blocker, '');
    try {
      const { code, stdout, stderr } = await runDiscover([CRATE, '--format', 'json', '--cache', path.join(blocker, 'discovery.json')]);
      assert.equal(code, 0);
      assert.equal(stdout, (await runDiscover([CRATE, '--format', 'json'])).stdout);
      assert.match(stderr, /could not write the cache/);
    } finally {
      fs.rmSync(path.dirname(blocker), { recursive: true, force: true });
    }
  });

  it('a test file as the root lists that file with the ids pytest gives it', async () => {
    const file = path.join(CRATE, 'python', 'tests', 'test_tokenizer.py');
    const { code, stdout } = await runDiscover([file, '--format', 'json']);
    assert.equal(code, 0);
    const pytest = pytestNodeIds(CRATE);
    const expected = pytest.ids.filter((id) => id.startsWith('python/tests/test_tokenizer.py::'));
    assert.ok(expected.length > 0, pytest.output);
    assert.deepEqual((JSON.parse(stdout) as { nodeid: string }[]).map((t) => t.nodeid), expected);
  });

  it('reports on stderr the modules and classes pytest will fail to collect, and lists their neighbours', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-discover-errors-'));
    try {
      fs.writeFileSync(path.join(folder, 'test_broken.py'), 'def test_ok__plain__then_listed():\n    assert True\n\n\ndef test_x(:\n    pass\n');
      fs.writeFileSync(path.join(folder, 'test_gen.py'), 'def test_ok__plain__then_listed():\n    assert True\n\n\nclass TestGen:\n    def test_gen(self):\n        yield 1\n');
      const { code, stdout, stderr } = await runDiscover([folder]);
      assert.equal(code, 0);
      assert.match(stdout, /^test_gen\.py::test_ok__plain__then_listed$/m);
      assert.deepEqual(stderr.trim().split('\n').sort(), [
        "pytest-patterns discover: test_broken.py: syntax error: pytest will fail to import this module",
        "pytest-patterns discover: test_gen.py::TestGen: pytest fails to collect this class: 'yield' keyword is allowed in fixtures, but not in tests (test_gen)",
      ]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a --path that does not exist is an error, as for pytest, not an empty tree', async () => {
    const { code, stdout, stderr } = await runDiscover([CRATE, '--path', 'python/no_such_tests', '--format', 'json']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /no_such_tests does not exist/);
  });

  it('rejects an unknown format with exit code 2', async () => {
    const { code, stderr } = await runDiscover([CRATE, '--format', 'yaml']);
    assert.equal(code, 2);
    assert.match(stderr, /unknown format/);
  });
});
