// Runs a TestRunRequest: groups the chosen items by crate, runs pytest through cargo for each with
// the runner core, and maps its events onto the TestRun as they arrive.

import * as vscode from 'vscode';
import { runTests, RunMode, RunSummary } from '../../server/src/engine/runner';
import { addCoverage } from './coverage';
import { attachOrStop } from './debug';
import type { ItemData, RootTree } from './rootTree';
import { RunMapper, terminalText } from './runMapper';
import { recordingRun, RunRecord } from './runRecord';
import { cargoOptionsFor, readSettings } from './settings';
import { isTrusted, UNTRUSTED_MESSAGE } from './trust';

export interface RunContext {
  controller: vscode.TestController;
  data: WeakMap<vscode.TestItem, ItemData>;
  trees(): Promise<RootTree[]>;
  log: vscode.LogOutputChannel;
  onRecord(record: RunRecord): void;
}

export type ProfileMode = RunMode | 'repeat';

/** Runnable leaves under an item (a crate's tests listed first: `runRequest` waits for them), minus excluded items. */
function leavesOf(item: vscode.TestItem, context: RunContext, excluded: ReadonlySet<vscode.TestItem>): vscode.TestItem[] {
  if (excluded.has(item)) return [];
  const data = context.data.get(item);
  if (item.children.size === 0) return data?.kind === 'crate' || data?.kind === 'module' || data?.kind === 'class' ? [] : [item];
  const leaves: vscode.TestItem[] = [];
  item.children.forEach((child) => leaves.push(...leavesOf(child, context, excluded)));
  return leaves;
}

/** Node ids to select: whole items when nothing under them is excluded, else their leaves. */
function selection(items: readonly vscode.TestItem[], context: RunContext, excluded: ReadonlySet<vscode.TestItem>): string[] | undefined {
  if (items.some((item) => context.data.get(item)?.kind === 'crate') && excluded.size === 0) return undefined; // the whole crate
  const ids = new Set<string>();
  for (const item of items) {
    const data = context.data.get(item);
    if (!data) continue;
    if (excluded.size === 0 && data.kind !== 'crate') ids.add(data.nodeid);
    else leavesOf(item, context, excluded).forEach((leaf) => ids.add(context.data.get(leaf)!.nodeid));
  }
  return [...ids];
}

export async function runRequest(request: vscode.TestRunRequest, token: vscode.CancellationToken, mode: ProfileMode, context: RunContext): Promise<void> {
  const trees = await context.trees();
  const roots = request.include ?? trees.map((tree) => tree.item);
  const excluded = new Set(request.exclude ?? []);
  const record: RunRecord = { profile: mode, results: new Map(), output: '' };
  const run = recordingRun(context.controller.createTestRun(request), record, (item) => context.data.get(item)?.nodeid ?? item.id);
  try {
    const byTree = new Map<RootTree, vscode.TestItem[]>();
    for (const item of roots) {
      const tree = context.data.get(item)?.root;
      if (tree && !excluded.has(item)) byTree.set(tree, [...(byTree.get(tree) ?? []), item]);
    }
    for (const [tree, items] of byTree) {
      if (token.isCancellationRequested) break;
      await tree.listed();
      const leaves = items.flatMap((item) => leavesOf(item, context, excluded));
      if (!isTrusted()) {
        leaves.forEach((leaf) => run.errored(leaf, new vscode.TestMessage(UNTRUSTED_MESSAGE)));
        continue;
      }
      leaves.forEach((leaf) => run.enqueued(leaf));
      await runTree(tree, selection(items, context, excluded), leaves, run, token, mode, context);
    }
  } finally {
    run.end();
    context.onRecord(record);
  }
}

async function runTree(
  tree: RootTree,
  nodeIds: string[] | undefined,
  leaves: vscode.TestItem[],
  run: vscode.TestRun,
  token: vscode.CancellationToken,
  mode: ProfileMode,
  context: RunContext,
): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(tree.root.crateDir));
  const settings = readSettings(folder);
  const mapper = new RunMapper(run, { lookup: (id) => tree.lookup(id), rootdir: tree.rootdir }, leaves);
  const abort = new AbortController();
  const cancellation = token.onCancellationRequested(() => abort.abort());
  let summary: RunSummary | undefined;
  let debugProblem: string | undefined;
  try {
    context.log.info(`run ${mode} in ${tree.root.crateDir}: ${nodeIds ? nodeIds.join(' ') : '(all tests)'}`);
    summary = await runTests({
      crateDir: tree.root.crateDir,
      nodeIds,
      mode: mode === 'repeat' ? 'run' : mode,
      repeat: mode === 'repeat' ? settings.repeatCount : 1,
      cargo: cargoOptionsFor(settings, folder, tree.root.crateDir),
      pytestArgs: settings.pytestArgs,
      python: settings.python,
      signal: abort.signal,
      onOutput: (text) => mapper.output(text),
      onEvent: (event) => {
        mapper.event(event);
        if (event.event === 'coverage') addCoverage(run, event);
        if (event.event === 'processStart') run.appendOutput(terminalText(`$ ${event.command} ${event.args.join(' ')}  (in ${event.cwd})\n`));
        if (event.event === 'debugListening') {
          attachOrStop(run, folder, event.host, event.port, (problem) => {
            // pytest waits for a debugger that will not come: explain on the tests and end the run.
            debugProblem = problem;
            mapper.event({ event: 'error', kind: 'debugFailed', message: problem });
            abort.abort();
          });
        }
      },
    });
  } catch (error) {
    mapper.event({ event: 'error', kind: 'spawnFailed', message: `The run failed: ${(error as Error).message}` });
  } finally {
    cancellation.dispose();
  }
  // Stopped because the debugger could not attach: the tests error with that reason, not skipped as cancelled.
  mapper.finish(summary, token.isCancellationRequested || (summary?.cancelled === true && debugProblem === undefined));
  const rootdir = summary?.sessions[0]?.rootdir;
  if (rootdir && (await tree.adoptRootdir(rootdir))) context.log.info(`pytest's rootdir for ${tree.root.crateDir} is ${rootdir}; the tree now uses it`);
  // Every run collects too: what pytest computed for these files now is what the tree remembers.
  if (summary) await tree.rememberCollection(summary, nodeIds, settings.pytestArgs);
  if (summary) context.log.info(`run finished in ${summary.durationMs} ms: ${JSON.stringify(summary.counts)}${summary.errors.length ? `; errors: ${summary.errors.map((e) => e.kind).join(', ')}` : ''}`);
}
