import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diagnoseExit, ExitFacts } from '../../server/src/engine/runner/diagnose';

const facts = (overrides: Partial<ExitFacts>): ExitFacts => ({
  command: 'cargo', code: 0, signal: null, sawSessionStart: false, sawSessionFinish: false, output: '', ...overrides,
});

test('diagnoseExit: a complete session is no error', () => {
  assert.equal(diagnoseExit(facts({ sawSessionStart: true, sawSessionFinish: true, code: 101 })), undefined);
});

test('diagnoseExit: ENOENT on spawn means cargo is missing', () => {
  const error = Object.assign(new Error('spawn cargo ENOENT'), { code: 'ENOENT' });
  assert.equal(diagnoseExit(facts({ spawnError: error }))?.kind, 'cargoMissing');
});

test('diagnoseExit: compiler errors before any session name the first error', () => {
  const output = '   Compiling x v0.1.0\nerror[E0308]: mismatched types\n --> tests/python.rs:4:22\n\nerror: could not compile `x`\n';
  const problem = diagnoseExit(facts({ code: 101, output }));
  assert.equal(problem?.kind, 'compileError');
  assert.match(problem?.message ?? '', /E0308\]: mismatched types\n --> tests\/python.rs:4:22/);
});

test('diagnoseExit: silence after a successful cargo run is an explicit noPytestSession error', () => {
  const problem = diagnoseExit(facts({ code: 0, output: '1 passed in 0.01s' }));
  assert.equal(problem?.kind, 'noPytestSession');
  assert.match(problem?.message ?? '', /env_clear/);
});

test('diagnoseExit: an unimportable plugin points at PYTHONPATH', () => {
  const output = "ImportError: Error importing plugin \"pytest_patterns_reporter\": No module named 'pytest_patterns_reporter'";
  assert.equal(diagnoseExit(facts({ code: 101, output }))?.kind, 'pluginNotImportable');
});

test('diagnoseExit: a session without its finish is a crash', () => {
  assert.equal(diagnoseExit(facts({ sawSessionStart: true, code: null, signal: 'SIGSEGV' }))?.kind, 'pytestCrashed');
});

test('diagnoseExit: missing cargo-nextest is named', () => {
  assert.equal(diagnoseExit(facts({ code: 101, output: 'error: no such command: `nextest`' }))?.kind, 'nextestMissing');
});

test('diagnoseExit: cargo refusing the command (a test target that does not exist) is cargoFailed, not a compile error', () => {
  const output = 'error: no test target named `nope` in default-run packages\nhelp: available test targets:\n    python\n';
  const problem = diagnoseExit(facts({ code: 101, output }));
  assert.equal(problem?.kind, 'cargoFailed');
  assert.match(problem?.message ?? '', /no test target named `nope`[\s\S]*test target/);
});

test('diagnoseExit: a test binary that ran and failed without a session is not blamed on cargo', () => {
  const output = '     Running tests/python.rs (target/debug/deps/python-0123)\nsome harness output\nerror: test failed, to rerun pass `--test python`\n';
  assert.equal(diagnoseExit(facts({ code: 101, output }))?.kind, 'noPytestSession');
});
