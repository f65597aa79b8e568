import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseToml } from './toml';
import { ConfigError } from './pytestConfig';
import type { PartialSettings } from './settings';
import { settingsFromUnknown } from './settings';

export interface ProjectConfig {
  /** The file the settings came from. */
  file: string;
  /** The folder per-file-ignores are relative to. */
  root: string;
  settings: PartialSettings;
}

const TABLE = 'pytest-patterns';

/** `[tool.pytest-patterns]` of the nearest pyproject.toml that has one, walking up from `startDir`. */
export function findProjectConfig(startDir: string, cache?: Map<string, ProjectConfig | null>): ProjectConfig | undefined {
  const visited: string[] = [];
  let dir = path.resolve(startDir);
  let found: ProjectConfig | null = null;
  for (;;) {
    const cached = cache?.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    const file = path.join(dir, 'pyproject.toml');
    if (fs.existsSync(file)) {
      const config = readProjectConfig(file, false);
      if (config) {
        found = config;
        break;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) cache?.set(d, found);
  return found ?? undefined;
}

/**
 * Reads settings from a TOML file: its `[tool.pytest-patterns]` table, or (for a dedicated file given
 * with `--config`) its top level. Throws ConfigError on unreadable or invalid files.
 */
export function readProjectConfig(file: string, topLevelFallback: boolean): ProjectConfig | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(file, `invalid TOML: ${(error as Error).message}`);
  }
  const table = (doc.tool as Record<string, unknown> | undefined)?.[TABLE] ?? (topLevelFallback ? doc : undefined);
  if (!table) return undefined;
  return { file, root: path.dirname(file), settings: settingsFromUnknown(table) };
}
