// The on-disk discovery cache against discovery without it: after every kind of change a module
// can depend on (its own text, a conftest.py above it, a module it imports, a file created earlier
// on the import path), a discovery through the cache must give exactly what a fresh discovery
// gives, and must have parsed only what changed.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { DiscoveredModule, discoverCached, discoverCachedParallel, DiscoveryCache, discoveryCacheKey, flattenTests, StaticDiscovery } from '../../../server/src/engine/discovery';
import { createPythonParser } from '../../../server/src/engine/parse/parser';
import { writeSuite } from './pytestSuite';

/** The parser, counting the texts it parses (to tell what a warm discovery really redid). */
function countingParser(parser: Parser): { parser: Parser; parses: () => number } {
  let parses = 0;
  const counting = new Proxy(parser, {
    get(target, key, receiver) {
      if (key !== 'parse') return Reflect.get(target, key, receiver);
      return (...args: Parameters<Parser['parse']>) => {
        parses++;
        return target.parse(...args);
      };
    },
  });
  return { parser: counting, parses: () => parses };
}

const FILES: Record<string, string> = {
  'pytest.ini': '[pytest]\ntestpaths = tests\n',
  'cases.py': 'SIZES = [1, 2]\n',
  'tests/conftest.py': 'import pytest\n\n\n@pytest.fixture(params=["sqlite", "postgres"])\ndef backend(request):\n    return request.param\n',
  'tests/test_sizes.py': [
    'import pytest',
    '',
    'from cases import SIZES',
    '',
    '',
    '@pytest.mark.parametrize("size", SIZES)',
    'def test_size__listed__then_positive(size):',
    '    assert size > 0',
    '',
  ].join('\n'),
  // Imports what test_sizes.py imports: the loader finds it from memory, the module must still list what was probed.
  'tests/test_sizes_again.py': 'import pytest\n\nfrom cases import SIZES\n\n\n@pytest.mark.parametrize("size", SIZES)\ndef test_size__again__then_positive(size):\n    assert size\n',
  'tests/test_backend.py': 'def test_store__any_backend__then_opens(backend):\n    assert backend\n',
  'tests/unit/test_plain.py': 'def test_plain__nothing__then_passes():\n    assert True\n',
};

