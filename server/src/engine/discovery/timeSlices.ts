// Long work on a thread others share (the extension host runs every extension) gives the event
// loop a turn every few milliseconds, so the editor stays responsive while a large test tree is
// discovered: numpy's cold discovery is 1.5 s of work, which would otherwise be one 1.5 s stall.

/** Long enough that the turns cost nothing measurable, short enough to stay below a frame or two. */
export const DEFAULT_SLICE_MS = 25;

export class TimeSlices {
  private sliceStarted = performance.now();
  /** Turns given to the event loop so far. */
  turns = 0;
  /** The longest stretch run without giving a turn (ms). */
  longestSlice = 0;

  constructor(private readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** Whether this slice has used its time: then `await giveTurn()`. */
  get due(): boolean {
    return performance.now() - this.sliceStarted >= this.sliceMs;
  }

  /** Lets everything queued (timers, I/O, messages) run, then starts the next slice. */
  async giveTurn(): Promise<void> {
    this.longestSlice = Math.max(this.longestSlice, performance.now() - this.sliceStarted);
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.turns++;
    this.sliceStarted = performance.now();
  }

  /** Closes the last slice (so `longestSlice` counts it too). */
  finish(): void {
    this.longestSlice = Math.max(this.longestSlice, performance.now() - this.sliceStarted);
  }
}
