// Runs the pytest suite of one crate through cargo: preflight, spawn in a process group with the
// reporter plugin injected, stream typed events, cancel by killing the group, diagnose silence.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCargoCommand, CargoOptions, pluginEnvironment } from './command';
import { parseCoverageJson } from './coverage';
import { coverageSetup, noCoverageDataNotice } from './coverageMode';
import { crateFolderProblem, defaultPytestTarget, describeCrate } from './crates';
import { diagnoseExit } from './diagnose';
import { RunEvent } from './events';
import { findPluginDir } from './pluginDir';
import { missingCapability, probePythonCached } from './preflight';
import { killGroup, spawnGroup } from './processGroup';
import { openSideChannel } from './sideChannel';
import { RunSummary, summarize } from './summary';

export type RunMode = 'run' | 'collect' | 'coverage' | 'debug';
export type OutputStream = 'stdout' | 'stderr';

export interface RunOptions {
  /** Folder of the crate's Cargo.toml; cargo runs there. */
  crateDir: string;
  /** Exact pytest node ids (or parents: file, class, function of parametrized cases). Empty: all. */
  nodeIds?: string[];
  mode?: RunMode;
  cargo?: CargoOptions;
  /** Extra pytest arguments, passed through PYTEST_ADDOPTS (harnesses need not forward args). */
  pytestArgs?: string[];
  /** Interpreter the harness uses, for the preflight check. Default `python3`. */
  python?: string;
  /** Base environment (default process.env); cargo.env is laid over it. */
  env?: NodeJS.ProcessEnv;
  /** Run the selection this many times and report flakiness (default 1). */
  repeat?: number;
  /**
   * Port debugpy listens on in `debug` mode. Default 0: debugpy takes a free loopback port (a fixed
   * 5678 collides with any other debug session) and `debugListening` reports the one it got.
   */
  debugPort?: number;
  /** Folder of pytest_patterns_reporter.py (default: found next to this module). */
  pluginDir?: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Every raw chunk cargo, the harness and pytest write, as it comes. */
  onOutput?: (text: string, stream: OutputStream) => void;
}

const OUTPUT_KEPT_CHARS = 256 * 1024;

export async function runTests(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const events: RunEvent[] = [];
  const emit = (event: RunEvent): void => {
    events.push(event);
    options.onEvent?.(event);
  };
  const repeat = Math.max(1, Math.floor(options.repeat ?? 1));
  for (let iteration = 1; iteration <= repeat; iteration++) {
    if (repeat > 1) emit({ event: 'iterationStart', iteration, of: repeat });
    const outcome = await runOnce(options, emit);
    if (outcome !== 'continue') break;
  }
  return summarize(events, Date.now() - started);
}

/** One cargo invocation. Returns 'stop' when repeating makes no sense (error or cancel). */
async function runOnce(options: RunOptions, emit: (event: RunEvent) => void): Promise<'continue' | 'stop'> {
  const mode = options.mode ?? 'run';
  const crateDir = path.resolve(options.crateDir);
  const cargoOptions = options.cargo ?? {};
  const baseEnv: NodeJS.ProcessEnv = { ...(options.env ?? process.env), ...(cargoOptions.env ?? {}) };
  if (options.signal?.aborted) {
    emit({ event: 'processExit', code: null, signal: null, cancelled: true });
    return 'stop';
  }

  // Before the probe: spawning in a missing folder fails with ENOENT too, which would blame python3.
  const notACrate = crateFolderProblem(crateDir);
  if (notACrate) {
    emit({ event: 'error', kind: 'crateMissing', message: notACrate });
    return 'stop';
  }
  const probe = await probePythonCached(options.python ?? 'python3', crateDir, baseEnv, mode);
  const missing = probe.ok ? missingCapability(probe.capabilities, mode) : probe.error;
  if (missing || !probe.ok) {
    if (missing) emit(missing);
    return 'stop';
  }

  const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pytest-patterns-run-'));
  let sawSessionStart = false;
  let sawSessionFinish = false;
  let rootdir = crateDir;
  const channel = await openSideChannel((parsed) => {
    if (!parsed.ok) {
      emit({ event: 'error', kind: 'protocolError', message: `bad event from the pytest plugin (${parsed.error}): ${parsed.line.slice(0, 200)}` });
      return;
    }
    if (parsed.event.event === 'sessionStart') {
      sawSessionStart = true;
      rootdir = parsed.event.rootdir;
    }
    if (parsed.event.event === 'sessionFinish') sawSessionFinish = true;
    emit(parsed.event);
    // The plugin ends the session when debugpy cannot start: that is the run's error, not a pass.
    if (parsed.event.event === 'debugError') emit({ event: 'error', kind: 'debugFailed', message: parsed.event.message });
  });

  try {
    const pytestArgs = [...(options.pytestArgs ?? [])];
    if (mode === 'collect') pytestArgs.push('--collect-only');
    const coverage = mode === 'coverage'
      ? coverageSetup({
        workDir,
        pytestCov: probe.capabilities.pytestCov,
        python: probe.capabilities.executable,
        userPytestArgs: pytestArgs,
        userAddopts: baseEnv.PYTEST_ADDOPTS,
      })
      : undefined;
    if (coverage?.notice) emit(coverage.notice);
    let selectFile: string | undefined;
    if (options.nodeIds && options.nodeIds.length > 0) {
      selectFile = path.join(workDir, 'select.txt');
      await fs.promises.writeFile(selectFile, options.nodeIds.join('\n') + '\n', 'utf8');
    }
    const env = {
      ...baseEnv,
      ...pluginEnvironment(baseEnv, {
        pluginDir: options.pluginDir ?? findPluginDir(),
        eventsAddress: channel.address,
        selectFile,
        extraPytestArgs: pytestArgs,
        debugPort: mode === 'debug' ? options.debugPort ?? 0 : undefined,
        plugins: coverage?.plugins,
        flagsBeforePlugins: coverage?.flagsBeforePlugins,
      }),
      ...coverage?.env,
    };
    const crate = describeCrate(crateDir);
    const { command, args } = buildCargoCommand(cargoOptions, crate ? defaultPytestTarget(crate) : undefined);

    const group = spawnGroup(command, args, crateDir, env);
    let output = '';
    const forward = (stream: OutputStream) => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-OUTPUT_KEPT_CHARS);
      options.onOutput?.(text, stream);
    };
    group.child.stdout?.on('data', forward('stdout'));
    group.child.stderr?.on('data', forward('stderr'));
    if (group.child.pid !== undefined) emit({ event: 'processStart', command, args, cwd: crateDir, pid: group.child.pid });

    let cancelled = false;
    const onAbort = (): void => {
      cancelled = true;
      void killGroup(group);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const exit = await group.closed;
    options.signal?.removeEventListener('abort', onAbort);
    await channel.drained();

    if (!cancelled) {
      const problem = diagnoseExit({ command, code: exit.code, signal: exit.signal, spawnError: exit.spawnError, sawSessionStart, sawSessionFinish, output });
      if (problem) emit(problem);
    }
    if (coverage && !cancelled && sawSessionFinish) {
      if (fs.existsSync(coverage.reportFile)) emit(parseCoverageJson(await fs.promises.readFile(coverage.reportFile, 'utf8'), rootdir));
      else emit(noCoverageDataNotice(probe.capabilities.pytestCov));
    }
    emit({ event: 'processExit', code: exit.code, signal: exit.signal, cancelled });
    return cancelled || !sawSessionStart ? 'stop' : 'continue';
  } finally {
    await channel.close();
    await fs.promises.rm(workDir, { recursive: true, force: true });
  }
}
