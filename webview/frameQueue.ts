// Work the panel spreads over animation frames instead of doing in the task that asked for it: after each frame
// is painted, queued items run, in order, until the budget is spent (always at least one), and the rest wait for
// the next frame. The held texts of a long history (deferredTexts.ts) and its older pages (olderPages.ts) go
// this way.
//
// After the paint, not in the frame's own callbacks: work done in a requestAnimationFrame callback delays that
// frame's paint, and the frame a conversation opens in is the one that paints its newest answer (its Markdown
// renders in a frame callback too). A trace of a 200-turn conversation opening showed the older page's views
// (64 ms) built in that frame, before its paint. A task posted from a frame callback runs once the frame's style,
// layout and paint are done, which is where deferred work belongs.

/** Runs `task` after the next frame has been painted; the returned function cancels it. */
export function afterNextPaint(task: () => void): () => void {
  let cancelled = false;
  let channel: MessageChannel | undefined;
  const frame = requestAnimationFrame(() => {
    channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel?.port1.close();
      if (!cancelled) task();
    };
    channel.port2.postMessage(0);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
    channel?.port1.close();
  };
}

export class FrameQueue<T> {
  private items: T[] = [];
  private cancel: (() => void) | undefined;

  /** `budgetMs`: main-thread time a turn may spend on items after the first (0: one item per frame). */
  constructor(
    private readonly run: (item: T) => void,
    private readonly budgetMs: number,
  ) {}

  /** Queues these behind the items still waiting. */
  add(items: readonly T[]): void {
    this.items.push(...items);
    if (this.items.length > 0 && this.cancel === undefined) this.schedule();
  }

  /** Drops whatever still waits and queues these instead. */
  replace(items: readonly T[]): void {
    this.clear();
    this.add(items);
  }

  /** Drops whatever still waits. */
  clear(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.items = [];
  }

  private schedule(): void {
    this.cancel = afterNextPaint(() => {
      this.cancel = undefined;
      // An item that queued more while it ran scheduled this turn, and the running one may have done them already.
      if (this.items.length === 0) return;
      const end = performance.now() + this.budgetMs;
      do this.run(this.items.shift() as T);
      while (this.items.length > 0 && performance.now() < end);
      // An item may have queued more itself (add schedules a turn then): one turn is enough.
      if (this.items.length > 0 && this.cancel === undefined) this.schedule();
    });
  }
}
