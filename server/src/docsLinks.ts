import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// Rule docs ship inside the extension (dist/docs/rules); from source they are in docs/rules.
const candidates = [path.join(__dirname, 'docs', 'rules'), path.resolve(__dirname, '..', '..', '..', 'docs', 'rules'), path.resolve(__dirname, '..', '..', 'docs', 'rules')];

let docsDir: string | undefined;

export function ruleDocsPath(code: string): string | undefined {
  docsDir ??= candidates.find((d) => fs.existsSync(path.join(d, 'PP101.md')));
  return docsDir ? path.join(docsDir, `${code}.md`) : undefined;
}

/** A `file:` URI to the rule's docs page: works offline and in every LSP client. */
export function ruleDocsUrl(code: string): string | undefined {
  const file = ruleDocsPath(code);
  return file ? pathToFileURL(file).toString() : undefined;
}
