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

/** Each listing is a prefix of the final list, and none is shorter than the one before. */
function assertPrefixes(listings: readonly string[][], final: readonly string[]): void {
  listings.forEach((listing, index) => {
    assert.deepEqual(listing, final.slice(0, listing.length), `listing ${index} is a prefix of the final list`);
    if (index > 0) assert.ok(listing.length >= listings[index - 1].length, `listing ${index} is not shorter than the one before`);
  });
}

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

  /** A cache file in which every module of the suite is stored, and a maker of discoveries that record dependencies. */
  async function warmCache(name: string): Promise<{ cacheFile: string; fresh: () => StaticDiscovery }> {
    const cacheFile = path.join(cacheDir, name);
    const fresh = (): StaticDiscovery => new StaticDiscovery(parser, suite, { recordDependencies: true });
    const cache = DiscoveryCache.read(cacheFile, discoveryCacheKey(fresh()));
    await discoverCachedInSlices(fresh(), cache, new TimeSlices());
    cache.write(cacheFile);
    return { cacheFile, fresh };
  }

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

  it('awaits beforeTurn: discovery waits while the caller takes turns of its own', async () => {
    const discovery = new StaticDiscovery(parser, suite);
    let calls = 0;
    let changedWhileWaiting = 0;
    await discovery.discoverFilesInSlices(discovery.testFiles(), new TimeSlices(0), undefined, async (modules) => {
      calls++;
      const before = modules.length;
      await new Promise((resolve) => setTimeout(resolve, 5)); // as the Test Explorer builds items in turns
      if (modules.length !== before) changedWhileWaiting++;
    });
    assert.ok(calls > 1, `beforeTurn was called (${calls})`);
    assert.equal(changedWhileWaiting, 0, 'no file was discovered while beforeTurn waited');
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
    // Saved in slices: a turn before each new module's tree is encoded, the same file as `write` gives.
    const writeSlices = new TimeSlices(0);
    await first.writeInSlices(cacheFile, writeSlices);
    assert.equal(writeSlices.turns, first.size);
    const inSlices = fs.readFileSync(cacheFile);
    first.write(cacheFile);
    assert.ok(fs.readFileSync(cacheFile).equals(inSlices), 'writeInSlices writes what write writes');

    const second = DiscoveryCache.read(cacheFile, discoveryCacheKey(fresh()));
    const slices = new TimeSlices(0);
    const listings: string[][] = [];
    const warm = await discoverCachedInSlices(fresh(), second, slices, (so) => void listings.push(so.map((m) => m.nodeid)));
    assert.deepEqual(flat(warm), expected);
    const files = fresh().testFiles();
    assert.equal(second.reused, files.length, 'every module from the cache');
    assert.equal(slices.turns, files.length, 'checking the cache gives turns too: one before each file');
    assertPrefixes(listings, warm.map((m) => m.nodeid));
    assert.equal(listings.at(-1)!.length, files.length - 1, 'the reused modules are listed as they are checked');
  });

  it('lists, before each turn, a prefix of the final modules: the cached ones up to the first file left to discover', async () => {
    const { cacheFile, fresh } = await warmCache('listing.json');
    // One file in the middle changes: the files before it come from the cache, it and later ones are listed as discovered.
    const files = fresh().testFiles();
    const changed = files[Math.floor(files.length / 2)];
    fs.appendFileSync(changed, '\n\ndef test_added__by_the_listing_test__then_listed():\n    assert True\n');

    const listings: string[][] = [];
    const cache = DiscoveryCache.read(cacheFile, discoveryCacheKey(fresh()));
    const modules = await discoverCachedInSlices(fresh(), cache, new TimeSlices(0), (so) => void listings.push(so.map((m) => m.nodeid)));
    const final = modules.map((m) => m.nodeid);
    assert.equal(cache.reused, files.length - 1);
    const changedAt = final.findIndex((id) => changed.endsWith(`${path.sep}${id.split('/').pop()!}`));
    assert.ok(changedAt > 0, 'the changed module is listed, after others');
    assertPrefixes(listings, final);
    assert.deepEqual(listings.at(-1), final.slice(0, changedAt), 'the last turn, before the one stale file: the cached modules ahead of it');

    // Every module stale: a turn before each file, each listing the modules discovered so far.
    const cold = DiscoveryCache.read(path.join(cacheDir, 'cold.json'), discoveryCacheKey(fresh()));
    const coldListings: string[][] = [];
    const coldModules = await discoverCachedInSlices(fresh(), cold, new TimeSlices(0), (so) => void coldListings.push(so.map((m) => m.nodeid)));
    const coldFinal = coldModules.map((m) => m.nodeid);
    assert.deepEqual(coldFinal, final);
    assert.equal(coldListings.length, files.length + 1, 'an empty listing while checking the empty cache, then one before each file');
    assertPrefixes(coldListings, coldFinal);
    assert.equal(coldListings[0].length, 0, 'nothing before the first file');
    assert.ok(coldListings.at(-1)!.length >= coldFinal.length - 1, 'the last turn comes before the last file');
  });

  it('lists a half-warm cache: the cached modules before the first stale file at the first turn', async () => {
    const { cacheFile, fresh } = await warmCache('half.json');
    const files = fresh().testFiles();
    const lastTwo = files.slice(-2);
    lastTwo.forEach((file) => fs.appendFileSync(file, '\n# touched\n'));
    const listings: string[][] = [];
    const cache = DiscoveryCache.read(cacheFile, discoveryCacheKey(fresh()));
    const final = (await discoverCachedInSlices(fresh(), cache, new TimeSlices(0), (so) => void listings.push(so.map((m) => m.nodeid)))).map((m) => m.nodeid);
    assert.equal(cache.reused, files.length - 2);
    assertPrefixes(listings, final);
    assert.deepEqual(listings.slice(-2), [final.slice(0, files.length - 2), final.slice(0, files.length - 1)], 'cached modules first, then the first stale one once discovered');
  });
});
