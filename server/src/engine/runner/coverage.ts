// Reads a coverage report in coverage.py's JSON format: the one our Python plugins write in coverage
// mode (pytest_patterns_cov_export.py from pytest-cov's data, pytest_patterns_coverage.py from the
// built-in tracer; absolute paths), or coverage.py's own `coverage json` (paths relative to rootdir).

import * as path from 'node:path';
import { CoverageEvent, FileCoverage } from './events';

interface CoverageJsonFile {
  executed_lines?: number[];
  missing_lines?: number[];
  summary?: { percent_covered?: number };
}

/** Parse coverage.py JSON; relative file names are resolved against `rootdir`. */
export function parseCoverageJson(text: string, rootdir: string): CoverageEvent {
  const data = JSON.parse(text) as { files?: Record<string, CoverageJsonFile>; totals?: { percent_covered?: number } };
  const files: FileCoverage[] = Object.entries(data.files ?? {}).map(([file, entry]) => ({
    file: path.resolve(rootdir, file),
    executedLines: entry.executed_lines ?? [],
    missingLines: entry.missing_lines ?? [],
    percent: entry.summary?.percent_covered ?? 0,
  }));
  return { event: 'coverage', totalPercent: data.totals?.percent_covered ?? 0, files };
}
