// Replaced at bundle time would be nicer; reading package.json keeps one source of truth.
import * as fs from 'node:fs';
import * as path from 'node:path';

function readVersion(): string {
  for (const dir of [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..', '..'), path.resolve(__dirname, '..', '..', '..', '..')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pytest-patterns' && pkg.version) return pkg.version;
    } catch {
      // keep looking
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
