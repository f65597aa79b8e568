// The skeleton (function bodies blanked before parsing) must not change what discovery finds:
// same node ids, same ranges (rows and columns) as discovering the full parse.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredItem, discoverSource } from '../../../server/src/engine/discovery';
import { discoverTree } from '../../../server/src/engine/discovery/discoverFile';
import { ModuleLoader } from '../../../server/src/engine/discovery/moduleClasses';
import { skeletonOf } from '../../../server/src/engine/discovery/skeleton';
import { DEFAULT_COLLECTION } from '../../../server/src/engine/config/collection';
import { parsePythonSource } from '../../../server/src/engine/parse/dedentedComments';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { repoPath } from '../../support/paths';
import { writeSuite } from './pytestSuite';

function flat(items: readonly DiscoveredItem[]): string[] {
  return items.flatMap((i) => [`${i.nodeid} ${JSON.stringify(i.range)} ${i.tags.join(',')}`, ...flat(i.children)]);
}

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.py'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('skeleton parsing', () => {
  let parser: Parser;
  let suite: string;

  before(async () => {
    parser = await createPythonParser();
    suite = writeSuite();
  });
  after(() => {
    parser?.delete();
    if (suite) fs.rmSync(suite, { recursive: true, force: true });
  });

  it('keeps every kept line at its row and column and blanks function bodies', () => {
    const text = 'import x\n\n\ndef test_a():\n    """Doc\n    more."""\n    y = (1,\n         2)\n\n\nclass TestB:\n    def test_c(self): return 1\n\n    def test_d(self):\n        pass  # comment\n';
    const skeleton = skeletonOf(text);
    const before = text.split('\n');
    const afterLines = skeleton.text.split('\n');
    assert.equal(afterLines.length, before.length);
    for (const row of [0, 3, 10, 11, 13]) assert.equal(afterLines[row], before[row]);
    assert.equal(afterLines[4], '    pass');
    assert.deepEqual(afterLines.slice(5, 8), ['', '', '']);
    assert.deepEqual(skeleton.bodyEnds.get(4), { line: 7, character: 11 });
  });

  it('finds the same items and ranges as the full parse on the generated suite and the example crate', () => {
    const files = [...pythonFiles(suite), ...pythonFiles(repoPath('test/fixtures/workspaces/cargo-pytest/python'))];
    assert.ok(files.length > 5);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const options = { rootdir: path.dirname(file), collection: { ...DEFAULT_COLLECTION, pythonClasses: ['Test', 'Describe'] } };
      const tree = parsePythonSource(parser, text)!;
      const loader = new ModuleLoader(parser);
      try {
        const full = discoverTree(tree.rootNode, file, options, undefined, loader);
        const fast = discoverSource(parser, file, text, options);
        assert.deepEqual(flat(fast.children), flat(full.children), file);
      } finally {
        loader.dispose();
        tree.delete();
      }
    }
  });
});
