import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCargoCommand, describeCrate, findCrates, parseCoverageJson, pluginEnvironment } from '../../server/src/engine/runner';
import { shellQuote } from '../../server/src/engine/runner/command';
import { exampleCrate, workspacesDir } from './helpers';

test('buildCargoCommand: detected harness=false target becomes --test <name>', () => {
  assert.deepEqual(buildCargoCommand({}, 'python'), { command: 'cargo', args: ['test', '--test', 'python'] });
});

test('buildCargoCommand: release, nextest, extra args and a configured command', () => {
  assert.deepEqual(buildCargoCommand({ release: true, runner: 'nextest', args: ['--features', 'py'], command: '/opt/cargo' }, 'python'), {
    command: '/opt/cargo',
    args: ['nextest', 'run', '--test', 'python', '--release', '--features', 'py'],
  });
});

test('buildCargoCommand: testTarget null runs plain cargo test; a string overrides detection', () => {
  assert.deepEqual(buildCargoCommand({ testTarget: null }, 'python').args, ['test']);
  assert.deepEqual(buildCargoCommand({ testTarget: 'pytests' }, 'python').args, ['test', '--test', 'pytests']);
  assert.deepEqual(buildCargoCommand({}, undefined).args, ['test']);
});

test('pluginEnvironment: prepends the plugin dir and keeps the user PYTHONPATH and PYTEST_ADDOPTS', () => {
  const env = pluginEnvironment(
    { PYTHONPATH: '/user/lib', PYTEST_ADDOPTS: '-x' },
    { pluginDir: '/ext/python', eventsAddress: '127.0.0.1:9', selectFile: '/tmp/sel', extraPytestArgs: ['-k', 'a and b'] },
  );
  assert.equal(env.PYTHONPATH, `/ext/python${path.delimiter}/user/lib`);
  assert.equal(env.PYTEST_ADDOPTS, "-x -p pytest_patterns_reporter -k 'a and b'");
  assert.equal(env.PYTEST_PATTERNS_EVENTS, '127.0.0.1:9');
  assert.equal(env.PYTEST_PATTERNS_SELECT, '/tmp/sel');
  assert.equal(env.PYTEST_PATTERNS_DEBUG_PORT, undefined);
});

test('shellQuote: quotes spaces and single quotes the way shlex reads them back', () => {
  assert.equal(shellQuote('plain-arg'), 'plain-arg');
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});

test('describeCrate: the example crate runs pytest from its harness=false target on python/tests', () => {
  const crate = describeCrate(exampleCrate);
  assert.ok(crate);
  assert.equal(crate.packageName, 'query_engine');
  assert.deepEqual(crate.pytestTargets.map((target) => [target.name, target.harness]), [['python', false]]);
  assert.deepEqual(crate.testPaths, ['python/tests']);
  assert.equal(crate.buildScriptRunsPytest, false);
});

test('findCrates: finds the example and every scenario crate, skipping target folders', () => {
  const names = findCrates(workspacesDir).map((crate) => crate.packageName).sort();
  assert.deepEqual(names, ['query_engine', 'scenario_basic', 'scenario_collect_error', 'scenario_compile_error', 'scenario_env_clear', 'scenario_module_skip']);
});

test('parseCoverageJson: resolves files against rootdir and keeps line lists and percentages', () => {
  const coverage = parseCoverageJson(
    JSON.stringify({
      files: { 'python/query_engine/analyzer.py': { executed_lines: [1, 2], missing_lines: [5], summary: { percent_covered: 66.7 } } },
      totals: { percent_covered: 66.7 },
    }),
    '/crate',
  );
  assert.deepEqual(coverage, {
    event: 'coverage',
    totalPercent: 66.7,
    files: [{ file: path.resolve('/crate/python/query_engine/analyzer.py'), executedLines: [1, 2], missingLines: [5], percent: 66.7 }],
  });
});
