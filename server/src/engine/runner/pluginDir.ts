// Locates the folder of pytest_patterns_reporter.py: next to the bundle (dist/python) or,
// when running from sources or from tsc output, server/python in the repository.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const PLUGIN_FILE = 'pytest_patterns_reporter.py';

export function findPluginDir(start: string = __dirname): string {
  const candidates = [path.join(start, 'python')];
  for (let dir = start; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'server', 'python'));
    if (path.dirname(dir) === dir) break;
  }
  const found = candidates.find((candidate) => fs.existsSync(path.join(candidate, PLUGIN_FILE)));
  if (!found) throw new Error(`${PLUGIN_FILE} not found near ${start}`);
  return found;
}
