// The TestController: one root item per crate whose `cargo test` drives pytest, lazily resolved
// with static discovery, kept up to date per file on edit/save/create/delete, and refreshed
// through cargo (pytest --collect-only, collector.ts) on demand or in the background.

import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Parser } from 'web-tree-sitter';
import { findCrates, SKIPPED_FOLDERS } from '../../server/src/engine/runner';
import { Collector } from './collector';
import { findTestRoots, TestRoot } from './roots';
import { ItemData, RootTree } from './rootTree';
import { readSettings } from './settings';
import { isTrusted, UNTRUSTED_MESSAGE } from './trust';

const EDIT_DEBOUNCE_MS = 300;

/** Whether a created folder is or holds (two levels down) a Cargo crate; never in build output or hidden folders. */
function holdsCrate(uri: vscode.Uri): boolean {
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
  if (!workspaceFolder) return false;
  const names = path.relative(workspaceFolder.uri.fsPath, uri.fsPath).split(path.sep);
  if (names.some((name) => name.startsWith('.') || SKIPPED_FOLDERS.has(name))) return false;
  return findCrates(uri.fsPath, 2).length > 0;
}

export class TestTree {
  readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private readonly roots = new Map<string, RootTree>();
  private discovered: Promise<RootTree[]> | undefined;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a file's path after its test items were rebuilt. */
  readonly onDidChangeFile = this.changed.event;
  private readonly rootsChanged = new vscode.EventEmitter<void>();
  /** Fires after the crates were found again (a Cargo.toml, the crates setting or the folders changed). */
  readonly onDidChangeRoots = this.rootsChanged.event;
  /** pytest's collections through cargo: Refresh and the background ones. */
  readonly collector: Collector;

  constructor(
    readonly controller: vscode.TestController,
    private readonly parser: Promise<Parser>,
    private readonly log: vscode.LogOutputChannel,
    /** The extension's storage folder for this workspace: each crate's discovery cache and collection memory live there. */
    private readonly storageDir?: string,
  ) {
    this.collector = new Collector(log);
    controller.resolveHandler = async (item) => {
      if (!item) {
        await this.trees();
        return;
      }
      const data = this.data.get(item);
      await data?.root.listed();
      if (data?.kind === 'crate') this.collector.collectUnsure(data.root);
    };
    controller.refreshHandler = (token) => this.refresh(token);
  }

  /** The crates of every workspace folder (found once; again after `rediscover`). */
  trees(): Promise<RootTree[]> {
    this.discovered ??= this.findRoots();
    return this.discovered;
  }

  /**
   * Finds the crates again; a crate already listed reads its pytest config again and is discovered
   * again when that changed. `changedFile`: the config file or manifest whose change asked for it,
   * reported through onDidChangeFile once a crate it changed has been discovered again.
   */
  rediscover(changedFile?: string): Promise<RootTree[]> {
    this.discovered = this.findRoots(changedFile);
    return this.discovered;
  }

