// `npm run bench`: static discovery against `python3 -m pytest --collect-only -q`, side by side.
// Suites: a deterministic synthetic one (2,000 files with classes, parametrize and fixture params)
// and the largest pytest-style suites installed on this machine (site-packages `tests` folders).
// Each run of either side is a fresh process (cold: interpreter/wasm start, parsing, everything).
// Warm: the same fresh process through the on-disk discovery cache after a first run wrote it (how
// the Test Explorer and `discover --cache` start when no file changed); checked to give the cold ids.
// Prints the median times, the speedup and the node-id agreement over the files pytest imports, and
// how long pytest takes to collect the modules static discovery is unsure of (the Test Explorer's
// background collection): when the tree is pytest's for certain.
//
//   node scripts/bench.mjs [--runs N] [--real N] [--files N] [--no-synthetic] [--suite DIR]... [--json FILE]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(os.tmpdir(), 'pytest-patterns-bench');
const bundle = path.join(work, 'discovery.cjs');

// The measured static side runs scripts/bench-once.mjs (loads only the discovery bundle);
// `bench.mjs --once …` still works for scripts that call it that way.
const onceScript = path.join(root, 'scripts', 'bench-once.mjs');
if (process.argv[2] === '--once') {
  process.argv.splice(2, 1);
  await import(onceScript);
}

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
function options(name) {
  return process.argv.flatMap((arg, i) => (arg === `--${name}` ? [process.argv[i + 1]] : []));
}
const RUNS = Number(option('runs', '3'));
const REAL = Number(option('real', '2'));
const FILES = Number(option('files', '2000'));

