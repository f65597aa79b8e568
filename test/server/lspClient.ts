import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import assert from 'node:assert/strict';
import type { ClientCapabilities, Diagnostic, DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver-protocol';
import { repoPath } from '../support/paths';

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  /** Settings the server receives for `workspace/configuration` (section `pytestPatterns`). */
  settings: Record<string, unknown>;
  /** Resolves on the next `workspace/diagnostic/refresh` request from the server. */
  nextRefresh(): Promise<void>;
  /** Resolves with the next `window/showMessage` notification from the server. */
  nextMessage(): Promise<{ type: number; message: string }>;
  open(path: string, text?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the bundled server (`dist/server.js --stdio`) and initializes it over a real JSON-RPC connection. */
export async function startServer(options: { rootPath: string; capabilities?: ClientCapabilities }): Promise<TestClient> {
  const serverModule = repoPath('dist', 'server.js');
  if (!fs.existsSync(serverModule)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const child = spawn(process.execPath, [serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const settings: Record<string, unknown> = {};
  const refreshWaiters: (() => void)[] = [];
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === 'pytestPatterns' ? settings : null)),
  );
  connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshWaiters.splice(0).forEach((resolve) => resolve());
    return null;
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  const messageWaiters: ((message: { type: number; message: string }) => void)[] = [];
  connection.onNotification('window/showMessage', (message: { type: number; message: string }) => messageWaiters.splice(0).forEach((resolve) => resolve(message)));
  connection.listen();
  const rootUri = pathToFileURL(options.rootPath).toString();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'root' }],
    capabilities: options.capabilities ?? {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
    },
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  const versions = new Map<string, number>();
  return {
    connection,
    process: child,
    initializeResult,
    settings,
    nextRefresh: () => new Promise<void>((resolve) => refreshWaiters.push(resolve)),
    nextMessage: () => new Promise((resolve) => messageWaiters.push(resolve)),
    async open(filePath, text) {
      const uri = pathToFileURL(filePath).toString();
      versions.set(uri, 1);
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: filePath.endsWith('.py') ? 'python' : 'plaintext', version: 1, text: text ?? fs.readFileSync(filePath, 'utf8') },
      });
      return uri;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    },
  };
}

/** The document's diagnostics, pulled (`textDocument/diagnostic`, always a full report here). */
export async function pullDiagnostics(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
  assert.equal(report.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}
