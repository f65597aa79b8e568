// Some modules create tests when pytest imports them: a loop writing classes into `globals()`,
// `exec` of generated source, `setattr(cls, "test_…", …)`, or a module function doing so that a
// decorator or a top-level call runs (scipy's `@KDTreeTest` adds one subclass per tree type).
// Static discovery lists what the source defines and flags the module, so the user knows Refresh
// (pytest's collection) may list more.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { FunctionSources } from './functionSources';

/** Calls that bind names no statement spells out; `setattr` only when a test name may be set. */
const RUN_TIME_DEFINITIONS = /\b(?:exec[ \t]*\(|(?:globals|locals|vars)\(\)[ \t]*(?:\[|\.update\b)|setattr[ \t]*\([^)]*\btest)/i;

/**
 * Whether statements outside function bodies (module level, blocks, class bodies) may create
 * tests at import time, themselves or through a module function they call or decorate with.
 * Function bodies run later, if ever: a test's own `setattr` is no sign. `sources` gives the
 * real text of functions whose bodies the parsed tree blanked (see skeleton.ts).
 */
export function createsTestsAtRunTime(root: SyntaxNode, sources: FunctionSources = FunctionSources.ofWholeTree()): boolean {
  if (!RUN_TIME_DEFINITIONS.test(sources.wholeText || root.text)) return false; // most modules: one scan
  const creators = creatingFunctions(root, sources);
  const runsCreator = creators.length === 0 ? undefined : new RegExp(`\\b(?:${creators.join('|')})\\b`);
  return outsideFunctions(root, runsCreator);
}

/** Module-level functions whose bodies may create definitions when called. */
function creatingFunctions(root: SyntaxNode, sources: FunctionSources): string[] {
  const names: string[] = [];
  for (const statement of root.namedChildren) {
    const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'function_definition') continue;
    const name = definition.childForFieldName('name')?.text;
    if (name && RUN_TIME_DEFINITIONS.test(sources.textOf(definition))) names.push(name);
  }
  return names;
}

function outsideFunctions(block: SyntaxNode, runsCreator: RegExp | undefined): boolean {
  for (const statement of block.namedChildren) {
    if (!statement) continue;
    const decorated = statement.type === 'decorated_definition';
    const definition = decorated ? statement.childForFieldName('definition') : statement;
    const type = definition?.type;
    if (type === 'function_definition' || type === 'class_definition') {
      // Decorators run on import: `@register_variants` may add classes to the module.
      if (decorated && runsCreator && statement.namedChildren.some((d) => d?.type === 'decorator' && runsCreator.test(d.text))) return true;
      const body = type === 'class_definition' ? definition!.childForFieldName('body') : undefined;
      if (body && outsideFunctions(body, runsCreator)) return true;
      continue;
    }
    const text = statement.text;
    if (RUN_TIME_DEFINITIONS.test(text) || runsCreator?.test(text)) return true;
  }
  return false;
}
