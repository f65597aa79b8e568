#!/usr/bin/env node
// The first hour as a user sees it, in a normal code-server window (no extension-test payload):
// - typing a snippet prefix offers the contributed snippet, and accepting it inserts the test;
// - "Welcome: Open Walkthrough..." lists ours, it opens as "Walkthrough: Pytest Patterns" with
//   every step, and a step's page renders (in an extension-test window the walkthrough command
//   does not find extension walkthroughs, so test/e2e cannot check this).
// - "Test: Run All Tests" runs the example through cargo test; the Testing view shows the one
//   deliberately failing test with its failure peek.
// Saves the README's screenshots of all three (npm run screenshots).
//
//   node scripts/ui-onboarding.mjs [--vsix FILE]     (default dist/pytest-patterns.vsix; build it first)
//
// The checks are exported for scripts/e2e.mjs: checkSnippetCompletion(...), checkWalkthrough(...).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './code-server.mjs';
import { prepareUiRun, vsixFromArgs } from './ui-run.mjs';
import { captureTestExplorer, TEST_EXPLORER_USER_SETTINGS, runUiSession } from './e2e-browser.mjs';
import { onPage, openWorkbench, quickOpenFile, saveScreenshot } from './workbench-page.mjs';

const TITLE = 'Get started with Pytest Patterns';
const TAB = 'Walkthrough: Pytest Patterns';
export const WALKTHROUGH_SCREENSHOT = path.join(repoRoot, 'media', 'screenshots', 'walkthrough.png');
export const SNIPPET_SCREENSHOT = path.join(repoRoot, 'media', 'screenshots', 'snippet-completion.png');
export const TEST_EXPLORER_SCREENSHOT = path.join(repoRoot, 'media', 'screenshots', 'test-explorer.png');
// The module the completion check types into: what a user has before writing the first test.
const TYPED_FILE = 'python/tests/test_first_hour.py';
const TYPED_HEADER = '"""Tests written in the first hour."""\n\nfrom __future__ import annotations\n\n\n';
const SNIPPET_PREFIX = 'pp-test';
const SNIPPET_NAME = 'Test function';
const EXPECTED_LINE = 'def test_unit__condition__then_expected() -> None:';

function manifestSteps() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const walkthrough = pkg.contributes.walkthroughs.find((w) => w.title === TITLE);
  if (!walkthrough) throw new Error(`package.json has no walkthrough titled "${TITLE}"`);
  return walkthrough.steps;
}

/** Opens the walkthrough from the command palette and checks what it shows; throws with a screenshot on failure. */
export async function checkWalkthrough({ context, serverUrl, workspace, screenshotPath = WALKTHROUGH_SCREENSHOT, artifactsDir, limitMs = 90_000 }) {
  await onPage(context, { name: 'walkthrough', artifactsDir, limitMs }, async (page) => {
    await openWorkbench(page, serverUrl, workspace);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor();
    await input.press('Enter');
    // The picker fills in as extensions register their walkthroughs.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: TITLE }).first().waitFor();
    await input.fill(TITLE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: TITLE }).first().waitFor();
    await input.press('Enter');

    await page.locator(`.tabs-container .tab[aria-label*="${TAB}"]`).first().waitFor();
    const steps = manifestSteps();
    for (const step of steps) {
      await page.locator('.getting-started-step', { hasText: step.title }).first().waitFor();
    }
    // The second step's page (markdown media) renders when the step is selected.
    const second = steps[1];
    await page.locator('.getting-started-step', { hasText: second.title }).first().click();
    const heading = fs.readFileSync(path.join(repoRoot, second.media.markdown), 'utf8').match(/^# (.+)$/m)?.[1];
    if (heading) {
      // A webview: an outer iframe holding the frame with the rendered markdown.
      const webview = page.frameLocator('.getting-started-media iframe.webview').first().frameLocator('iframe').first();
      await webview.locator('h1', { hasText: heading }).first().waitFor();
    }
    console.log(`[ui] "${TAB}" opened with ${steps.length} steps; step "${second.title}" shows its page`);
    await saveScreenshot(page, screenshotPath);
  });
}

/**
 * Types the snippet prefix at the end of an (almost) empty test module, waits for the suggestion of
 * the contributed snippet, accepts it, and checks the inserted test; screenshots the suggestion list.
 */
export async function checkSnippetCompletion({ context, serverUrl, workspace, screenshotPath = SNIPPET_SCREENSHOT, artifactsDir, limitMs = 90_000 }) {
  fs.writeFileSync(path.join(workspace, TYPED_FILE), TYPED_HEADER);
  await onPage(context, { name: 'snippet-completion', artifactsDir, limitMs }, async (page) => {
    await openWorkbench(page, serverUrl, workspace);
    await quickOpenFile(page, TYPED_FILE);
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(SNIPPET_PREFIX);
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: SNIPPET_NAME }).first();
    await suggestion.waitFor();
    // Other snippets share the prefix: move the focus to ours (a click would accept at once).
    const focused = page.locator('.suggest-widget .monaco-list-row.focused');
    for (let moves = 0; !(await focused.innerText()).includes(SNIPPET_NAME); moves++) {
      if (moves > 20) throw new Error(`"${SNIPPET_NAME}" never got the focus in the suggestion list`);
      await page.keyboard.press('ArrowDown');
    }
    await saveScreenshot(page, screenshotPath);
    await page.keyboard.press('Enter');
    await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape'); // leave snippet mode with every default kept
    const text = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    if (!text.includes(EXPECTED_LINE)) throw new Error(`accepting "${SNIPPET_NAME}" did not insert ${JSON.stringify(EXPECTED_LINE)}; editor shows:\n${text}`);
    console.log(`[ui] typing "${SNIPPET_PREFIX}" offered "${SNIPPET_NAME}"; accepting it inserted the test`);
  });
}

async function main() {
  const run = prepareUiRun({
    prefix: 'pytest-patterns-onboarding-',
    vsix: vsixFromArgs(process.argv.slice(2)),
    // No welcome page of its own at startup, so the walkthrough opens in a quiet window.
    userSettings: { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off', ...TEST_EXPLORER_USER_SETTINGS },
  });
  const { runDir, artifacts, copyExample } = run;
  const workspace = copyExample('workspace');
  // Its own copy (same folder name, so the window title reads cargo-pytest): the snippet check
  // leaves an unsaved test module behind in the first one.
  const testingWorkspace = copyExample(path.join('testing', 'cargo-pytest'));
  const server = await run.start(workspace);
  await runUiSession({
    runDir,
    server,
    steps: async (context) => {
      await checkSnippetCompletion({ context, serverUrl: server.url, workspace, artifactsDir: artifacts });
      await checkWalkthrough({ context, serverUrl: server.url, workspace, artifactsDir: artifacts });
      await captureTestExplorer({ context, serverUrl: server.url, workspace: testingWorkspace, screenshotPath: TEST_EXPLORER_SCREENSHOT, artifactsDir: artifacts });
    },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[ui] FAILED: ${error.stack || error}`);
    process.exit(1);
  });
}
