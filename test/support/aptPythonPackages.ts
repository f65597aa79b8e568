// Optional pytest plugins (pytest-cov, coverage, debugpy, pytest-xdist, pytest-asyncio,
// pytest-rerunfailures) for tests that need the real thing.
// PyPI is out of reach, but Debian ships them for its python3 3.11 (same ABI as the pyenv 3.11 the
// tests use). The whole dist-packages folder must not go on PYTHONPATH (it holds an older pytest), so
// an overlay folder links just the wanted packages and their metadata (pytest finds pytest-cov
// through its entry point in that metadata).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const DEBIAN_DIST_PACKAGES = '/usr/lib/python3/dist-packages';

/** The Debian packages that provide each importable name, for skip messages and `.ci/run`. */
export const APT_PACKAGE_OF: Record<string, string> = {
  coverage: 'python3-coverage',
  pytest_cov: 'python3-pytest-cov',
  debugpy: 'python3-debugpy',
  bytecode: 'python3-bytecode',
  xdist: 'python3-pytest-xdist',
  execnet: 'python3-execnet',
  pytest_asyncio: 'python3-pytest-asyncio',
  pytest_rerunfailures: 'python3-pytest-rerunfailures',
};

/** Distribution names (of the `.dist-info` holding the pytest11 entry point) that differ from the import name. */
const DISTRIBUTION_OF: Record<string, string> = { xdist: 'pytest_xdist' };

export type Overlay = { ok: true; dir: string } | { ok: false; reason: string };

/**
 * A temp folder with links to `modules` (import names) and their `.dist-info`/`.egg-info` from
 * Debian's dist-packages, for PYTHONPATH; or why not (the apt package is missing).
 */
export function aptPythonOverlay(modules: string[]): Overlay {
  let entries: string[];
  try {
    entries = fs.readdirSync(DEBIAN_DIST_PACKAGES);
  } catch {
    return { ok: false, reason: `${DEBIAN_DIST_PACKAGES} does not exist (apt-get install ${modules.map((m) => APT_PACKAGE_OF[m] ?? m).join(' ')})` };
  }
  // A package is a folder; a one-module distribution (pytest_rerunfailures) is a `.py` file.
  const entryOf = (module: string): string | undefined => [module, `${module}.py`].find((entry) => entries.includes(entry));
  const missing = modules.filter((module) => !entryOf(module));
  if (missing.length > 0) {
    return { ok: false, reason: `not installed: ${missing.join(', ')} (apt-get install ${missing.map((m) => APT_PACKAGE_OF[m] ?? m).join(' ')})` };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pytest-patterns-apt-overlay-'));
  for (const module of modules) {
    const distribution = DISTRIBUTION_OF[module] ?? module;
    const metadata = entries.filter((entry) => /\.(dist|egg)-info$/.test(entry) && entry.split('-')[0].replace(/-/g, '_') === distribution);
    for (const entry of [entryOf(module)!, ...metadata]) fs.symlinkSync(path.join(DEBIAN_DIST_PACKAGES, entry), path.join(dir, entry));
  }
  return { ok: true, dir };
}
