// Some modules create tests when pytest imports them: a loop writing classes into `globals()`,
// `exec` of generated source, `setattr(cls, "test_…", …)`. Static discovery lists what the source
// defines and flags the module, so the user knows Refresh (pytest's collection) may list more.

import type { Node as SyntaxNode } from 'web-tree-sitter';

/** Calls that bind names no statement spells out; `setattr` only when a test name may be set. */
const RUN_TIME_DEFINITIONS = /\b(?:exec[ \t]*\(|(?:globals|locals|vars)\(\)[ \t]*(?:\[|\.update\b)|setattr[ \t]*\([^)]*\btest)/i;

/**
 * Whether statements outside function bodies (module level, blocks, class bodies) may create
 * tests at import time. Function bodies run later, if ever: a test's own `setattr` is no sign.
 */
export function createsTestsAtRunTime(block: SyntaxNode): boolean {
  for (const statement of block.namedChildren) {
    if (!statement) continue;
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition') continue;
    if (definition?.type === 'class_definition') {
      const body = definition.childForFieldName('body');
      if (body && createsTestsAtRunTime(body)) return true;
      continue;
    }
    if (RUN_TIME_DEFINITIONS.test(statement.text)) return true;
  }
  return false;
}
