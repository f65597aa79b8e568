// pytest's collection through `cargo test` (collect-only), applied to a crate's tree: for Refresh,
// and in the background for the modules static discovery is unsure of
// (`pytestPatterns.discovery.collectOnOpen`).

import * as vscode from 'vscode';
import { runTests, type RunSummary } from '../../server/src/engine/runner';
import type { RootTree } from './rootTree';
import { cargoOptionsFor, readSettings } from './settings';
import { isTrusted } from './trust';

/** One collection through cargo, as applied to the tree. */
export interface Collection {
  crateDir: string;
  /** What was collected (undefined: everything). */
  nodeIds: string[] | undefined;
  /** The node ids pytest collected. */
  tests: string[];
  /** The node ids it collected and its session's own options deselected (`-m "not slow"` …). */
  deselected: string[];
  /** Why the collection failed (a compile error, no event from the harness…), if it did. */
  errors: string[];
  /** Started by `collectUnsure`, not by Refresh. */
  background: boolean;
  cancelled: boolean;
}

export class Collector {
  private readonly collected = new vscode.EventEmitter<Collection>();
  /** Fires after each collection through cargo (Refresh or background) was applied to the tree. */
  readonly onDidCollect = this.collected.event;
  /** `crateDir|module node id` of every module collected in the background this session. */
  private readonly attempted = new Set<string>();
  /** Background collections still running (aborted on dispose). */
  private readonly background = new Set<AbortController>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /**
   * When a crate's tests are listed (and again when trust is granted or the setting turned on):
   * collects through cargo, in the background, the modules static discovery is unsure of and pytest
   * has not collected whole since they changed, so the tree shows pytest's ids without a Refresh.
   * Each module at most once per session: one whose collection cannot settle it is not retried.
   */
  collectUnsure(tree: RootTree): void {
    if (!isTrusted() || tree.item.children.size === 0) return; // not listed yet: its resolve calls this again
    const folder = vscode.workspace.getWorkspaceFolder(tree.item.uri!);
    if (readSettings(folder).collectOnOpen !== 'unsure') return;
    const modules = tree.unsureModules().filter((nodeid) => !this.attempted.has(`${tree.root.crateDir}|${nodeid}`));
    if (modules.length === 0) return;
    modules.forEach((nodeid) => this.attempted.add(`${tree.root.crateDir}|${nodeid}`));
    this.log.info(`collecting through cargo the ${modules.length} test module(s) of ${tree.root.crateDir} static discovery is unsure of (pytestPatterns.discovery.collectOnOpen): ${modules.join(', ')}`);
    const abort = new AbortController();
    this.background.add(abort);
    const title = `Pytest Patterns: collecting ${modules.length} test module${modules.length === 1 ? '' : 's'} through cargo`;
    void vscode.window
      .withProgress({ location: vscode.ProgressLocation.Window, title }, () => this.collect(tree, modules, abort.signal, true))
      .then(undefined, (error: Error) => this.log.warn(`Test Explorer: the background collection of ${tree.root.crateDir} failed: ${error.message}`))
      .then(() => this.background.delete(abort));
  }

  /** pytest's collection of `nodeIds` (undefined: everything) through cargo, remembered and reconciled with the tree. */
  async collect(tree: RootTree, nodeIds: string[] | undefined, signal: AbortSignal, background: boolean): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(tree.item.uri!);
    const settings = readSettings(folder);
    tree.item.busy = true; // the crate's spinner in the Testing view
    let summary: RunSummary;
    try {
      summary = await runTests({
        crateDir: tree.root.crateDir,
        mode: 'collect',
        nodeIds,
        cargo: cargoOptionsFor(settings, folder, tree.root.crateDir),
        pytestArgs: settings.pytestArgs,
        python: settings.python,
        signal,
      });
    } finally {
      tree.item.busy = false;
    }
    const result = { tests: summary.collected, deselected: summary.deselected, collectErrors: summary.collectErrors, errors: summary.errors };
    const rootdir = summary.sessions[0]?.rootdir;
    if (rootdir && (await tree.adoptRootdir(rootdir))) this.log.info(`pytest's rootdir for ${tree.root.crateDir} is ${rootdir}`);
    const applying = performance.now();
    await tree.rememberCollection(summary, nodeIds, settings.pytestArgs);
    const remembered = performance.now();
    tree.item.error = result.errors.length > 0 ? result.errors.map((e) => e.message).join('\n\n') : undefined;
    if (result.tests.length > 0 || result.deselected.length > 0 || result.collectErrors.length > 0) await tree.reconcile(result);
    this.log.info(
      `collected ${result.tests.length} tests in ${tree.root.crateDir} through cargo (${result.collectErrors.length} collection errors${summary.cancelled ? ', cancelled' : ''}); ` +
        `remembered in ${Math.round(remembered - applying)} ms, the tree reconciled in ${Math.round(performance.now() - remembered)} ms (both in slices of time)`,
    );
    this.collected.fire({ crateDir: tree.root.crateDir, nodeIds, tests: result.tests.map((t) => t.nodeid), deselected: result.deselected.map((t) => t.nodeid), errors: result.errors.map((e) => e.message), background, cancelled: summary.cancelled });
  }

  dispose(): void {
    this.background.forEach((abort) => abort.abort());
    this.collected.dispose();
  }
}
