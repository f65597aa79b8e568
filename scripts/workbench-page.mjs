// What every real-editor script does with a code-server workbench page: open it, forward its
// console, open a file or run a command the way a user does, save a calm screenshot, and leave a
// screenshot of what the page showed when a step failed.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';

// Console lines arrive printf-styled, sometimes nested: ('%c INFO', 'color: #33f', '%s (%dms)', 'title', 12).
// util.format drops %c styling; leftover arguments that are themselves format strings get the same treatment.
function formatConsoleArgs(values) {
  if (values.length === 0) return '';
  const [first, ...rest] = values;
  if (typeof first !== 'string') return [util.inspect(first), formatConsoleArgs(rest)].filter(Boolean).join(' ');
  const directives = (first.match(/%[sdifjoOc]/g) ?? []).length;
  const head = util.format(first, ...rest.slice(0, directives));
  const tail = formatConsoleArgs(rest.slice(directives));
  return tail ? `${head} ${tail}` : head;
}

async function plainConsoleText(message) {
  const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => String(arg))));
  return values.length === 0 ? message.text() : formatConsoleArgs(values).trimEnd();
}

/** The page's console on our stdout, in arrival order even though formatting is asynchronous. */
export function forwardConsole(page, prefix) {
  let queue = Promise.resolve();
  page.on('console', (message) => {
    const formatted = plainConsoleText(message);
    queue = queue.then(async () => {
      const text = await formatted.catch(() => message.text());
      if (text.trim()) process.stdout.write(`${prefix}${text}\n`);
    });
  });
  page.on('pageerror', (error) => process.stdout.write(`${prefix}[page error] ${error.message}\n`));
}

/**
 * Runs one check on a fresh page (its console forwarded when `forward`); on failure saves what the
 * page showed as `<name>-failure.png` next to the artifacts (when there is a folder for them).
 */
export async function onPage(context, { name, artifactsDir, limitMs, forward = false }, check) {
  const page = await context.newPage();
  if (forward) forwardConsole(page, '[ui] ');
  page.setDefaultTimeout(limitMs);
  try {
    return await check(page);
  } catch (error) {
    if (artifactsDir) {
      const shot = path.join(artifactsDir, `${name}-failure.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`[ui] ${name} failed; screenshot: ${shot}`);
    }
    throw error;
  } finally {
    await page.close().catch(() => undefined);
  }
}

export async function openWorkbench(page, serverUrl, workspace) {
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor();
}

/** Opens a workspace file through Quick Open and waits for its tab. */
export async function quickOpenFile(page, relativePath) {
  const fileName = path.basename(relativePath);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await input.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label*="${fileName}"]`).first().waitFor();
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await input.press('Enter');
}

/** A calm screenshot (extensions done activating) at `screenshotPath`, optionally clipped. */
export async function saveScreenshot(page, screenshotPath, clip) {
  await page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached' });
  fs.mkdirSync(path.dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath, clip });
  console.log(`[ui] screenshot saved: ${screenshotPath}`);
}
