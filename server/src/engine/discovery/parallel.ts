// Static discovery of a large tree on several cores: the calling thread and helper worker threads
// (each with its own parser) take batches of test files from one shared counter, so a helper that
// starts late simply takes fewer; the modules are merged back in pytest's order. Only for scripts
// that can load themselves in a worker (the CLI and the benchmark bundles, the compiled tests);
// the extension host discovers in its own thread.

import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { PytestConfig } from '../config/pytestConfig';
import { createPythonParser } from '../parse/parser';
import { isTunedForBatchWork } from '../runtime/batchTuning';
import { StaticDiscovery } from './discover';
import type { DiscoveredModule } from './types';

interface Job {
  pytestPatternsDiscovery: true;
  root: string;
  config: PytestConfig;
  recordDependencies: boolean;
  files: string[];
  /** Int32 [0]: index of the next unclaimed file, shared by every thread. */
  next: SharedArrayBuffer;
  batch: number;
}

/**
 * Below this many files one thread is as fast: a helper costs its start-up (own isolate, bundle,
 * wasm, cold JIT, about 0.2 s) and the copy of its modules. Measured on 2 cores, tuned for batch
 * work: networkx's 266 files gain nothing from a helper, numpy's 194 a little, scipy's 334 about 12 %.
 */
const MIN_FILES_FOR_WORKERS = 150;
/** Files per claim: a few, so the threads finish together. */
const BATCH = 4;

export interface ParallelOptions {
  /** Threads in all, the calling one included (default: one per core but one, at most 8). */
  threads?: number;
  /** The script a helper loads: this module's bundle (default: this file). */
  script?: string;
  minFiles?: number;
  batch?: number;
  /** false: the calling thread only waits for the helpers (tests use it to exercise the merge). */
  callingThreadWorks?: boolean;
  /** The test files to discover (default: all of them, `discovery.testFiles()`). */
  files?: string[];
}

/**
 * With V8's default tiering one core stays with its background threads: a cold single-thread
 * discovery keeps 1.3–1.6 cores busy with concurrent TurboFan jobs, wasm tier-up and GC, and on 2
 * cores a helper only added CPU. A process tuned for batch work (see `tuneForBatchWork`) leaves
 * that core free: one thread per core.
 */
function defaultThreads(): number {
  const cores = os.cpus().length;
  return Math.max(1, Math.min(8, isTunedForBatchWork() ? cores : cores - 1));
}

/**
 * The files a thread discovers, claimed a batch at a time from the shared counter as it goes, so
 * one `discoverFiles` call (one loader: imported modules parsed once per thread) takes its share.
 */
function* claimed(files: readonly string[], next: Int32Array, batch: number): Generator<string> {
  for (;;) {
    const start = Atomics.add(next, 0, batch);
    if (start >= files.length) return;
    for (let i = start; i < Math.min(start + batch, files.length); i++) yield files[i];
  }
}

/** `discoverFiles` only iterates its argument (widening its type to `Iterable<string>` would drop this cast). */
function discoverClaimed(discovery: StaticDiscovery, files: readonly string[], next: Int32Array, batch: number): DiscoveredModule[] {
  return discovery.discoverFiles(claimed(files, next, batch));
}

export async function discoverAllParallel(discovery: StaticDiscovery, options: ParallelOptions = {}): Promise<DiscoveredModule[]> {
  const { threads = defaultThreads(), script = __filename, minFiles = MIN_FILES_FOR_WORKERS, batch = BATCH, callingThreadWorks = true } = options;
  const files = options.files ?? discovery.testFiles();
  if (threads < 2 || files.length < minFiles) return discovery.discoverFiles(files);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const job: Job = { pytestPatternsDiscovery: true, root: discovery.root, config: discovery.config, recordDependencies: discovery.recordsDependencies, files, next: next.buffer as SharedArrayBuffer, batch };
  const helpers = Array.from({ length: callingThreadWorks ? threads - 1 : threads }, () => startHelper(job, script));
  const own = callingThreadWorks ? discoverClaimed(discovery, files, next, batch) : [];
  const answers = await Promise.all(helpers);
  const byFile = new Map([...own, ...answers.flatMap((modules) => modules ?? [])].map((module) => [module.file, module]));
  // A helper that failed leaves the files it claimed unanswered: discover them here.
  if (answers.includes(undefined)) discovery.discoverFiles(files.filter((file) => !byFile.has(file))).forEach((module) => byFile.set(module.file, module));
  return files.map((file) => byFile.get(file)).filter((module): module is DiscoveredModule => module !== undefined);
}

/** A helper's modules, or undefined when it failed. */
function startHelper(job: Job, script: string): Promise<DiscoveredModule[] | undefined> {
  return new Promise((resolve) => {
    // `require` from an eval'd entry: the bundle is then not the worker's main module, so
    // a CLI bundle's `require.main === module` entry point stays quiet in the worker.
    let worker: Worker;
    try {
      worker = new Worker(`require(${JSON.stringify(script)});`, { eval: true, workerData: job });
    } catch {
      resolve(undefined); // no worker threads here: the calling thread does it all
      return;
    }
    worker.once('message', resolve);
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}

async function runJob(job: Job): Promise<void> {
  const parser = await createPythonParser();
  const discovery = new StaticDiscovery(parser, job.root, { config: job.config, recordDependencies: job.recordDependencies });
  parentPort!.postMessage(discoverClaimed(discovery, job.files, new Int32Array(job.next), job.batch));
}

if (!isMainThread && (workerData as Job | undefined)?.pytestPatternsDiscovery) void runJob(workerData as Job);
