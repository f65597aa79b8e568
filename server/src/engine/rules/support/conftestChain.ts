import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PytestConfig } from '../../config/pytestConfig';

const MAX_LEVELS = 10;
const TTL_MS = 5_000;
const cache = new Map<string, { text: string | undefined; at: number }>();

/**
 * The texts of the conftest.py files pytest loads for a file: from its folder up to the rootdir
 * (when a config file fixes it), else up to the repository root (`.git`) or ten levels. Each read
 * is cached for a few seconds, so edits are seen quickly without re-reading on every keystroke.
 */
export function conftestTexts(filePath: string, config: PytestConfig, now = Date.now()): string[] {
  const texts: string[] = [];
  let dir = path.dirname(path.resolve(filePath));
  const stop = config.configFile ? path.resolve(config.rootdir) : undefined;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const text = conftestIn(dir, now);
    if (text !== undefined) texts.push(text);
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir || fs.existsSync(path.join(dir, '.git'))) break;
    dir = parent;
  }
  return texts;
}

function conftestIn(dir: string, now: number): string | undefined {
  const hit = cache.get(dir);
  if (hit && now - hit.at < TTL_MS) return hit.text;
  let text: string | undefined;
  try {
    text = fs.readFileSync(path.join(dir, 'conftest.py'), 'utf8');
  } catch {
    text = undefined;
  }
  cache.set(dir, { text, at: now });
  return text;
}
