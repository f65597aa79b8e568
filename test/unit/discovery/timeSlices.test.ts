// Discovery in slices of time (what the Test Explorer runs in the extension host) must give exactly
// what discovery in one go gives, and must really give the event loop turns while it works.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredItem, discoverCached, discoverCachedInSlices, DiscoveryCache, discoveryCacheKey, StaticDiscovery, TimeSlices } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { writeSuite } from './pytestSuite';

function flat(items: readonly DiscoveredItem[]): string[] {
  return items.flatMap((i) => [`${i.nodeid} ${JSON.stringify(i.range)} ${i.tags.join(',')} ${i.dynamic ?? ''} ${i.exact ?? ''}`, ...flat(i.children)]);
}

describe('discovery in slices of time', () => {
  let parser: Parser;
  let suite: string;
  let cacheDir: string;

  before(async () => {
    parser = await createPythonParser();
    suite = writeSuite();
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-slices-'));
  });
  after(() => {
    parser?.delete();
    for (const dir of [suite, cacheDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the modules discovery in one go gives, and a turn between files when each slice is used up', async () => {
    const discovery = new StaticDiscovery(parser, suite);
    const files = discovery.testFiles();
    assert.ok(files.length >= 4, `only ${files.length} test files`);
    const expected = flat(discovery.discoverFiles(files));

    // A slice of 0 ms is always used up: a turn before every file.
    const slices = new TimeSlices(0);
    let turnsSeen = 0;
    const ticking = setInterval(() => turnsSeen++, 0); // a timer, as another extension's work would be
    const modules = await discovery.discoverFilesInSlices(files, slices);
    clearInterval(ticking);
    assert.deepEqual(flat(modules), expected);
    assert.equal(slices.turns, files.length, 'one turn before each file');
    assert.ok(turnsSeen > 0, 'a timer ran while discovery worked');
  });

  it('gives no turn while the slice lasts', async () => {
    const discovery = new StaticDiscovery(parser, suite);
    const slices = new TimeSlices(60_000);
    const modules = await discovery.discoverFilesInSlices(discovery.testFiles(), slices);
    assert.equal(slices.turns, 0);
    assert.deepEqual(flat(modules), flat(discovery.discoverAll()));
    assert.ok(slices.longestSlice > 0, 'the one slice is measured');
  });

  it('reads and fills the discovery cache as the discovery in one go does', async () => {
    const cacheFile = path.join(cacheDir, 'discovery.json');
    const fresh = (): StaticDiscovery => new StaticDiscovery(parser, suite, { recordDependencies: true });
    const expected = flat(discoverCached(fresh(), DiscoveryCache.read(path.join(cacheDir, 'none.json'), discoveryCacheKey(fresh()))));

    const first = DiscoveryCache.read(cacheFile, discoveryCacheKey(fresh()));
    assert.deepEqual(flat(await discoverCachedInSlices(fresh(), first, new TimeSlices(0))), expected);
    assert.equal(first.reused, 0);
    first.write(cacheFile);

    const second = DiscoveryCache.read(cacheFile, discoveryCacheKey(fresh()));
    const slices = new TimeSlices(0);
    assert.deepEqual(flat(await discoverCachedInSlices(fresh(), second, slices)), expected);
    assert.equal(second.reused, fresh().testFiles().length, 'every module from the cache');
    assert.equal(slices.turns, 0, 'nothing left to discover, so no turn is needed');
  });
});
