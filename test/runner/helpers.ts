// Shared paths and environment for the runner tests (real cargo, real pytest).

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunEvent } from '../../server/src/engine/runner';

/** Repository root, from out/test/runner/ (compiled) back to the sources. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const workspacesDir = path.join(repoRoot, 'test', 'fixtures', 'workspaces');
export const exampleCrate = path.join(workspacesDir, 'cargo-pytest');
export const scenario = (name: string): string => path.join(workspacesDir, 'runner-scenarios', name);
export const transcript = (name: string): string =>
  fs.readFileSync(path.join(repoRoot, 'test', 'runner', 'transcripts', name), 'utf8');

/**
 * One target dir for every runner test file, so each crate compiles once per checkout. Keyed by the
 * checkout's path: the harnesses compile their crate's path in, and cargo reuses a binary built from
 * another checkout of the same crate (same name, same relative path) as if it were fresh.
 */
export const sharedTargetDir = path.join(
  os.tmpdir(),
  `pytest-patterns-runner-target-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 12)}`,
);

export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CARGO_TARGET_DIR: sharedTargetDir, ...extra };
}

export function eventsOfType<T extends RunEvent['event']>(events: RunEvent[], type: T): Extract<RunEvent, { event: T }>[] {
  return events.filter((event): event is Extract<RunEvent, { event: T }> => event.event === type);
}

/** True when `pid` is no longer a running process (gone, or a zombie awaiting its reaper). */
export function processIsGone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name, is the state; Z = zombie, X = dead.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

/** 1-based line of the first line of `file` containing `text` (so tests survive edits above it). */
export function lineOf(file: string, text: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${text} not in ${file}`);
  return index + 1;
}
