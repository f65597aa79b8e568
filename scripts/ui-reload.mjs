#!/usr/bin/env node
// What the Test Explorer keeps across a window reload (a new extension host), checked in
// a real code-server window: with `pytestPatterns.pytest.args: ["-m", "not slow"]`, Refresh marks the
// slow test "deselected by -m "not slow""; after a reload of the window (a new extension host) the
// rebuilt tree shows the mark again, from the collection memory alone (collectOnOpen is off, and
// nothing runs or collects after the reload).
//
//   node scripts/ui-reload.mjs [--vsix FILE]     (default dist/pytest-patterns.vsix; npm run package first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUiSession } from './e2e-browser.mjs';
import { prepareUiRun, vsixFromArgs } from './ui-run.mjs';
import { onPage, openWorkbench, runCommand } from './workbench-page.mjs';

const SLOW_TEST = 'test_analyzer__many_events__then_counts_all';
const MARK = 'deselected by -m "not slow"';
const ROW = '.test-explorer .monaco-list-row';

/** Expands the Testing view's rows named `names`, one level after the other. */
async function expand(page, names) {
  for (const name of names) {
    const row = page.locator(ROW, { hasText: name }).first();
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await page.locator(`${ROW}[aria-expanded="true"]`, { hasText: name }).first().waitFor();
  }
}

/** The slow test's row text once the tree lists it (its description is set with the row). */
async function slowTestRow(page) {
  await expand(page, ['query_engine', 'test_analyzer.py']);
  const row = page.locator(ROW, { hasText: SLOW_TEST }).first();
  await row.waitFor();
  return (await row.innerText()).replace(/\s+/g, ' ');
}

export async function checkDeselectionAfterReload({ context, serverUrl, workspace, artifactsDir, limitMs = 240_000 }) {
  await onPage(context, { name: 'reload', artifactsDir, limitMs, forward: false }, async (page) => {
    await openWorkbench(page, serverUrl, workspace);
    await page.locator('.activitybar .action-label[aria-label^="Testing"]').first().click(); // the flask
    await page.locator(ROW).first().waitFor();
    await runCommand(page, 'Test: Refresh Tests'); // builds the crate and collects through cargo
    await expand(page, ['query_engine', 'test_analyzer.py']);
    await page.locator(ROW, { hasText: MARK }).first().waitFor();
    console.log(`[ui] after Refresh: ${await slowTestRow(page)}`);

    // A reload: a new workbench and a new extension host, which activates the extension again.
    await page.reload();
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.activitybar .action-label[aria-label^="Testing"]').first().click();
    console.log(`[ui] after the reload, as first listed: ${await slowTestRow(page)}`);
    // The mark is set with the row, or as soon as `pytestPatterns.pytest.args` is known.
    const marked = page.locator(ROW, { hasText: SLOW_TEST }).filter({ hasText: MARK }).first();
    await marked.waitFor({ timeout: 60_000 }).catch(async () => {
      throw new Error(`after a reload the deselected test reads "${await slowTestRow(page)}", without "${MARK}"`);
    });
    console.log(`[ui] after the reload: ${(await marked.innerText()).replace(/\s+/g, ' ')}`);
  });
}

async function main() {
  const run = prepareUiRun({
    prefix: 'pytest-patterns-reload-',
    vsix: vsixFromArgs(process.argv.slice(2)),
    userSettings: {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
    },
  });
  const workspace = run.copyExample('workspace');
  // Workspace settings: code-server's window is a remote one, where VS Code ignores the user value of
  // a machine-overridable setting such as pytest.args (it did so after about one reload in four).
  fs.mkdirSync(path.join(workspace, '.vscode'));
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'pytestPatterns.pytest.args': ['-m', 'not slow'], 'pytestPatterns.discovery.collectOnOpen': 'never' }, null, 2),
  );
  const server = await run.start(workspace);
  await runUiSession({
    runDir: run.runDir,
    server,
    steps: (context) => checkDeselectionAfterReload({ context, serverUrl: server.url, workspace, artifactsDir: run.artifacts }),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[ui] FAILED: ${error.stack || error}`);
    process.exit(1);
  });
}
