// One cold static discovery, the side `npm run bench` (scripts/bench.mjs) times as a fresh process.
// Kept apart from bench.mjs so the measured process loads only the discovery bundle, as the product
// does, and not the bench's own imports (esbuild).
//
//   node scripts/bench-once.mjs <suite-root> <rootdir> <out.json> [cache.json]   (bench.mjs builds the bundle first)
// With a cache file: discovery through the on-disk cache, as the Test Explorer starts (`discover --cache`).
// PYTEST_PATTERNS_BENCH_SLICED=1: one thread in slices of time, as the extension host runs it (the
// longest slice is the longest the extension host waits for its event loop).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const started = performance.now();
const engine = createRequire(import.meta.url)(path.join(os.tmpdir(), 'pytest-patterns-bench', 'discovery.cjs'));
engine.tuneForBatchWork(); // as the CLI does first thing (`pytest-patterns discover`)
const [suiteRoot, rootdir, outFile, cacheFile] = process.argv.slice(2);
const parser = await engine.createPythonParser();
const config = { ...engine.findPytestConfig(suiteRoot), rootdir };
const discovery = new engine.StaticDiscovery(parser, suiteRoot, { config, paths: [suiteRoot], recordDependencies: cacheFile !== undefined });
let modules;
let reused = 0;
let slices;
let firstListedMs; // when the Test Explorer's first listing shows its first modules
if (process.env.PYTEST_PATTERNS_BENCH_SLICED === '1') {
  slices = new engine.TimeSlices();
  const discoveryStarted = performance.now();
  const listed = (done) => {
    if (firstListedMs === undefined && done.length > 0) firstListedMs = performance.now() - discoveryStarted;
  };
  modules = await discovery.discoverFilesInSlices(discovery.testFiles(), slices, undefined, listed);
} else if (cacheFile) {
  const cache = engine.DiscoveryCache.read(cacheFile, engine.discoveryCacheKey(discovery));
  modules = await engine.discoverCachedParallel(discovery, cache);
  reused = cache.reused;
  if (cache.isChanged) cache.write(cacheFile);
} else {
  // Every core, as the CLI does (worker threads; one thread for small trees).
  modules = process.env.PYTEST_PATTERNS_BENCH_THREADS === '1' ? discovery.discoverAll() : await engine.discoverAllParallel(discovery);
}
const ids = engine.flattenTests(modules).map((t) => t.nodeid);
const ms = performance.now() - started;
// Leaves discovery itself flags: a dynamic function (cases known after Refresh) or a guessed id.
const flagged = [];
const visit = (item, conditional = false) => {
  if (item.kind === 'module' && item.runtimeTests) flagged.push(item.nodeid); // may create more tests on import
  if (item.kind === 'module' && item.mayBeSkippedOnImport) flagged.push(item.nodeid); // may skip itself on import
  if (item.kind === 'class' && item.inheritsComputedBase) flagged.push(item.nodeid); // may inherit more tests
  const under = conditional || item.conditional === true; // defined under an `if`: maybe not collected
  if ((item.kind === 'function' && (under || item.dynamic || item.exact === false)) || (item.kind === 'case' && (under || item.exact === false))) flagged.push(item.nodeid);
  item.children.forEach((child) => visit(child, under));
  // A custom metaclass may rename its tests: pytest's ids under it are not known statically.
  if (item.kind === 'class' && item.rewrittenByMetaclass) flagged.push(item.nodeid);
};
modules.forEach((module) => visit(module)); // not forEach(visit): its index would be `conditional`
fs.writeFileSync(outFile, JSON.stringify({ ms, ids, flagged, reused, modules: modules.length, longestSliceMs: slices?.longestSlice, turns: slices?.turns, firstListedMs }));
process.exit(0);
