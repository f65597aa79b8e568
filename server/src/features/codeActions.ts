import { pathToFileURL } from 'node:url';
import type { CodeAction, ServerCapabilities, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import type { Finding } from '../engine/lint/finding';
import type { Fix } from '../engine/rules/types';
import { comparePositions } from '../engine/text/positions';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import { findingsFor } from './findings';
import { generatorActions } from './generateActions';
import { plainSnippetText } from './snippetText';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.pytest-patterns`;
export const SHOW_DOCS_COMMAND = 'pytestPatterns.showRuleDocumentation';

export function register(context: ServerContext, capabilities: ServerCapabilities): void {
  capabilities.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] };
  context.connection.onCodeAction(async ({ textDocument, range, context: request }) => {
    const document = context.documents.get(textDocument.uri);
    if (!document) return [];
    const findings = await findingsFor(context, document);
    const only = request.only;
    if (only && only.some((k) => FIX_ALL_KIND.startsWith(k) && k.startsWith(CodeActionKind.SourceFixAll))) {
      const fixAll = fixAllAction(context, document, findings);
      return fixAll ? [fixAll] : [];
    }
    const requested = new Set(request.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`));
    const here = findings.filter(
      (f) =>
        requested.has(`${f.code}@${f.range.start.line}:${f.range.start.character}`) ||
        (comparePositions(f.range.start, range.end) <= 0 && comparePositions(range.start, f.range.end) <= 0),
    );
    const actions: CodeAction[] = [];
    for (const finding of here) {
      const diagnostic = toDiagnostic(finding);
      finding.fixes.filter((fix) => appliesToOpenFiles(context, fix)).forEach((fix, index) =>
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: index === 0 && fix.safe,
          edit: workspaceEdit(context, document.uri, fix),
        }),
      );
      actions.push({
        title: `Disable ${finding.code} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [suppressionEdit(document, finding)] } },
      });
      actions.push({
        title: `Show documentation for ${finding.code} (${finding.rule})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Show rule documentation', command: SHOW_DOCS_COMMAND, arguments: [finding.code] },
      });
    }
    const fixAll = fixAllAction(context, document, findings);
    if (fixAll && here.some((f) => f.fixes.some((x) => x.safe))) actions.push(fixAll);
    actions.push(...(await generatorActions(context, document, range, request)));
    return dedupeByTitle(actions);
  });
}

function workspaceEdit(context: ServerContext, uri: string, fix: Fix): WorkspaceEdit {
  if (fix.snippet && context.clientCapabilities.snippetEdits) {
    return {
      documentChanges: [
        {
          textDocument: { uri, version: null },
          edits: fix.edits.map((e) => ({ range: e.range, snippet: { kind: 'snippet', value: e.newText } })),
        },
      ],
    } as unknown as WorkspaceEdit;
  }
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: e.range, newText: fix.snippet ? plainSnippetText(e.newText) : e.newText }));
  const changes: Record<string, TextEdit[]> = edits.length > 0 ? { [uri]: edits } : {};
  for (const other of fix.otherFiles ?? []) changes[pathToFileURL(other.path).toString()] = other.edits;
  return { changes };
}

/** A fix that edits another file applies only to the text it was computed from: not to an open, edited copy. */
function appliesToOpenFiles(context: ServerContext, fix: Fix): boolean {
  return (fix.otherFiles ?? []).every((other) => {
    const open = context.documents.get(pathToFileURL(other.path).toString());
    return !open || open.getText() === other.text;
  });
}

/** Appends `# pytest-patterns: ignore[CODE]` to the line, or adds the code to an existing directive. */
export function suppressionEdit(document: TextDocument, finding: Finding): TextEdit {
  const line = finding.range.start.line;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const existing = /#\s*pytest-patterns:\s*ignore\[([^\]]*)\]/.exec(text);
  if (existing) {
    const closing = existing.index + existing[0].length - 1;
    return { range: { start: { line, character: closing }, end: { line, character: closing } }, newText: `, ${finding.code}` };
  }
  const end = { line, character: text.length };
  return { range: { start: end, end }, newText: `  # pytest-patterns: ignore[${finding.code}]` };
}

/** Every safe fix of the document whose edits do not overlap an earlier one. */
function fixAllAction(_context: ServerContext, document: TextDocument, findings: Finding[]): CodeAction | undefined {
  const edits: TextEdit[] = [];
  for (const fix of findings.flatMap((f) => f.fixes.filter((x) => x.safe && !x.snippet).slice(0, 1))) {
    // Two fixes may both insert the same import at the same place: keep one copy.
    const fresh = fix.edits.filter((e) => !edits.some((x) => sameEdit(e, x)));
    const overlaps = fresh.some((e) => edits.some((x) => comparePositions(e.range.start, x.range.end) < 0 && comparePositions(x.range.start, e.range.end) < 0));
    if (!overlaps) edits.push(...fresh);
  }
  if (edits.length === 0) return undefined;
  return { title: 'Fix all safe pytest-patterns problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } };
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}

function dedupeByTitle(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => !seen.has(a.title) && seen.add(a.title));
}
