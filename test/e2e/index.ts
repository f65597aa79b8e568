// Entry point that VS Code's extension host loads via `extensionTestsPath`.
// Runs every compiled `*.e2e.js` next to this file with mocha 11 (tdd UI: suite/test), or the
// `*.bench.js` ones for the editor benchmark.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function findSuiteFiles(dir: string): string[] {
  // The editor benchmark (`*.bench.js`) runs alone, when `npm run bench:editor` asks for it.
  const suffix = process.env.PYTEST_PATTERNS_E2E_BENCH ? '.bench.js' : '.e2e.js';
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((relative) => relative.endsWith(suffix))
    .sort()
    .map((relative) => path.join(dir, relative));
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false, // output ends up in a browser console or a CI log
    timeout: 60_000,
    // PYTEST_PATTERNS_E2E_GREP narrows the run while developing a suite.
    grep: process.env.PYTEST_PATTERNS_E2E_GREP || undefined,
  });
  const files = findSuiteFiles(__dirname);
  if (files.length === 0) {
    return Promise.reject(new Error(`no test files under ${__dirname}`));
  }
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
