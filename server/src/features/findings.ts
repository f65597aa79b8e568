import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { URI } from '../uri';
import type { Finding } from '../engine/lint/finding';

const cache = new WeakMap<TextDocument, Promise<Finding[]>>();

/**
 * The findings of a document version, computed once per version and shared by diagnostics and
 * code actions. (TextDocument objects are replaced on each change, so a WeakMap keyed by them is
 * exactly a per-version cache.)
 */
export function findingsFor(context: ServerContext, document: TextDocument): Promise<Finding[]> {
  let findings = cache.get(document);
  if (!findings) {
    findings = compute(context, document);
    cache.set(document, findings);
  }
  return findings;
}

/** Drops cached findings, e.g. after settings or config files changed. */
export function forgetFindings(documents: Iterable<TextDocument>): void {
  for (const document of documents) cache.delete(document);
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
    if (document.languageId === 'python' || filePath.endsWith('.py')) {
      return context.linter.lintTree(filePath, document.getText(), context.documents.tree(document), options);
    }
    return context.linter.lint(filePath, document.getText(), options);
  } catch (error) {
    context.log(`could not lint ${filePath}: ${(error as Error).message}`);
    return [];
  }
}
