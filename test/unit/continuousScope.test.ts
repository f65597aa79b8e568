// Continuous run: which requested tests a saved file affects. The crate is the real example crate
// with its real pytest config (testpaths, python_files) read by the engine's static discovery.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { StaticDiscovery } from '../../server/src/engine/discovery';
import { createPythonParser } from '../../server/src/engine/parse/parser';
import { affectedBy, collapse, isWithin, mergeScopes, RunScope, ScopeCrate } from '../../src/testing/continuousScope';
import { repoPath } from '../support/paths';

const CRATE = repoPath('test/fixtures/workspaces/cargo-pytest');
const ANALYZER = 'python/tests/test_analyzer.py';
const TOKENIZER = 'python/tests/test_tokenizer.py';
const EMPTY = `${ANALYZER}::test_analyzer__empty_events__then_returns_empty_summary`;
const COUNTS = `${ANALYZER}::test_analyzer__sample_events__then_counts_each_type`;
const FILTER = `${ANALYZER}::test_filter__event_types__then_drops_only_debug`;

function file(relative: string): string {
  return path.join(CRATE, ...relative.split('/'));
}

function plain(scope: RunScope | undefined): Record<string, 'request' | string[]> | undefined {
  return scope && Object.fromEntries([...scope].map(([crate, part]) => [crate, part === 'request' ? part : [...part]]));
}

describe('continuous run: tests affected by a save', () => {
  let discovery: StaticDiscovery;
  let crate: (include: string[] | undefined, exclude?: string[]) => ScopeCrate;

  before(async () => {
    discovery = new StaticDiscovery(await createPythonParser(), CRATE);
    crate = (include, exclude = []) => ({ crateDir: CRATE, rootdir: discovery.rootdir, isTestFile: (f) => discovery.isTestFile(f), include, exclude });
  });

  it('a saved test module re-runs only the requested tests inside it', () => {
    const decision = affectedBy(file(ANALYZER), [crate([EMPTY, `${TOKENIZER}::test_x`])]);
    assert.deepEqual(plain(decision.scope), { [CRATE]: [EMPTY] });
  });

  it('a whole-crate request re-runs the saved module, by the node id discovery gives it', () => {
    const decision = affectedBy(file(ANALYZER), [crate(undefined)]);
    const module = discovery.discoverFile(file(ANALYZER));
    assert.ok(module, 'the example module is discovered');
    assert.deepEqual(plain(decision.scope), { [CRATE]: [module.nodeid] });
    assert.equal(module.nodeid, ANALYZER);
  });

  it('a requested module covers the tests requested inside it', () => {
    const decision = affectedBy(file(ANALYZER), [crate([EMPTY, ANALYZER, `${FILTER}[debug-True]`])]);
    assert.deepEqual(plain(decision.scope), { [CRATE]: [ANALYZER] });
  });

  it('a requested parametrize case stays one case', () => {
    const decision = affectedBy(file(ANALYZER), [crate([`${FILTER}[debug-True]`, COUNTS])]);
    assert.deepEqual(plain(decision.scope), { [CRATE]: [`${FILTER}[debug-True]`, COUNTS] });
  });

  it('a test module outside the request runs nothing', () => {
    const decision = affectedBy(file(TOKENIZER), [crate([EMPTY])]);
    assert.equal(decision.scope, undefined);
    assert.match(decision.reason, /test_tokenizer\.py has no test of the request/);
  });

  it('excluded tests are not re-run; an excluded module runs nothing', () => {
    assert.deepEqual(plain(affectedBy(file(ANALYZER), [crate([EMPTY, COUNTS], [EMPTY])]).scope), { [CRATE]: [COUNTS] });
    assert.deepEqual(plain(affectedBy(file(ANALYZER), [crate([`${FILTER}[info-False]`], [FILTER])]).scope), undefined);
    assert.equal(affectedBy(file(ANALYZER), [crate(undefined, [ANALYZER])]).scope, undefined);
    // An exclusion inside a requested module travels with the request (the run handler drops the leaf).
    assert.deepEqual(plain(affectedBy(file(ANALYZER), [crate(undefined, [EMPTY])]).scope), { [CRATE]: [ANALYZER] });
  });

  it('conftest.py, application code and pytest config re-run the whole request', () => {
    for (const saved of ['python/tests/conftest.py', 'python/query_engine/analyzer.py', 'pyproject.toml']) {
      const decision = affectedBy(file(saved), [crate([EMPTY])]);
      assert.deepEqual(plain(decision.scope), { [CRATE]: 'request' }, saved);
    }
    assert.match(affectedBy(file('python/query_engine/analyzer.py'), [crate([EMPTY])]).reason, /application code/);
  });

  it('a test-named file outside testpaths is application code, not a test module', () => {
    const decision = affectedBy(file('tools/test_helper.py'), [crate([EMPTY])]);
    assert.deepEqual(plain(decision.scope), { [CRATE]: 'request' });
  });

  it('Rust sources and Cargo files re-run the whole request: cargo rebuilds the harness', () => {
    for (const saved of ['src/lib.rs', 'tests/python.rs', 'Cargo.toml', 'Cargo.lock', 'build.rs']) {
      const decision = affectedBy(file(saved), [crate([EMPTY])]);
      assert.deepEqual(plain(decision.scope), { [CRATE]: 'request' }, saved);
      assert.match(decision.reason, /cargo rebuilds/);
    }
  });

  it('build output, docs and files of other folders run nothing', () => {
    for (const saved of ['target/debug/build/out/generated.rs', 'python/tests/__pycache__/x.py', 'README.md']) {
      assert.equal(affectedBy(file(saved), [crate(undefined)]).scope, undefined, saved);
    }
    assert.equal(affectedBy(path.join(path.dirname(CRATE), 'elsewhere', 'app.py'), [crate(undefined)]).reason, 'outside the requested crates');
  });

  it('a file of a nested crate belongs to the inner crate only', () => {
    const inner = path.join(CRATE, 'crates', 'inner');
    const innerCrate: ScopeCrate = { crateDir: inner, rootdir: inner, isTestFile: () => false, include: undefined, exclude: [] };
    const decision = affectedBy(path.join(inner, 'src', 'lib.rs'), [crate([EMPTY]), innerCrate]);
    assert.deepEqual(plain(decision.scope), { [inner]: 'request' });
  });
});

