// Finished turns off screen skip layout (content-visibility: auto in styles.css) and stand in with a placeholder
// height until they are first laid out. One fixed placeholder (240 px) is far from a long answer's real height
// (screens of it): a fling upwards then brings many placeholders into view in one frame, each of which becomes
// screens of answer to lay out at once, and the scrollbar says the transcript is a fraction of its length. So a
// turn's placeholder is estimated from its text, at the height per character of the turns already laid out (the
// newest ones, on screen when a conversation opens). `auto` keeps a turn's real height once it has been laid out.
import type { TurnView } from './components/turn';

/** Below this much text the turns laid out say too little about the height of a character. */
const MIN_SAMPLE_CHARS = 2_000;

export class TurnHeights {
  private pxPerChar = 0;

  /** Learns the height per character from these views, laid out now (on screen). Returns whether it learned. */
  learn(views: Iterable<TurnView>): boolean {
    let px = 0;
    let chars = 0;
    for (const v of views) {
      const height = v.el.getBoundingClientRect().height;
      if (height <= 0 || v.isTextHeld) continue;
      px += height;
      chars += v.turn.answer.text.length;
    }
    if (chars < MIN_SAMPLE_CHARS) return false;
    this.pxPerChar = px / chars;
    return true;
  }

  /** Gives each view its estimated placeholder height (nothing before anything was learned). */
  apply(views: Iterable<TurnView>): void {
    if (this.pxPerChar <= 0) return;
    for (const v of views) v.el.style.setProperty('contain-intrinsic-size', `auto ${Math.max(48, Math.round(v.turn.answer.text.length * this.pxPerChar))}px`);
  }
}
