// Checks the Python the harness will use before cargo runs, so a missing interpreter, pytest or
// debugpy is reported by name instead of surfacing as a confusing cargo failure. It also tells
// whether pytest-cov is there: coverage runs use it when it is, the built-in tracer when not.

import { spawn } from 'node:child_process';
import { RunnerErrorEvent } from './events';

export interface PythonCapabilities {
  executable: string;
  pytest: boolean;
  pytestCov: boolean;
  debugpy: boolean;
}

const PROBE = [
  'import importlib.util, json, sys',
  'has = lambda name: importlib.util.find_spec(name) is not None',
  'print(json.dumps({"executable": sys.executable, "pytest": has("pytest"), "pytestCov": has("pytest_cov"), "debugpy": has("debugpy")}))',
].join('\n');

export type ProbeResult = { ok: true; capabilities: PythonCapabilities } | { ok: false; error: RunnerErrorEvent };

export function probePython(python: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = spawn(python, ['-c', PROBE], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        error: {
          event: 'error',
          kind: 'pythonMissing',
          message: `\`${python}\` was not found on PATH (${error.code ?? error.message}). The cargo test harness runs pytest with it: install Python 3 or put it on the PATH given to cargo.`,
        },
      }),
    );
    child.once('close', (code) => {
      try {
        if (code !== 0) throw new Error(stderr.trim() || `exit code ${code}`);
        resolve({ ok: true, capabilities: JSON.parse(stdout.trim().split('\n').pop() ?? '') as PythonCapabilities });
      } catch (error) {
        resolve({
          ok: false,
          error: { event: 'error', kind: 'pythonMissing', message: `\`${python}\` could not be run: ${(error as Error).message}` },
        });
      }
    });
  });
}

/** The error for a capability the chosen mode needs but the interpreter lacks, if any. */
export function missingCapability(capabilities: PythonCapabilities, mode: 'run' | 'collect' | 'coverage' | 'debug'): RunnerErrorEvent | undefined {
  const python = capabilities.executable;
  if (!capabilities.pytest) {
    return { event: 'error', kind: 'pytestMissing', message: `pytest is not installed in ${python}. Install it there (pip install pytest).` };
  }
  if (mode === 'debug' && !capabilities.debugpy) {
    return {
      event: 'error',
      kind: 'debugpyMissing',
      message: `debugpy is not installed in ${python}. Install it there (pip install debugpy) to debug tests.`,
    };
  }
  return undefined;
}

const probeCache = new Map<string, PythonCapabilities>();

/**
 * probePython, remembering successful probes per interpreter, folder and PATH (interpreter shims
 * such as pyenv can take a second to start). A cached answer that lacks what `mode` needs (or
 * would prefer: pytest-cov for coverage) is probed again, so installing pytest-cov or debugpy
 * takes effect without a restart.
 */
export async function probePythonCached(
  python: string, cwd: string, env: NodeJS.ProcessEnv, mode: 'run' | 'collect' | 'coverage' | 'debug',
): Promise<ProbeResult> {
  // PYTHONPATH too: it decides whether pytest-cov/debugpy import (e.g. set through the cargo env setting).
  const key = JSON.stringify([python, cwd, env.PATH ?? '', env.PYENV_VERSION ?? '', env.VIRTUAL_ENV ?? '', env.PYTHONPATH ?? '']);
  const cached = probeCache.get(key);
  const wantsPytestCov = mode === 'coverage' && cached?.pytestCov === false;
  if (cached && missingCapability(cached, mode) === undefined && !wantsPytestCov) return { ok: true, capabilities: cached };
  const result = await probePython(python, cwd, env);
  if (result.ok) probeCache.set(key, result.capabilities);
  else probeCache.delete(key);
  return result;
}
