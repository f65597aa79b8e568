// pytest (8.4 and later) refuses a test function that is a generator: the module or class that
// collects it fails with "'yield' keyword is allowed in fixtures, but not in tests (test_x)" and
// none of its tests run. Discovery parses bodies blanked (skeleton.ts), so a body is read from the
// real text, and parsed, only when its text says `yield`.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { FunctionSources } from './functionSources';

/** What pytest reports, for the container that collects test `name`. */
export function generatorTestError(name: string, container: 'module' | 'class'): string {
  return `pytest fails to collect this ${container}: 'yield' keyword is allowed in fixtures, but not in tests (${name})`;
}

/** A cheap filter per file: a text without `yield` has no generator test. */
export function mayDefineGenerators(sources: FunctionSources | undefined): boolean {
  if (!sources) return false;
  return sources.wholeText === '' || sources.wholeText.includes('yield');
}

/** A plain `def` whose own body yields (a nested def, lambda or class that yields does not count). */
export function isGeneratorTest(definition: SyntaxNode, sources: FunctionSources): boolean {
  if (definition.type !== 'function_definition' || definition.firstChild?.type === 'async') return false;
  if (!/\byield\b/.test(sources.textOf(definition))) return false;
  const body = sources.wholeDefinition(definition)?.childForFieldName('body');
  return body !== null && body !== undefined && yieldsIn(body);
}

const OWN_SCOPE = new Set(['function_definition', 'lambda', 'class_definition']);

function yieldsIn(node: SyntaxNode): boolean {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'yield') return true;
    if (!OWN_SCOPE.has(child.type) && yieldsIn(child)) return true;
  }
  return false;
}
