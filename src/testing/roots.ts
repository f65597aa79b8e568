// Which Cargo crates drive pytest in a workspace folder, and which folders pytest collects for
// each: detected from the crates' test targets and pytest config, or set in `pytestPatterns.crates`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CrateInfo, describeCrate, findCrates } from '../../server/src/engine/runner';
import type { CrateSetting } from './settings';

export interface TestRoot {
  /** Absolute crate folder: `cargo test` runs there. */
  crateDir: string;
  label: string;
  /** Folders (absolute) pytest collects; empty: pytest's own testpaths/rootdir rules. */
  testPaths: string[];
  /** How the crate was found, for the output channel. */
  reason: string;
}

function drivesPytest(crate: CrateInfo): boolean {
  return crate.pytestTargets.length > 0 || crate.buildScriptRunsPytest;
}

export function findTestRoots(folder: string, configured: readonly CrateSetting[]): TestRoot[] {
  const roots = new Map<string, TestRoot>();
  for (const setting of configured) {
    const crateDir = path.resolve(folder, setting.path);
    const crate = describeCrate(crateDir);
    const testPaths = (setting.testPaths ?? crate?.testPaths ?? []).map((p) => path.resolve(crateDir, p));
    roots.set(crateDir, { crateDir, label: crate?.packageName ?? path.basename(crateDir), testPaths, reason: 'pytestPatterns.crates setting' });
  }
  for (const crate of findCrates(folder)) {
    if (roots.has(crate.dir) || !drivesPytest(crate)) continue;
    const testPaths = crate.testPaths.map((p) => path.resolve(crate.dir, p)).filter((p) => fs.existsSync(p));
    const targets = crate.pytestTargets.map((t) => t.name).join(', ') || 'build.rs';
    roots.set(crate.dir, { crateDir: crate.dir, label: crate.packageName, testPaths, reason: `test target(s) ${targets} mention pytest` });
  }
  return [...roots.values()].sort((a, b) => a.crateDir.localeCompare(b.crateDir));
}
