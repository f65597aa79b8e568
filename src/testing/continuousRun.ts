// Continuous run ("run on save"): while VS Code keeps a continuous request alive, each save re-runs
// the requested tests the saved file can affect. Which tests: continuousScope.ts; one run at a time
// with saves coalesced: continuousQueue.ts; here: the vscode wiring and the events for the test API.

import * as vscode from 'vscode';
import { CoalescingQueue } from './continuousQueue';
import { affectedBy, describeScope, isWithin, mergeScopes, RunScope, ScopeCrate } from './continuousScope';
import type { RootTree } from './rootTree';
import { ProfileMode, runRequest, RunContext } from './runHandler';
import { isTrusted } from './trust';

/** What a continuous run did, for the extension's test API (real-editor tests wait on these). */
export type ContinuousEvent =
  | { kind: 'started'; include: string[] | undefined; exclude: string[] }
  | { kind: 'save'; file: string; action: 'run' | 'queued' | 'ignored'; reason: string; nodeids?: string[] }
  | { kind: 'runFinished'; runs: number; followUp: boolean }
  | { kind: 'ended'; runs: number };

/** A crate of the request: its tree and the requested node ids (`undefined`: the whole crate). */
interface RequestedCrate {
  tree: RootTree;
  include: string[] | undefined;
  exclude: string[];
}

/** The request in node-id terms: items are rebuilt on edits, node ids stay. */
async function requestedCrates(request: vscode.TestRunRequest, context: RunContext): Promise<RequestedCrate[]> {
  const crates = new Map<RootTree, RequestedCrate>();
  if (!request.include) for (const tree of await context.trees()) crates.set(tree, { tree, include: undefined, exclude: [] });
  for (const item of request.include ?? []) {
    const data = context.data.get(item);
    if (!data) continue;
    const crate = crates.get(data.root) ?? { tree: data.root, include: [], exclude: [] };
    if (data.kind === 'crate') crate.include = undefined;
    else crate.include?.push(data.nodeid);
    crates.set(data.root, crate);
  }
  for (const item of request.exclude ?? []) {
    const data = context.data.get(item);
    if (!data) continue;
    if (data.kind === 'crate') crates.delete(data.root);
    else crates.get(data.root)?.exclude.push(data.nodeid);
  }
  return [...crates.values()];
}

function scopeCrate(crate: RequestedCrate): ScopeCrate {
  const { tree } = crate;
  return { crateDir: tree.root.crateDir, rootdir: tree.rootdir, isTestFile: (file) => tree.discovery.isTestFile(file), include: crate.include, exclude: crate.exclude };
}

/** The current item of a node id, without creating one (a renamed test is gone, not re-added). */
function existingItem(tree: RootTree, nodeid: string, context: RunContext): vscode.TestItem | undefined {
  let item: vscode.TestItem | undefined = tree.item;
  while (item) {
    let next: vscode.TestItem | undefined;
    item.children.forEach((child) => {
      const id = context.data.get(child)?.nodeid;
      if (!next && id !== undefined && isWithin(nodeid, id)) next = child;
    });
    if (next && context.data.get(next)?.nodeid === nodeid) return next;
    item = next;
  }
  return undefined;
}

/** The follow-up run of a scope: fresh items for its node ids, the request's exclusions kept. */
function followUpRequest(scope: RunScope, crates: readonly RequestedCrate[], original: vscode.TestRunRequest, context: RunContext): vscode.TestRunRequest | undefined {
  const include: vscode.TestItem[] = [];
  const exclude: vscode.TestItem[] = [];
  for (const crate of crates) {
    const part = scope.get(crate.tree.root.crateDir);
    if (part === undefined) continue;
    const ids = part === 'request' ? crate.include : part;
    if (ids === undefined) include.push(crate.tree.item);
    else ids.forEach((id) => void pushDefined(include, existingItem(crate.tree, id, context)));
    crate.exclude.forEach((id) => void pushDefined(exclude, existingItem(crate.tree, id, context)));
  }
  return include.length > 0 ? new vscode.TestRunRequest(include, exclude, original.profile, true, true) : undefined;
}

function pushDefined<T>(list: T[], value: T | undefined): void {
  if (value !== undefined) list.push(value);
}

