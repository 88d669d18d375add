// A long history opens at its newest answers: the panel renders the Markdown of the newest turns at once and
// that of older ones afterwards, newest first, a frame's budget at a time, so the answer the reader looks at
// does not wait for a screenful of turns above it that they may never scroll to. Small histories (under the
// budget) render whole at once, as before.
import { FIRST_PAINT_TEXT_CHARS } from '../src/shared/firstPaint';
import type { TurnView } from './components/turn';
import { FrameQueue } from './frameQueue';

/** Answer text (characters) a new state renders at once, newest turn first: a few screenfuls. */
export const SYNC_TEXT_CHARS = FIRST_PAINT_TEXT_CHARS;
/** Main-thread time per frame for older turns: half a frame at 60 Hz, the rest is the browser's. */
const FRAME_BUDGET_MS = 8;

/** Renders held views (newest first) over the next frames, a frame's budget at a time (`replace` for a new state, `add` for an older page). */
export class DeferredTexts extends FrameQueue<TurnView> {
  constructor() {
    super((view) => view.releaseText(), FRAME_BUDGET_MS);
  }
}
