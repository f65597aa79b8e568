import type { PytestFile } from '../../model/types';
import type { TextEdit } from '../../text/positions';

/**
 * An edit adding `import <module>` when the file does not bind `module` yet: among the module-level
 * imports in alphabetical position (after `from __future__` imports), else after the module docstring.
 */
export function ensureImportEdit(file: PytestFile, module: string): TextEdit | undefined {
  const bound = file.imports.some((i) => i.name === undefined && i.local === module && i.module === module && i.node.parent?.type === 'module');
  if (bound) return undefined;
  const statements = file.root.namedChildren.filter((c) => c !== null && c.type !== 'comment');
  const imports = statements.filter((s) => s!.type === 'import_statement' || s!.type === 'import_from_statement' || s!.type === 'future_import_statement');
  const futures = imports.filter((s) => s!.type === 'future_import_statement' || /^from\s+__future__\b/.test(s!.text));
  const regular = imports.filter((s) => !futures.includes(s));
  // Keep an isort-style order: before the first import of a module that sorts after this one.
  const after = regular.find((s) => importedModule(s!.text) > module.toLowerCase());
  let line: number;
  if (after) line = after.startPosition.row;
  else if (regular.length > 0) line = regular[regular.length - 1]!.endPosition.row + 1;
  else if (futures.length > 0) line = futures[futures.length - 1]!.endPosition.row + 1;
  else {
    const first = statements[0];
    const isDocstring = first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string';
    line = isDocstring ? first.endPosition.row + 1 : 0;
  }
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: `import ${module}\n` };
}

/** `import a.b` / `from a.b import c` → `a.b`, lowercased for ordering. */
function importedModule(statement: string): string {
  return (/^\s*(?:from|import)\s+([\w.]+)/.exec(statement)?.[1] ?? '').toLowerCase();
}
