// Playwright side of the real-editor tests: a headless Debian Chromium driving code-server's workbench.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { forwardConsole, onPage, openWorkbench, quickOpenFile, runCommand, saveScreenshot } from './workbench-page.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh browser profile in `dir`, kept away from $HOME. */
export async function launchBrowser(dir) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const profile = path.join(dir, 'chromium-profile');
  fs.mkdirSync(path.join(dir, 'chromium-xdg-config'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'chromium-xdg-cache'), { recursive: true });
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(dir, 'chromium-xdg-config'),
      XDG_CACHE_HOME: path.join(dir, 'chromium-xdg-cache'),
    },
  });
}

/**
 * Opens the workbench with the `payload` parameter that code-server accepts instead of
 * --extensionDevelopmentPath/--extensionTestsPath and resolves with the code the page reports
 * through window.codeAutomationExit (rejects when it does not arrive in time).
 */
export async function runExtensionTests({ context, serverUrl, port, workspace, extensionPath, testsPath, limitMs, artifactsDir }) {
  const page = await context.newPage();
  forwardConsole(page, '');
  let reportExit;
  const exitCode = new Promise((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  const remote = (absolute) => `vscode-remote://127.0.0.1:${port}${absolute}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  const url = `${serverUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`[e2e] opening ${url}`);
  await page.goto(url);

  let timer;
  const overdue = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no codeAutomationExit within ${limitMs / 1000} s`)), limitMs);
  });
  const closed = new Promise((_, reject) => page.once('close', () => reject(new Error('workbench page closed before reporting'))));
  try {
    return await Promise.race([exitCode, overdue, closed]);
  } catch (error) {
    const shot = path.join(artifactsDir, 'extension-tests-failure.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`[e2e] screenshot of the stuck workbench: ${shot}`);
    throw error;
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => undefined);
  }
}

/**
 * The user-visible result: opening the violations file puts a PP101 row into the Problems panel.
 * Saves the screenshot the README shows; on failure, saves one next to the run's artifacts.
 */
export async function checkProblemsPanel({ context, serverUrl, workspace, screenshotPath, artifactsDir, limitMs = 90_000 }) {
  await onPage(context, { name: 'problems', artifactsDir, limitMs, forward: true }, async (page) => {
    await openWorkbench(page, serverUrl, workspace);
    await quickOpenFile(page, 'test_violations.py');
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'PP101' }).first();
    await row.waitFor();
    const rows = await page.locator('.markers-panel .monaco-list-row', { hasText: 'PP101' }).count();
    console.log(`[ui] Problems panel shows ${rows} PP101 row(s); first: ${(await row.innerText()).replace(/\s+/g, ' ')}`);
    await saveScreenshot(page, screenshotPath);
  });
}

/** Expands every collapsed row of the Testing view, one twistie at a time (rows appear as parents open). */
async function expandTestTree(page, maxRows = 60) {
  const collapsed = page.locator('.test-explorer .monaco-list-row[aria-expanded="false"]');
  for (let opened = 0; (await collapsed.count()) > 0; opened++) {
    if (opened >= maxRows) throw new Error(`the Testing view still has collapsed rows after expanding ${maxRows}`);
    const row = await collapsed.first().elementHandle();
    await (await row.$('.monaco-tl-twistie')).click();
    // Wait on the row itself, not its label: a running test's label changes (Queued → Passed).
    // A re-rendered list may replace the element, which also ends the wait.
    await page.waitForFunction((element) => !element.isConnected || element.getAttribute('aria-expanded') === 'true', row);
  }
}

// Lets the failure peek open by itself once the run reports, since the failing file is visible.
export const TEST_EXPLORER_USER_SETTINGS = { 'testing.automaticallyOpenPeekView': 'failureInVisibleDocument' };
const FAILING_TEST_FILE = 'test_showcase_failure.py';

/**
 * The Test Explorer after "Test: Run All Tests" on the example workspace: the tree with its one
 * deliberately failing test, and that test's failure peek (expected/actual) in the editor.
 * The peek opens on its own because the file is visible and the user settings say
 * `"testing.automaticallyOpenPeekView": "failureInVisibleDocument"` (see TEST_EXPLORER_USER_SETTINGS).
 * Saves the README's screenshot; on failure, saves one next to the run's artifacts.
 */
export async function captureTestExplorer({ context, serverUrl, workspace, screenshotPath, artifactsDir, limitMs = 300_000 }) {
  // Generous limit: the first run builds the crate with cargo.
  await onPage(context, { name: 'test-explorer', artifactsDir, limitMs, forward: true }, async (page) => {
    await openWorkbench(page, serverUrl, workspace);
    await quickOpenFile(page, FAILING_TEST_FILE);
    // The command palette lists "View: Show Testing" only once a test controller exists, and the
    // Testing entry joins the activity bar at that moment.
    await page.locator('.activitybar .action-label[aria-label^="Testing"]').first().waitFor();
    await runCommand(page, 'View: Show Testing');
    await page.locator('.test-explorer .monaco-list-row').first().waitFor();
    await runCommand(page, 'Test: Run All Tests');
    await page.locator('.test-explorer .codicon-testing-failed-icon').first().waitFor();
    await page.locator('.peekview-widget').first().waitFor();
    await expandTestTree(page);
    const failed = page.locator('.test-explorer .monaco-list-row', { has: page.locator('.codicon-testing-failed-icon') });
    const passed = page.locator('.test-explorer .monaco-list-row', { has: page.locator('.codicon-testing-passed-icon') });
    console.log(`[ui] Testing view after Run All Tests: ${await failed.count()} failed row(s), ${await passed.count()} passed row(s) visible`);
    await saveScreenshot(page, screenshotPath);
  });
}

/**
 * Runs UI steps in one browser against a started code-server, then stops both. On failure the run
 * folder is kept for its screenshots and the process exits 1; on success the folder is removed.
 */
export async function runUiSession({ runDir, server, steps }) {
  let context;
  let failed = false;
  try {
    context = await launchBrowser(runDir);
    await steps(context);
  } catch (error) {
    failed = true;
    console.error(`[ui] ${error.stack || error}`);
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
  }
  if (failed) {
    console.error(`[ui] FAILED; kept ${runDir}`);
    process.exit(1);
  }
  fs.rmSync(runDir, { recursive: true, force: true });
  console.log('[ui] passed');
}
