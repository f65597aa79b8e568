// `pytest.skip(..., allow_module_level=True)` in a module's top-level code: pytest skips the module
// while importing it, so it collects none of its tests and `--collect-only` lists none. Without
// `allow_module_level=True` pytest refuses the call: the module is a collection error. Under an
// `if` (or in a `try`, `with`, loop or class body) whether it runs is known only on import.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { callArguments } from '../model/syntax';
import { evaluate } from './pyValues';
import type { Scope } from './scope';
import { qualifiedName } from './stdlibObjects';

/** pytest's message for a module-level skip without `allow_module_level=True` (pytest 9). */
export const SKIP_OUTSIDE_TEST =
  'Using pytest.skip outside of a test will skip the entire module. If that\'s your intention, pass `allow_module_level=True`. ' +
  'If you want to skip a specific test or an entire class, use the @pytest.mark.skip or @pytest.mark.skipif decorators.';

export type ModuleSkip =
  /** The module's own code skips it on import, always. */
  | { kind: 'skipped'; reason: string }
  /** pytest refuses the skip: a collection error. */
  | { kind: 'error'; message: string }
  /** A skip that may or may not run on import (in a block, or its flag computed). */
  | { kind: 'maybe' };

/** Statements that run on import but may not reach a skip inside them. */
const BLOCKS = new Set(['if_statement', 'try_statement', 'with_statement', 'for_statement', 'while_statement', 'match_statement', 'class_definition', 'decorated_definition']);

/** How the module's top-level code skips it, if it does. */
export function moduleSkipOf(root: SyntaxNode, scope: Scope): ModuleSkip | undefined {
  let maybe = false;
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const type = statement.type;
    if (type === 'expression_statement' || type === 'raise_statement') {
      const call = statement.namedChild(0);
      const skip = call?.type === 'call' ? skipCall(call, scope) : undefined;
      if (skip) return skip;
    } else if (!maybe && BLOCKS.has(type) && statement.text.includes('skip')) {
      // Function bodies are not code that runs on import (and discovery parses them blanked).
      maybe = statement.descendantsOfType('call').some((call) => call !== null && skipCall(call, scope) !== undefined && !inFunction(call, statement));
    }
  }
  return maybe ? { kind: 'maybe' } : undefined;
}

/** What a call to `pytest.skip` (or `raise pytest.skip.Exception(...)`) does at module level. */
function skipCall(call: SyntaxNode, scope: Scope): ModuleSkip | undefined {
  const callee = call.childForFieldName('function');
  const name = callee ? qualifiedName(callee, scope) : undefined;
  if (name !== 'pytest.skip' && name !== 'pytest.skip.Exception') return undefined;
  const { positional, keywords } = callArguments(call.childForFieldName('arguments'));
  const allow = keywords.get('allow_module_level');
  const allowed = allow ? evaluate(allow, scope) : { kind: 'bool' as const, value: false };
  if (allowed.kind !== 'bool') return { kind: 'maybe' };
  if (!allowed.value) return { kind: 'error', message: SKIP_OUTSIDE_TEST };
  const reasonNode = keywords.get('reason') ?? keywords.get('msg') ?? positional[0];
  const reason = reasonNode ? evaluate(reasonNode, scope) : { kind: 'str' as const, value: '' };
  return { kind: 'skipped', reason: reason.kind === 'str' ? reason.value : 'a reason computed on import' };
}

function inFunction(node: SyntaxNode, within: SyntaxNode): boolean {
  for (let parent = node.parent; parent && parent.id !== within.id; parent = parent.parent) {
    if (parent.type === 'function_definition' || parent.type === 'lambda') return true;
  }
  return false;
}
