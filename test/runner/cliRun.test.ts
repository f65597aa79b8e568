// `pytest-patterns run` on the basic scenario, through runCommand with in-memory streams.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { runCommand } from '../../server/src/cli/commands/run';
import { lineOf, scenario, sharedTargetDir } from './helpers';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

// runTests reads CARGO_TARGET_DIR from process.env when the CLI gives no env.
process.env.CARGO_TARGET_DIR = sharedTargetDir;
const FILE = 'python/tests/test_outcomes.py';

test('run --format json: one JSON object per line, results and a final summary, exit 1 on failure', async () => {
  const stdout = capture();
  const stderr = capture();
  const code = await runCommand(
    [scenario('basic'), `${FILE}::test_pass__always__then_passes`, `${FILE}::test_fail__wrong_list__then_shows_diff`, '--format', 'json'],
    { stdout: stdout.stream, stderr: stderr.stream },
  );
  const lines = stdout.text().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const results = lines.filter((line) => line.event === 'result');
  assert.deepEqual(results.map((line) => [line.nodeid, line.outcome]), [
    [`${FILE}::test_pass__always__then_passes`, 'passed'],
    [`${FILE}::test_fail__wrong_list__then_shows_diff`, 'failed'],
  ]);
  assert.ok(lines.some((line) => line.event === 'output' && /test session starts/.test(String(line.text))));
  const last = lines[lines.length - 1];
  assert.equal(last.event, 'summary');
  assert.deepEqual((last.counts as Record<string, number>).failed, 1);
  assert.equal(code, 1);
});

test('run --format text: result lines, the diff and the closing count line', async () => {
  const stdout = capture();
  const code = await runCommand([scenario('basic'), `${FILE}::test_fail__wrong_list__then_shows_diff`, '--quiet'], {
    stdout: stdout.stream,
    stderr: capture().stream,
  });
  const text = stdout.text();
  assert.match(text, /^FAILED python\/tests\/test_outcomes\.py::test_fail__wrong_list__then_shows_diff \[\d+\.\d+s\]$/m);
  assert.ok(text.includes(`test_outcomes.py:${lineOf(`${scenario('basic')}/${FILE}`, 'assert actual == expected')}\n`));
  assert.match(text, /expected:\n {4}\[1, 2, 4\]\n {2}actual:\n {4}\[1, 2, 3\]/);
  assert.match(text, /^0 passed, 1 failed, 0 skipped, 0 xfailed, 0 xpassed, 0 errors$/m);
  assert.equal(code, 1);
});

test('run: a passing selection exits 0, a runner error exits 2, bad usage exits 2', async () => {
  const ok = await runCommand([scenario('basic'), `${FILE}::test_pass__always__then_passes`, '--quiet'], { stdout: capture().stream, stderr: capture().stream });
  assert.equal(ok, 0);
  const stdout = capture();
  const broken = await runCommand([scenario('compile-error'), '--quiet'], { stdout: stdout.stream, stderr: capture().stream });
  assert.equal(broken, 2);
  assert.match(stdout.text(), /^error\[compileError\]: The crate did not compile/m);
  const stderr = capture();
  assert.equal(await runCommand(['--format', 'xml', scenario('basic')], { stdout: capture().stream, stderr: stderr.stream }), 2);
  assert.match(stderr.text(), /unknown --format xml/);
});

test('run: a requested test pytest did not collect is named and exits 1; a folder that is no crate exits 2 saying so', async () => {
  const stdout = capture();
  const code = await runCommand([scenario('basic'), `${FILE}::test_pass__always__then_passes`, `${FILE}::test_renamed`, '--quiet'], { stdout: stdout.stream, stderr: capture().stream });
  assert.match(stdout.text(), new RegExp(`^NOT FOUND ${FILE}::test_renamed: pytest did not collect it`, 'm'));
  assert.match(stdout.text(), /^1 passed, 0 failed, .*, 1 not found$/m);
  assert.equal(code, 1, 'not a silent pass');
  const missing = capture();
  assert.equal(await runCommand([`${scenario('basic')}-missing`, '--quiet'], { stdout: missing.stream, stderr: capture().stream }), 2);
  assert.match(missing.text(), /^error\[crateMissing\]: .*basic-missing does not exist/m);
  assert.doesNotMatch(missing.text(), /python3/);
});

test('run --mode collect --format text: lists what the session\'s own options deselect, and counts it', async () => {
  const stdout = capture();
  const before = process.env.PYTEST_ADDOPTS;
  process.env.PYTEST_ADDOPTS = '-k "not two"'; // the user's options reach pytest with the plugin's
  try {
    const code = await runCommand([scenario('basic'), '--mode', 'collect', '--quiet'], { stdout: stdout.stream, stderr: capture().stream });
    assert.equal(code, 0, stdout.text());
  } finally {
    if (before === undefined) delete process.env.PYTEST_ADDOPTS;
    else process.env.PYTEST_ADDOPTS = before;
  }
  const lines = stdout.text().trimEnd().split('\n');
  assert.deepEqual(lines.filter((line) => line.startsWith('DESELECTED')), [`DESELECTED ${FILE}::test_param__cases__then_ids[two] (-k "not two")`]);
  assert.ok(lines.includes(`${FILE}::test_param__cases__then_ids[one]`));
  assert.match(lines[lines.length - 1], /^\d+ tests collected, 1 deselected$/);
});
