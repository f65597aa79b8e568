import type { Location, ServerCapabilities } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { URI } from '../context';
import { documentFixtures, fixtureAt } from './fixtureIndex';

/** Go to definition on a fixture parameter: the definition pytest would use (plugins and built-ins without a file are skipped). */
export function register(context: ServerContext, capabilities: ServerCapabilities): void {
  capabilities.definitionProvider = true;
  context.connection.onDefinition(async ({ textDocument, position }): Promise<Location[]> => {
    const document = context.documents.get(textDocument.uri);
    if (!document) return [];
    const found = await documentFixtures(context, document);
    const at = found && fixtureAt(found.view, position);
    if (!at?.request) return [];
    const winner = at.resolved.find((d) => d.path);
    return winner ? [{ uri: URI.fromPath(winner.path), range: winner.nameRange }] : [];
  });
}
