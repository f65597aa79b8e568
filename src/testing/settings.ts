// Typed access to the Test Explorer settings of one workspace folder (read on each use, never
// cached in globals). Executable-choosing settings go through the trust guard.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CargoOptions } from '../../server/src/engine/runner';
import { readGuardedSetting } from './trust';

const SECTION = 'pytestPatterns';

/** `pytestPatterns.crates` entry: where detection cannot tell which crate runs which tests. */
export interface CrateSetting {
  /** Crate folder (holding Cargo.toml), relative to the workspace folder. */
  path: string;
  /** Folders pytest collects, relative to the crate. */
  testPaths?: string[];
  /** Extra cargo arguments for this crate only. */
  args?: string[];
  env?: Record<string, string>;
}

export interface TestingSettings {
  cargo: CargoOptions;
  pytestArgs: string[];
  python: string;
  crates: CrateSetting[];
  repeatCount: number;
  /** `unsure`: when a crate's tests are first listed, collect through cargo the modules static discovery is unsure of. */
  collectOnOpen: 'unsure' | 'never';
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function readSettings(folder: vscode.WorkspaceFolder | undefined): TestingSettings {
  const scope = folder?.uri;
  const configuration = vscode.workspace.getConfiguration(SECTION, scope);
  const args = stringList(readGuardedSetting(SECTION, 'cargo.args', scope, [] as string[]));
  const subcommand = readGuardedSetting<string>(SECTION, 'cargo.subcommand', scope, 'test');
  return {
    cargo: {
      command: readGuardedSetting(SECTION, 'cargo.command', scope, 'cargo') || 'cargo',
      runner: subcommand === 'nextest' ? 'nextest' : 'test',
      // An explicit `--test <name>` in the arguments replaces the detected pytest target.
      testTarget: args.includes('--test') ? null : undefined,
      args,
      env: stringRecord(readGuardedSetting(SECTION, 'cargo.env', scope, {})),
    },
    pytestArgs: stringList(readGuardedSetting(SECTION, 'pytest.args', scope, [] as string[])),
    python: readGuardedSetting(SECTION, 'python.path', scope, 'python3') || 'python3',
    crates: (readGuardedSetting(SECTION, 'crates', scope, [] as CrateSetting[]) ?? []).filter((c) => typeof c?.path === 'string'),
    repeatCount: Math.max(2, configuration.get<number>('run.repeatCount', 10)),
    collectOnOpen: configuration.get<string>('discovery.collectOnOpen', 'unsure') === 'never' ? 'never' : 'unsure',
  };
}

/** Cargo options for one crate: the folder's options with the crate's own args/env laid over. */
export function cargoOptionsFor(settings: TestingSettings, folder: vscode.WorkspaceFolder | undefined, crateDir: string): CargoOptions {
  const own = settings.crates.find((c) => folder && path.resolve(folder.uri.fsPath, c.path) === crateDir);
  if (!own) return settings.cargo;
  const args = [...(settings.cargo.args ?? []), ...(own.args ?? [])];
  return {
    ...settings.cargo,
    args,
    testTarget: args.includes('--test') ? null : settings.cargo.testTarget,
    env: { ...(settings.cargo.env ?? {}), ...(own.env ?? {}) },
  };
}
