import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, DiagnosticTag, DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { ruleDocsUrl } from '../docsLinks';
import type { Finding } from '../engine/lint/finding';
import { findingsFor, forgetFindings } from './findings';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export const DIAGNOSTIC_SOURCE = 'pytest-patterns';

export function toDiagnostic(finding: Finding): Diagnostic {
  const href = ruleDocsUrl(finding.code);
  const tags = finding.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    ...(href ? { codeDescription: { href } } : {}),
    message: `${finding.message} (${finding.rule})`,
    ...(tags.length ? { tags } : {}),
  };
}

/** Pull diagnostics for clients that support them; published diagnostics for the others (Neovim 0.7). */
export function register(context: ServerContext): void {
  const { connection, documents } = context;
  documents.onDidClose((document) => forgetFindings([document]));
  if (context.clientCapabilities.pullDiagnostics) {
    connection.languages.diagnostics.on(async (params) => {
      const document = documents.get(params.textDocument.uri);
      const items = document ? (await findingsFor(context, document)).map(toDiagnostic) : [];
      return { kind: DocumentDiagnosticReportKind.Full, items };
    });
    return;
  }
  const publish = async (document: TextDocument) => {
    const version = document.version;
    const findings = await findingsFor(context, document);
    if (documents.get(document.uri)?.version !== version) return; // a newer version will publish
    await connection.sendDiagnostics({ uri: document.uri, version, diagnostics: findings.map(toDiagnostic) });
  };
  documents.onDidChange((document) => void publish(document));
  documents.onDidClose((document) => void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));
  context.onDiagnosticsRefresh(() => documents.all().forEach((d) => void publish(d)));
}

