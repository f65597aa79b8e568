import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CloseAction, ErrorAction, LanguageClient, TransportKind } from 'vscode-languageclient/node';

export const CLIENT_ID = 'pytestPatterns';
export const CLIENT_NAME = 'Pytest Patterns';

/** The documents the server lints: Python, plus the task/CI files rule PP601 reads. */
const DOCUMENT_SELECTOR = [
  { language: 'python' },
  { pattern: '**/.vscode/tasks.json' },
  { pattern: '**/{Makefile,makefile,GNUmakefile,justfile,Justfile,.justfile,tox.ini,.gitlab-ci.yml}' },
  { pattern: '**/.github/workflows/*.{yml,yaml}' },
];

const MAX_RESTARTS = 4;

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{pyproject.toml,pytest.toml,.pytest.toml,pytest.ini,.pytest.ini,tox.ini,setup.cfg,conftest.py,*.py}'),
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        restarts += 1;
        if (restarts <= MAX_RESTARTS) {
          log.warn(`The Pytest Patterns server stopped unexpectedly; restarting (${restarts}/${MAX_RESTARTS}).`);
          return { action: CloseAction.Restart, message: undefined };
        }
        return {
          action: CloseAction.DoNotRestart,
          message: `The Pytest Patterns server crashed ${MAX_RESTARTS} times and will not restart on its own. See "Pytest Patterns: Show Output", then run "Pytest Patterns: Restart Server".`,
        };
      },
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
