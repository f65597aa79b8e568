import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodesOfType } from '../../../server/src/engine/rules/body/names';
import { parsePython } from '../../../server/src/engine/parse/parser';

const SOURCE = `def test_a():
    check(1)
    f = lambda x: check(x)

    def helper():
        check(2)

    class Local:
        value = check(3)

    assert check(4)
`;

describe('nodesOfType', () => {
  it('finds the named descendants of the given types in source order, not the node itself', async () => {
    const tree = await parsePython(SOURCE);
    try {
      const test = tree.rootNode.namedChild(0)!;
      assert.deepEqual(nodesOfType(test, new Set(['call'])).map((n) => n.text), ['check(1)', 'check(x)', 'check(2)', 'check(3)', 'check(4)']);
      assert.deepEqual(nodesOfType(test, new Set(['function_definition'])).map((n) => n.childForFieldName('name')?.text), ['helper']);
      // The `lambda` keyword is an anonymous node of the same type name: only the named lambda counts.
      assert.deepEqual(nodesOfType(test, new Set(['lambda'])).map((n) => n.text), ['lambda x: check(x)']);
    } finally {
      tree.delete();
    }
  });

  it('with sameScope, leaves out what nested functions, classes and lambdas hold, not those nodes', async () => {
    const tree = await parsePython(SOURCE);
    try {
      const body = tree.rootNode.namedChild(0)!.childForFieldName('body')!;
      assert.deepEqual(nodesOfType(body, new Set(['call']), true).map((n) => n.text), ['check(1)', 'check(4)']);
      assert.deepEqual(
        nodesOfType(body, new Set(['call', 'lambda', 'function_definition', 'class_definition']), true).map((n) => n.type),
        ['call', 'lambda', 'function_definition', 'class_definition', 'call'],
      );
    } finally {
      tree.delete();
    }
  });
});
