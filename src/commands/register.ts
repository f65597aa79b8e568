import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkWorkspace } from './checkWorkspace';
import { generateFixture } from './generateFixture';
import { showRuleDocumentation } from './showRuleDocumentation';

/** Palette commands; each command's logic lives in its own file. */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pytestPatterns.restartServer', async () => {
      log.info('Restarting the server on request.');
      await client.restart();
    }),
    vscode.commands.registerCommand('pytestPatterns.showOutput', () => log.show(true)),
    vscode.commands.registerCommand('pytestPatterns.showRuleDocumentation', (code?: string) => showRuleDocumentation(context, code)),
    vscode.commands.registerCommand('pytestPatterns.checkWorkspace', () => checkWorkspace(client, log)),
    vscode.commands.registerCommand('pytestPatterns.generateFixture', () => generateFixture()),
  );
}
