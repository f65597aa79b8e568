// The digest that decides whether a module's Test Explorer items are built again: it must follow
// what the items show and nothing else (field order, the files a module was built from).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveredModule } from '../../server/src/engine/discovery';
import { digestOf, sortTextOf } from '../../src/testing/itemChanges';

function module(): DiscoveredModule {
  const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 20 } };
  return {
    kind: 'module',
    nodeid: 'tests/test_a.py',
    name: 'test_a.py',
    file: '/crate/tests/test_a.py',
    tags: [],
    hasSyntaxErrors: false,
    children: [{ kind: 'function', nodeid: 'tests/test_a.py::test_x', name: 'test_x', file: '/crate/tests/test_a.py', range, tags: ['slow'], children: [] }],
  };
}

describe('item changes', () => {
  it('a module gives the same digest whatever the order of its fields, and without the files it was built from', () => {
    const reordered = Object.fromEntries(Object.entries(module()).reverse()) as unknown as DiscoveredModule;
    reordered.children = module().children.map((child) => Object.fromEntries(Object.entries(child).reverse()) as unknown as typeof child);
    assert.equal(digestOf(reordered), digestOf(module()));
    assert.equal(digestOf({ ...module(), dependencies: [['/crate/tests/conftest.py', '1:2']] }), digestOf(module()));
  });

  it('what an item shows changes the digest: a range, a tag, a case, a status flag', () => {
    const base = digestOf(module());
    const moved = module();
    moved.children[0].range = { start: { line: 5, character: 0 }, end: { line: 5, character: 20 } };
    const retagged = module();
    retagged.children[0].tags = [];
    const withCase = module();
    withCase.children[0].children.push({ kind: 'case', nodeid: 'tests/test_a.py::test_x[1]', name: '1', file: '/crate/tests/test_a.py', tags: [], children: [] });
    const dynamic = module();
    dynamic.children[0].dynamic = true;
    const digests = [base, digestOf(moved), digestOf(retagged), digestOf(withCase), digestOf(dynamic)];
    assert.equal(new Set(digests).size, digests.length, 'every change gives another digest');
  });

  it('sort texts order as the indices do', () => {
    const texts = [0, 9, 10, 99, 100, 12345].map(sortTextOf);
    assert.deepEqual([...texts].sort(), texts);
  });
});
