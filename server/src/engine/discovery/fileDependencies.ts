// What a discovered module depends on: its own file, the conftest.py files above it (present or
// not), and every file discovery probed or read to follow its imports. Each is kept with a stamp
// (mtime and size, '' when absent) so a cache can tell, by stat calls alone, when to redo it.
// Discovery is synchronous, so one recorder at a time is active; the file-access points note
// into it (every access, memoized ones too: a module must list what it used, not what it loaded first).

import * as fs from 'node:fs';

/** `mtimeMs:size`, or '' when the path is no readable file. */
export type Stamp = string;

export function stampOf(file: string): Stamp {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : '';
  } catch {
    return '';
  }
}

/** Stamps taken once per discovery run: every module of a tree notes the same conftest and package files. */
export class StampMemo {
  private readonly stamps = new Map<string, Stamp>();

  get(file: string): Stamp {
    let stamp = this.stamps.get(file);
    if (stamp === undefined) this.stamps.set(file, (stamp = stampOf(file)));
    return stamp;
  }
}

/** The files one module's discovery used, with their stamps. */
export class DependencyRecorder {
  readonly files = new Map<string, Stamp>();

  constructor(private readonly memo: StampMemo) {}

  note(file: string): void {
    if (!this.files.has(file)) this.files.set(file, this.memo.get(file));
  }
}

let active: DependencyRecorder | undefined;
/** The files noted since the innermost `capturingDependencies` began (undefined outside one). */
let captured: Set<string> | undefined;

/** Runs `discover` with `recorder` noting every file it touches. */
export function recordingInto<T>(recorder: DependencyRecorder, discover: () => T): T {
  const previous = active;
  active = recorder;
  try {
    return discover();
  } finally {
    active = previous;
  }
}

/**
 * Call before reading or probing `file` (the stamp is taken first, so a change during the read
 * leaves a stamp that no longer matches rather than one that hides the change).
 */
export function noteDependency(file: string): void {
  if (active === undefined) return;
  active.note(file);
  captured?.add(file);
}

/**
 * Runs `compute` and returns, with its value, the files it noted (undefined when nothing records):
 * a memo that answers later modules must note them again for each, or those modules would not
 * list the files behind the answer (a value three star imports away) and a cache would keep
 * them after that file changed. Nested captures hand their files to the enclosing one.
 */
export function capturingDependencies<T>(compute: () => T): { value: T; files?: string[] } {
  if (active === undefined) return { value: compute() };
  const outer = captured;
  const inner = new Set<string>();
  captured = inner;
  try {
    return { value: compute(), files: [...inner] };
  } finally {
    captured = outer;
    if (outer) inner.forEach((file) => outer.add(file));
  }
}

/** Whether a recorder is listening (a memo made without one has no files to replay). */
export function isRecordingDependencies(): boolean {
  return active !== undefined;
}
