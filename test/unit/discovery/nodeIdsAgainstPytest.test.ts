// The static id builder against the real pytest: a generated suite with many parametrize shapes
// is collected by `python3 -m pytest --collect-only` and by static discovery; the sets must agree.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredItem, DiscoveredModule, flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { collectBothWays, writeSuite } from './pytestSuite';

function difference(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
}

describe('static node ids against pytest --collect-only', () => {
  let root: string;
  let parser: Parser;
  let pytestIds: string[];
  let items: DiscoveredItem[];
  let ours: string[];

  before(async () => {
    root = writeSuite();
    parser = await createPythonParser();
    let output: string;
    ({ pytestIds, output, items, ours } = collectBothWays(root, parser));
    assert.ok(pytestIds.length > 100, `pytest collected too little:\n${output}`);
  });

  /** The item or one of its ancestors is defined under an `if`. */
  const underIf = (nodeid: string): boolean => items.some((i) => i.conditional === true && (nodeid === i.nodeid || nodeid.startsWith(`${i.nodeid}::`) || nodeid.startsWith(`${i.nodeid}[`)));

  after(() => {
    parser?.delete();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('finds exactly the ids pytest collects in the files with literal values', () => {
    const literal = (id: string): boolean => !/^tests\/(test_(dynamic|numpy_shapes|block_values|helper_cases|runtime_tests|runtime_decorator|class_sources)\.py|hooks\/)/.test(id);
    const missing = difference(pytestIds.filter(literal), ours);
    const extra = difference(ours.filter(literal), pytestIds).filter((id) => !underIf(id));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    assert.ok(ours.filter(literal).length > 150, 'the generated suite should give many literal cases');
  });

  it('lists the cases of each literal function in pytest\'s order (sorted(), Enum iteration, ids= callables)', () => {
    // Per function: pytest may reorder whole tests (higher-scoped fixture params group them).
    const byFunction = (ids: readonly string[]): Map<string, string[]> => {
      const functions = new Map<string, string[]>();
      for (const id of ids.filter((i) => i.startsWith('tests/test_shapes.py::'))) functions.set(id.split('[')[0], [...(functions.get(id.split('[')[0]) ?? []), id]);
      return functions;
    };
    const theirs = byFunction(pytestIds);
    const differing = [...byFunction(ours)].filter(([fn, cases]) => JSON.stringify(cases) !== JSON.stringify(theirs.get(fn)));
    assert.deepEqual(differing, []);
  });

  it('lists tests under an if flagged, and those in try/with/else/finally blocks as certain', () => {
    const file = 'tests/test_conditional.py';
    const collected = pytestIds.filter((id) => id.startsWith(file));
    assert.equal(collected.length, 8, `pytest should collect the eight tests that run on import:\n${collected.join('\n')}`);
    assert.deepEqual(difference(collected, ours), [], 'a test pytest collects from a block is missing');
    const extra = difference(ours.filter((id) => id.startsWith(file)), pytestIds);
    assert.deepEqual(extra, [`${file}::test_python2__branch_not_taken__then_not_collected`, `${file}::TestBranches::test_platform__other_branch__then_not_collected`]);
    assert.deepEqual(extra.filter((id) => !underIf(id)), [], 'a test pytest may not collect is not flagged');
    const certainUnderIf = collected.filter((id) => !/python3|platform/.test(id)).filter(underIf);
    assert.deepEqual(certainUnderIf, [], 'a test from a try/with block, or also defined outside the if, is flagged as conditional');
  });

  it('flags the modules whose import creates tests, and only those: what pytest adds is in them', () => {
    const flagged = items.filter((i): i is DiscoveredModule => i.kind === 'module' && (i as DiscoveredModule).runtimeTests === true).map((m) => m.nodeid);
    assert.deepEqual(flagged.sort(), ['tests/test_runtime_decorator.py', 'tests/test_runtime_tests.py']);
    const missing = difference(pytestIds, ours).filter((id) => /^tests\/test_runtime_/.test(id));
    assert.deepEqual(missing.sort(), [
      'tests/test_runtime_decorator.py::TestSizedSize1::test_size__generated_class__then_positive',
      'tests/test_runtime_decorator.py::TestSizedSize2::test_size__generated_class__then_positive',
      'tests/test_runtime_tests.py::TestPatched::test_patched__added__then_collected',
      'tests/test_runtime_tests.py::TestWidth16::test_width__generated__then_positive',
      'tests/test_runtime_tests.py::TestWidth8::test_width__generated__then_positive',
    ]);
    assert.ok(ours.includes('tests/test_runtime_tests.py::test_static__defined_in_source__then_listed'), 'the tests the source spells out are still listed');
  });

  it('flags the classes whose bases are computed, and only those: what pytest adds is in them', () => {
    const file = 'tests/test_class_sources.py';
    const flagged = items.filter((i) => i.inheritsComputedBase === true).map((i) => i.nodeid);
    assert.deepEqual(flagged, [`${file}::TestComputed`, `${file}::TestComputedChild`, `${file}::TestComputedByName`]);
    const missing = difference(pytestIds, ours).filter((id) => id.startsWith(file));
    assert.deepEqual(missing, flagged.map((cls) => `${cls}::test_base__computed__then_inherited`));
    assert.deepEqual(difference(ours.filter((id) => id.startsWith(file)), pytestIds), [], 'an id pytest does not collect');
  });

  it('collects test aliases (`test_x = Other.test_y`, `test_x = helper`) under their own names, with the cases of the function they name', () => {
    const file = 'tests/test_class_sources.py';
    const aliasIds = pytestIds.filter((id) => id.startsWith(file) && /alias/.test(id));
    assert.equal(aliasIds.length, 7, `pytest should collect the aliases:\n${aliasIds.join('\n')}`);
    assert.deepEqual(difference(aliasIds, ours), [], 'an alias pytest collects is missing');
    const shared = items.find((i) => i.nodeid === `${file}::TestAliases::test_plain__through_class_alias__then_collected`);
    assert.equal(shared?.range?.start.line, 48, 'an alias points at the function it runs, as pytest reports it');
    assert.ok(!ours.some((id) => id.startsWith(file) && /not_collected/.test(id)), 'an alias of a class or a module is no test');
  });

  it('collects a lambda bound to a test name, as pytest does (`test_x = lambda: …`)', () => {
    const file = 'tests/test_class_sources.py';
    const expected = [`${file}::test_lambda__module_level__then_collected`, `${file}::TestLambdas::test_lambda__in_class__then_collected`];
    assert.deepEqual(difference(expected, pytestIds), [], 'pytest should collect both lambdas');
    assert.deepEqual(difference(expected, ours), []);
    const moduleLambda = items.find((i) => i.nodeid === expected[0]);
    assert.equal(moduleLambda?.range?.start.line, 71, 'the item points at the assignment');
  });

  it('marks every literal case as exact', () => {
    const inexact = items.filter((i) => i.kind === 'case' && i.exact === false && !/(test_(dynamic|numpy_shapes|block_values|helper_cases)\.py|[\\/]hooks[\\/]test_hooked\.py)$/.test(i.file));
    assert.deepEqual(inexact.map((i) => i.nodeid), []);
  });

  it('never claims a computed case as exact: unknown values are dynamic or flagged inexact', () => {
    const dynamicFile = items.filter((i) => i.file.endsWith('test_dynamic.py'));
    const leaves = dynamicFile.filter((i) => (i.kind === 'case' || i.kind === 'function') && i.children.length === 0 && !i.dynamic);
    const exactLeaves = leaves.filter((i) => i.exact !== false).map((i) => i.nodeid);
    assert.deepEqual(difference(exactLeaves, pytestIds), [], 'an id marked exact that pytest does not produce');
    const functions = dynamicFile.filter((i) => i.kind === 'function');
    const uncertain = functions.filter((f) => f.dynamic || f.exact === false || f.children.some((c) => c.exact === false));
    const parentOf = (id: string): string => id.slice(0, id.lastIndexOf('::'));
    for (const id of pytestIds.filter((p) => p.startsWith('tests/test_dynamic.py'))) {
      if (ours.includes(id)) continue;
      // Its cases, or (a metaclass renaming methods) a guessed method of the same class.
      const owner = functions.find((f) => id.startsWith(`${f.nodeid}[`)) ?? functions.find((f) => f.exact === false && parentOf(f.nodeid) === parentOf(id.split('[')[0]));
      assert.ok(owner && uncertain.includes(owner), `${id}: pytest collects it, discovery neither has it nor flags its function`);
    }
    assert.ok(functions.some((f) => f.dynamic), 'computed argvalues must make the function dynamic');
  });

  it('pytest_generate_tests makes the tests it may parametrize dynamic; pytest_make_parametrize_id makes case ids guesses', () => {
    const file = 'tests/hooks/test_hooked.py';
    const fn = (name: string): DiscoveredItem | undefined => items.find((i) => i.nodeid === `${file}::${name}`);
    const collected = (name: string): string[] => pytestIds.filter((id) => id.startsWith(`${file}::${name}[`));
    assert.equal(collected('test_seeded__conftest_hook_parametrizes__then_dynamic').length, 2, 'pytest should parametrize it through the conftest hook');
    assert.equal(fn('test_seeded__conftest_hook_parametrizes__then_dynamic')?.dynamic, true, 'the conftest.py hook may parametrize it');
    assert.equal(collected('test_local__module_hook_parametrizes__then_dynamic').length, 1, 'pytest should parametrize it through the module hook');
    assert.equal(fn('test_local__module_hook_parametrizes__then_dynamic')?.dynamic, true, 'the module\'s own hook may parametrize it');
    const renamed = fn('test_renamed__hook_names_cases__then_guessed');
    assert.deepEqual(collected('test_renamed__hook_names_cases__then_guessed').map((id) => id.split('[')[1]), ['hooked_n=1]', 'hooked_n=2]'], 'pytest should name the cases by the hook');
    assert.deepEqual(renamed?.children.map((c) => c.exact), [false, false], 'a hook may rename the cases: their ids are guesses');
    const plain = fn('test_plain__no_hook_reaches__then_certain');
    assert.ok(plain && !plain.dynamic && plain.exact !== false && pytestIds.includes(plain.nodeid), 'a test no hook reaches stays certain');
  });

  it('values an if block may rebind or extend give guessed ids; a top-level append makes them dynamic', () => {
    const file = 'tests/test_block_values.py';
    const cases = (fn: string): DiscoveredItem[] => items.filter((i) => i.kind === 'case' && i.nodeid.startsWith(`${file}::${fn}[`));
    const pytestCases = (fn: string): string[] => pytestIds.filter((id) => id.startsWith(`${file}::${fn}[`));
    const rebound = cases('test_rebound__if_rebinds__then_guessed');
    assert.deepEqual(rebound.map((c) => [c.nodeid.split('[')[1], c.exact]), [['1]', false], ['2]', false]], 'the literal before the if, flagged');
    assert.deepEqual(difference(pytestCases('test_rebound__if_rebinds__then_guessed'), ours).length, 2, 'pytest collects the block\'s values');
    const viaHelper = cases('test_helper__reads_rebound__then_guessed');
    assert.deepEqual(viaHelper.map((c) => [c.nodeid.split('[')[1], c.exact]), [['10]', false], ['20]', false]], 'a helper reading the rebound name is a guess too');
    const backend = cases('test_backend__if_may_append__then_guessed');
    assert.deepEqual(backend.map((c) => c.nodeid), pytestCases('test_backend__if_may_append__then_guessed'));
    assert.ok(backend.every((c) => c.exact === false), 'a fixture param list an if may extend is a guess');
    const appended = items.find((i) => i.nodeid === `${file}::test_appended__at_top_level__then_dynamic`);
    assert.ok(appended?.dynamic && appended.children.length === 0, 'a list appended to at top level is not listed');
    const fromCall = items.find((i) => i.nodeid === `${file}::test_from_call__appended__then_dynamic`);
    assert.ok(fromCall?.dynamic && fromCall.children.length === 0, 'so is a list a call built, then appended to');
    const pairs = cases('test_pairs__module_iterator__then_guessed');
    assert.deepEqual(pairs.map((c) => c.nodeid), pytestCases('test_pairs__module_iterator__then_guessed'));
    assert.ok(pairs.length > 0 && pairs.every((c) => c.exact === false), 'a module-level iterator may be used up by another module first: a guess');
    const filled = items.find((i) => i.nodeid === `${file}::test_filled_by_called_function__then_dynamic`);
    assert.ok(filled?.dynamic && filled.children.length === 0, 'a dict a module function fills on import is not its display');
    assert.equal(pytestCases('test_filled_by_called_function__then_dynamic').length, 3, 'pytest sees the filled dict');
    const notFilled = cases('test_filled_only_by_tests__then_exact');
    assert.deepEqual(notFilled.map((c) => c.nodeid), pytestCases('test_filled_only_by_tests__then_exact'));
    assert.ok(notFilled.length === 1 && notFilled.every((c) => c.exact !== false), 'a function only a test calls changes nothing at collection');
    const after = cases('test_bound_after_block__then_exact');
    assert.deepEqual(after.map((c) => c.nodeid), pytestCases('test_bound_after_block__then_exact'));
    assert.ok(after.every((c) => c.exact !== false), 'a block before the binding does not make it a guess');
  });

  it('a top-level `name += …` is evaluated with the value before it; in a loop it makes the name unknown', () => {
    const file = 'tests/test_block_values.py';
    const cases = (fn: string): DiscoveredItem[] => items.filter((i) => i.kind === 'case' && i.nodeid.startsWith(`${file}::${fn}[`));
    const pytestCases = (fn: string): string[] => pytestIds.filter((id) => id.startsWith(`${file}::${fn}[`));
    for (const fn of ['test_codes__augmented_at_top_level__then_exact', 'test_label__string_augmented__then_exact']) {
      assert.deepEqual(cases(fn).map((c) => c.nodeid), pytestCases(fn), fn);
      assert.ok(cases(fn).every((c) => c.exact !== false), `${fn}: exact`);
    }
    assert.deepEqual(pytestCases('test_codes__augmented_at_top_level__then_exact').length, 4, 'the premise: pytest sees the whole list');
    const grown = items.find((i) => i.nodeid === `${file}::test_grown_in_loop__then_dynamic`);
    assert.ok(grown?.dynamic && grown.children.length === 0, 'a list extended in a loop is not listed');
  });

  it('runs the module\'s helper functions: their cases are pytest\'s, exact; what they cannot know is not claimed', () => {
    const file = 'tests/test_helper_cases.py';
    const cases = (fn: string): DiscoveredItem[] => items.filter((i) => i.kind === 'case' && i.nodeid.startsWith(`${file}::${fn}[`));
    const pytestCases = (fn: string): string[] => pytestIds.filter((id) => id.startsWith(`${file}::${fn}[`));
    const computed = ['far_pairs__comprehension_with_condition', 'shapes__helper_calls_helper', 'named__appended_params', 'distribution__generator_over_imported_rows', 'parity__generator_with_branches', 'ids__from_helper', 'delegating__yield_from', 'imported__helper_of_another_module', 'module_attribute__helper_called_through_module', 'params__built_by_imported_helper'];
    for (const stem of computed) {
      const fn = items.find((i) => i.kind === 'function' && i.nodeid.startsWith(`${file}::test_${stem}__`))?.name;
      assert.ok(fn, stem);
      assert.ok(pytestCases(fn).length > 1, `${fn}: pytest should collect several cases`);
      assert.deepEqual(cases(fn).map((c) => c.nodeid), pytestCases(fn), `${fn}: the helper's cases`);
      assert.deepEqual(cases(fn).filter((c) => c.exact === false).map((c) => c.nodeid), [], `${fn}: computed statically, so exact`);
    }
    const slow = items.find((i) => i.nodeid === `${file}::test_distribution__generator_over_imported_rows__then_every_row[beta-args1]`);
    assert.ok(slow?.tags.includes('slow'), 'a mark given to pytest.param in a generator becomes a tag');
    const unknown = cases('test_unknown__helper_reads_computed_value__then_not_exact');
    const unknownFn = items.find((i) => i.nodeid === `${file}::test_unknown__helper_reads_computed_value__then_not_exact`);
    assert.ok(unknownFn?.dynamic || (unknown.length > 0 && unknown.every((c) => c.exact === false)), 'a value only running code knows is never exact');
    const unsupported = items.find((i) => i.nodeid === `${file}::test_unsupported__while_loop__then_dynamic`);
    assert.ok(unsupported?.dynamic && unsupported.children.length === 0, 'a while loop is left to pytest');
  });

  it('follows names a package binds inside blocks or through a star import with a computed __all__', () => {
    const file = 'tests/test_block_bindings.py';
    const collected = pytestIds.filter((id) => id.startsWith(file));
    assert.ok(collected.length > 20, `pytest should collect the block bindings' cases:\n${collected.join('\n')}`);
    assert.deepEqual(ours.filter((id) => id.startsWith(file)), collected);
    const subscripted = ours.filter((id) => id.startsWith(`${file}::test_ids__code__conditional_import_subscripted__`));
    assert.deepEqual(subscripted.map((id) => id.split('[')[1]), ['?]', 'b]', 'h]', 'i]', 'l]', 'e]', 'f]', 'd]']);
    // Both sides of the `if` bind LEVELS, each to another list: only running code knows which.
    const levels = items.find((i) => i.kind === 'function' && i.nodeid.startsWith('tests/test_dynamic.py::test_ids__branches_bind_differently__'));
    assert.ok(levels?.dynamic && levels.children.length === 0, 'a name two branches bind differently is left to pytest');
  });

  it('guesses what pytest most likely names a computed value: an attribute of a call has no __name__', () => {
    const fn = 'tests/test_dynamic.py::test_ids__attribute_of_computed__then_matches_pytest';
    const expected = pytestIds.filter((id) => id.startsWith(`${fn}[`));
    assert.equal(expected.length, 2);
    assert.deepEqual(ours.filter((id) => id.startsWith(`${fn}[`)), expected);
  });

  it('numpy values: np.arange cases, numpy functions and dtypes as pytest names them', (t) => {
    const numpyIds = pytestIds.filter((id) => id.startsWith('tests/test_numpy_shapes.py'));
    if (numpyIds.length === 0) return t.skip('numpy is not installed for python3: pytest skips the module');
    assert.deepEqual(ours.filter((id) => id.startsWith('tests/test_numpy_shapes.py')).sort(), [...numpyIds].sort());
    const casesOf = (fn: string): DiscoveredItem[] => items.filter((i) => i.kind === 'case' && i.nodeid.startsWith(`tests/test_numpy_shapes.py::test_ids__${fn}__`));
    assert.deepEqual(casesOf('numpy_scalar_types').map((c) => [c.name, c.exact]), ['float32', 'float64', 'int32', 'uint8', 'complex128', 'float16'].map((name) => [name, true]), 'fixed-width names are certain');
    assert.ok(casesOf('numpy_platform_types').every((c) => c.exact === false), 'names that depend on the platform or numpy version are guesses');
    assert.ok(casesOf('numpy_dtype_chars').every((c) => c.exact !== false), "a dtype's char and fixed-width name are certain");
  });

  it('rediscovering one file from its text gives the same items as the full walk', () => {
    const discovery = new StaticDiscovery(parser, root);
    const file = path.join(root, 'tests', 'test_shapes.py');
    const single = discovery.discoverFile(file, fs.readFileSync(file, 'utf8'));
    assert.ok(single);
    assert.deepEqual(
      flattenTests([single]).map((t) => t.nodeid),
      ours.filter((id) => id.startsWith('tests/test_shapes.py::')),
    );
  });
});
