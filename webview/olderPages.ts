// Older turns of a long history (`olderTurns`: the rest of a conversation shown afresh, or a page from "Load
// earlier messages") go in front of the turns shown once the next frame has been painted, a page per frame, not
// in the task that received them. A page's views cost tens of milliseconds to build and connect (its Markdown is
// held, see deferredTexts.ts, but each turn's question, answer box and buttons are made); handled at once, or in
// that frame's callbacks, the rest of a conversation just opened would run before the paint of its newest answer
// (frameQueue.ts). A page goes in whole:
// each insertion in front of the transcript restyles and lays out what follows, so a page costs that once.
import type { ConversationView, Turn } from '../src/shared/chatState';
import { FrameQueue } from './frameQueue';

interface Page {
  turns: readonly Turn[];
  conversation: ConversationView;
}

/** Puts `turns` in front of those shown, and records the conversation as the page left it. */
export type PrependTurns = (turns: readonly Turn[], conversation: ConversationView) => void;

/** Pages of older turns, one per frame (a page goes in whole), in the order they came (newest first). */
export class OlderPages {
  private readonly queue: FrameQueue<Page>;

  constructor(prepend: PrependTurns) {
    this.queue = new FrameQueue((page) => prepend(page.turns, page.conversation), 0);
  }

  /** Queues a page behind any still waiting (pages come newest first: each is older than the one before). */
  add(turns: readonly Turn[], conversation: ConversationView): void {
    this.queue.add([{ turns, conversation }]);
  }

  /** A new state replaces the transcript: pages still waiting are dropped. */
  clear(): void {
    this.queue.clear();
  }
}
