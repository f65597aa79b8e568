// Builds the cargo command line and the environment that injects the reporter plugin.

import * as path from 'node:path';

export interface CargoOptions {
  /** Executable, default `cargo`. */
  command?: string;
  /** `test` (default) or `nextest` (`cargo nextest run`). */
  runner?: 'test' | 'nextest';
  /**
   * Integration test target to run (`--test <name>`). undefined: detect (first `harness = false`
   * target mentioning pytest); null: run every target (`cargo test` alone).
   */
  testTarget?: string | null;
  release?: boolean;
  /** Extra arguments after the subcommand, e.g. ["--features", "python"]. */
  args?: string[];
  /** Extra environment for cargo (and, by inheritance, pytest). */
  env?: Record<string, string>;
}

export interface CargoCommand {
  command: string;
  args: string[];
}

export function buildCargoCommand(options: CargoOptions, detectedTarget: string | undefined): CargoCommand {
  const target = options.testTarget === undefined ? detectedTarget : options.testTarget ?? undefined;
  const args = options.runner === 'nextest' ? ['nextest', 'run'] : ['test'];
  if (target) args.push('--test', target);
  if (options.release) args.push('--release');
  args.push(...(options.args ?? []));
  return { command: options.command ?? 'cargo', args };
}

/** Quote one argument for PYTEST_ADDOPTS, which pytest splits with shlex. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_\-./:=@%+,]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface PluginEnvOptions {
  /** Folder holding pytest_patterns_reporter.py. */
  pluginDir: string;
  /** "127.0.0.1:<port>" of the side channel. */
  eventsAddress: string;
  selectFile?: string;
  extraPytestArgs: string[];
  debugPort?: number;
  /** More plugin modules to load with `-p` (in the same folder), e.g. the coverage plugins. */
  plugins?: string[];
  /**
   * Options whose value is optional (pytest-cov's bare `--cov`). They go right before a `-p`, never
   * last: pytest reads PYTEST_ADDOPTS before the harness's own arguments, so a trailing `--cov`
   * would swallow the harness's test path (`--cov python/tests`) as its value.
   */
  flagsBeforePlugins?: string[];
}

/** Environment variables that load the plugin, keeping the user's PYTHONPATH/PYTEST_ADDOPTS. */
export function pluginEnvironment(base: NodeJS.ProcessEnv, options: PluginEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  const existingPythonPath = base.PYTHONPATH;
  env.PYTHONPATH = existingPythonPath ? `${options.pluginDir}${path.delimiter}${existingPythonPath}` : options.pluginDir;
  const addopts = [
    base.PYTEST_ADDOPTS ?? '',
    ...(options.flagsBeforePlugins ?? []).map(shellQuote),
    '-p pytest_patterns_reporter',
    ...(options.plugins ?? []).map((plugin) => `-p ${shellQuote(plugin)}`),
    ...options.extraPytestArgs.map(shellQuote),
  ];
  env.PYTEST_ADDOPTS = addopts.filter((part) => part.trim() !== '').join(' ');
  env.PYTEST_PATTERNS_EVENTS = options.eventsAddress;
  if (options.selectFile) env.PYTEST_PATTERNS_SELECT = options.selectFile;
  if (options.debugPort !== undefined) {
    env.PYTEST_PATTERNS_DEBUG_PORT = String(options.debugPort);
    // debugpy otherwise warns about frozen stdlib modules in every run (breakpoints in the frozen
    // stdlib are not what test debugging needs); a user's own setting wins.
    if (base.PYDEVD_DISABLE_FILE_VALIDATION === undefined) env.PYDEVD_DISABLE_FILE_VALIDATION = '1';
  }
  return env;
}
