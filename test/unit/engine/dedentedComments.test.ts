import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { blankDedentedComments, parsePythonSource } from '../../../server/src/engine/parse/dedentedComments';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { TreeCache } from '../../../server/src/engine/parse/treeCache';

// Each is valid Python (a comment's indentation never matters to Python) that tree-sitter-python
// alone reads with an error.
const DEDENTED = {
  'a method decorator commented out at column 0': 'class TestA:\n    @pytest.mark.slow\n#    @pytest.mark.skip\n    def test_a(self):\n        pass\n',
  'a comment between two decorators': 'class TestA:\n    @d\n# note\n    @e\n    def test_a(self):\n        pass\n',
  'a nested function': 'def outer():\n    @d\n# c\n    def inner():\n        pass\n    return inner\n',
  'a class in a class, half-dedented': 'class A:\n    class B:\n        @d\n    # c\n        def f(self):\n            pass\n',
};

describe('comments indented less than the code after them', () => {
  let parser: Parser;
  before(async () => {
    parser = await createPythonParser();
  });
  after(() => parser.delete());

  for (const [name, text] of Object.entries(DEDENTED)) {
    it(`parse without an error: ${name}`, () => {
      const plain = parser.parse(text)!;
      assert.equal(plain.rootNode.hasError, true, 'tree-sitter-python alone should trip on it (else this guard is dead code)');
      plain.delete();
      const tree = parsePythonSource(parser, text)!;
      assert.equal(tree.rootNode.hasError, false, tree.rootNode.toString());
      const decorated = tree.rootNode.descendantsOfType('decorated_definition');
      assert.ok(decorated.length > 0 && decorated.every((d) => d?.childForFieldName('definition')?.type === 'function_definition'));
      tree.delete();
    });
  }

  it('blanks only those comment lines, keeping every offset, row and column', () => {
    const text = DEDENTED['a method decorator commented out at column 0'];
    const tree = parser.parse(text)!;
    const blanked = blankDedentedComments(text, tree.rootNode)!;
    tree.delete();
    assert.equal(blanked.length, text.length);
    assert.deepEqual(blanked.split('\n').map((line) => line.length), text.split('\n').map((line) => line.length));
    assert.equal(blanked, text.replace('#    @pytest.mark.skip', ' '.repeat('#    @pytest.mark.skip'.length)));
  });

  it('leaves a # inside a string, a trailing comment and a comment before code at its own indent', () => {
    const text = [
      'X = """',
      '# a line of the string, not a comment',
      '    """',
      '# a module comment before module code',
      'class A:',
      '# dedented, before the method',
      '    def f(self):  # trailing',
      '        pass',
      '',
    ].join('\n');
    const tree = parser.parse(text)!;
    const blanked = blankDedentedComments(text, tree.rootNode);
    tree.delete();
    assert.ok(blanked !== undefined);
    assert.match(blanked, /# a line of the string, not a comment/);
    assert.match(blanked, /# a module comment before module code/);
    assert.match(blanked, /# trailing/);
    assert.doesNotMatch(blanked, /# dedented/);
  });

  it('keeps a real syntax error after the repair', () => {
    const text = `${DEDENTED['a method decorator commented out at column 0']}\ndef broken(:\n    pass\n`;
    const tree = parsePythonSource(parser, text)!;
    assert.equal(tree.rootNode.hasError, true);
    const klass = tree.rootNode.namedChild(0)!;
    assert.equal(klass.type, 'class_definition');
    assert.equal(klass.childForFieldName('body')?.namedChild(0)?.type, 'decorated_definition');
    tree.delete();
  });

  it('parses a document edited into that shape without an error (TreeCache, incremental)', () => {
    const cache = new TreeCache(parser);
    const before = 'class TestA:\n    @pytest.mark.slow\n    @pytest.mark.skip\n    def test_a(self):\n        pass\n';
    cache.get('u', before);
    // The user comments out the second decorator at column 0.
    cache.applyChanges('u', [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '#' }]);
    const after = 'class TestA:\n    @pytest.mark.slow\n#    @pytest.mark.skip\n    def test_a(self):\n        pass\n';
    const tree = cache.get('u', after);
    assert.equal(tree.rootNode.hasError, false, tree.rootNode.toString());
    // And back: the comment removed, the decorator applies again.
    cache.applyChanges('u', [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '' }]);
    const again = cache.get('u', before);
    assert.equal(again.rootNode.hasError, false);
    assert.equal(again.rootNode.descendantsOfType('decorator').length, 2);
    cache.clear();
  });
});
