// pytest (9.0, as recent versions) refuses a test function that is a generator: the module or class that
// collects it fails with "'yield' keyword is allowed in fixtures, but not in tests (test_x)" and
// none of its tests run. Discovery parses bodies blanked (skeleton.ts), so a body is read from the
// real text, and parsed, only when its text says `yield`.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { keepsFunction, readDecorators } from '../model/decorators';
import { findInScope } from '../model/syntax';
import type { FunctionSources } from './functionSources';

/** What pytest reports for test `name` (its module or class then fails to collect). */
export function generatorTestProblem(name: string): string {
  return `'yield' keyword is allowed in fixtures, but not in tests (${name})`;
}

/** A cheap filter per file: a text without `yield` has no generator test. */
export function mayDefineGenerators(sources: FunctionSources | undefined): boolean {
  if (!sources) return false;
  return sources.wholeText === '' || sources.wholeText.includes('yield');
}

/**
 * A plain `def` whose own body yields (a nested def, lambda or class that yields does not count),
 * decorated by marks only: another decorator (`@contextmanager`, a project's driver of yielded
 * steps) gives pytest a wrapper, which is no generator. `statement`: the def or its decorated form.
 */
export function isGeneratorTest(statement: SyntaxNode, definition: SyntaxNode, sources: FunctionSources): boolean {
  if (definition.type !== 'function_definition' || definition.firstChild?.type === 'async') return false;
  if (!keepsFunction(readDecorators(statement))) return false;
  if (!/\byield\b/.test(sources.textOf(definition))) return false;
  const body = sources.wholeDefinition(definition)?.childForFieldName('body');
  return body !== null && body !== undefined && findInScope(body, 'yield').length > 0;
}
