// Work the panel spreads over animation frames instead of doing in the task that asked for it: each frame runs
// queued items, in order, until its budget is spent (always at least one), and comes back for the rest next
// frame. The held texts of a long history (deferredTexts.ts) and its older pages (olderPages.ts) go this way.

export class FrameQueue<T> {
  private items: T[] = [];
  private frame: number | undefined;

  /** `budgetMs`: main-thread time a frame may spend on items after the first (0: one item per frame). */
  constructor(
    private readonly run: (item: T) => void,
    private readonly budgetMs: number,
  ) {}

  /** Queues these behind the items still waiting. */
  add(items: readonly T[]): void {
    this.items.push(...items);
    if (this.items.length > 0 && this.frame === undefined) this.schedule();
  }

  /** Drops whatever still waits and queues these instead. */
  replace(items: readonly T[]): void {
    this.clear();
    this.add(items);
  }

  /** Drops whatever still waits. */
  clear(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.items = [];
  }

  private schedule(): void {
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      const end = performance.now() + this.budgetMs;
      do this.run(this.items.shift() as T);
      while (this.items.length > 0 && performance.now() < end);
      if (this.items.length > 0) this.schedule();
    });
  }
}
