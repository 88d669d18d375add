// A long history opens at its newest answers: the panel renders the Markdown of the newest turns at once and
// that of older ones afterwards, newest first, a frame's budget at a time, so the answer the reader looks at
// does not wait for a screenful of turns above it that they may never scroll to. Small histories (under the
// budget) render whole at once, as before.
import { FIRST_PAINT_TEXT_CHARS } from '../src/shared/firstPaint';
import type { TurnView } from './components/turn';

/** Answer text (characters) a new state renders at once, newest turn first: a few screenfuls. */
export const SYNC_TEXT_CHARS = FIRST_PAINT_TEXT_CHARS;
/** Main-thread time per frame for older turns: half a frame at 60 Hz, the rest is the browser's. */
const FRAME_BUDGET_MS = 8;

export class DeferredTexts {
  private queue: TurnView[] = [];
  private frame: number | undefined;

  /** Renders these held views (newest first) over the next frames; replaces whatever was queued before. */
  start(views: readonly TurnView[]): void {
    this.queue = [...views];
    if (this.queue.length > 0 && this.frame === undefined) this.schedule();
  }

  /** Renders these held views (newest first) after those already queued (an older page of history). */
  add(views: readonly TurnView[]): void {
    this.queue.push(...views);
    if (this.queue.length > 0 && this.frame === undefined) this.schedule();
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.queue = [];
  }

  private schedule(): void {
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      const end = performance.now() + FRAME_BUDGET_MS;
      do this.queue.shift()?.releaseText();
      while (this.queue.length > 0 && performance.now() < end);
      if (this.queue.length > 0) this.schedule();
    });
  }
}
