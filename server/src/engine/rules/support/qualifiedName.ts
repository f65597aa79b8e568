import type { Node as SyntaxNode } from 'web-tree-sitter';
import { dottedName } from '../../model/syntax';
import type { PytestFile } from '../../model/types';

/**
 * The fully qualified name a call or reference resolves to through the file's imports:
 * `sleep` after `from time import sleep` and `t.sleep` after `import time as t` both give
 * `time.sleep`. Names that are not imported come back as written (`open`, `self.client.get`).
 */
export function qualifiedName(file: PytestFile, node: SyntaxNode | null | undefined): string | undefined {
  const written = dottedName(node);
  if (!written) return undefined;
  const [head, ...rest] = written.split('.');
  const binding = file.imports.find((i) => i.local === head);
  if (!binding) return written;
  const base = binding.name !== undefined ? `${binding.module}.${binding.name}` : binding.local === binding.module.split('.')[0] ? head : binding.module;
  return [base, ...rest].join('.');
}

/** Whether the file imports `module` (or something from it or below it). */
export function importsModule(file: PytestFile, module: string): boolean {
  return file.imports.some((i) => i.module === module || i.module.startsWith(`${module}.`));
}
