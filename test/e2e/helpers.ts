// Shared helpers for the real-editor suites: they wait on editor events, never on sleeps.
// The deadlines below only turn a hang into a readable failure.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { aptPythonOverlay } from '../support/aptPythonPackages';
import type { Collection } from '../../src/testing/collector';

export const EXTENSION_ID = 'pytest-patterns.pytest-patterns';
export const DIAGNOSTIC_SOURCE = 'pytest-patterns';
const DEFAULT_DEADLINE_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open the example workspace as a folder');
  return folder.uri;
}

export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** A test item's error as text (VS Code takes a string or Markdown). */
export function errorOf(item: vscode.TestItem | undefined): string | undefined {
  return typeof item?.error === 'string' ? item.error : item?.error?.value;
}

/** The rule code of a diagnostic, whether given as a string or as `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

export function ourDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && (code === undefined || codeOf(d) === code));
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return '(no diagnostics)';
  return all
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.source}/${codeOf(d)} ${d.message}`)
    .join('\n');
}

/**
 * Resolves once `predicate` holds for the diagnostics of `uri`; checks the current state first,
 * then re-checks on every `onDidChangeDiagnostics` for that file.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  description: string,
  deadlineMs = DEFAULT_DEADLINE_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${deadlineMs} ms waiting for: ${description}\ncurrent diagnostics of ${uri.fsPath}:\n${describeDiagnostics(uri)}`));
    }, deadlineMs);
    function cleanup(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Opens a workspace file in an editor (pull diagnostics are requested for visible documents). */
export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** 0-based line of the first line containing `text`; fails the test when absent. */
export function lineContaining(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(text)) return line;
  }
  assert.fail(`${document.uri.fsPath} has no line containing ${JSON.stringify(text)}`);
}

/** Range of the function name in `def <name>(` on the given line. */
export function functionNameRange(document: vscode.TextDocument, line: number, name: string): vscode.Range {
  const text = document.lineAt(line).text;
  const start = text.indexOf(`def ${name}(`);
  assert.ok(start >= 0, `line ${line + 1} does not define ${name}: ${text}`);
  const nameStart = start + 'def '.length;
  return new vscode.Range(line, nameStart, line, nameStart + name.length);
}

/** A range as plain numbers, so assertion failures print readably. */
export function plainRange(range: vscode.Range): { start: [number, number]; end: [number, number] } {
  return { start: [range.start.line, range.start.character], end: [range.end.line, range.end.character] };
}

/** Applies a WorkspaceEdit and fails loudly when the editor refuses it. */
export async function applyEdit(edit: vscode.WorkspaceEdit): Promise<void> {
  const applied = await vscode.workspace.applyEdit(edit);
  assert.ok(applied, 'workspace.applyEdit returned false');
}

/** Whether the run was started with workspace trust enabled (scripts/e2e.mjs --trust). */
export function workspaceTrustEnabled(): boolean {
  return process.env.PYTEST_PATTERNS_E2E_TRUST === 'enabled';
}

/** The Test Explorer API that activate() returns as `testing`; each suite types the part it uses. */
export async function testingApi<T>(): Promise<T> {
  const extension = vscode.extensions.getExtension<{ testing: T }>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.ok(api?.testing, 'activate() must return the Test Explorer API as `testing`');
  return api.testing;
}

