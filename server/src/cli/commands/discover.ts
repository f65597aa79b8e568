// `pytest-patterns discover [root] [--format json|text] [--cache <file>]`: the static test tree with
// pytest's node ids, without importing any test code. JSON: an array of {nodeid, file, line, kind}
// (plus dynamic/guessed/conditional: true where unsure). With --cache, modules whose files did not
// change since the last run are read from that file instead of parsed again.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectionErrors, discoverAllParallel, discoverCachedParallel, DiscoveryCache, discoveryCacheKey, flattenTests, importCollisionError, importCollisions, nodeIdPath, StaticDiscovery } from '../../engine/discovery';
import { createPythonParser } from '../../engine/parse/parser';

export interface CommandIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd?: string;
}

export const DISCOVER_USAGE = 'pytest-patterns discover [root] [--format json|text] [--path <dir-or-file>]... [--cache <file>]';
const USAGE = `usage: ${DISCOVER_USAGE}\n`;

interface DiscoverArgs {
  root: string;
  format: 'json' | 'text';
  paths: string[];
  cache?: string;
}

function parseArgs(argv: string[], cwd: string): DiscoverArgs | string {
  const args: DiscoverArgs = { root: cwd, format: 'text', paths: [] };
  let rootSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--format') {
      const format = value();
      if (format !== 'json' && format !== 'text') return `unknown format ${JSON.stringify(format)} (use json or text)`;
      args.format = format;
    } else if (flag === '--path') {
      const p = value();
      if (!p) return '--path needs a value';
      args.paths.push(p);
    } else if (flag === '--cache') {
      const file = value();
      if (!file) return '--cache needs a file';
      args.cache = path.resolve(cwd, file);
    } else if (flag === '-h' || flag === '--help') return '';
    else if (flag.startsWith('-')) return `unknown option ${flag}`;
    else if (!rootSeen) {
      args.root = path.resolve(cwd, arg);
      rootSeen = true;
    } else return `unexpected argument ${JSON.stringify(arg)}`;
  }
  return args;
}

/** Exit codes: 0 done, 2 usage error or root not found. */
export async function discoverCommand(argv: string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, io.cwd ?? process.cwd());
  if (typeof args === 'string') {
    io.stderr.write(args ? `pytest-patterns discover: ${args}\n${USAGE}` : USAGE);
    return args ? 2 : 0;
  }
  if (!fs.existsSync(args.root)) {
    io.stderr.write(`pytest-patterns discover: ${args.root} does not exist\n`);
    return 2;
  }
  const paths = args.paths.map((p) => path.resolve(io.cwd ?? process.cwd(), p));
  // pytest refuses a path that does not exist ("file or directory not found"): so does discover.
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    io.stderr.write(`pytest-patterns discover: --path ${missing.join(', ')} does not exist\n`);
    return 2;
  }
  // A test file as the root: its folder is the root and the file the one path, as `pytest FILE` collects it.
  if (fs.statSync(args.root).isFile()) {
    paths.push(args.root);
    args.root = path.dirname(args.root);
  }
  const parser = await createPythonParser();
  try {
    const discovery = new StaticDiscovery(parser, args.root, { paths, recordDependencies: args.cache !== undefined });
    const cache = args.cache === undefined ? undefined : DiscoveryCache.read(args.cache, discoveryCacheKey(discovery));
    const modules = cache ? await discoverCachedParallel(discovery, cache) : await discoverAllParallel(discovery);
    if (cache?.isChanged) {
      try {
        cache.write(args.cache!);
      } catch (error) {
        // The tests were found: a cache that cannot be saved only costs the next run its speed.
        io.stderr.write(`pytest-patterns discover: could not write the cache ${args.cache}: ${(error as Error).message}\n`);
      }
    }
    const tests = flattenTests(modules);
    if (args.format === 'json') {
      io.stdout.write(JSON.stringify(tests, null, 2) + '\n');
    } else {
      for (const test of tests) io.stdout.write(`${test.nodeid}\n`);
      io.stdout.write(`\n${tests.length} tests in ${modules.length} files (rootdir ${discovery.rootdir})\n`);
    }
    // As pytest --collect-only reports them; stdout keeps its format for the tools that read it.
    for (const error of collectionErrors(modules)) io.stderr.write(`pytest-patterns discover: ${error.nodeid}: ${error.message}\n`);
    for (const module of modules.filter((m) => m.unregisteredMarks)) {
      const marks = module.unregisteredMarks!.join(', ');
      io.stderr.write(`pytest-patterns discover: ${module.nodeid}: strict markers: ${marks} registered by no config or conftest.py; pytest refuses the module unless a plugin registers them (its tests are flagged)\n`);
    }
    for (const [file, earlier] of importCollisions(modules.map((m) => m.file), discovery.config)) {
      io.stderr.write(`pytest-patterns discover: ${nodeIdPath(discovery.rootdir, file)}: ${importCollisionError(file, earlier, discovery.rootdir)}\n`);
    }
    return 0;
  } finally {
    parser.delete();
  }
}
