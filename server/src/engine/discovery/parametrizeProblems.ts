// What makes pytest fail a test's parametrize marks at collection, and with them the module or
// class collecting the test (pytest's `Metafunc.parametrize` calls `fail()`): a row with another
// number of values than there are names, an `ids` list of another length than the rows, a name the
// test does not take (it must be one of its fixtures: its arguments, what they request, the
// `usefixtures` and autouse ones). Said only when the source shows it for certain.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import { HIDDEN, resolveIds } from './nodeIds';
import type { ParameterSet, Parametrization } from './nodeIds';

/** The test as pytest validates its parametrize marks. */
export interface ParametrizedTest {
  /** The function's own name (pytest's messages use `__name__`). */
  functionName: string;
  nodeid: string;
  /** Each parametrize mark that applies (its own, its classes', the module's), with its `indirect` argument. */
  marks: { parametrization: Parametrization; indirect?: SyntaxNode }[];
  /**
   * Every fixture name the test reaches (`metafunc.fixturenames`); undefined when some fixture's
   * own requests are unknown (defined out of reach, or a decorator rewrites the signature).
   */
  fixtureNames?: ReadonlySet<string>;
  /** Arguments with a default value (pytest does not fill them). */
  defaults: ReadonlySet<string>;
  /** The ini's `strict_parametrization_ids` (or `strict`): duplicate ids are an error. */
  strictIds?: boolean;
}

/** pytest's message for the first problem, or undefined. */
export function parametrizeProblem(test: ParametrizedTest): string | undefined {
  for (const { parametrization, indirect } of test.marks) {
    const { argnames, sets, ids } = parametrization;
    if (argnames.length === 0) continue; // names not read: nothing to say
    if (argnames.length > 1) {
      const wrong = sets?.find((set) => set.values !== undefined && set.values.length !== argnames.length);
      if (wrong) {
        const written = wrong.node?.text ?? `${wrong.values!.length} values`;
        return `${test.nodeid}: in "parametrize" the number of names (${argnames.length}): [${argnames.map((n) => `'${n}'`).join(', ')}] must be equal to the number of values (${wrong.values!.length}): ${written}`;
      }
    }
    // In pytest's order: the rows, the names, then the ids.
    for (const arg of test.fixtureNames ? argnames : []) {
      if (test.fixtureNames!.has(arg)) continue;
      if (test.defaults.has(arg)) return `In ${test.functionName}: function already takes an argument '${arg}' with a default value`;
      return `In ${test.functionName}: function uses no ${isIndirect(indirect, arg) ? 'fixture' : 'argument'} '${arg}'`;
    }
    if (Array.isArray(ids) && sets && ids.length !== 0 && ids.length !== sets.length) {
      return `In ${test.functionName}: ${sets.length} parameter sets specified, with different number of ids: ${ids.length}`;
    }
    const duplicates = test.strictIds && sets ? duplicateIds(parametrization, sets) : [];
    if (duplicates.length > 0) {
      return `Duplicate parametrization IDs detected, but strict_parametrization_ids is set (test ${test.nodeid}, duplicates: ${duplicates.join(', ')}). Give them ids with ids=... or pytest.param(..., id=...).`;
    }
  }
  return undefined;
}

/** The ids pytest would give more than one set, when every id is known (a guess proves nothing). */
function duplicateIds(parametrization: Parametrization, sets: ParameterSet[]): string[] {
  const resolved = resolveIds(parametrization, sets);
  if (resolved.some((r) => !r.exact)) return [];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { id } of resolved) {
    const key = id === HIDDEN ? '<hidden>' : id;
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  return [...duplicates];
}

function isIndirect(indirect: SyntaxNode | undefined, arg: string): boolean {
  if (!indirect) return false;
  if (indirect.type === 'true') return true;
  if (indirect.type === 'list' || indirect.type === 'tuple') return indirect.namedChildren.some((c) => c?.type === 'string' && c.text.slice(1, -1) === arg);
  return false;
}

/**
 * Fixtures pytest itself provides, which request nothing a test could parametrize: a test reaching
 * only these and the project's own fixtures has a closure known for certain.
 */
export const BUILTIN_FIXTURES: ReadonlySet<string> = new Set([
  'request', 'tmp_path', 'tmp_path_factory', 'tmpdir', 'tmpdir_factory', 'monkeypatch', 'capsys', 'capsysbinary', 'capfd', 'capfdbinary', 'capteesys',
  'caplog', 'recwarn', 'pytestconfig', 'record_property', 'record_xml_attribute', 'record_testsuite_property', 'doctest_namespace', 'cache', 'pytester', 'testdir', 'subtests',
]);
