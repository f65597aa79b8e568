// Static discovery of a large tree on every core: the test files are split between worker threads
// (each with its own parser) and the modules merged back in pytest's order. Only for scripts that
// can load themselves in a worker (the CLI and the benchmark bundles, the compiled tests); the
// extension host discovers in its own thread.

import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { PytestConfig } from '../config/pytestConfig';
import { createPythonParser } from '../parse/parser';
import { StaticDiscovery } from './discover';
import type { DiscoveredModule } from './types';

interface Job {
  pytestPatternsDiscovery: true;
  root: string;
  config: PytestConfig;
  files: string[];
}

/** Below this many files one thread is faster than starting workers. */
const MIN_FILES_FOR_WORKERS = 1000;

export async function discoverAllParallel(discovery: StaticDiscovery, workers = Math.min(os.cpus().length, 8), script = __filename): Promise<DiscoveredModule[]> {
  const files = discovery.testFiles();
  if (workers < 2 || files.length < MIN_FILES_FOR_WORKERS) return discovery.discoverAll();
  const chunks: string[][] = Array.from({ length: workers }, () => []);
  files.forEach((file, index) => chunks[index % workers].push(file));
  try {
    const results = await Promise.all(
      chunks.map(
        (chunk) =>
          new Promise<DiscoveredModule[]>((resolve, reject) => {
            const job: Job = { pytestPatternsDiscovery: true, root: discovery.root, config: discovery.config, files: chunk };
            // `require` from an eval'd entry: the bundle is then not the worker's main module, so
            // a CLI bundle's `require.main === module` entry point stays quiet in the worker.
            const worker = new Worker(`require(${JSON.stringify(script)});`, { eval: true, workerData: job });
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.once('exit', (code) => code !== 0 && reject(new Error(`discovery worker exited with ${code}`)));
          }),
      ),
    );
    const byFile = new Map(results.flat().map((module) => [module.file, module]));
    return files.map((file) => byFile.get(file)).filter((m): m is DiscoveredModule => m !== undefined);
  } catch {
    return discovery.discoverAll(); // workers unavailable here: same result, one thread
  }
}

async function runJob(job: Job): Promise<void> {
  const parser = await createPythonParser();
  const discovery = new StaticDiscovery(parser, job.root, { config: job.config });
  parentPort!.postMessage(discovery.discoverFiles(job.files));
}

if (!isMainThread && (workerData as Job | undefined)?.pytestPatternsDiscovery) void runJob(workerData as Job);
