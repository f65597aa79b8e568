// @vscode/test-cli configuration: the same mocha suites as scripts/e2e.mjs, run under
// @vscode/test-electron wherever a VS Code build can be downloaded (`npx vscode-test`).
// Offline (and in CI here) use `npm run test:e2e`, which runs them in code-server instead.
// Run `npm run build && npm run compile-tests` first.
import { defineConfig } from '@vscode/test-cli';
import fs from 'node:fs';
import path from 'node:path';

const fixture = path.resolve('test/fixtures/workspaces/cargo-pytest');
// The suites edit settings and files, so they get a fresh copy of the example workspace.
const workspaceFolder = path.resolve('.vscode-test/e2e-workspace/cargo-pytest');
fs.rmSync(workspaceFolder, { recursive: true, force: true });
fs.cpSync(fixture, workspaceFolder, {
  recursive: true,
  filter: (source) => !['target', '__pycache__', '.pytest_cache', '.vscode'].includes(path.basename(source)),
});
// As scripts/e2e.mjs's user settings: off for the suites, which check the static tree before a
// Refresh; collectOnOpen.e2e.ts turns it on.
fs.mkdirSync(path.join(workspaceFolder, '.vscode'));
fs.writeFileSync(path.join(workspaceFolder, '.vscode', 'settings.json'), JSON.stringify({ 'pytestPatterns.discovery.collectOnOpen': 'never' }, null, 2));

export default defineConfig({
  label: 'e2e',
  files: 'out/test/e2e/**/*.e2e.js',
  version: '1.100.3', // the minimum supported VS Code (engines.vscode) and what code-server 4.100.3 embeds
  workspaceFolder,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  // As scripts/e2e.mjs with trust off: a turn before every file in each rebuild of the tree.
  env: { PYTEST_PATTERNS_E2E_TRUST: 'disabled', PYTEST_PATTERNS_DISCOVERY_SLICE_MS: '0' },
  mocha: { ui: 'tdd', timeout: 60_000, color: true },
});
