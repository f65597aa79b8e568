#!/usr/bin/env node
// README screenshots of editing with Pytest Patterns, taken in a real code-server window:
// - quick-fix.png: the quick-fix menu on the PP101 finding of `test_tokenize` in the example's
//   test_violations.py (rename into the convention, disable for this line, show documentation);
// - generated-fixture.png: a test requesting an unknown fixture (PP301) after choosing
//   "Generate fixture … in this file" from its quick-fix menu.
// Each step waits on what the user would see; a missing menu entry or fixture fails the run.
//
//   node scripts/ui-screenshots.mjs [--vsix FILE]     (default dist/pytest-patterns.vsix; npm run package first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './code-server.mjs';
import { prepareUiRun, vsixFromArgs } from './ui-run.mjs';
import { runUiSession } from './e2e-browser.mjs';
import { onPage, openWorkbench, quickOpenFile, saveScreenshot } from './workbench-page.mjs';

export const QUICK_FIX_SCREENSHOT = path.join(repoRoot, 'media', 'screenshots', 'quick-fix.png');
export const GENERATED_FIXTURE_SCREENSHOT = path.join(repoRoot, 'media', 'screenshots', 'generated-fixture.png');

const VIOLATIONS_FILE = 'test_violations.py';
const MISNAMED_TEST = 'test_tokenize';
const QUICK_FIX_ENTRIES = [`Rename \`${MISNAMED_TEST}\` to follow the naming convention`, 'Disable PP101 for this line', 'Show documentation for PP101'];

// A test written before its fixture: `budget_limit` is defined nowhere yet (PP301).
const BUDGET_FILE = 'python/tests/test_tokenizer_budget.py';
const FIXTURE = 'budget_limit';
const BUDGET_TEST = `"""Tests of the tokenizer's token budget."""

import pytest

from query_engine import TokenBudgetExceeded, Tokenizer


def test_tokenizer__text_over_custom_budget__then_raises(${FIXTURE}: int) -> None:
    """A tokenizer with a small budget refuses text that needs more tokens."""
    tokenizer = Tokenizer(max_tokens=${FIXTURE})
    with pytest.raises(TokenBudgetExceeded):
        tokenizer.add("word " * (${FIXTURE} + 1))
`;
const GENERATE_HERE = `Generate fixture \`${FIXTURE}\` in this file`;

// The code action menu (VS Code's action widget) and its entries.
const MENU = '.context-view .action-widget';
const MENU_ROW = `${MENU} .monaco-list-row.action`;

/** Editor text as the user reads it (Monaco renders spaces as no-break spaces). */
async function editorText(editor) {
  return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Opens a workspace file through Quick Open and returns its editor once the text is shown. */
async function openFile(page, relativePath, expectedText) {
  await quickOpenFile(page, relativePath);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: expectedText }).first().waitFor();
  return editor;
}

/** Puts the cursor inside `word` on the first line showing `onLine` (a click, as a user would). */
async function clickInto(editor, onLine, word) {
  const line = editor.locator('.view-line', { hasText: onLine }).first();
  const span = line.locator('span > span', { hasText: word }).first();
  const box = await span.boundingBox();
  if (!box) throw new Error(`"${word}" is not on screen`);
  const text = await span.innerText();
  const offset = text.indexOf(word) + Math.min(3, word.length - 1);
  // Monospace: place the caret a few characters into the word.
  await editor.page().mouse.click(box.x + (box.width * (offset + 0.5)) / text.length, box.y + box.height / 2);
}

