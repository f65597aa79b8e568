// A crate's full rebuild (static discovery of every module) now gives the event loop turns, so other
// work arrives while it runs. This keeps the two kinds of change apart: one rebuild at a time (a
// request during one runs once more after it, however many came), and per-file updates that arrive
// during a rebuild wait and are replayed after it, the latest per file, since the rebuild may have
// read that file before it changed. No `vscode` import: unit-tested on its own.

export class RebuildGate<Update> {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private readonly waiting = new Map<string, Update>();

  constructor(
    private readonly rebuild: () => Promise<void>,
    private readonly replay: (key: string, update: Update) => void,
  ) {}

  get isRebuilding(): boolean {
    return this.running !== undefined;
  }

  /** A rebuild: now, or once after the one running (requests made meanwhile share it). */
  request(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.start();
    const startNext = (): Promise<void> => {
      this.next = undefined;
      return this.start();
    };
    this.next = this.running.then(startNext, startNext);
    return this.next;
  }

  /** The rebuild running or requested (the last of them), if any. */
  get pending(): Promise<void> | undefined {
    return this.next ?? this.running;
  }

  /** Keeps `update` for after the running rebuild; false when none runs (apply it now). */
  defer(key: string, update: Update): boolean {
    if (!this.running) return false;
    this.waiting.delete(key); // the latest update of a key is replayed last
    this.waiting.set(key, update);
    return true;
  }

  private start(): Promise<void> {
    // Marked running before the rebuild's first line: updates it causes are deferred too.
    const run = Promise.resolve()
      .then(() => this.rebuild())
      .finally(() => {
        this.running = undefined;
        const waiting = [...this.waiting];
        this.waiting.clear();
        waiting.forEach(([key, update]) => this.replay(key, update));
      });
    this.running = run;
    return run;
  }
}
