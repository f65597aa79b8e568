// The built-in tracer's Python helpers against the reference, with real Python:
// - pytest_patterns_statements.py finds the same statements and excluded lines as coverage.py's own
//   parser (Debian's python3-coverage 6.5 in a PYTHONPATH overlay) on tricky code and real files;
// - pytest_patterns_coverage_report.py merges a second pytest session's lines into the report.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { aptPythonOverlay, DEBIAN_DIST_PACKAGES } from '../support/aptPythonPackages';
import { exampleCrate, repoRoot } from './helpers';

const overlay = aptPythonOverlay(['coverage']);
const needsCoverage = { skip: overlay.ok ? false : `needs Debian's coverage.py: ${overlay.reason}`, timeout: 120_000 };
const PLUGIN_DIR = path.join(repoRoot, 'server', 'python');

function python(script: string, args: string[], pythonPath: string[]): string {
  const result = spawnSync('python3', ['-c', script, ...args], {
    env: { ...process.env, PYTHONPATH: pythonPath.join(path.delimiter) },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

// Docstrings (module, class, function, after a comment), multi-line statements, decorators,
// `# pragma: no cover` on a line, on a suite's header and on a decorator, nested functions,
// lambdas, comprehensions, a class body and code after an excluded suite.
const TRICKY = `# A comment before the module docstring: then it is no docstring for coverage.py.
"""Module docstring
spanning lines."""

from __future__ import annotations

import functools
VALUE = (1 +
         2)


def decorated(function):  # pragma: no cover
    return function


@decorated
@functools.lru_cache(
    maxsize=None,
)
def cached(x: int) -> int:
    """Docstring."""
    total = sum(
        item
        for item in range(x)
    )
    return total


class Shape:
    """Class docstring."""

    sides: int = 0

    def area(self) -> float:
        '''Single-quoted docstring.'''
        scale = lambda v: v * 2
        return scale(self.sides)

    if VALUE > 100:  # pragma: no cover
        def never(self) -> None:
            raise RuntimeError("excluded suite")
        never_either = True

    @decorated  # pragma: no cover
    def excluded_by_decorator(self) -> None:
        pass

    after = [n for n in range(3)]


def nested() -> int:
    def inner() -> int:
        return 1
    x = inner(); y = 2
    text = """not a
docstring"""
    return x + y + len(text)
`;

test('statements: the same statements and excluded lines as coverage.py on tricky code and real files', needsCoverage, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-statements-'));
  const tricky = path.join(dir, 'tricky.py');
  fs.writeFileSync(tricky, TRICKY);
  const realFiles = [
    ...fs.readdirSync(path.join(exampleCrate, 'python', 'query_engine')).map((name) => path.join(exampleCrate, 'python', 'query_engine', name)),
    ...fs.readdirSync(path.join(exampleCrate, 'python', 'tests')).map((name) => path.join(exampleCrate, 'python', 'tests', name)),
    ...fs.readdirSync(PLUGIN_DIR).map((name) => path.join(PLUGIN_DIR, name)),
    // coverage.py's own sources use `# pragma: no cover` on lines, suites and decorators.
    ...fs.readdirSync(path.join(DEBIAN_DIST_PACKAGES, 'coverage')).map((name) => path.join(DEBIAN_DIST_PACKAGES, 'coverage', name)),
  ].filter((file) => file.endsWith('.py'));
  const script = [
    'import json, sys',
    'from coverage.parser import PythonParser',
    'from coverage.python import get_python_source',
    'from pytest_patterns_statements import analyze_file',
    'DEFAULT = r"#\\s*(pragma|PRAGMA)[:\\s]?\\s*(no|NO)\\s*(cover|COVER)"',
    'out = {}',
    'for name in sys.argv[1:]:',
    '    reference = PythonParser(text=get_python_source(name), filename=name, exclude=DEFAULT)',
    '    reference.parse_source()',
    '    mine = analyze_file(name)',
    '    out[name] = [sorted(reference.statements), sorted(mine.statements), sorted(reference.excluded), sorted(mine.excluded)]',
    'print(json.dumps(out))',
  ].join('\n');
  const files = [tricky, ...realFiles];
  const results = JSON.parse(python(script, files, [PLUGIN_DIR, overlay.ok ? overlay.dir : ''])) as Record<string, number[][]>;
  assert.equal(Object.keys(results).length, files.length);
  for (const [file, [referenceStatements, statements, referenceExcluded, excluded]] of Object.entries(results)) {
    assert.deepEqual(statements, referenceStatements, `statements of ${file}`);
    assert.deepEqual(excluded, referenceExcluded, `excluded lines of ${file}`);
  }
  // The tricky file really exercises the rules (so the comparison above is not vacuous).
  const statements = results[tricky][1];
  const excluded = results[tricky][3];
  const lineOfTricky = (text: string): number => TRICKY.split('\n').findIndex((line) => line.includes(text)) + 1;
  assert.ok(statements.includes(lineOfTricky('"""Module docstring')), 'a string after a comment is a statement');
  assert.ok(!statements.includes(lineOfTricky('"""Docstring."""')), 'function docstring');
  assert.ok(!statements.includes(lineOfTricky('"""Class docstring."""')), 'class docstring');
  assert.ok(statements.includes(lineOfTricky('total = sum(')) && !statements.includes(lineOfTricky('for item in range(x)')), 'multi-line statement counts once');
  assert.ok(excluded.includes(lineOfTricky('raise RuntimeError("excluded suite")')), 'excluded suite');
  assert.ok(excluded.includes(lineOfTricky('def excluded_by_decorator')), 'excluded by its decorator');
  assert.ok(statements.includes(lineOfTricky('after = [n for n in range(3)]')), 'code after an excluded suite counts again');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('coverage report: a second pytest session of the same run is merged, not overwritten', { timeout: 60_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-report-'));
  const report = path.join(dir, 'coverage.json');
  const script = [
    'import json, sys',
    'from pytest_patterns_coverage_report import write_report',
    'path = sys.argv[1]',
    'write_report(path, {"/p/a.py": ({1, 2, 3, 4}, {1, 2}), "/p/b.py": ({1}, {1})}, "first session")',
    'write_report(path, {"/p/a.py": ({1, 2, 3, 4}, {1, 3}), "/p/c.py": ({5, 6}, set())}, "second session")',
    'print(open(path).read())',
  ].join('\n');
  const written = JSON.parse(python(script, [report], [PLUGIN_DIR])) as {
    files: Record<string, { executed_lines: number[]; missing_lines: number[]; summary: { percent_covered: number } }>;
    totals: { percent_covered: number; num_statements: number; covered_lines: number };
  };
  assert.deepEqual(
    Object.fromEntries(Object.entries(written.files).map(([file, entry]) => [file, [entry.executed_lines, entry.missing_lines, entry.summary.percent_covered]])),
    { '/p/a.py': [[1, 2, 3], [4], 75], '/p/b.py': [[1], [], 100], '/p/c.py': [[], [5, 6], 0] },
  );
  assert.deepEqual([written.totals.covered_lines, written.totals.num_statements, written.totals.percent_covered], [4, 7, (100 * 4) / 7]);
  fs.rmSync(dir, { recursive: true, force: true });
});