/** Opens the quick-fix menu at the cursor (Ctrl+.) and waits until every expected entry is listed. */
async function openQuickFixMenu(page, entries) {
  await page.keyboard.press('Control+.');
  await page.locator(MENU).waitFor();
  for (const entry of entries) await page.locator(MENU_ROW, { hasText: entry }).first().waitFor();
  const titles = (await page.locator(MENU_ROW).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  console.log(`[ui] quick-fix menu: ${titles.join(' | ')}`);
}

/** The text of the first editor line showing `lineText` (the line element itself is far wider than its text). */
function lineText(editor, text) {
  return editor.locator('.view-line', { hasText: text }).first().locator(':scope > span');
}

/**
 * The smallest area of the editor group holding its tab bar and the given elements, `margin` wider at
 * the right and `pad` taller at the bottom (little, so the next line is not cut in half); it starts
 * at the group's left edge so the tab and the line numbers stay in the picture.
 */
async function clipAround(page, locators, { margin = 24, pad = 6 } = {}) {
  const group = page.locator('.editor-group-container.active');
  const boxes = await Promise.all([group, ...locators].map((l) => l.boundingBox()));
  if (boxes.some((b) => !b)) throw new Error('an element to frame is not visible');
  const [groupBox] = boxes.splice(0, 1);
  const right = Math.min(groupBox.x + groupBox.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(groupBox.y + groupBox.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return { x: groupBox.x, y: groupBox.y, width: right - groupBox.x, height: bottom - groupBox.y };
}

/** Moves the focus in the open quick-fix menu to the entry titled `title` and applies it (Enter, as the pointer is blocked). */
async function chooseQuickFix(page, title) {
  const focused = page.locator(`${MENU_ROW}.focused`);
  const count = await page.locator(MENU_ROW).count();
  for (let moves = 0; (await focused.getAttribute('aria-label')) !== title; moves++) {
    if (moves > count) throw new Error(`"${title}" never got the focus in the quick-fix menu`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

/** The quick-fix menu of a PP101 finding, framed with the squiggly test name and the lines around it. */
export async function captureQuickFix({ context, serverUrl, workspace, screenshotPath = QUICK_FIX_SCREENSHOT, artifactsDir, limitMs = 90_000 }) {
  await onPage(context, { name: 'quick-fix', artifactsDir, limitMs }, async (page) => {
    await openWorkbench(page, serverUrl, workspace);
    const editor = await openFile(page, `python/tests/${VIOLATIONS_FILE}`, `def ${MISNAMED_TEST}(`);
    await editor.locator('.squiggly-warning, .squiggly-error, .squiggly-info').first().waitFor();
    await clickInto(editor, `def ${MISNAMED_TEST}(`, MISNAMED_TEST);
    await openQuickFixMenu(page, QUICK_FIX_ENTRIES);
    const frame = [page.locator(MENU), lineText(editor, 'DELIBERATE: single underscores'), lineText(editor, 'assert Analyzer().analyze([]).summary')];
    await saveScreenshot(page, screenshotPath, await clipAround(page, frame));
  });
}

/**
 * Writes a test that requests an unknown fixture, picks "Generate fixture … in this file" from the
 * quick-fix menu on its PP301 squiggle, and frames the editor once the fixture is in and PP301 gone.
 */
export async function captureGeneratedFixture({ context, serverUrl, workspace, screenshotPath = GENERATED_FIXTURE_SCREENSHOT, artifactsDir, limitMs = 90_000 }) {
  fs.writeFileSync(path.join(workspace, BUDGET_FILE), BUDGET_TEST);
  await onPage(context, { name: 'generated-fixture', artifactsDir, limitMs }, async (page) => {
    await openWorkbench(page, serverUrl, workspace);
    const editor = await openFile(page, BUDGET_FILE, `${FIXTURE}: int`);
    const error = editor.locator('.squiggly-error');
    await error.first().waitFor();
    await clickInto(editor, `${FIXTURE}: int`, FIXTURE);
    await openQuickFixMenu(page, [GENERATE_HERE]);
    await chooseQuickFix(page, GENERATE_HERE);
    await page.locator(MENU).waitFor({ state: 'hidden' });
    await editor.locator('.view-line', { hasText: `def ${FIXTURE}(` }).first().waitFor();
    await error.first().waitFor({ state: 'detached' }); // the fixture now satisfies the request
    await page.keyboard.press('Escape'); // leave snippet mode, if the edit started one
    const text = await editorText(editor);
    if (!/@pytest\.fixture/.test(text)) throw new Error(`no @pytest.fixture after "${GENERATE_HERE}"; editor shows:\n${text}`);
    console.log(`[ui] "${GENERATE_HERE}" inserted:\n${text}`);
    const frame = [lineText(editor, 'def test_tokenizer__'), lineText(editor, 'tokenizer.add(')];
    await saveScreenshot(page, screenshotPath, await clipAround(page, frame));
  });
}

async function main() {
  const run = prepareUiRun({
    prefix: 'pytest-patterns-screenshots-',
    vsix: vsixFromArgs(process.argv.slice(2)),
    // No highlight of the word under the cursor: it would hide the squiggle the menu belongs to.
    userSettings: { 'editor.occurrencesHighlight': 'off', 'editor.selectionHighlight': false, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off' },
  });
  const { runDir, artifacts, copyExample } = run;
  // One copy per picture, so each window shows only its own editor tab.
  const workspace = copyExample('workspace');
  const fixtureWorkspace = copyExample('fixture-workspace');
  // Workspace trust off (startCodeServer's default), like the other real-editor scripts.
  const server = await run.start(workspace);
  await runUiSession({
    runDir,
    server,
    steps: async (context) => {
      await captureQuickFix({ context, serverUrl: server.url, workspace, artifactsDir: artifacts });
      await captureGeneratedFixture({ context, serverUrl: server.url, workspace: fixtureWorkspace, artifactsDir: artifacts });
    },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[ui] FAILED: ${error.stack || error}`);
    process.exit(1);
  });
}
