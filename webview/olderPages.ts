// Older turns of a long history (`olderTurns`: the rest of a conversation shown afresh, or a page from "Load
// earlier messages") go in front of the turns shown in the next animation frame, a page per frame, not in the
// task that received them. A page's views cost tens of milliseconds to build and connect (its Markdown is held,
// see deferredTexts.ts, but each turn's question, answer box and buttons are made); handled at once, the rest of
// a conversation just opened would run before the frame that paints its newest answer. A page goes in whole:
// each insertion in front of the transcript restyles and lays out what follows, so a page costs that once.
import type { ConversationView, Turn } from '../src/shared/chatState';

interface Page {
  turns: readonly Turn[];
  conversation: ConversationView;
}

/** Puts `turns` in front of those shown, and records the conversation as the page left it. */
export type PrependTurns = (turns: readonly Turn[], conversation: ConversationView) => void;

export class OlderPages {
  private pages: Page[] = [];
  private frame: number | undefined;

  constructor(private readonly prepend: PrependTurns) {}

  /** Queues a page behind any still waiting (pages come newest first: each is older than the one before). */
  add(turns: readonly Turn[], conversation: ConversationView): void {
    this.pages.push({ turns, conversation });
    if (this.frame === undefined) this.schedule();
  }

  /** A new state replaces the transcript: pages still waiting are dropped. */
  clear(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.pages = [];
  }

  private schedule(): void {
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      const page = this.pages.shift();
      if (page) this.prepend(page.turns, page.conversation);
      if (this.pages.length > 0) this.schedule();
    });
  }
}
