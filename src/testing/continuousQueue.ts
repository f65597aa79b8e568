// One run at a time for a continuous run: work that arrives while a run is in progress is merged
// into a single follow-up run (ten quick saves → one more run, not ten). Pure (no `vscode`);
// test/unit/continuousQueue.test.ts pins it.

export type PushResult = 'run' | 'queued' | 'stopped';

export interface QueueHooks {
  /** After each run: how many ran so far, and whether a follow-up starts now. */
  onRunFinished?(runs: number, followUp: boolean): void;
  /** A run that threw: logged, and the loop goes on. */
  onError?(error: unknown): void;
}

export class CoalescingQueue<T> {
  private current: Promise<void> | undefined;
  private pending: { work: T } | undefined;
  private stopped = false;
  private started = 0;

  constructor(
    private readonly execute: (work: T) => Promise<void>,
    private readonly merge: (earlier: T, later: T) => T,
    private readonly hooks: QueueHooks = {},
  ) {}

  /** Runs started so far. */
  get runs(): number {
    return this.started;
  }

  /** `run`: started now; `queued`: merged into the follow-up of the run in progress; `stopped`: dropped. */
  push(work: T): PushResult {
    if (this.stopped) return 'stopped';
    if (this.current) {
      this.pending = { work: this.pending ? this.merge(this.pending.work, work) : work };
      return 'queued';
    }
    this.current = this.loop(work);
    return 'run';
  }

  /** Drops queued work; resolves once the run in progress (if any) has settled. */
  stop(): Promise<void> {
    this.stopped = true;
    this.pending = undefined;
    return this.current ?? Promise.resolve();
  }

  private async loop(first: T): Promise<void> {
    // Yield once so push() has stored `current` before the loop can finish and clear it.
    await Promise.resolve();
    let next: { work: T } | undefined = { work: first };
    while (next && !this.stopped) {
      this.started++;
      try {
        await this.execute(next.work);
      } catch (error) {
        this.hooks.onError?.(error);
      }
      next = this.stopped ? undefined : this.pending;
      this.pending = undefined;
      this.hooks.onRunFinished?.(this.started, next !== undefined);
    }
    this.current = undefined;
  }
}
