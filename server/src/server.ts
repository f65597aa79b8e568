import { createConnection, DidChangeConfigurationNotification, FileChangeType, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { InitializeResult } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { DocumentStore } from './documents';
import { Linter } from './engine/lint/linter';
import { TreeCache } from './engine/parse/treeCache';
import { FEATURES } from './features';
import { forgetFindings } from './features/findings';
import { SettingsStore } from './settingsStore';
import { URI } from './uri';

// `createConnection` picks the transport from the command line: `--node-ipc` when VS Code starts
// the server, `--stdio` for Neovim and other editors, `--socket=N` for debugging.
const connection = createConnection(ProposedFeatures.all);
const CONFIG_FILES = /(?:^|\/)(?:pyproject\.toml|\.?pytest\.toml|\.?pytest\.ini|tox\.ini|setup\.cfg)$/;
/** Python files, and folders (a deleted folder takes its files along): the file operations the server follows. */
const PYTHON_FILES = { filters: [{ pattern: { glob: '**/*.py', matches: 'file' as const } }, { pattern: { glob: '**/*', matches: 'folder' as const } }] };

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const linter = await Linter.create();
  const capabilities = params.capabilities;
  const refreshListeners: (() => void)[] = [];
  const configListeners: (() => void)[] = [];
  const watchedFileListeners: ((changes: { uri: string; type: number }[]) => void)[] = [];
  const documents = new DocumentStore(new TreeCache(linter.parser));
  const context: ServerContext = {
    connection,
    documents,
    linter,
    settings: new SettingsStore(connection),
    project: {},
    workspaceFolders: (params.workspaceFolders ?? []).map((f) => URI.toPath(f.uri)),
    clientCapabilities: {
      pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
      snippetEdits: (capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport === true,
      configuration: capabilities.workspace?.configuration === true,
    },
    refreshDiagnostics() {
      forgetFindings(documents.all());
      if (context.clientCapabilities.pullDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
      refreshListeners.forEach((l) => l());
    },
    onDiagnosticsRefresh: (listener) => refreshListeners.push(listener),
    onConfigFilesChanged: (listener) => configListeners.push(listener),
    onWatchedFilesChanged: (listener) => watchedFileListeners.push(listener),
    log: (message) => connection.console.log(message),
  };
  if (params.rootUri && context.workspaceFolders.length === 0) context.workspaceFolders.push(URI.toPath(params.rootUri));
  context.settings.setCanPull(context.clientCapabilities.configuration);
  documents.listen(connection);

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pytestPatterns' });
    }
  });
  connection.onDidChangeConfiguration(({ settings }) => {
    context.settings.changed(settings);
    context.refreshDiagnostics();
  });
  const filesChanged = (changes: { uri: string; type: number }[]): void => {
    watchedFileListeners.forEach((l) => l(changes));
    if (!changes.some((c) => CONFIG_FILES.test(c.uri))) return;
    linter.clearConfigCaches();
    configListeners.forEach((l) => l());
    context.refreshDiagnostics();
  };
  connection.onDidChangeWatchedFiles(({ changes }) => filesChanged(changes));
  // Files created, deleted or renamed in the editor (the explorer, workspace edits) come as file
  // operations too: a watcher may miss them (a folder made meanwhile), these never do.
  connection.workspace.onDidCreateFiles(({ files }) => filesChanged(files.map((f) => ({ uri: f.uri, type: FileChangeType.Created }))));
  connection.workspace.onDidDeleteFiles(({ files }) => filesChanged(files.map((f) => ({ uri: f.uri, type: FileChangeType.Deleted }))));
  connection.workspace.onDidRenameFiles(({ files }) =>
    filesChanged(files.flatMap((f) => [{ uri: f.oldUri, type: FileChangeType.Deleted }, { uri: f.newUri, type: FileChangeType.Created }])),
  );

  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      diagnosticProvider: { identifier: 'pytest-patterns', interFileDependencies: true, workspaceDiagnostics: false },
      workspace: { fileOperations: { didCreate: PYTHON_FILES, didDelete: PYTHON_FILES, didRename: PYTHON_FILES } },
    },
    serverInfo: { name: 'pytest-patterns', version: process.env.PYTEST_PATTERNS_VERSION ?? '0.1.0' },
  };
  for (const feature of FEATURES) feature.register(context, result.capabilities);
  return result;
});

connection.listen();
