// Workspace trust: no test runs in an untrusted workspace, and settings that name an executable
// are never taken from the workspace there (only user/default values), so opening a repository
// cannot make the extension start a program of its choosing.

import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE =
  'Tests do not run in an untrusted workspace: running them starts `cargo test`, which builds and runs code from this folder. Trust the workspace (Workspaces: Manage Workspace Trust) to run tests.';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/**
 * A setting that can choose an executable or what it runs. Untrusted: the user's global value or
 * the default only; trusted: the normal resolution (folder > workspace > user > default).
 */
export function readGuardedSetting<T>(section: string, key: string, scope: vscode.Uri | undefined, fallback: T): T {
  const configuration = vscode.workspace.getConfiguration(section, scope);
  if (vscode.workspace.isTrusted) return configuration.get<T>(key, fallback);
  const inspected = configuration.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}
