// Coverage mode on the example crate, real cargo + real pytest, both ways it can measure:
// - with pytest-cov (Debian's python3-pytest-cov 4.0 + python3-coverage 6.5 linked into a PYTHONPATH
//   overlay): the lines of the application module match what the selected test executes;
// - without it: the built-in tracer (server/python/pytest_patterns_coverage.py) with a notice, and
//   its executed/missing lines equal coverage.py's for the same selection, file by file.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CoverageEvent, FileCoverage, NoticeEvent, RunEvent, runTests, RunSummary } from '../../server/src/engine/runner';
import { aptPythonOverlay } from '../support/aptPythonPackages';
import { eventsOfType, exampleCrate, lineOf, repoRoot, testEnv } from './helpers';

const overlay = aptPythonOverlay(['coverage', 'pytest_cov']);
const needsPytestCov = { skip: overlay.ok ? false : `needs Debian's pytest-cov: ${overlay.reason}`, timeout: 240_000 };
const TIMEOUT = { timeout: 240_000 };

const TOKENIZER = fs.realpathSync(path.join(exampleCrate, 'python', 'query_engine', 'tokenizer.py'));
const BUDGET_TEST = 'python/tests/test_tokenizer.py::test_tokenizer__exceeds_budget__then_raises_budget_exceeded';
const PLUGIN_DIR = fs.realpathSync(path.join(repoRoot, 'server', 'python'));

interface CoverageRun {
  summary: RunSummary;
  events: RunEvent[];
  output: string;
  coverage: CoverageEvent;
}

async function coverageRun(nodeIds: string[] | undefined, withPytestCov: boolean, pytestArgs: string[] = []): Promise<CoverageRun> {
  const events: RunEvent[] = [];
  let output = '';
  const env = withPytestCov && overlay.ok ? testEnv({ PYTHONPATH: overlay.dir }) : testEnv();
  const summary = await runTests({
    crateDir: exampleCrate,
    nodeIds,
    mode: 'coverage',
    env,
    pytestArgs,
    onEvent: (event) => events.push(event),
    onOutput: (text) => (output += text),
  });
  const [coverage] = eventsOfType(events, 'coverage');
  return { summary, events, output, coverage };
}

/** One run per configuration, shared by the tests below (each takes a few seconds). */
const runs = new Map<string, Promise<CoverageRun>>();
function shared(nodeIds: string[] | undefined, withPytestCov: boolean): Promise<CoverageRun> {
  const key = JSON.stringify([nodeIds ?? null, withPytestCov]);
  if (!runs.has(key)) runs.set(key, coverageRun(nodeIds, withPytestCov));
  return runs.get(key)!;
}

function fileOf(coverage: CoverageEvent | undefined, file: string): FileCoverage {
  assert.ok(coverage, 'the run emitted a coverage event');
  const entry = coverage.files.find((candidate) => candidate.file === file);
  assert.ok(entry, `${file} is in the report (files: ${coverage.files.map((f) => f.file).join(', ')})`);
  return entry;
}

/**
 * What test_tokenizer__exceeds_budget__then_raises_budget_exceeded executes in tokenizer.py, read
 * from the code: Tokenizer(max_tokens=2) passes the budget check, add("one two three") counts 3
 * tokens and raises TokenBudgetExceeded; the module's own statements ran at import.
 */
function assertBudgetTestLines(tokenizer: FileCoverage): void {
  const at = (text: string): number => lineOf(TOKENIZER, text);
  assert.deepEqual(tokenizer.missingLines, [
    at('raise ValueError("max_tokens must be positive")'),
    at('return [token.lower() for token in text.split()]'),
    at('self.used = requested'),
    at('return self.used'),
  ]);
  const executed = new Set(tokenizer.executedLines);
  for (const text of [
    'from __future__ import annotations', // module level, at import
    'class Tokenizer:',
    'def add(self, text: str) -> int:',
    'if max_tokens <= 0:', // Tokenizer.__init__
    'self.max_tokens = max_tokens',
    'requested = self.used + count_tokens(text)', // add()
    'return len(text.split())', // count_tokens()
    'raise TokenBudgetExceeded(self.max_tokens, requested)',
    'super().__init__(f"{requested} tokens requested, budget is {budget}")', // TokenBudgetExceeded.__init__
    'self.requested = requested',
  ]) {
    assert.ok(executed.has(at(text)), `executed: ${text} (line ${at(text)}); got ${tokenizer.executedLines.join(',')}`);
  }
  // Docstrings are no statements: neither executed nor missing.
  for (const docstring of ['"""Whitespace tokenizer with a token budget."""', '"""Splits text into lower-cased tokens']) {
    assert.ok(!executed.has(at(docstring)) && !tokenizer.missingLines.includes(at(docstring)), `${docstring} is no statement`);
  }
  assert.equal(tokenizer.percent, (100 * tokenizer.executedLines.length) / (tokenizer.executedLines.length + tokenizer.missingLines.length));
}