/**
 * A context whose runs also stop when the user cancels that run in the Test Results (the run's own
 * token), not only when the continuous run is turned off.
 */
function cancellableContext(context: RunContext, source: vscode.CancellationTokenSource): RunContext {
  const controller = new Proxy(context.controller, {
    get(target, property) {
      if (property === 'createTestRun') {
        return (request: vscode.TestRunRequest, name?: string, persist?: boolean) => {
          const run = target.createTestRun(request, name, persist);
          run.token.onCancellationRequested(() => source.cancel());
          return run;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...context, controller };
}

export class ContinuousRuns {
  private readonly emitter = new vscode.EventEmitter<ContinuousEvent>();
  /** Fires as continuous runs start, handle saves, finish runs and end. */
  readonly onDidChange = this.emitter.event;
  private live = 0;

  constructor(private readonly context: RunContext) {}

  /** Continuous runs in progress (started and not yet turned off). */
  get active(): number {
    return this.live;
  }

  dispose(): void {
    this.emitter.dispose();
  }

  /** The profile handler for `request.continuous`: resolves once the continuous run is turned off. */
  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, mode: ProfileMode): Promise<void> {
    this.live++;
    let runs = 0;
    try {
      runs = await this.loop(request, token, mode);
    } finally {
      this.live--;
      this.emitter.fire({ kind: 'ended', runs });
    }
  }

  /** Watches saves until the token is cancelled; returns how many runs it started. */
  private async loop(request: vscode.TestRunRequest, token: vscode.CancellationToken, mode: ProfileMode): Promise<number> {
    const { context } = this;
    const crates = await requestedCrates(request, context);
    // Node ids of the request; a whole crate stands as its folder.
    const include = request.include ? crates.flatMap((c) => c.include ?? [c.tree.root.crateDir]) : undefined;
    this.emitter.fire({ kind: 'started', include, exclude: crates.flatMap((c) => c.exclude) });
    context.log.info(`continuous run started: ${include?.join(' ') ?? '(all tests)'}`);
    // Untrusted: say why nothing will run, through the normal run path (it refuses without spawning).
    if (!isTrusted()) await runRequest(new vscode.TestRunRequest(request.include, request.exclude, request.profile, true, true), token, mode, context);

    const queue = new CoalescingQueue<RunScope>(
      async (scope) => {
        const followUp = followUpRequest(scope, crates, request, context);
        if (!followUp) return context.log.info(`continuous run: nothing left to run for ${describeScope(scope)} (tests renamed or removed)`);
        context.log.info(`continuous run: ${describeScope(scope)}`);
        const source = new vscode.CancellationTokenSource();
        const link = token.onCancellationRequested(() => source.cancel());
        try {
          await runRequest(followUp, source.token, mode, cancellableContext(context, source));
        } finally {
          link.dispose();
          source.dispose();
        }
      },
      mergeScopes,
      {
        onRunFinished: (runs, followUp) => this.emitter.fire({ kind: 'runFinished', runs, followUp }),
        onError: (error) => context.log.error(`continuous run failed: ${(error as Error).message}`),
      },
    );

    const onSave = vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.scheme !== 'file') return;
      const file = document.uri.fsPath;
      const decision = affectedBy(file, crates.map(scopeCrate));
      context.log.debug(`continuous run: saved ${file}: ${decision.scope ? describeScope(decision.scope) : 'nothing to run'} (${decision.reason})`);
      if (!decision.scope) return this.emitter.fire({ kind: 'save', file, action: 'ignored', reason: decision.reason });
      if (!isTrusted()) return this.emitter.fire({ kind: 'save', file, action: 'ignored', reason: 'untrusted workspace: tests do not run' });
      const action = queue.push(decision.scope);
      if (action === 'stopped') return;
      const parts = [...decision.scope.values()];
      const nodeids = parts.every((part) => part !== 'request') ? parts.flat() : undefined;
      this.emitter.fire({ kind: 'save', file, action, reason: decision.reason, nodeids });
    });

    await new Promise<void>((resolve) => {
      if (token.isCancellationRequested) resolve();
      else token.onCancellationRequested(() => resolve());
    });
    onSave.dispose();
    await queue.stop();
    context.log.info(`continuous run ended after ${queue.runs} run(s)`);
    return queue.runs;
  }
}