/** Resolves when the Test Explorer rebuilt `file`'s items; rejects after 30 s (a hang becomes a failure). */
export function fileRebuilt(api: { onDidChangeFile: vscode.Event<string> }, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no update of ${file} within 30 s`));
    }, 30_000);
    const subscription = api.onDidChangeFile((changed) => {
      if (!changed.endsWith(file.split('/').pop()!)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/**
 * Resolves once `holds()` is true, checked now and after each file rebuild; rejects after 30 s with
 * `what`. For changes that several watcher events may report, in any order.
 */
export function treeShows(api: { onDidChangeFile: vscode.Event<string> }, holds: () => boolean, what: string): Promise<void> {
  return eventShows(api.onDidChangeFile, holds, `the tree did not show within 30 s: ${what}`);
}

/** Resolves once `holds()` is true, checked now and after each `event`; rejects after 30 s with `failure`. */
export function eventShows<T>(event: vscode.Event<T>, holds: () => boolean, failure: string): Promise<void> {
  if (holds()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(failure));
    }, 30_000);
    const subscription = event(() => {
      if (!holds()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/** Replaces the line of `editor` that contains `containing` (unsaved) and resolves once the Test Explorer rebuilt the file. */
export async function replaceLine(api: { onDidChangeFile: vscode.Event<string> }, editor: vscode.TextEditor, file: string, containing: string, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, editor.document.lineAt(lineContaining(editor.document, containing)).range, text);
  const rebuilt = fileRebuilt(api, file);
  await applyEdit(edit);
  await rebuilt;
}

/**
 * Writes a test file into the (throwaway) workspace copy and resolves once the tree lists `nodeid`:
 * found by a first discovery, or, when an earlier suite already discovered the tree, by the file
 * watcher's rebuild.
 */
export async function writeTestFile(
  api: { discover(): Promise<void>; existingItem(nodeid: string): vscode.TestItem | undefined; onDidChangeFile: vscode.Event<string> },
  file: string,
  source: string,
  nodeid: string,
): Promise<void> {
  const created = fileRebuilt(api, file);
  await vscode.workspace.fs.writeFile(workspaceFile(file), new TextEncoder().encode(source));
  await api.discover();
  if (!api.existingItem(nodeid)) await created;
  else created.catch(() => undefined); // found by this first discovery: the event may never come
}

/**
 * Runs `body` with Debian's `modules` on PYTHONPATH (through `pytestPatterns.cargo.env`) and
 * `pytestArgs` (when given) in `pytestPatterns.pytest.args`, then restores both settings and removes the overlay.
 * Calls `skip` with the reason when the apt packages are missing.
 */
export async function withPythonPlugins<T>(modules: string[], pytestArgs: string[] | undefined, skip: (reason: string) => never, body: () => Promise<T>): Promise<T> {
  const overlay = aptPythonOverlay(modules);
  if (!overlay.ok) return skip(overlay.reason);
  const configuration = vscode.workspace.getConfiguration('pytestPatterns');
  const envBefore = configuration.inspect<Record<string, string>>('cargo.env')?.workspaceValue;
  const argsBefore = configuration.inspect<string[]>('pytest.args')?.workspaceValue;
  await configuration.update('cargo.env', { ...(envBefore ?? {}), PYTHONPATH: overlay.dir }, vscode.ConfigurationTarget.Workspace);
  if (pytestArgs) await configuration.update('pytest.args', pytestArgs, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    if (pytestArgs) await configuration.update('pytest.args', argsBefore, vscode.ConfigurationTarget.Workspace);
    await configuration.update('cargo.env', envBefore, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(overlay.dir, { recursive: true, force: true }); // links only
  }
}

/**
 * Sets the workspace's pytestPatterns.pytest.args and resolves once the extension has heard the
 * change (its listener was registered first, so it has run when this one hears it).
 */
export async function setPytestArgs(args: string[] | undefined): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('pytestPatterns');
  if (JSON.stringify(configuration.inspect<string[]>('pytest.args')?.workspaceValue) === JSON.stringify(args)) return; // no change, no event
  const heard = new Promise<void>((resolve) => {
    const listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('pytestPatterns.pytest.args')) return;
      listener.dispose();
      resolve();
    });
  });
  await configuration.update('pytest.args', args, vscode.ConfigurationTarget.Workspace);
  await heard;
}

/** The test target of a crate the suites create, as the example's: `cargo test` runs `python3 -m pytest python/tests`. */
export const PYTEST_HARNESS = `use std::process::{exit, Command};

fn main() {
    let status = Command::new("python3").args(["-m", "pytest", "python/tests"]).status().expect("python3");
    exit(status.code().unwrap_or(1));
}
`;

/** The Cargo.toml of such a crate: one harness-less test target, `tests/python.rs` (PYTEST_HARNESS). */
export function pytestCrateManifest(name: string): string {
  return `[package]
name = "${name}"
version = "0.1.0"
edition = "2021"
publish = false

[[test]]
name = "python"
path = "tests/python.rs"
harness = false
`;
}

/**
 * A crate a suite writes into the workspace: its folder, a path in it, and its item in the Testing
 * view (undefined until the crate is found). `controller` is read when needed (the suite's API).
 */
export function scratchCrate(name: string, controller: () => vscode.TestController): { dir(): string; at(relative: string): string; item(): vscode.TestItem | undefined } {
  const dir = (): string => path.join(workspaceRoot().fsPath, name);
  return {
    dir,
    at: (relative) => path.join(dir(), ...relative.split('/')),
    item: () => [...controller().items].map(([, item]) => item).find((item) => item.uri?.fsPath === dir()),
  };
}

/** The next background collection (`collectOnOpen`) that covers `file`; rejects after `deadlineMs`. */
export function backgroundCollection(api: { onDidCollect: vscode.Event<Collection> }, file: string, deadlineMs: number): Promise<Collection> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no background collection of ${file} within ${deadlineMs} ms`));
    }, deadlineMs);
    const subscription = api.onDidCollect((collection) => {
      if (!collection.background || !collection.nodeIds?.includes(file)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(collection);
    });
  });
}
