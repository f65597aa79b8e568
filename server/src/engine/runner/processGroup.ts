// Starts a command as the leader of its own process group and kills the whole group, so
// cancelling a run also ends the test binary and pytest that cargo started (no orphans).

import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';

/** How long output pipes may stay open after the leader exited. */
const LINGER_MS = 2000;
/** Upper bound on waiting for killed group members to actually die. */
const GROUP_EXIT_WAIT_MS = 2000;
const GROUP_POLL_MS = 20;

export interface GroupExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: NodeJS.ErrnoException;
}

export interface GroupProcess {
  child: ChildProcess;
  /** Resolves when the leader exited, its pipes closed, and no other member of its group runs. */
  closed: Promise<GroupExit>;
}

/** Groups still running; killed when this process exits (the editor closes, the CLI is interrupted). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killLiveGroupsOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Detached groups outlive their parent otherwise. 'exit' handlers must be synchronous: process.kill is.
  process.once('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  });
}

export function spawnGroup(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): GroupProcess {
  // detached: the child becomes a group leader (setsid); its descendants share the group id.
  const child = spawn(command, args, { cwd, env, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) {
    liveGroups.add(child.pid);
    killLiveGroupsOnExit();
  }
  const pipesClosed = new Promise<GroupExit>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, signal: null, spawnError: error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
    // A process a test left running in the background can hold the output pipes open after
    // cargo exited; after a grace period stop waiting for them (the sweep below ends them).
    child.once('exit', (code, signal) => {
      const timer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        resolve({ code, signal });
      }, LINGER_MS);
      child.once('close', () => clearTimeout(timer));
    });
  });
  const closed = pipesClosed.then(async (exit) => {
    // Background processes a test left behind in the group die with the run.
    if (child.pid !== undefined && !exit.spawnError) {
      signalGroup(child.pid, 'SIGKILL');
      await waitForGroupExit(child.pid);
    }
    if (child.pid !== undefined) liveGroups.delete(child.pid);
    return exit;
  });
  return { child, closed };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    } else {
      process.kill(-pid, signal);
    }
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** True while a process of group `pgid` still runs (zombies waiting for their reaper do not count). */
function groupHasLiveMembers(pgid: number): boolean {
  if (process.platform === 'linux') {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
      } catch {
        // Ended while we looked.
      }
    }
    return false;
  }
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL is delivered asynchronously: wait (bounded) until the group's members are dead. */
async function waitForGroupExit(pgid: number): Promise<void> {
  const deadline = Date.now() + GROUP_EXIT_WAIT_MS;
  while (groupHasLiveMembers(pgid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
  }
}

/**
 * SIGTERM the group, then SIGKILL whatever is left after `graceMs`.
 * Resolves once the run's `closed` resolved (leader gone, pipes closed, group swept).
 */
export async function killGroup(group: GroupProcess, graceMs = 3000): Promise<void> {
  const pid = group.child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const escalate = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      signalGroup(pid, 'SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([group.closed, escalate]);
  clearTimeout(timer);
  await group.closed;
}
