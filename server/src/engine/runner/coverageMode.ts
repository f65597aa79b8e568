// How a Coverage run measures: with pytest-cov when the interpreter has it, else with the built-in
// line tracer shipped next to the reporter plugin. Either way one plugin of ours writes the same
// JSON report (absolute paths) to a file in the run's temp folder; coverage.ts reads it.

import * as path from 'node:path';
import { NoticeEvent } from './events';

/** Environment variable naming the report file (read by server/python/pytest_patterns_coverage_report.py). */
export const COVERAGE_REPORT_ENV = 'PYTEST_PATTERNS_COVERAGE_JSON';
export const BUILTIN_COVERAGE_PLUGIN = 'pytest_patterns_coverage';
export const PYTEST_COV_EXPORT_PLUGIN = 'pytest_patterns_cov_export';

export interface CoverageSetup {
  /** Where the plugin writes the report. */
  reportFile: string;
  /** Plugin modules to load with `-p`. */
  plugins: string[];
  /** `--cov` (bare: the project's coverage configuration decides the source), unless the user passes one. */
  flagsBeforePlugins: string[];
  env: Record<string, string>;
  /** Told to the user before the run: the built-in tracer measures. */
  notice?: NoticeEvent;
}

/** True when the user's own pytest options already turn pytest-cov on (then theirs apply). */
function userPassesCov(userPytestArgs: readonly string[], userAddopts: string | undefined): boolean {
  return userPytestArgs.some((arg) => /^--cov(=|$)/.test(arg)) || /(^|\s)--cov(=|\s|$)/.test(userAddopts ?? '');
}

export function coverageSetup(options: {
  workDir: string;
  pytestCov: boolean;
  python: string;
  userPytestArgs: readonly string[];
  userAddopts: string | undefined;
}): CoverageSetup {
  const reportFile = path.join(options.workDir, 'coverage.json');
  const env: Record<string, string> = { [COVERAGE_REPORT_ENV]: reportFile };
  if (options.pytestCov) {
    // coverage.py's data file goes to the temp folder too: nothing is left in the crate.
    env.COVERAGE_FILE = path.join(options.workDir, '.coverage');
    return {
      reportFile,
      plugins: [PYTEST_COV_EXPORT_PLUGIN],
      flagsBeforePlugins: userPassesCov(options.userPytestArgs, options.userAddopts) ? [] : ['--cov'],
      env,
    };
  }
  return {
    reportFile,
    plugins: [BUILTIN_COVERAGE_PLUGIN],
    flagsBeforePlugins: [],
    env,
    notice: {
      event: 'notice',
      kind: 'builtinCoverage',
      message:
        `pytest-cov is not installed in ${options.python}; line coverage is measured by Pytest Patterns' built-in tracer ` +
        '(no branch coverage, slower). Install pytest-cov there (pip install pytest-cov) for coverage.py\'s full report.',
    },
  };
}

/** The notice for a coverage run whose pytest session ended without writing a report. */
export function noCoverageDataNotice(pytestCov: boolean): NoticeEvent {
  return {
    event: 'notice',
    kind: 'noCoverageData',
    message: pytestCov
      ? 'The run produced no coverage data: pytest-cov did not measure (is --no-cov among the pytest options?).'
      : 'The run produced no coverage data: the built-in tracer wrote no report (see the output above for its error).',
  };
}
