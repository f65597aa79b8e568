// Which code may create tests on import, read from a full parse (as after a syntax error, when no
// function body is blanked): statements outside function bodies count, function bodies do not.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { createsTestsAtRunTime } from '../../../server/src/engine/discovery/runtimeTests';
import { createPythonParser } from '../../../server/src/engine/parse/parser';

describe('createsTestsAtRunTime', () => {
  let parser: Parser;
  before(async () => {
    parser = await createPythonParser();
  });
  after(() => parser.delete());

  const creates = (source: string): boolean => {
    const tree = parser.parse(source)!;
    try {
      return createsTestsAtRunTime(tree.rootNode);
    } finally {
      tree.delete();
    }
  };

  it('sees globals() writes, exec and setattr of a test name at module level, in blocks and in class bodies', () => {
    assert.equal(creates('for n in range(2):\n    globals()[f"Test{n}"] = type(f"Test{n}", (), {})\n'), true);
    assert.equal(creates('globals().update(make_tests())\n'), true);
    assert.equal(creates('if True:\n    exec(SOURCE)\n'), true);
    assert.equal(creates('class TestA:\n    pass\n\nsetattr(TestA, "test_added", lambda self: None)\n'), true);
    assert.equal(creates('class TestB:\n    for n in range(2):\n        locals()[f"test_{n}"] = lambda self: None\n'), true);
  });

  it('ignores function bodies, setattr of other names, and names that only look alike', () => {
    assert.equal(creates('def test_patches__attribute__then_set(monkey):\n    setattr(monkey, "test_value", 1)\n    exec("x = 1")\n    globals()["y"] = 2\n'), false);
    assert.equal(creates('class TestC:\n    def test_c__exec__then_runs(self):\n        exec("pass")\n'), false);
    assert.equal(creates('import os\nsetattr(os, "environ_copy", dict(os.environ))\nexecutor = make_executor()\nmy_globals()["a"] = 1\n'), false);
  });

  it('sees a module function that creates definitions when a decorator or a top-level statement runs it', () => {
    const creator = 'def add_variants(cls):\n    globals()["Test" + cls.__name__] = cls\n    return cls\n\n';
    assert.equal(creates(`${creator}@add_variants\nclass Base:\n    pass\n`), true, 'class decorator');
    assert.equal(creates(`${creator}class TestA:\n    @add_variants\n    def test_a(self):\n        pass\n`), true, 'method decorator in a class body');
    assert.equal(creates(`${creator}for kls in (A, B):\n    add_variants(kls)\n`), true, 'top-level call');
    assert.equal(creates(`${creator}def test_uses__creator_inside__then_not_flagged():\n    add_variants(object)\n`), false, 'called only from a test body');
    assert.equal(creates(`${creator}@add_variants_later\nclass Base:\n    pass\n`), false, 'a look-alike name');
  });
});
