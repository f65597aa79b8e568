import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PytestConfig } from '../../config/pytestConfig';

const MAX_LEVELS = 10;
const TTL_MS = 5_000;
/** conftest.py code that runs coroutine tests itself or marks them for pytest-asyncio. */
const RUNS_COROUTINES =
  /def\s+pytest_pyfunc_call\b|add_marker\(\s*(?:["']asyncio["']|pytest\.mark\.asyncio)|pytest_plugins\s*=[^\n]*\b(?:anyio|trio)\b/;
const cache = new Map<string, { runs: boolean; at: number }>();

/**
 * Whether the project runs async tests without pytest-asyncio markers: a conftest.py from the
 * file's folder up to the rootdir implements `pytest_pyfunc_call`, adds the asyncio marker at
 * collection, or loads anyio/trio; or `addopts` loads a trio/anyio plugin with `-p`.
 */
export function projectRunsCoroutines(filePath: string, config: PytestConfig, now = Date.now()): boolean {
  const addopts = Array.isArray(config.options.addopts) ? config.options.addopts.join(' ') : config.options.addopts ?? '';
  if (/-p\s*\S*(?:trio|anyio)/.test(addopts)) return true;
  let dir = path.dirname(path.resolve(filePath));
  const stop = config.configFile ? path.resolve(config.rootdir) : undefined;
  for (let level = 0; level < MAX_LEVELS; level++) {
    if (conftestRunsCoroutines(dir, now)) return true;
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir || fs.existsSync(path.join(dir, '.git'))) break;
    dir = parent;
  }
  return false;
}

function conftestRunsCoroutines(dir: string, now: number): boolean {
  const hit = cache.get(dir);
  if (hit && now - hit.at < TTL_MS) return hit.runs;
  let runs = false;
  try {
    runs = RUNS_COROUTINES.test(fs.readFileSync(path.join(dir, 'conftest.py'), 'utf8'));
  } catch {
    runs = false;
  }
  cache.set(dir, { runs, at: now });
  return runs;
}
