// The Test Explorer: TestController + run profiles + file watching, wired together here.

import * as vscode from 'vscode';
import { createPythonParser } from '../../server/src/engine/parse/parser';
import { ContinuousEvent, ContinuousRuns } from './continuousRun';
import type { Collection } from './collector';
import { TestTree } from './controller';
import { ProfileMode, runRequest, RunContext } from './runHandler';
import { createRunProfiles } from './runProfiles';
import type { RootTree } from './rootTree';
import type { RunRecord } from './runRecord';

/** What the extension exposes of its Test Explorer (used by the real-editor tests). */
export interface TestingApi {
  controller: vscode.TestController;
  /** Finds the crates and statically discovers their tests. */
  discover(): Promise<void>;
  /** The test item of a pytest node id, e.g. `python/tests/test_x.py::test_y`. */
  findItem(nodeid: string): vscode.TestItem | undefined;
  /** The item of a node id only if the tree has it (`findItem` adds a case pytest reported but the tree lacks). */
  existingItem(nodeid: string): vscode.TestItem | undefined;
  /** Per crate, how its last full static discovery went (modules reused from the on-disk cache, and discovered from source). */
  discoveryStats(): Promise<DiscoveryStats[]>;
  /** Same as the Refresh button: static discovery, then collection through cargo. */
  refresh(): Promise<void>;
  /** Fires when a run ended, with the state and messages of every test it touched. */
  onDidRecordRun: vscode.Event<RunRecord>;
  /** Fires with a file's path after its items were rebuilt (edit, save, create, delete). */
  onDidChangeFile: vscode.Event<string>;
  /** Fires after the crates were found again (their root items replaced). */
  onDidChangeRoots: vscode.Event<void>;
  /** Fires after each collection through cargo (Refresh, or the background one of `pytestPatterns.discovery.collectOnOpen`). */
  onDidCollect: vscode.Event<Collection>;
  /** Runs node ids through a profile's handler, as the Testing view would; resolves with the record. */
  run(nodeids: string[], mode?: ProfileMode): Promise<RunRecord>;
  /** The run profiles (Run, Coverage, Debug, Run Repeatedly), e.g. for `vscode.startContinuousTestRun`. */
  profiles: readonly vscode.TestRunProfile[];
  /** Fires as continuous runs start, handle each save (run / queued / ignored), finish runs and end. */
  onDidChangeContinuousRun: vscode.Event<ContinuousEvent>;
  /** How many continuous runs are on (0 once every one was turned off and has ended). */
  activeContinuousRuns(): number;
}

/** A crate's last full discovery (and how its items were built), and how its last collection was applied. */
export interface DiscoveryStats {
  crateDir: string;
  reused: number;
  discovered: number;
  cacheFile?: string;
  memoryFile?: string;
  turns: number;
  longestSliceMs: number;
  items: number;
  buildMs: number;
  longestBuildMs: number;
  rebuiltModules: number;
  collection: RootTree['lastCollection'];
  /** Per module node id, how its per-file updates went: built again, or left as it was. */
  fileUpdates: Record<string, { rebuilt: number; kept: number }>;
}

/** Python files, and text files the doctest plugin may collect (test*.txt by default, --doctest-glob). */
const WATCHED_EXTENSIONS = ['py', 'txt', 'rst', 'md'];
const WATCHED_FILE = new RegExp(`\\.(?:${WATCHED_EXTENSIONS.join('|')})$`);

