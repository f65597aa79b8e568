import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './client/languageClient';
import { createStatusItem } from './client/status';
import { registerCommands } from './commands/register';
import { registerTesting } from './testing';

let client: LanguageClient | undefined;

/** Wires the modules together; the logic lives in them. */
export async function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('Pytest Patterns', { log: true });
  context.subscriptions.push(log);
  client = createLanguageClient(context, log);
  context.subscriptions.push(createStatusItem(client));
  registerCommands(context, client, log);
  const testing = registerTesting(context, log);
  try {
    await client.start();
  } catch (error) {
    log.error(`The Pytest Patterns server failed to start: ${(error as Error).message}`);
    void vscode.window.showErrorMessage('Pytest Patterns: the language server failed to start. See "Pytest Patterns: Show Output".');
  }
  return { client, testing };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