/** Only the crate's own files, absolute; not the reporter plugin, not site-/dist-packages. */
function assertProjectFilesOnly(coverage: CoverageEvent): void {
  const crate = fs.realpathSync(exampleCrate);
  for (const { file } of coverage.files) {
    assert.ok(path.isAbsolute(file), `${file} is absolute`);
    assert.ok(fs.existsSync(file), `${file} exists`);
    assert.ok(file.startsWith(crate + path.sep), `${file} is in the crate`);
    assert.ok(!file.startsWith(PLUGIN_DIR), `${file} is not one of our plugins`);
  }
}

test('coverage with pytest-cov: tokenizer lines of the selected test, absolute paths, pytest-cov report in the output', needsPytestCov, async () => {
  const coverageDataBefore = fs.readdirSync(exampleCrate).filter((name) => name.startsWith('.coverage')).map((name) => [name, fs.statSync(path.join(exampleCrate, name)).mtimeMs]);
  const run = await shared([BUDGET_TEST], true);
  assert.deepEqual(run.summary.errors, []);
  assert.deepEqual(eventsOfType(run.events, 'notice'), [], 'no notice: pytest-cov measured');
  assert.deepEqual(run.summary.results.map((result) => [result.nodeid, result.outcome]), [[BUDGET_TEST, 'passed']]);
  assert.equal(run.summary.ok, true);
  // pytest-cov's own terminal report is printed and does not disturb the run.
  assert.match(run.output, /coverage: platform \S+, python 3/);
  assert.match(run.output, /^TOTAL\s+\d+\s+\d+\s+\d+%$/m);
  assertBudgetTestLines(fileOf(run.coverage, TOKENIZER));
  assertProjectFilesOnly(run.coverage);
  // The test module and the package __init__ are measured too (imported before the test ran).
  fileOf(run.coverage, fs.realpathSync(path.join(exampleCrate, 'python', 'tests', 'test_tokenizer.py')));
  // coverage.py's data file went to the run's temp folder, not into the crate.
  const coverageDataAfter = fs.readdirSync(exampleCrate).filter((name) => name.startsWith('.coverage')).map((name) => [name, fs.statSync(path.join(exampleCrate, name)).mtimeMs]);
  assert.deepEqual(coverageDataAfter, coverageDataBefore);
});

test('coverage without pytest-cov: the built-in tracer measures, with a notice naming the interpreter', TIMEOUT, async () => {
  const run = await shared([BUDGET_TEST], false);
  assert.deepEqual(run.summary.errors, []);
  const notices = eventsOfType(run.events, 'notice');
  assert.deepEqual(notices.map((notice: NoticeEvent) => notice.kind), ['builtinCoverage']);
  assert.match(notices[0].message, /^pytest-cov is not installed in \/\S*python\S*; line coverage is measured by Pytest Patterns' built-in tracer \(no branch coverage, slower\)\. Install pytest-cov/);
  const noticeAt = run.events.indexOf(notices[0]);
  assert.ok(noticeAt < run.events.findIndex((event) => event.event === 'processStart'), 'the notice comes before cargo starts');
  assert.deepEqual(run.summary.results.map((result) => [result.nodeid, result.outcome]), [[BUDGET_TEST, 'passed']]);
  assertBudgetTestLines(fileOf(run.coverage, TOKENIZER));
  assertProjectFilesOnly(run.coverage);
});

/** {file: [executed, missing]} of a coverage event, for whole-report comparisons. */
function linesByFile(coverage: CoverageEvent): Record<string, [number[], number[]]> {
  return Object.fromEntries(coverage.files.map((file) => [file.file, [file.executedLines, file.missingLines]]));
}

test('the built-in tracer reports exactly the lines coverage.py reports, for one test and for the whole suite', needsPytestCov, async () => {
  for (const nodeIds of [[BUDGET_TEST], undefined]) {
    const [builtin, real] = [await shared(nodeIds, false), await shared(nodeIds, true)];
    assert.ok(builtin.coverage && real.coverage, 'both runs produced coverage');
    assert.ok(real.coverage.files.length >= 9, `coverage.py measured the package and the tests (${real.coverage.files.length} files)`);
    assert.deepEqual(linesByFile(builtin.coverage), linesByFile(real.coverage), `selection ${nodeIds ?? '(all)'}`);
    assert.equal(builtin.coverage.totalPercent, real.coverage.totalPercent);
  }
});

test('coverage with pytest-cov turned off by --no-cov: the run passes and says no coverage data was produced', needsPytestCov, async () => {
  const run = await coverageRun([BUDGET_TEST], true, ['--no-cov']);
  assert.deepEqual(run.summary.errors, []);
  assert.equal(run.coverage, undefined);
  const notices = eventsOfType(run.events, 'notice');
  assert.deepEqual(notices.map((notice) => notice.kind), ['noCoverageData']);
  assert.match(notices[0].message, /--no-cov/);
});
