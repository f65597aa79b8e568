import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CodeActionContext, Range, ServerCapabilities, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { URI } from '../context';
import { generatorsFor } from '../engine/actions/catalog';
import type { GeneratedAction } from '../engine/actions/types';
import { asyncioMode } from '../engine/rules/async/asyncioMode';
import { documentFixtures } from './fixtureIndex';

/** Announces the generators' action kinds; the handler itself is the one in codeActions.ts. */
export function register(_context: ServerContext, capabilities: ServerCapabilities): void {
  const provider = capabilities.codeActionProvider;
  if (provider && typeof provider === 'object') provider.codeActionKinds = [...new Set([...(provider.codeActionKinds ?? []), CodeActionKind.RefactorRewrite, CodeActionKind.RefactorExtract])];
}

/**
 * Code actions that generate code (fixtures, parametrize blocks) for the range; appended to the
 * quick fixes by features/codeActions.ts (LSP allows one code action handler per connection).
 */
export async function generatorActions(context: ServerContext, document: TextDocument, range: Range, request: CodeActionContext): Promise<CodeAction[]> {
  const found = await documentFixtures(context, document);
  if (!found || found.file.kind === 'other') return [];
  const filePath = URI.toPath(document.uri);
  const readFile = (file: string): string | undefined => {
    const open = context.documents.get(URI.fromPath(file));
    if (open) return open.getText();
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const root = context.workspaceFolders.find((f) => filePath.startsWith(f + path.sep));
  const generated = generatorsFor({
    text: document.getText(),
    file: found.file,
    view: found.view,
    range,
    readFile,
    stopAt: root,
    asyncioAuto: asyncioMode(context.linter.pytestConfigFor(filePath)) === 'auto',
  });
  const only = request.only;
  return generated
    .filter((g) => !only || only.some((k) => g.kind.startsWith(k)))
    .map((g) => toCodeAction(context, g));
}

function toCodeAction(context: ServerContext, action: GeneratedAction): CodeAction {
  const creates = action.changes.some((c) => c.create);
  let edit: WorkspaceEdit;
  if (creates) {
    const documentChanges: WorkspaceEdit['documentChanges'] = [];
    for (const change of action.changes) {
      const uri = URI.fromPath(change.path);
      if (change.create) documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
      documentChanges.push({ textDocument: { uri, version: null }, edits: change.edits } as TextDocumentEdit);
    }
    edit = { documentChanges };
  } else {
    edit = { changes: Object.fromEntries(action.changes.map((c) => [URI.fromPath(c.path), c.edits])) };
  }
  void context;
  return { title: action.title, kind: action.kind, edit, isPreferred: action.preferred };
}
