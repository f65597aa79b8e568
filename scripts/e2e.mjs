#!/usr/bin/env node
// Real-editor tests: the PACKAGED extension inside code-server (VS Code 1.100.3), driven by Chromium.
//
//   node scripts/e2e.mjs [--trust] [--no-package] [--no-compile] [--no-ui] [--grep PATTERN] [--keep]
//   node scripts/e2e.mjs --bench   (npm run bench:editor: the editor benchmark, test/e2e/*.bench.ts, alone)
//
// 1. `npm run package` -> dist/pytest-patterns.vsix, `npm run compile-tests` -> out/test/e2e
// 2. install the .vsix into a fresh extensions dir with `code-server --install-extension`
// 3. copy the example workspace to a temp folder (tests may edit it), start code-server
// 4. Chromium opens the workbench with the `payload` URL parameter so the mocha suite
//    (out/test/e2e/index.js) runs in the extension host against the installed extension;
//    window.codeAutomationExit reports the result
// 5. UI check in a second window: the Problems panel lists PP101; screenshot for the README
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, installExtension, repoRoot, startCodeServer, writeUserSettings } from './code-server.mjs';
import { checkProblemsPanel, launchBrowser, runExtensionTests } from './e2e-browser.mjs';

const EXTENSION_ID = 'pytest-patterns.pytest-patterns';
// PYTEST_PATTERNS_E2E_VSIX tests another build (e.g. a CI artifact) with --no-package.
const VSIX = process.env.PYTEST_PATTERNS_E2E_VSIX || path.join(repoRoot, 'dist', 'pytest-patterns.vsix');
const FIXTURE_WORKSPACE = path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'cargo-pytest');
const TESTS_ENTRY = path.join(repoRoot, 'out', 'test', 'e2e', 'index.js');
const SCREENSHOT = path.join(repoRoot, 'media', 'screenshots', 'problems.png');
// Generous: the whole mocha run must report within this, or the run fails.
const LIMIT_MS = Number(process.env.PYTEST_PATTERNS_E2E_LIMIT_MS || 15 * 60_000);
// A quiet, deterministic workbench: no welcome page stealing focus, nothing reaching for the network.
const TEST_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  // Off for the suites, which check the static tree before a Refresh; collectOnOpen.e2e.ts turns it on.
  'pytestPatterns.discovery.collectOnOpen': 'never',
};
// Build output and caches that a test workspace copy must not inherit.
const NOT_COPIED = new Set(['target', '__pycache__', '.pytest_cache', '.vscode']);

