import type { Location, ServerCapabilities } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { URI } from '../context';
import type { FixtureView } from '../engine/fixtures/project';
import { lookupFor, resolveRequest, sameDefinition } from '../engine/fixtures/resolve';
import type { FixtureDefinition } from '../engine/fixtures/types';
import type { Range } from '../engine/text/positions';
import { documentFixtures, fixtureAt } from './fixtureIndex';

/** Every request in the workspace that resolves to `target`, plus (optionally) its definition. */
export function fixtureReferences(view: FixtureView, target: FixtureDefinition): { path: string; range: Range }[] {
  const result: { path: string; range: Range }[] = [];
  for (const stored of view.index.summaries()) {
    const summary = stored.path === view.summary.path ? view.summary : stored;
    if (!summary.requests.some((r) => r.name === target.name)) continue;
    const lookups = new Map<string, ReturnType<typeof lookupFor>>();
    for (const request of summary.requests) {
      if (request.name !== target.name) continue;
      const key = request.className ?? '';
      if (!lookups.has(key)) lookups.set(key, summary === view.summary ? view.lookup(request.className) : lookupFor(view.index, summary, request.className));
      const requester = request.ownerKind === 'fixture' ? summary.fixtures.find((f) => f.name === request.owner && f.className === request.className) : undefined;
      const winner = resolveRequest(lookups.get(key)!, request.name, requester)[0];
      if (winner && sameDefinition(winner, target)) result.push({ path: summary.path, range: request.range });
    }
  }
  return result;
}

/** Find references of a fixture: from its definition or from any request of it. */
export function register(context: ServerContext, capabilities: ServerCapabilities): void {
  capabilities.referencesProvider = true;
  context.connection.onReferences(async ({ textDocument, position, context: options }): Promise<Location[]> => {
    const document = context.documents.get(textDocument.uri);
    if (!document) return [];
    const found = await documentFixtures(context, document, true);
    const at = found && fixtureAt(found.view, position);
    const target = at?.resolved[0];
    if (!found || !target) return [];
    const locations = fixtureReferences(found.view, target).map((r) => ({ uri: URI.fromPath(r.path), range: r.range }));
    if (options.includeDeclaration && target.path) locations.unshift({ uri: URI.fromPath(target.path), range: target.nameRange });
    return locations;
  });
}
