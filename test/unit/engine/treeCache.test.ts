import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { TreeCache } from '../../../server/src/engine/parse/treeCache';
import type { ContentChange } from '../../../server/src/engine/parse/treeCache';
import { applyEdits } from '../../../server/src/engine/text/positions';

const BASE = 'import pytest\n\n\ndef test_a__b__then_c():\n    assert "é😀" == x\n\n\nclass TestX:\n    def test_m(self):\n        pass\n';

/** A sequence of LSP edits, each against the text left by the previous one. */
const EDITS: ContentChange[] = [
  { range: { start: { line: 3, character: 10 }, end: { line: 3, character: 10 } }, text: '_longer' },
  { range: { start: { line: 4, character: 17 }, end: { line: 4, character: 18 } }, text: 'y + 1' },
  { range: { start: { line: 7, character: 0 }, end: { line: 9, character: 12 } }, text: '@pytest.fixture\ndef data():\n    return [1,\n 2]' },
  { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '"""doc"""\n' },
];

describe('TreeCache', () => {
  it('re-parses edits incrementally to the same tree a full parse gives', async () => {
    const parser = await createPythonParser();
    const cache = new TreeCache(parser);
    let text = BASE;
    cache.get('file:///a.py', text);
    for (const edit of EDITS) {
      cache.applyChanges('file:///a.py', [edit]);
      text = applyEdits(text, [{ range: edit.range!, newText: edit.text }]);
      const incremental = cache.get('file:///a.py', text).rootNode.toString();
      const full = parser.parse(text)!;
      assert.equal(incremental, full.rootNode.toString());
      full.delete();
    }
    assert.match(text, /def test_a_longer__b__then_c/);
    cache.clear();
  });

  it('applies several changes of one notification in order', async () => {
    const parser = await createPythonParser();
    const cache = new TreeCache(parser);
    cache.get('u', BASE);
    cache.applyChanges('u', EDITS);
    let text = BASE;
    for (const edit of EDITS) text = applyEdits(text, [{ range: edit.range!, newText: edit.text }]);
    const full = parser.parse(text)!;
    assert.equal(cache.get('u', text).rootNode.toString(), full.rootNode.toString());
    full.delete();
    cache.delete('u');
  });

  it('parses from scratch when the text does not match the cached one', async () => {
    const cache = new TreeCache(await createPythonParser());
    cache.get('u', 'x = 1\n');
    const tree = cache.get('u', 'def f():\n    pass\n');
    assert.equal(tree.rootNode.firstNamedChild?.type, 'function_definition');
    cache.clear();
  });
});