function parseArgs(argv) {
  const options = { trust: false, package: true, compile: true, ui: true, keep: false, grep: undefined, bench: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--trust') options.trust = true;
    else if (arg === '--no-package') options.package = false;
    else if (arg === '--no-compile') options.compile = false;
    else if (arg === '--no-ui') options.ui = false;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--grep') options.grep = argv[++i];
    else if (arg === '--bench') Object.assign(options, { bench: true, ui: false });
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

function npmRun(script) {
  console.log(`[e2e] $ npm run ${script}`);
  const result = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (${result.status ?? result.signal})`);
}

function copyWorkspace(target) {
  fs.cpSync(FIXTURE_WORKSPACE, target, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(path.basename(source)),
  });
  return target;
}

function installedExtensionFolder(extensionsDir) {
  const prefix = `${EXTENSION_ID}-`;
  const folders = fs.readdirSync(extensionsDir).filter((name) => name.toLowerCase().startsWith(prefix));
  if (folders.length !== 1) {
    throw new Error(`expected one ${prefix}* folder in ${extensionsDir}, found: ${fs.readdirSync(extensionsDir).join(', ') || 'nothing'}`);
  }
  return path.join(extensionsDir, folders[0]);
}

/** The editor benchmark's steps, one line each. */
function printBench(file) {
  const ms = (value) => `${Math.round(value)} ms`;
  console.log('\n[bench:editor] the Test Explorer in code-server (VS Code 1.100.3), default slices of time');
  for (const step of JSON.parse(fs.readFileSync(file, 'utf8'))) {
    const parts = [`${step.items} items`, `wall ${ms(step.wallMs)}`, `discovery: ${step.discovered} discovered, ${step.reused} from the cache, ${step.turns} turns, longest slice ${ms(step.longestSliceMs)}`];
    parts.push(`items: ${step.rebuiltModules} module(s) built in ${ms(step.buildMs)}, longest stretch ${ms(step.longestBuildMs)}`);
    if (step.step.startsWith('Refresh')) {
      const c = step.collection;
      parts.push(`collection applied: ${c.changedModules} module(s) changed, ${ms(c.rememberMs)} (longest slice ${ms(c.rememberLongestSliceMs)}); ${c.reconciledTests} tests reconciled in ${ms(c.reconcileMs)} (longest slice ${ms(c.reconcileLongestSliceMs)})`);
    }
    console.log(`- ${step.step}: ${parts.join('; ')}`);
  }
}

function printTail(file, lines) {
  if (!fs.existsSync(file)) return;
  const tail = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines);
  console.error(`[e2e] last ${tail.length} lines of ${file}:\n${tail.join('\n')}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.package) npmRun('package');
  if (options.compile) npmRun('compile-tests');
  for (const required of [VSIX, TESTS_ENTRY]) {
    if (!fs.existsSync(required)) throw new Error(`${required} is missing`);
  }
  ensureCodeServer();

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-e2e-'));
  const dirs = {
    extensions: path.join(runDir, 'extensions'),
    userData: path.join(runDir, 'user-data'),
    state: path.join(runDir, 'state'),
    artifacts: path.join(runDir, 'artifacts'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  console.log(`[e2e] run folder ${runDir} (workspace trust ${options.trust ? 'ON' : 'off'})`);

  writeUserSettings(dirs.userData, TEST_USER_SETTINGS);
  installExtension({ vsix: VSIX, extensionsDir: dirs.extensions, userDataDir: dirs.userData, stateDir: dirs.state });
  const extensionPath = installedExtensionFolder(dirs.extensions);
  console.log(`[e2e] installed ${extensionPath}`);
  const workspace = copyWorkspace(path.join(runDir, 'tests', path.basename(FIXTURE_WORKSPACE)));

  const server = await startCodeServer({
    folder: workspace,
    extensionsDir: dirs.extensions,
    userDataDir: dirs.userData,
    stateDir: dirs.state,
    trust: options.trust,
    logFile: path.join(dirs.artifacts, 'code-server.log'),
    env: {
      PYTEST_PATTERNS_E2E_TRUST: options.trust ? 'enabled' : 'disabled',
      // Trust off: discovery gives a turn before every file, so each rebuild interleaves with the
      // suite's edits and events (trust on keeps the default slices).
      ...(options.trust || options.bench ? {} : { PYTEST_PATTERNS_DISCOVERY_SLICE_MS: '0' }),
      ...(options.bench ? { PYTEST_PATTERNS_E2E_BENCH: path.join(dirs.artifacts, 'bench.json') } : {}),
      ...(options.grep ? { PYTEST_PATTERNS_E2E_GREP: options.grep } : {}),
    },
  });
  console.log(`[e2e] code-server ${server.url} (log: ${path.join(dirs.artifacts, 'code-server.log')})`);
  let context;
  let failed = false;
  try {
    context = await launchBrowser(runDir);
    const exitCode = await runExtensionTests({
      context,
      serverUrl: server.url,
      port: server.port,
      workspace,
      extensionPath,
      testsPath: TESTS_ENTRY,
      limitMs: LIMIT_MS,
      artifactsDir: dirs.artifacts,
    });
    console.log(`[e2e] extension tests exited with ${exitCode}`);
    if (exitCode !== 0) failed = true;
    if (options.bench && !failed) printBench(path.join(dirs.artifacts, 'bench.json'));

    if (options.ui && options.trust) {
      console.log('[e2e] UI check skipped with --trust (it runs in the default mode)');
    } else if (options.ui) {
      await checkProblemsPanel({
        context,
        serverUrl: server.url,
        workspace: copyWorkspace(path.join(runDir, 'ui', path.basename(FIXTURE_WORKSPACE))),
        screenshotPath: SCREENSHOT,
        artifactsDir: dirs.artifacts,
      });
    }
  } catch (error) {
    failed = true;
    console.error(`[e2e] ${error.stack || error}`);
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
  }
  if (failed) printTail(path.join(dirs.artifacts, 'code-server.log'), 40);
  if (failed || options.keep) console.log(`[e2e] kept ${runDir} for inspection`);
  else fs.rmSync(runDir, { recursive: true, force: true });
  if (failed) {
    console.error('[e2e] FAILED');
    process.exit(1);
  }
  console.log('[e2e] passed');
}

main().catch((error) => {
  console.error(`[e2e] FAILED: ${error.stack || error}`);
  process.exit(1);
});