const esbuild = await import('esbuild');
await esbuild.build({
  stdin: {
    contents: [
      "export * from './server/src/engine/discovery';",
      "export { createPythonParser } from './server/src/engine/parse/parser';",
      "export { findPytestConfig } from './server/src/engine/config/pytestConfig';",
      "export { tuneForBatchWork } from './server/src/engine/runtime/batchTuning';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': path.join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') },
});
for (const wasm of ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm']) {
  fs.copyFileSync(path.join(root, 'node_modules', wasm), path.join(work, path.basename(wasm)));
}

// ---- the synthetic suite ------------------------------------------------------------------------
function random(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUE_POOL = ['0', '1', '-7', '2.5', '1e10', '0.1', '"alpha"', '"with space"', '"café"', "b'\\x00raw'", 'True', 'False', 'None', 'int', '3j', '"a-b"'];

function syntheticModule(next, index) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const values = (n) => Array.from({ length: n }, () => pick(VALUE_POOL)).join(', ');
  const body = (name) => [
    `    """Checks ${name}."""`,
    `    result = compute_${index}(${Math.floor(next() * 100)})`,
    '    items = [value * 2 for value in range(10) if value % 3]',
    '    assert result is not None, f"unexpected {result!r}"',
    '    assert len(items) >= 0',
  ];
  const lines = [
    `"""Synthetic test module ${index}."""`,
    'import pytest',
    '',
    `LIMITS_${index} = [${values(3)}]`,
    '',
    '',
    `def compute_${index}(value: int) -> int:`,
    '    """Helper under test."""',
    '    return value + 1',
    '',
  ];
  for (let f = 0; f < 3; f++) {
    const name = `test_unit${index}__case${f}__then_ok`;
    lines.push('');
    if (f === 0) lines.push(`@pytest.mark.parametrize("value", [${values(4)}])`);
    if (f === 1) lines.push(`@pytest.mark.parametrize("value", LIMITS_${index})`, '@pytest.mark.slow');
    lines.push(`def ${name}(${f < 2 ? 'value: object, ' : ''}shared: int) -> None:`, ...body(name), '');
  }
  for (let c = 0; c < 2; c++) {
    lines.push('', `class TestGroup${c}:`, `    """Group ${c}."""`, '');
    for (let m = 0; m < 4; m++) {
      const name = `test_group${c}__method${m}__then_ok`;
      if (m % 2 === 0) lines.push(`    @pytest.mark.parametrize("a, b", [(${values(1)}, ${values(1)}), pytest.param(${values(1)}, ${values(1)}, id="explicit")])`);
      if (m === 2) lines.push(`    @pytest.mark.parametrize("flag", [True, False])`);
      lines.push(`    def ${name}(self${m % 2 === 0 ? ', a: object, b: object' : ''}${m === 2 ? ', flag: bool' : ''}) -> None:`);
      lines.push(...body(name).map((l) => `    ${l}`), '');
    }
  }
  return lines.join('\n') + '\n';
}

function writeSynthetic() {
  const dir = path.join(work, `synthetic-${FILES}-v2`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const next = random(2024);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pytest.ini'), '[pytest]\nmarkers =\n    slow: slow\n');
  const folders = Math.max(1, Math.round(FILES / 100));
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, 'tests', `area_${String(i % folders).padStart(2, '0')}`);
    if (!fs.existsSync(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(
        path.join(folder, 'conftest.py'),
        '"""Shared fixtures."""\nimport pytest\n\n\n@pytest.fixture(params=[1, 2], ids=["one", "two"])\ndef shared(request: pytest.FixtureRequest) -> int:\n    """Parametrized fixture."""\n    return request.param\n',
      );
    }
    fs.writeFileSync(path.join(folder, `test_module_${String(i).padStart(4, '0')}.py`), syntheticModule(next, i));
  }
  fs.writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}

// ---- real suites --------------------------------------------------------------------------------
function realSuites() {
  const explicit = options('suite').map((s) => path.resolve(s));
  if (explicit.length > 0) return explicit;
  const probe = spawnSync('python3', ['-c', 'import site, sys; print("\\n".join(site.getsitepackages()))'], { encoding: 'utf8' });
  const candidates = [];
  for (const sitePackages of (probe.stdout ?? '').split('\n').filter(Boolean)) {
    let entries = [];
    try {
      entries = fs.readdirSync(sitePackages, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.filter((e) => e.isDirectory() && !e.name.includes('.') && !e.name.startsWith('_'))) {
      const dir = path.join(sitePackages, entry.name);
      const count = countTestFiles(dir, 0);
      if (count >= 50) candidates.push({ dir, count });
    }
  }
  return candidates.sort((a, b) => b.count - a.count).slice(0, REAL).map((c) => c.dir);
}

function countTestFiles(dir, depth) {
  if (depth > 6) return 0;
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== '__pycache__') count += countTestFiles(path.join(dir, entry.name), depth + 1);
    else if (/^test_.*\.py$|_test\.py$/.test(entry.name)) count++;
  }
  return count;
}

// ---- measuring ----------------------------------------------------------------------------------
/**
 * One fresh process; with `cacheFile`, through the on-disk discovery cache (a warm start once it is
 * written); `sliced`: one thread in slices of time, as the extension host discovers.
 */
function runStatic(suite, cacheFile, sliced = false) {
  const out = path.join(work, 'static.json');
  const started = performance.now();
  const env = sliced ? { ...process.env, PYTEST_PATTERNS_BENCH_SLICED: '1' } : process.env;
  const result = spawnSync(process.execPath, [onceScript, suite, suite, out, ...(cacheFile ? [cacheFile] : [])], { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`static discovery failed on ${suite}:\n${result.stderr}`);
  const { ms, ids, flagged, reused, modules, longestSliceMs, turns, firstListedMs } = JSON.parse(fs.readFileSync(out, 'utf8'));
  return { wallMs, inProcessMs: ms, ids, flagged, reused, modules, longestSliceMs, turns, firstListedMs };
}

/** `pytest --collect-only` of the suite, or of some of its files (`targets`, relative to it). */
function runPytest(suite, targets = [suite]) {
  const started = performance.now();
  const result = spawnSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider', '--rootdir', suite, ...targets], {
    cwd: suite,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, PYTEST_ADDOPTS: '', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const wallMs = performance.now() - started;
  const lines = (result.stdout ?? '').split('\n');
  const ids = lines.filter((l) => l.includes('::') && !l.startsWith('ERROR'));
  // Files pytest could not import: `ERROR path - ...` in the short summary.
  const errored = new Set(lines.filter((l) => l.startsWith('ERROR ')).map((l) => l.slice(6).split(/\s|::/)[0]));
  return { wallMs, ids, errored, summary: lines.filter((l) => /collected|error/.test(l)).pop() ?? '' };
}

/**
 * The ids the Test Explorer shows after one Refresh and a re-discovery of every file (an edit, a
 * reload): static discovery with the memory of pytest's collection applied, size bound included.
 * And after the background collection alone (`collectOnOpen`): pytest's ids of the modules static
 * discovery is unsure of (taken from the full collection), static ids elsewhere.
 * Not timed: it measures what the memory keeps, not speed.
 */
let engine;
async function idsWithMemory(suite, pytestIds) {
  engine ??= createRequire(import.meta.url)(bundle);
  const parser = await engine.createPythonParser();
  try {
    const discovery = new engine.StaticDiscovery(parser, suite, { config: { ...engine.findPytestConfig(suite), rootdir: suite }, paths: [suite] });
    const treeAfter = (scopes) => {
      const memory = new engine.CollectedCases();
      discovery.discoverAll().forEach((module) => memory.apply(module)); // the tree before: notes the open scopes
      const covered = new Set(scopes);
      memory.remember(pytestIds.filter((id) => covered.has(id.split('::')[0])), scopes, { rootdir: suite });
      return engine.flattenTests(discovery.discoverAll().map((module) => memory.apply(module))).map((test) => test.nodeid);
    };
    const modules = discovery.discoverAll();
    const unsure = modules.filter((module) => engine.isUnsure(module)).map((module) => module.nodeid);
    return {
      afterRefresh: treeAfter([...new Set(pytestIds.map((id) => id.split('::')[0]))]),
      afterBackground: treeAfter(unsure),
      unsureModules: unsure.length,
      unsureFiles: unsure,
      modules: modules.length,
    };
  } finally {
    parser.delete();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function agreement(staticIds, pytestIds, errored, flaggedIds = []) {
  const importable = new Set(pytestIds.map((id) => id.split('::')[0]));
  const ours = staticIds.filter((id) => importable.has(id.split('::')[0]) && !errored.has(id.split('::')[0]));
  const theirs = new Set(pytestIds);
  const mine = new Set(ours);
  const common = [...theirs].filter((id) => mine.has(id)).length;
  const union = new Set([...theirs, ...mine]).size;
  // Per test function: all of its ids (cases) identical on both sides.
  const functionOf = (id) => id.replace(/\[.*$/, '');
  const functions = new Set([...theirs].map(functionOf));
  const differing = new Set([...theirs].filter((id) => !mine.has(id)).concat([...mine].filter((id) => !theirs.has(id))).map(functionOf));
  const functionsMatched = [...functions].filter((f) => !differing.has(f)).length;
  // Honesty of the flags: ids discovery presents as certain that pytest does not produce, and the
  // share of pytest's ids that are either produced exactly or sit under a flagged function.
  const flagged = new Set(flaggedIds.map(functionOf));
  const certainWrong = ours.filter((id) => !theirs.has(id) && !flagged.has(functionOf(id))).length;
  // A class with a custom metaclass (it may rename its tests) or a computed base (it may inherit
  // tests) explains its ids too.
  const classOf = (id) => functionOf(id).slice(0, functionOf(id).lastIndexOf('::'));
  // So does a module flagged for creating tests on import (`globals()[…] = type(…)`, `exec`).
  const moduleOf = (id) => id.split('::')[0];
  const explained = [...theirs].filter((id) => mine.has(id) || flagged.has(functionOf(id)) || flagged.has(classOf(id)) || flagged.has(moduleOf(id))).length;
  return {
    certainWrong, unexplained: theirs.size - explained, explainedPercent: theirs.size === 0 ? 100 : (100 * explained) / theirs.size,
    files: importable.size, pytest: theirs.size, static: mine.size, common, percent: union === 0 ? 100 : (100 * common) / union,
    functions: functions.size, functionsPercent: functions.size === 0 ? 100 : (100 * functionsMatched) / functions.size,
  };
}

const synthetic = process.argv.includes('--no-synthetic') ? [] : [{ name: `synthetic (${FILES} files)`, dir: writeSynthetic() }];
const suites = [...synthetic, ...realSuites().map((dir) => ({ name: path.basename(dir), dir }))];
const report = [];
for (const suite of suites) {
  const statics = [];
  const pytests = [];
  for (let run = 1; run <= RUNS; run++) {
    statics.push(runStatic(suite.dir));
    pytests.push(runPytest(suite.dir));
    process.stderr.write(`${suite.name}: run ${run}/${RUNS} static ${statics.at(-1).wallMs.toFixed(0)} ms, pytest ${pytests.at(-1).wallMs.toFixed(0)} ms\n`);
  }
  // Warm: the cache written by a first run (not timed), then every module reused from it, as when
  // the editor opens the workspace again. Its ids must be the cold ones, or the cache is wrong.
  const cacheFile = path.join(work, `cache-${suite.name.replace(/\W+/g, '_')}.json`);
  fs.rmSync(cacheFile, { force: true });
  runStatic(suite.dir, cacheFile);
  const warms = Array.from({ length: RUNS }, () => runStatic(suite.dir, cacheFile));
  for (const warm of warms) {
    if (warm.reused !== warm.modules) throw new Error(`${suite.name}: a warm run reused ${warm.reused} of ${warm.modules} modules`);
    if (JSON.stringify(warm.ids) !== JSON.stringify(statics[0].ids)) throw new Error(`${suite.name}: the cached ids differ from a cold discovery's`);
  }
  // The extension host's cold discovery: in slices of time, the same ids; how long it waits at most.
  const sliced = runStatic(suite.dir, undefined, true);
  if (JSON.stringify(sliced.ids) !== JSON.stringify(statics[0].ids)) throw new Error(`${suite.name}: discovery in slices differs from discovery in one go`);
  const warmWall = median(warms.map((s) => s.wallMs));
  const staticWall = median(statics.map((s) => s.wallMs));
  const staticInProcess = median(statics.map((s) => s.inProcessMs));
  const pytestWall = median(pytests.map((p) => p.wallMs));
  const agree = agreement(statics[0].ids, pytests[0].ids, pytests[0].errored, statics[0].flagged);
  const remembered = await idsWithMemory(suite.dir, pytests[0].ids);
  agree.afterRefreshPercent = agreement(remembered.afterRefresh, pytests[0].ids, pytests[0].errored).percent;
  agree.afterBackgroundPercent = agreement(remembered.afterBackground, pytests[0].ids, pytests[0].errored).percent;
  agree.unsureModules = remembered.unsureModules;
  agree.modules = remembered.modules;
  // When the Test Explorer's tree is pytest's: the static tree, then pytest's collection of the
  // modules static discovery is unsure of (the background collection, here without cargo's start).
  const backgrounds = remembered.unsureFiles.length === 0 ? [0] : Array.from({ length: RUNS }, () => runPytest(suite.dir, remembered.unsureFiles).wallMs);
  const backgroundMs = median(backgrounds);
  report.push({ suite: suite.name, dir: suite.dir, runs: RUNS, staticWallMs: staticWall, staticInProcessMs: staticInProcess, pytestWallMs: pytestWall, speedupWall: pytestWall / staticWall, speedupInProcess: pytestWall / staticInProcess, warmWallMs: warmWall, speedupWarm: pytestWall / warmWall, slicedInProcessMs: sliced.inProcessMs, longestSliceMs: sliced.longestSliceMs, turns: sliced.turns, firstListedMs: sliced.firstListedMs, backgroundCollectionMs: backgroundMs, timeToExactMs: staticWall + backgroundMs, agreement: agree, pytestSummary: pytests[0].summary });
}

console.log('\nsuite                      static (process / in-process)   pytest --collect-only   speedup (process / in-process)   warm start (cache)   node-id agreement');
for (const r of report) {
  console.log(
    `${r.suite.padEnd(26)} ${(r.staticWallMs / 1000).toFixed(2).padStart(7)} s / ${(r.staticInProcessMs / 1000).toFixed(2).padStart(6)} s` +
      `        ${(r.pytestWallMs / 1000).toFixed(2).padStart(7)} s            ${r.speedupWall.toFixed(1).padStart(6)}× / ${r.speedupInProcess.toFixed(1).padStart(6)}×` +
      `           ${(r.warmWallMs / 1000).toFixed(2).padStart(5)} s ${r.speedupWarm.toFixed(0).padStart(4)}×` +
      `     extension host: cold discovery in slices of time (${(r.slicedInProcessMs / 1000).toFixed(2)} s, ${r.turns} turns to the event loop), the longest ${r.longestSliceMs.toFixed(0)} ms, the first modules listed after ${(r.firstListedMs ?? r.slicedInProcessMs).toFixed(0)} ms;` +
      `     ${r.agreement.percent.toFixed(2)}% of ids (${r.agreement.common} common; pytest ${r.agreement.pytest}, static ${r.agreement.static}; ${r.agreement.files} files); ` +
      `${r.agreement.functionsPercent.toFixed(2)}% of ${r.agreement.functions} test functions identical; ` +
      `after one Refresh ${r.agreement.afterRefreshPercent.toFixed(2)}% identical, also after edits; ` +
      `after the background collection of the ${r.agreement.unsureModules} of ${r.agreement.modules} modules static discovery is unsure of ${r.agreement.afterBackgroundPercent.toFixed(3)}% ` +
      `(that collection takes ${(r.backgroundCollectionMs / 1000).toFixed(2)} s: every module is sure or collected ${(r.timeToExactMs / 1000).toFixed(2)} s after a cold start, against ${(r.pytestWallMs / 1000).toFixed(2)} s for pytest's full collection); ` +
      `${r.agreement.explainedPercent.toFixed(2)}% of pytest's ids exact or under a flagged function ('known after Refresh', 'id guessed'), class ('may inherit more tests', 'its metaclass may rename its tests') or module ('may create more tests on import'), ${r.agreement.unexplained} not; ${r.agreement.certainWrong} unflagged wrong ids`,
  );
}
console.log(`\nmedian of ${RUNS} alternating runs per side; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const jsonFile = option('json');
if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(report, null, 2));