export function registerTesting(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): TestingApi {
  const controller = vscode.tests.createTestController('pytestPatterns', 'Pytest (cargo)');
  const parser = createPythonParser();
  const tree = new TestTree(controller, parser, log, context.storageUri?.fsPath);
  const recorded = new vscode.EventEmitter<RunRecord>();
  const runContext: RunContext = { controller, data: tree.data, trees: () => tree.trees(), log, onRecord: (record) => recorded.fire(record) };
  const continuous = new ContinuousRuns(runContext);
  const profiles = createRunProfiles(controller, runContext, continuous);

  const watcher = vscode.workspace.createFileSystemWatcher(`**/*.{${WATCHED_EXTENSIONS.join(',')}}`);
  const manifests = vscode.workspace.createFileSystemWatcher('**/{Cargo.toml,pyproject.toml,pytest.toml,.pytest.toml,pytest.ini,.pytest.ini,setup.cfg,tox.ini}');
  // Folders: a folder moved in or deleted is reported alone, without an event per file inside.
  const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
  context.subscriptions.push(
    controller,
    recorded,
    continuous,
    tree,
    watcher,
    manifests,
    folders,
    folders.onDidCreate((uri) => tree.folderChanged(uri, true)),
    folders.onDidDelete((uri) => tree.folderChanged(uri, false)),
    vscode.workspace.onDidChangeTextDocument((event) => tree.documentChanged(event.document)),
    vscode.workspace.onDidSaveTextDocument((document) => tree.documentChanged(document, true)),
    watcher.onDidCreate((uri) => tree.fileChanged(uri)),
    watcher.onDidDelete((uri) => tree.fileChanged(uri)),
    watcher.onDidChange((uri) => {
      if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) tree.fileChanged(uri);
    }),
    // Files created, deleted or renamed in the editor (the explorer, refactorings, workspace edits),
    // as the watchers would report them: also where a watcher misses them (a folder made meanwhile).
    vscode.workspace.onDidCreateFiles((event) => event.files.forEach((uri) => editorFileEvent(tree, uri, true))),
    vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => editorFileEvent(tree, uri, false))),
    vscode.workspace.onDidRenameFiles((event) =>
      event.files.forEach(({ oldUri, newUri }) => {
        editorFileEvent(tree, oldUri, false);
        editorFileEvent(tree, newUri, true);
      }),
    ),
    manifests.onDidChange((uri) => void tree.rediscover(uri.fsPath)),
    manifests.onDidCreate((uri) => void tree.rediscover(uri.fsPath)),
    manifests.onDidDelete((uri) => void tree.rediscover(uri.fsPath)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void tree.rediscover()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('pytestPatterns.crates')) void tree.rediscover();
      if (event.affectsConfiguration('pytestPatterns.discovery.collectOnOpen')) void tree.collectUnsureEverywhere();
      if (event.affectsConfiguration('pytestPatterns.pytest.args')) {
        tree.syncDeselections();
        void tree.rediscover(); // `--ignore`, `--doctest-modules` … in them change which files are collected
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void tree.rediscover().then(() => tree.collectUnsureEverywhere())),
  );
  void parser.then(undefined, (error: Error) => log.error(`Test Explorer: the Python parser failed to load: ${error.message}`));

  return {
    controller,
    discover: async () => {
      await tree.resolveAll();
    },
    discoveryStats: async () => (await tree.trees()).map((root) => ({ crateDir: root.root.crateDir, ...root.lastDiscovery, memoryFile: root.storage.memoryFile, collection: { ...root.lastCollection }, fileUpdates: Object.fromEntries(root.fileUpdates) })),
    findItem: (nodeid) => tree.findItem(nodeid),
    existingItem: (nodeid) => tree.existingItem(nodeid),
    refresh: () => tree.refresh(),
    onDidRecordRun: recorded.event,
    onDidChangeFile: tree.onDidChangeFile,
    onDidChangeRoots: tree.onDidChangeRoots,
    onDidCollect: tree.collector.onDidCollect,
    profiles,
    onDidChangeContinuousRun: continuous.onDidChange,
    activeContinuousRuns: () => continuous.active,
    run: async (nodeids, mode = 'run') => {
      await tree.resolveAll();
      const items = nodeids.map((id) => tree.findItem(id)).filter((item): item is vscode.TestItem => item !== undefined);
      const record = new Promise<RunRecord>((resolve) => {
        const subscription = recorded.event((r) => {
          subscription.dispose();
          resolve(r);
        });
      });
      const profile = profiles.find((p) => (mode === 'debug' ? p.kind === vscode.TestRunProfileKind.Debug : mode === 'coverage' ? p.kind === vscode.TestRunProfileKind.Coverage : p.kind === vscode.TestRunProfileKind.Run));
      const source = new vscode.CancellationTokenSource();
      try {
        await runRequest(new vscode.TestRunRequest(items, undefined, profile), source.token, mode, runContext);
      } finally {
        source.dispose();
      }
      return record;
    },
  };
}

/** An editor's file event, routed as the file and folder watchers route theirs. */
function editorFileEvent(tree: TestTree, uri: vscode.Uri, created: boolean): void {
  if (WATCHED_FILE.test(uri.fsPath)) tree.fileChanged(uri);
  tree.folderChanged(uri, created);
}
