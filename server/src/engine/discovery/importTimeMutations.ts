// A module function that fills a module-level container, run on import (scipy's qhull tests call
// `_add_inc_data(name, chunksize)` in a loop, which does `INCREMENTAL_DATASETS[new_name] = …`):
// from that call on, the container is not what its display says. Discovery parses function bodies
// blanked (skeleton.ts), so scopeOf cannot see such mutations; this pass reads the bodies of the
// functions that module-level code calls or decorates with.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { FunctionSources } from './functionSources';
import { MUTATING_USE, Scope } from './scope';

const UNKNOWN_VALUE = { kind: 'value', node: { kind: 'unknown' } } as const;

function escaped(name: string): string {
  return name.replace(/[^\w]/g, '');
}

/** Makes the module's containers unknown from the first import-time call of a function that mutates them. */
export function forgetImportTimeMutations(root: SyntaxNode, scope: Scope, sources: FunctionSources = FunctionSources.ofWholeTree()): void {
  const containers = scope.valueNames();
  if (containers.length === 0) return;
  // Tests themselves are not what module code runs on import: only helpers are looked for.
  const functions = new Map(scope.functionDefinitions().filter(([name]) => !name.startsWith('test')));
  if (functions.size === 0) return;
  // Module-level code is short next to function bodies: find the calls first, then read only those bodies.
  const runs = new RegExp(String.raw`(?<![\w.])(${[...functions.keys()].join('|')})\b`, 'g');
  const mutation = new RegExp(String.raw`(?<![\w.])(${containers.map(escaped).join('|')})` + MUTATING_USE, 'g');
  const mutatedBy = new Map<string, Set<string>>();
  for (const [statement, called] of importTimeCalls(root, runs)) {
    let mutated = mutatedBy.get(called);
    if (!mutated) mutatedBy.set(called, (mutated = new Set([...sources.textOf(functions.get(called)!).matchAll(mutation)].map((match) => match[1]))));
    for (const name of mutated) scope.bind(name, statement.startIndex, UNKNOWN_VALUE);
  }
}

/** Module-level statements (blocks and class bodies included, function bodies not) that name one of the functions, and which. */
function* importTimeCalls(block: SyntaxNode, runs: RegExp): Generator<[SyntaxNode, string]> {
  for (const statement of block.namedChildren) {
    if (!statement) continue;
    const decorated = statement.type === 'decorated_definition';
    const definition = decorated ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition' || definition?.type === 'class_definition') {
      // Decorators run on import; a class body too.
      for (const decorator of decorated ? statement.namedChildren.filter((d) => d?.type === 'decorator') : []) {
        for (const match of decorator!.text.matchAll(runs)) yield [statement, match[1]];
      }
      const body = definition.type === 'class_definition' ? definition.childForFieldName('body') : null;
      if (body) yield* importTimeCalls(body, runs);
      continue;
    }
    for (const match of statement.text.matchAll(runs)) yield [statement, match[1]];
  }
}
