// What PP108 and PP109 share: every mark a file applies, the name node of a mark, and which of
// pytest's own markers a name misspells.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import type { Marker, PytestFile, TestClass } from '../../model/types';
import { BUILTIN_MARKERS } from '../../config/markers';
import { editDistance } from '../support/editDistance';

/** `skip_if`, `skipIf`, `Parametrize` → `skipif`, `skipif`, `parametrize`: how pytest's names are compared. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

/**
 * The builtin marker a name misspells, or undefined: the same letters but for case and underscores,
 * or (for the longer names, where two words rarely sit that close) one edit away, two for 8+ letters.
 */
export function intendedBuiltin(name: string): string | undefined {
  const written = normalized(name);
  for (const builtin of BUILTIN_MARKERS) {
    if (written === builtin) return builtin;
    const limit = builtin.length >= 8 ? 2 : builtin.length >= 5 ? 1 : 0;
    if (limit > 0 && editDistance(written, builtin) <= limit) return builtin;
  }
  return undefined;
}

/** Every mark of the file, each once: the module's `pytestmark`, its classes' (nested too) and its tests'. */
export function marksOf(file: PytestFile): Marker[] {
  const fromClasses = (list: readonly TestClass[]): Marker[] => list.flatMap((cls) => [...cls.markers, ...fromClasses(cls.classes)]);
  const seen = new Set<number>();
  return [...file.markers, ...fromClasses(file.classes), ...allTests(file).flatMap((t) => t.markers)].filter((marker) => {
    if (seen.has(marker.node.id)) return false;
    seen.add(marker.node.id);
    return true;
  });
}

/** The marker's own name in `pytest.mark.<name>` / `pytest.mark.<name>(...)` (a decorator or a `pytestmark` item). */
export function markNameNode(node: SyntaxNode): SyntaxNode | undefined {
  let expression: SyntaxNode | null = node.type === 'decorator' ? node.namedChild(0) : node;
  if (expression?.type === 'call') expression = expression.childForFieldName('function');
  return expression?.type === 'attribute' ? (expression.childForFieldName('attribute') ?? undefined) : undefined;
}
