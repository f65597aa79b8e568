// How coverage mode loads its plugins (pure: no process). The real runs are in coverage.test.ts.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pluginEnvironment } from '../../server/src/engine/runner';
import { coverageSetup } from '../../server/src/engine/runner/coverageMode';

const base = { workDir: '/tmp/run', python: '/usr/bin/python3', userPytestArgs: [], userAddopts: undefined };

test('coverageSetup with pytest-cov: bare --cov before the plugins, data file and report in the run folder, no notice', () => {
  const setup = coverageSetup({ ...base, pytestCov: true });
  assert.deepEqual(setup.flagsBeforePlugins, ['--cov']);
  assert.deepEqual(setup.plugins, ['pytest_patterns_cov_export']);
  assert.deepEqual(setup.env, { PYTEST_PATTERNS_COVERAGE_JSON: path.join('/tmp/run', 'coverage.json'), COVERAGE_FILE: path.join('/tmp/run', '.coverage') });
  assert.equal(setup.notice, undefined);
  // `--cov` takes an optional value: last in PYTEST_ADDOPTS it would eat the harness's test path.
  const env = pluginEnvironment({ PYTEST_ADDOPTS: '-x' }, { pluginDir: '/ext', eventsAddress: '127.0.0.1:1', extraPytestArgs: ['-q'], ...setup });
  assert.equal(env.PYTEST_ADDOPTS, '-x --cov -p pytest_patterns_reporter -p pytest_patterns_cov_export -q');
});

test('coverageSetup with pytest-cov: the user\'s own --cov (pytest args or PYTEST_ADDOPTS) is kept alone', () => {
  assert.deepEqual(coverageSetup({ ...base, pytestCov: true, userPytestArgs: ['--cov=query_engine'] }).flagsBeforePlugins, []);
  assert.deepEqual(coverageSetup({ ...base, pytestCov: true, userAddopts: '-x --cov src' }).flagsBeforePlugins, []);
  assert.deepEqual(coverageSetup({ ...base, pytestCov: true, userAddopts: '--cov-branch' }).flagsBeforePlugins, ['--cov']);
});

test('coverageSetup without pytest-cov: the built-in tracer plugin and a notice naming the interpreter', () => {
  const setup = coverageSetup({ ...base, pytestCov: false });
  assert.deepEqual(setup.plugins, ['pytest_patterns_coverage']);
  assert.deepEqual(setup.flagsBeforePlugins, []);
  assert.deepEqual(setup.env, { PYTEST_PATTERNS_COVERAGE_JSON: path.join('/tmp/run', 'coverage.json') });
  assert.equal(setup.notice?.kind, 'builtinCoverage');
  assert.match(setup.notice?.message ?? '', /^pytest-cov is not installed in \/usr\/bin\/python3; .*built-in tracer/);
});
