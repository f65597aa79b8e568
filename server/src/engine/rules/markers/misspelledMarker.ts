import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import { REFUSED_PARAMETRIZE_SPELLINGS } from '../../model/decorators';
import type { Marker, TestClass } from '../../model/types';
import { rangeOf } from '../../text/positions';
import { editDistance } from '../support/editDistance';
import type { PythonRule } from '../types';

/** The markers pytest itself registers (`pytest --markers`, pytest 9). */
const BUILTIN_MARKERS = ['parametrize', 'skip', 'skipif', 'xfail', 'usefixtures', 'filterwarnings', 'tryfirst', 'trylast'];

/** `skip_if`, `skipIf`, `Parametrize` → `skipif`, `skipif`, `parametrize`: how pytest's names are compared. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

/**
 * The builtin marker a name misspells, or undefined: the same letters but for case and underscores,
 * or (for the longer names, where two words rarely sit that close) one edit away, two for 8+ letters.
 */
function intendedBuiltin(name: string): string | undefined {
  const written = normalized(name);
  for (const builtin of BUILTIN_MARKERS) {
    if (written === builtin) return builtin;
    const limit = builtin.length >= 8 ? 2 : builtin.length >= 5 ? 1 : 0;
    if (limit > 0 && editDistance(written, builtin) <= limit) return builtin;
  }
  return undefined;
}

/** PP108 — `@pytest.mark.xfial`: a misspelt builtin marker is an unknown custom one and does nothing (`parametrise` fails the module). */
export const misspelledMarker: PythonRule = {
  meta: {
    code: 'PP108',
    name: 'misspelled-marker',
    summary: 'A marker that misspells one of pytest\'s own (`skip_if`, `usefixture`, `xfial`: an unknown mark pytest ignores; `parametrise`: the module fails to collect).',
    defaultSeverity: 'error',
    defaultEnabled: true,
    fixable: true,
    options: {},
  },
  check({ file, pytestConfig, report }) {
    const registered = new Set([...BUILTIN_MARKERS, ...pytestConfig.markers]);
    const seen = new Set<number>();
    for (const marker of markersOf(file.markers, file.classes, allTests(file).flatMap((t) => t.markers))) {
      if (registered.has(marker.name) || seen.has(marker.node.id)) continue;
      seen.add(marker.node.id);
      const intended = intendedBuiltin(marker.name);
      const name = intended ? nameNode(marker.node) : undefined;
      if (!intended || !name) continue;
      report({
        range: rangeOf(name),
        message: REFUSED_PARAMETRIZE_SPELLINGS.has(marker.name)
          ? `\`pytest.mark.${marker.name}\` is not pytest's \`${intended}\`: pytest fails to collect the module ("Unknown '${marker.name}' mark, did you mean 'parametrize'?") and none of its tests run.`
          : `\`pytest.mark.${marker.name}\` is not pytest's \`${intended}\`: pytest takes it for an unknown custom mark ` +
            '(a PytestUnknownMarkWarning, a collection error under --strict-markers) and the test runs as if it were not there.',
        fixes: [{ title: `Change to \`${intended}\``, edits: [{ range: rangeOf(name), newText: intended }], safe: false }],
      });
    }
  },
};

function markersOf(fileMarkers: readonly Marker[], classes: readonly TestClass[], testMarkers: readonly Marker[]): Marker[] {
  const fromClasses = (list: readonly TestClass[]): Marker[] => list.flatMap((cls) => [...cls.markers, ...fromClasses(cls.classes)]);
  return [...fileMarkers, ...fromClasses(classes), ...testMarkers];
}

/** The marker's own name in `pytest.mark.<name>` / `pytest.mark.<name>(...)` (a decorator or a `pytestmark` item). */
function nameNode(node: SyntaxNode): SyntaxNode | undefined {
  let expression: SyntaxNode | null = node.type === 'decorator' ? node.namedChild(0) : node;
  if (expression?.type === 'call') expression = expression.childForFieldName('function');
  return expression?.type === 'attribute' ? (expression.childForFieldName('attribute') ?? undefined) : undefined;
}
