import * as path from 'node:path';
import type { Hover, ServerCapabilities } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { URI } from '../context';
import type { FixtureDefinition } from '../engine/fixtures/types';
import { documentFixtures, fixtureAt } from './fixtureIndex';

function where(definition: FixtureDefinition, root: string | undefined): string {
  if (definition.origin === 'builtin') return `built-in fixture (\`${definition.plugin}\`)`;
  if (definition.origin === 'extra') return 'declared in the `extraFixtures` setting';
  const file = root && definition.path.startsWith(root) ? path.relative(root, definition.path) : definition.path;
  const line = definition.nameRange.start.line + 1;
  if (definition.origin === 'plugin') return `plugin \`${definition.plugin}\` (${file}:${line})`;
  return `${definition.className ? `class \`${definition.className}\` in ` : ''}${file}:${line}`;
}

/** Hover on a fixture parameter or definition: signature, scope, docstring, where it is defined and what it overrides. */
export function register(context: ServerContext, capabilities: ServerCapabilities): void {
  capabilities.hoverProvider = true;
  context.connection.onHover(async ({ textDocument, position }): Promise<Hover | null> => {
    const document = context.documents.get(textDocument.uri);
    if (!document) return null;
    const found = await documentFixtures(context, document);
    const at = found && fixtureAt(found.view, position);
    if (!at) return null;
    const filePath = URI.toPath(document.uri);
    const root = context.workspaceFolders.find((f) => filePath.startsWith(f + path.sep));
    const range = at.request?.range ?? at.definition?.nameRange;
    if (at.resolved.length === 0) {
      return { range, contents: { kind: MarkupKind.Markdown, value: `**Unknown fixture \`${at.request?.name}\`**: no definition is visible from here.` } };
    }
    const [winner, ...shadowed] = at.resolved;
    const lines = [
      '```python',
      `${winner.isAsync && !winner.signature.startsWith('async') ? 'async ' : ''}${winner.signature}`,
      '```',
      `**Fixture** \`${winner.name}\` — scope \`${winner.scope}\`${winner.autouse ? ', autouse' : ''}${winner.isYield ? ', with teardown' : ''}`,
      '',
      `Defined in ${where(winner, root)}.`,
    ];
    if (winner.docstring) lines.push('', winner.docstring.trim());
    if (shadowed.length > 0) lines.push('', `Overrides ${shadowed.map((d) => where(d, root)).join('; ')}.`);
    return { range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
  });
}
