// Discovery split between worker threads must give exactly the single-thread result, in pytest's
// order, whichever thread took which files.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredItem, discoverAllParallel, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { writeSuite } from './pytestSuite';

function flat(items: readonly DiscoveredItem[]): string[] {
  return items.flatMap((i) => [`${i.nodeid} ${JSON.stringify(i.range)} ${i.tags.join(',')} ${i.dynamic ?? ''} ${i.exact ?? ''}`, ...flat(i.children)]);
}

describe('parallel discovery', () => {
  let parser: Parser;
  let suite: string;

  before(async () => {
    parser = await createPythonParser();
    suite = writeSuite();
    // More files than threads × batches, in nested folders, so each thread takes several batches.
    const tests = path.join(suite, 'tests');
    const sources = fs.readdirSync(tests).filter((f) => f.startsWith('test_') && f.endsWith('.py'));
    for (let copy = 0; copy < 6; copy++) {
      const folder = path.join(tests, `copy_${copy}`);
      fs.mkdirSync(folder);
      for (const source of sources) fs.copyFileSync(path.join(tests, source), path.join(folder, source.replace('.py', `_${copy}.py`)));
    }
  });
  after(() => {
    parser?.delete();
    if (suite) fs.rmSync(suite, { recursive: true, force: true });
  });

  it('merges the helpers\' modules in pytest\'s order', async () => {
    const discovery = new StaticDiscovery(parser, suite);
    const single = discovery.discoverAll();
    assert.ok(single.length >= 20, `only ${single.length} modules`);
    const helpersOnly = await discoverAllParallel(discovery, { threads: 3, minFiles: 1, batch: 2, callingThreadWorks: false });
    assert.deepEqual(helpersOnly.map((m) => m.nodeid), single.map((m) => m.nodeid));
    assert.deepEqual(flat(helpersOnly), flat(single));
    const shared = await discoverAllParallel(discovery, { threads: 2, minFiles: 1, batch: 1 });
    assert.deepEqual(flat(shared), flat(single));
  });

  it('discovers everything in the calling thread when no helper can start', async () => {
    const discovery = new StaticDiscovery(parser, suite);
    const modules = await discoverAllParallel(discovery, { threads: 2, script: path.join(suite, 'missing.js'), minFiles: 1, batch: 3, callingThreadWorks: false });
    assert.deepEqual(flat(modules), flat(discovery.discoverAll()));
  });
});
