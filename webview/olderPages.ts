// Older turns of a long history (`olderTurns`: the rest of a conversation shown afresh, or a page from "Load
// earlier messages") go in front of the turns shown a few at a time, over the next frames, newest first. Building
// a turn's view costs a few milliseconds (its Markdown is held, see deferredTexts.ts, but its question, answer
// box and buttons are made); a page of twenty in the task that received it would hold the frame that paints the
// newest answer, and keep a reader who scrolls at once waiting.
import type { ConversationView, Turn } from '../src/shared/chatState';

/** Main-thread time per frame for building older views: half a frame at 60 Hz, as deferredTexts.ts. */
const FRAME_BUDGET_MS = 8;

interface Page {
  /** Turns still to go in, in order (the newest of them goes next). */
  turns: Turn[];
  conversation: ConversationView;
}

/**
 * Puts `turns` in front of those shown; `conversation` comes with the last (oldest) part of a page, so the
 * "Load earlier messages" button shows again only when the whole page is in.
 */
export type PrependTurns = (turns: Turn[], conversation: ConversationView | undefined) => void;

export class OlderPages {
  private pages: Page[] = [];
  private frame: number | undefined;

  constructor(private readonly prepend: PrependTurns) {}

  /** Queues a page behind any still going in (pages come newest first: each is older than the one before). */
  add(turns: readonly Turn[], conversation: ConversationView): void {
    this.pages.push({ turns: [...turns], conversation });
    if (this.frame === undefined) this.schedule();
  }

  /** Whether turns are still waiting to go in. */
  get pending(): boolean {
    return this.pages.length > 0;
  }

  /** A new state replaces the transcript: whatever was still to go in is dropped. */
  clear(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.pages = [];
  }

  dispose(): void {
    this.clear();
  }

  private schedule(): void {
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      const end = performance.now() + FRAME_BUDGET_MS;
      do this.step();
      while (this.pages.length > 0 && performance.now() < end);
      if (this.pages.length > 0) this.schedule();
    });
  }

  /** The newest turn still waiting goes in (with its page's conversation when it was the page's last). */
  private step(): void {
    const page = this.pages[0];
    if (!page) return;
    const turn = page.turns.pop();
    const last = page.turns.length === 0;
    if (last) this.pages.shift();
    this.prepend(turn ? [turn] : [], last ? page.conversation : undefined);
  }
}
