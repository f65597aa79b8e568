import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { URI } from '../uri';
import { ConfigError } from '../engine/config/pytestConfig';
import type { Finding } from '../engine/lint/finding';
import { noticeConfigProblem, noticeSelectorProblems } from './configNotices';

// TextDocument.update() mutates the document in place, so entries are keyed by uri and checked by version.
const cache = new Map<string, { version: number; findings: Promise<Finding[]> }>();

/** The findings of a document version, computed once per version and shared by diagnostics and code actions. */
export function findingsFor(context: ServerContext, document: TextDocument): Promise<Finding[]> {
  const cached = cache.get(document.uri);
  if (cached && cached.version === document.version) return cached.findings;
  const findings = compute(context, document);
  cache.set(document.uri, { version: document.version, findings });
  return findings;
}

/** Drops cached findings, e.g. after settings or config files changed, or when a document closes. */
export function forgetFindings(documents: Iterable<TextDocument>): void {
  for (const document of documents) cache.delete(document.uri);
}

async function compute(context: ServerContext, document: TextDocument): Promise<Finding[]> {
  const filePath = URI.toPath(document.uri);
  const editorSettings = await context.settings.get(document.uri);
  const options = {
    editorSettings,
    project: context.project,
    onRuleError: (rule: { meta: { code: string } }, error: unknown) =>
      context.log(`rule ${rule.meta.code} failed on ${filePath}: ${(error as Error).stack ?? String(error)}`),
  };
  try {
    noticeSelectorProblems(context, filePath, options);
    if (document.languageId === 'python' || filePath.endsWith('.py')) {
      return context.linter.lintTree(filePath, document.getText(), context.documents.tree(document), options);
    }
    return context.linter.lint(filePath, document.getText(), options);
  } catch (error) {
    if (error instanceof ConfigError) noticeConfigProblem(context, `${error.message}. Files under it are not checked until it is fixed.`);
    else context.log(`could not lint ${filePath}: ${(error as Error).message}`);
    return [];
  }
}
