import type { ServerCapabilities, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { ResponseError } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { URI } from '../context';
import { documentFixtures, fixtureAt } from './fixtureIndex';
import { fixtureReferences } from './references';

/**
 * Renames a workspace fixture: its definition (the function name, or the `name=` argument's string
 * is left alone and the function renamed only when they agree) and every request that resolves to it.
 */
export function register(context: ServerContext, capabilities: ServerCapabilities): void {
  capabilities.renameProvider = { prepareProvider: true };
  context.connection.onPrepareRename(async ({ textDocument, position }) => {
    const document = context.documents.get(textDocument.uri);
    const found = document && (await documentFixtures(context, document, true));
    const at = found && fixtureAt(found.view, position);
    const target = at?.resolved[0];
    if (!at || !target) return null;
    if (!target.path || target.origin === 'plugin') throw new ResponseError(0, `\`${target.name}\` is defined outside the workspace and cannot be renamed.`);
    if (target.name !== target.functionName) throw new ResponseError(0, `\`${target.name}\` is named with \`name=\`; rename it there.`);
    return { range: at.request?.range ?? target.nameRange, placeholder: target.name };
  });
  context.connection.onRenameRequest(async ({ textDocument, position, newName }): Promise<WorkspaceEdit | null> => {
    const document = context.documents.get(textDocument.uri);
    const found = document && (await documentFixtures(context, document, true));
    const at = found && fixtureAt(found.view, position);
    const target = at?.resolved[0];
    if (!found || !target || !target.path || target.origin === 'plugin' || target.name !== target.functionName) return null;
    if (!/^[A-Za-z_]\w*$/.test(newName)) throw new ResponseError(0, `\`${newName}\` is not a Python identifier.`);
    const changes: Record<string, TextEdit[]> = {};
    const add = (filePath: string, range: TextEdit['range']) => (changes[URI.fromPath(filePath)] ??= []).push({ range, newText: newName });
    add(target.path, target.nameRange);
    for (const reference of fixtureReferences(found.view, target)) add(reference.path, reference.range);
    return { changes };
  });
}
