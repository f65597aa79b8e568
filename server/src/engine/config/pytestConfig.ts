import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseToml } from './toml';
import type { CollectionConfig } from './collection';
import { DEFAULT_COLLECTION } from './collection';
import { parseIni } from './iniFile';
import { readTextIfAny } from '../text/readText';

/** The pytest ini options the engine uses, as pytest would resolve them for a file. */
export interface PytestConfig {
  /** The config file pytest would pick (`inifile`), if any: one without pytest options when `fallback`. */
  configFile?: string;
  /** pytest's rootdir: the config file's folder, else a setup.py's folder, else the starting folder. */
  rootdir: string;
  /**
   * No file holds pytest options: the rootdir is pytest's fall-back (a pyproject.toml without a
   * pytest table, a setup.py, the starting folder), which depends on where pytest runs and on its
   * arguments; what a run reports is better.
   */
  fallback?: boolean;
  collection: CollectionConfig;
  testpaths: string[];
  asyncioMode?: 'strict' | 'auto';
  /** Marker names registered with `markers`. */
  markers: string[];
  /** Fixtures the ini option `usefixtures` requests for every test (before any other). */
  usefixtures: string[];
  /** Raw ini options for rules that need more. */
  options: Record<string, string | string[]>;
}

export class ConfigError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

type RawOptions = Record<string, string | string[]>;

/**
 * Finds the config pytest would use for a file in `startDir`, walking up as pytest's `locate_config`
 * does; with none, the nearest pyproject.toml's folder is the rootdir (pytest ≥ 8.1), else the
 * nearest folder with a setup.py, else `startDir`.
 */
export function findPytestConfig(startDir: string, cache?: Map<string, PytestConfig>): PytestConfig {
  const start = path.resolve(startDir);
  const visited: string[] = [];
  let dir = start;
  let found: PytestConfig | undefined;
  let nearestPyproject: string | undefined;
  for (;;) {
    const cached = cache?.get(dir);
    // A fall-back depends on the folder it was asked for: a walk from below must not take it over.
    if (cached && (!cached.fallback || dir === start)) {
      found = cached;
      break;
    }
    visited.push(dir);
    const here = readConfigIn(dir);
    if (here) {
      found = toConfig(here.file, here.options);
      break;
    }
    if (nearestPyproject === undefined && fs.existsSync(path.join(dir, 'pyproject.toml'))) nearestPyproject = path.join(dir, 'pyproject.toml');
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (found) {
    for (const d of visited) cache?.set(d, found);
    return found;
  }
  const result = { ...(nearestPyproject ? toConfig(nearestPyproject, {}) : toConfig(undefined, {}, withSetupPy(start) ?? start)), fallback: true };
  cache?.set(start, result);
  return result;
}

/** The nearest folder at or above `dir` that holds a setup.py. */
function withSetupPy(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, 'setup.py'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * pytest 9's order inside one folder: pytest.toml, .pytest.toml, pytest.ini, .pytest.ini (each
 * always the config, even empty), pyproject.toml, tox.ini, setup.cfg (only with a pytest table).
 */
function readConfigIn(dir: string): { file: string; options: RawOptions } | undefined {
  for (const name of ['pytest.toml', '.pytest.toml']) {
    const file = path.join(dir, name);
    const text = readTextIfAny(file);
    if (text !== undefined) return { file, options: pytestOptionsFromPytestToml(file, text) };
  }
  for (const name of ['pytest.ini', '.pytest.ini']) {
    const file = path.join(dir, name);
    const text = readTextIfAny(file);
    if (text !== undefined) return { file, options: parseIniSection(file, text, 'pytest') ?? {} };
  }
  const pyproject = path.join(dir, 'pyproject.toml');
  const pyprojectText = readTextIfAny(pyproject);
  if (pyprojectText !== undefined) {
    const options = pytestOptionsFromPyproject(pyproject, pyprojectText);
    if (options) return { file: pyproject, options };
  }
  for (const [name, section] of [['tox.ini', 'pytest'], ['setup.cfg', 'tool:pytest']] as const) {
    const file = path.join(dir, name);
    const text = readTextIfAny(file);
    const options = text === undefined ? undefined : parseIniSection(file, text, section);
    if (options) return { file, options };
  }
  return undefined;
}


function parseIniSection(file: string, text: string, section: string): RawOptions | undefined {
  try {
    return parseIni(text, section)[section];
  } catch (error) {
    throw new ConfigError(file, `cannot parse: ${(error as Error).message}`);
  }
}

/** `[tool.pytest]` (pytest 9 native TOML) wins over `[tool.pytest.ini_options]`. */
export function pytestOptionsFromPyproject(file: string, text: string): RawOptions | undefined {
  const pytest = (tomlDocument(file, text).tool as Record<string, unknown> | undefined)?.pytest as Record<string, unknown> | undefined;
  if (!pytest) return undefined;
  const { ini_options: iniOptions, ...native } = pytest;
  const table = Object.keys(native).length > 0 ? native : (iniOptions as Record<string, unknown> | undefined);
  return table ? optionsOf(table) : undefined;
}

/** pytest.toml's `[pytest]` table (native TOML); the file is the config even without it. */
function pytestOptionsFromPytestToml(file: string, text: string): RawOptions {
  const table = tomlDocument(file, text).pytest;
  return typeof table === 'object' && table !== null && !Array.isArray(table) ? optionsOf(table as Record<string, unknown>) : {};
}

function tomlDocument(file: string, text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(file, `invalid TOML: ${(error as Error).message}`);
  }
}

function optionsOf(table: Record<string, unknown>): RawOptions {
  const options: RawOptions = {};
  for (const [key, value] of Object.entries(table)) {
    if (Array.isArray(value)) options[key] = value.map(String);
    else if (typeof value !== 'object' || value === null) options[key] = String(value);
  }
  return options;
}

/** An ini "args"/"linelist" value: a TOML list, or whitespace/newline separated text. */
function list(value: string | string[] | undefined, split: RegExp): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  return value.split(split).map((s) => s.trim()).filter((s) => s.length > 0);
}

function toConfig(configFile: string | undefined, options: RawOptions, fallbackRoot?: string): PytestConfig {
  const rootdir = configFile ? path.dirname(configFile) : fallbackRoot ?? process.cwd();
  const mode = typeof options.asyncio_mode === 'string' ? options.asyncio_mode.trim() : undefined;
  return {
    configFile,
    rootdir,
    collection: {
      pythonFiles: list(options.python_files, /\s+/) ?? DEFAULT_COLLECTION.pythonFiles,
      pythonClasses: list(options.python_classes, /\s+/) ?? DEFAULT_COLLECTION.pythonClasses,
      pythonFunctions: list(options.python_functions, /\s+/) ?? DEFAULT_COLLECTION.pythonFunctions,
    },
    testpaths: list(options.testpaths, /\s+/) ?? [],
    asyncioMode: mode === 'auto' || mode === 'strict' ? mode : undefined,
    usefixtures: list(options.usefixtures, /\s+/) ?? [],
    markers: (list(options.markers, /\n/) ?? []).map((m) => m.split(/[:(]/)[0].trim()).filter((m) => m.length > 0),
    options,
  };
}