describe('continuous run: merging the saves that arrive during a run', () => {
  it('unites node ids and drops those an ancestor already covers', () => {
    const merged = mergeScopes(new Map([['/a', [EMPTY]]]), new Map([['/a', [COUNTS, `${EMPTY}`]], ['/b', [ANALYZER]]]));
    assert.deepEqual(plain(merged), { '/a': [EMPTY, COUNTS], '/b': [ANALYZER] });
    assert.deepEqual(plain(mergeScopes(new Map([['/a', [EMPTY, COUNTS]]]), new Map([['/a', [ANALYZER]]]))), { '/a': [ANALYZER] });
  });

  it('the whole request of a crate absorbs its node ids, in either order', () => {
    assert.deepEqual(plain(mergeScopes(new Map([['/a', [EMPTY]]]), new Map([['/a', 'request']]))), { '/a': 'request' });
    assert.deepEqual(plain(mergeScopes(new Map([['/a', 'request']]), new Map([['/a', [EMPTY]]]))), { '/a': 'request' });
  });

  it('node-id ancestry follows pytest ids, not string prefixes', () => {
    assert.ok(isWithin(`${FILTER}[debug-True]`, FILTER));
    assert.ok(isWithin(EMPTY, ANALYZER));
    assert.ok(!isWithin('python/tests/test_analyzer.pyx::t', ANALYZER));
    assert.ok(!isWithin(`${FILTER}_more`, FILTER));
    assert.deepEqual(collapse([`${FILTER}[a]`, FILTER, EMPTY, EMPTY]), [FILTER, EMPTY]);
  });
});