  private async findRoots(changedFile?: string): Promise<RootTree[]> {
    const parser = await this.parser;
    const found: RootTree[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const root of findTestRoots(folder.uri.fsPath, readSettings(folder).crates)) {
        if (found.some((t) => t.root.crateDir === root.crateDir)) continue; // nested workspace folders
        const existing = this.roots.get(root.crateDir);
        const tree = existing ?? this.newTree(root, parser);
        if (existing) void this.followConfig(existing, root, changedFile);
        tree.noteCrateFolder();
        this.log.info(`test root ${root.crateDir} (${root.reason}); pytest paths: ${root.testPaths.join(', ') || '(pytest config)'}`);
        found.push(tree);
      }
    }
    this.roots.clear();
    found.forEach((tree) => this.roots.set(tree.root.crateDir, tree));
    this.controller.items.replace(found.map((tree) => tree.item));
    this.rootsChanged.fire();
    return found;
  }

  private newTree(root: TestRoot, parser: Parser): RootTree {
    const crate = createHash('sha256').update(root.crateDir).digest('hex').slice(0, 16);
    const storage = this.storageDir ? { cacheFile: path.join(this.storageDir, `discovery-${crate}.json`), memoryFile: path.join(this.storageDir, `collected-${crate}.json`) } : {};
    const pytestArgs = (): string[] => readSettings(vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root.crateDir))).pytestArgs;
    return new RootTree(this.controller, root, parser, this.data, storage, this.log, pytestArgs);
  }

  /** The crate tree a file belongs to (the deepest crate folder containing it). */
  treeOf(file: string): RootTree | undefined {
    let best: RootTree | undefined;
    for (const tree of this.roots.values()) {
      if ((file + path.sep).startsWith(tree.root.crateDir + path.sep) && (!best || tree.root.crateDir.length > best.root.crateDir.length)) best = tree;
    }
    return best;
  }

  /** The item of a node id if a tree has it; unlike `findItem`, never adds one. */
  existingItem(nodeid: string): vscode.TestItem | undefined {
    for (const tree of this.roots.values()) {
      const item = tree.existing(nodeid);
      if (item) return item;
    }
    return undefined;
  }

  /** Lists every crate's tests that are not listed yet (and waits for those being listed). */
  async resolveAll(): Promise<void> {
    for (const tree of await this.trees()) await tree.listed();
  }

  /** The item of a node id (call `resolveAll` first); a case pytest reported that the tree lacks is added. */
  findItem(nodeid: string): vscode.TestItem | undefined {
    for (const tree of this.roots.values()) {
      const item = tree.lookup(nodeid);
      if (item) return item;
    }
    return undefined;
  }

  /** Static update of one file from an editor buffer, debounced while typing. */
  documentChanged(document: vscode.TextDocument, immediate = false): void {
    if (document.uri.scheme !== 'file') return;
    const tree = this.treeOf(document.fileName);
    if (!tree?.isResolved) return;
    // Python files, and the text files the doctest plugin collects (test*.txt, --doctest-glob).
    if (!document.fileName.endsWith('.py') && !tree.discovery.isTestFile(document.fileName)) return;
    clearTimeout(this.pending.get(document.fileName));
    const update = (): void => {
      this.pending.delete(document.fileName);
      if (path.basename(document.fileName) === 'conftest.py') void this.afterChange(tree.fileChanged(document.fileName), [document.fileName]);
      else {
        tree.updateFile(document.fileName, document.getText(), document.isDirty);
        void this.afterChange(tree.settled(), [document.fileName]); // a rebuild running applies it when done
      }
    };
    if (immediate) update();
    else this.pending.set(document.fileName, setTimeout(update, EDIT_DEBOUNCE_MS));
  }

  fileChanged(uri: vscode.Uri): void {
    const tree = this.treeOf(uri.fsPath);
    if (tree?.isResolved) void this.afterChange(tree.fileChanged(uri.fsPath), [uri.fsPath]);
  }

  /** A listed crate reads its pytest config again; when that changed its tree, `changedFile` is reported. */
  private async followConfig(tree: RootTree, root: TestRoot, changedFile: string | undefined): Promise<void> {
    try {
      if ((await tree.configChanged(root)) && changedFile) this.changed.fire(changedFile);
    } catch (error) {
      this.log.error(`Test Explorer: updating the tree failed: ${(error as Error).message}`);
    }
  }

  /** Says which files' items were rebuilt once `change` (a rebuild of the whole crate, or a file's update) is done. */
  private async afterChange(change: Promise<unknown>, files: readonly string[]): Promise<void> {
    try {
      await change;
    } catch (error) {
      this.log.error(`Test Explorer: updating the tree failed: ${(error as Error).message}`);
    }
    files.forEach((file) => this.changed.fire(file));
  }

  /**
   * A path other than a `.py` file was created or deleted: a folder's test modules come or go with
   * it, and a crate with it (`cargo new`, a crate moved in or deleted is one folder event: the
   * Cargo.toml watcher may never see the manifest itself).
   */
  folderChanged(uri: vscode.Uri, created: boolean): void {
    if (uri.scheme !== 'file' || uri.fsPath.endsWith('.py')) return;
    if (created ? holdsCrate(uri) : this.holdsRoot(uri.fsPath)) void this.rediscover();
    const tree = this.treeOf(uri.fsPath);
    if (!tree?.isResolved) return;
    if (!created) {
      const files = tree.folderDeleted(uri.fsPath);
      void this.afterChange(tree.settled(), files);
    } else void tree.folderCreated(uri.fsPath).then((files) => this.afterChange(tree.settled(), files), (error: Error) => this.log.error(`Test Explorer: updating the tree failed: ${error.message}`));
  }

  /** Whether a deleted folder was, or held, a crate the tree lists. */
  private holdsRoot(folder: string): boolean {
    return [...this.roots.keys()].some((crateDir) => crateDir === folder || crateDir.startsWith(folder + path.sep));
  }

  dispose(): void {
    this.collector.dispose();
    this.changed.dispose();
    this.rootsChanged.dispose();
    this.pending.forEach((timer) => clearTimeout(timer));
  }

  /** Refresh: static discovery again, then pytest's own collection through cargo, reconciled. */
  async refresh(token?: vscode.CancellationToken): Promise<void> {
    const trees = await this.rediscover();
    for (const tree of trees) {
      if (token?.isCancellationRequested) return;
      await tree.resolve();
      if (!isTrusted()) {
        tree.item.error = UNTRUSTED_MESSAGE;
        continue;
      }
      const abort = new AbortController();
      const cancel = token?.onCancellationRequested(() => abort.abort());
      try {
        await this.collector.collect(tree, undefined, abort.signal, false);
      } finally {
        cancel?.dispose();
      }
    }
  }

  /** `collectUnsure` for every crate whose tests are listed. */
  async collectUnsureEverywhere(): Promise<void> {
    (await this.trees()).forEach((tree) => this.collector.collectUnsure(tree));
  }

  /** The pytest arguments changed: each tree shows what its memory says the new ones deselect (often nothing). */
  syncDeselections(): void {
    this.roots.forEach((tree) => tree.syncDeselections());
  }
}