describe('discovery cache', () => {
  let parser: Parser;
  let root: string;
  let cacheFile: string;

  before(async () => {
    parser = await createPythonParser();
  });
  after(() => parser.delete());

  function write(relative: string, text: string): void {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }

  function freshIds(): string[] {
    return flattenTests(new StaticDiscovery(parser, root).discoverAll()).map((t) => t.nodeid);
  }

  /** A discovery through the cache file (read, used, written back), with what it reused and parsed. */
  function cached(engine = 'test'): { modules: DiscoveredModule[]; ids: string[]; reused: number; parses: number } {
    const counting = countingParser(parser);
    const discovery = new StaticDiscovery(counting.parser, root, { recordDependencies: true });
    const cache = DiscoveryCache.read(cacheFile, discoveryCacheKey(discovery, engine));
    const modules = discoverCached(discovery, cache);
    if (cache.isChanged) cache.write(cacheFile);
    return { modules, ids: flattenTests(modules).map((t) => t.nodeid), reused: cache.reused, parses: counting.parses() };
  }


  /** The cache file's lines after its header: one per module, `"file"<tab>[dependency indices]<tab>{tree}`. */
  function moduleLines(): string[] {
    return fs.readFileSync(cacheFile, 'utf8').split('\n').slice(1);
  }

  function header(): { files: [string, string][] } {
    return JSON.parse(fs.readFileSync(cacheFile, 'utf8').split('\n')[0]) as { files: [string, string][] };
  }

  it('a warm discovery gives every item field a cold one gives, parsing nothing', () => {
    const suite = writeSuite(); // the generated suite: literal, dynamic, guessed, conditional, helper-built cases
    try {
      root = suite;
      cacheFile = path.join(suite, '.cache', 'discovery.json');
      const plain = new StaticDiscovery(parser, suite).discoverAll();
      const cold = cached();
      assert.equal(cold.reused, 0);
      assert.deepEqual(cold.modules, plain);
      const warm = cached();
      assert.equal(warm.reused, plain.length);
      assert.equal(warm.parses, 0, 'nothing is parsed when no file changed');
      assert.deepEqual(warm.modules, plain);
      assert.ok(flattenTests(plain).length > 50, 'the generated suite has many tests');
    } finally {
      fs.rmSync(suite, { recursive: true, force: true });
    }
  });

  describe('on a small tree of modules, conftest.py files and an imported module', () => {
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cache-'));
      cacheFile = path.join(root, '.cache', 'discovery.json');
      for (const [relative, text] of Object.entries(FILES)) write(relative, text);
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('an edited test module is discovered again, the others are reused', () => {
      cached();
      write('tests/test_backend.py', FILES['tests/test_backend.py'] + '\n\ndef test_store__closed__then_reopens(backend):\n    assert backend\n');
      const warm = cached();
      assert.equal(warm.reused, 3);
      assert.ok(warm.ids.includes('tests/test_backend.py::test_store__closed__then_reopens[postgres]'));
      assert.deepEqual(warm.ids, freshIds());
    });

    it("a conftest.py's fixture params changing rediscovers the modules under it", () => {
      const before = cached();
      assert.ok(before.ids.includes('tests/test_backend.py::test_store__any_backend__then_opens[sqlite]'));
      write('tests/conftest.py', FILES['tests/conftest.py'].replace('"sqlite", "postgres"', '"duckdb", "sqlite", "postgres"'));
      const warm = cached();
      assert.ok(warm.ids.includes('tests/test_backend.py::test_store__any_backend__then_opens[duckdb]'));
      assert.deepEqual(warm.ids, freshIds());
    });

    it('a conftest.py created in a folder that had none rediscovers the modules below it', () => {
      cached();
      write('tests/unit/conftest.py', 'import pytest\n\n\n@pytest.fixture(autouse=True, params=[1, 2])\ndef repeat(request):\n    return request.param\n');
      const warm = cached();
      assert.ok(warm.ids.includes('tests/unit/test_plain.py::test_plain__nothing__then_passes[1]'), warm.ids.join('\n'));
      assert.deepEqual(warm.ids, freshIds());
      assert.equal(warm.reused, 3, 'only the module under the new conftest.py is redone');
    });

    it('an imported module changing, or one created earlier on the import path, rediscovers its importers', () => {
      assert.ok(cached().ids.includes('tests/test_sizes.py::test_size__listed__then_positive[2]'));
      write('cases.py', 'SIZES = [1, 2, 30]\n');
      const changed = cached();
      assert.ok(changed.ids.includes('tests/test_sizes.py::test_size__listed__then_positive[30]'));
      assert.deepEqual(changed.ids, freshIds());
      // `from cases import …` from tests/ now finds tests/cases.py first.
      write('tests/cases.py', 'SIZES = [7]\n');
      const shadowed = cached();
      assert.ok(shadowed.ids.includes('tests/test_sizes.py::test_size__listed__then_positive[7]'), shadowed.ids.join('\n'));
      assert.ok(shadowed.ids.includes('tests/test_sizes_again.py::test_size__again__then_positive[7]'), shadowed.ids.join('\n'));
      assert.deepEqual(shadowed.ids, freshIds());
    });

    it('a module a star import reaches changing rediscovers every importer, also those answered from memory', () => {
      // Both test modules read SIZES through cases.py; the second gets the answer the first one's lookup memoized.
      write('cases.py', 'from deep_cases import *\n');
      write('deep_cases.py', 'SIZES = [1, 2]\n');
      assert.ok(cached().ids.includes('tests/test_sizes_again.py::test_size__again__then_positive[2]'));
      write('deep_cases.py', 'SIZES = [1, 2, 30]\n');
      const changed = cached();
      assert.ok(changed.ids.includes('tests/test_sizes.py::test_size__listed__then_positive[30]'), changed.ids.join('\n'));
      assert.ok(changed.ids.includes('tests/test_sizes_again.py::test_size__again__then_positive[30]'), changed.ids.join('\n'));
      assert.deepEqual(changed.ids, freshIds());
      assert.equal(changed.reused, 2, 'the two modules that do not import it are reused');
    });

    it('lists each file the modules were built from once, and only those still used', () => {
      cached();
      const files = header().files.map(([file]) => path.relative(root, file));
      assert.equal(new Set(files).size, files.length, files.join('\n'));
      // All four modules read the conftest.py above them (and two of them cases.py): one entry each.
      assert.ok(files.includes(path.join('tests', 'conftest.py')), files.join('\n'));
      assert.ok(files.includes('cases.py'), files.join('\n'));
      const conftest = files.indexOf(path.join('tests', 'conftest.py'));
      assert.equal(moduleLines().filter((line) => (JSON.parse(line.split('\t')[1]) as number[]).includes(conftest)).length, 4);
      // cases.py's old stamp goes once no module refers to it.
      write('cases.py', 'SIZES = [1, 2, 30]\n');
      cached();
      assert.equal(header().files.filter(([file]) => file === path.join(root, 'cases.py')).length, 1);
    });

    it('writes back the lines of unchanged modules as they were; a damaged line costs only its module', () => {
      cached();
      const before = moduleLines();
      write('tests/test_backend.py', FILES['tests/test_backend.py'] + '\n\ndef test_store__closed__then_reopens(backend):\n    assert backend\n');
      assert.equal(cached().reused, 3);
      const after = moduleLines();
      const backend = (lines: string[]): string | undefined => lines.find((line) => line.includes('test_backend.py"\t'));
      assert.notEqual(backend(after), backend(before));
      const tree = (line: string): string => line.slice(line.indexOf('\t', line.indexOf('\t') + 1));
      assert.deepEqual(after.filter((line) => line !== backend(after)).map(tree), before.filter((line) => line !== backend(before)).map(tree));
      // A tree cut short (a disk that filled up): that module is discovered again, the others reused.
      const text = fs.readFileSync(cacheFile, 'utf8');
      const sizes = text.split('\n').findIndex((line) => line.includes('test_sizes.py"\t'));
      fs.writeFileSync(cacheFile, text.split('\n').map((line, index) => (index === sizes ? line.slice(0, -20) : line)).join('\n'));
      const repaired = cached();
      assert.equal(repaired.reused, 3);
      assert.deepEqual(repaired.ids, freshIds());
      assert.equal(cached().reused, 4, 'the damaged line was replaced');
    });

    it('another engine or config key, or a damaged file, starts empty; deleted modules leave the cache', async () => {
      cached('one');
      assert.equal(cached('one').reused, 4);
      assert.equal(cached('two').reused, 0, 'another engine build starts from scratch');
      fs.writeFileSync(cacheFile, '{"format": 1, "key": ');
      assert.equal(cached('two').reused, 0, 'a damaged cache is a miss, not an error');
      fs.rmSync(path.join(root, 'tests/unit/test_plain.py'));
      const after = cached('two');
      assert.deepEqual(after.ids, freshIds());
      assert.equal(moduleLines().length, 3);
      // The parallel entry point (what the CLI uses) reads the same cache.
      const discovery = new StaticDiscovery(parser, root, { recordDependencies: true });
      const cache = DiscoveryCache.read(cacheFile, discoveryCacheKey(discovery, 'two'));
      const modules = await discoverCachedParallel(discovery, cache);
      assert.equal(cache.reused, 3);
      assert.deepEqual(flattenTests(modules).map((t) => t.nodeid), freshIds());
    });
  });
});
