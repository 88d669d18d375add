// What Enter means in the composer, with input methods (pinyin, kana, Hangul...) respected. Pure: the
// composer feeds it composition events and keydowns; tests feed it recorded sequences.
//
// Why more than `event.isComposing`: the Enter that commits a composition must never send. Chromium marks
// that keydown isComposing (keyCode 229) and fires compositionend after it; Safari, and Chromium with some
// IMEs, fire compositionend FIRST and then a keydown Enter with isComposing false. So after compositionend a
// flag stays up until the next tick, swallowing that trailing Enter. keyCode 229 ("IME is processing") is
// the last fallback for engines that report neither.

/** The parts of a KeyboardEvent the decision needs. */
export interface KeyInfo {
  key: string;
  keyCode?: number;
  isComposing?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/** send: send the question (prevent the newline); newline: let the textarea insert it; ime: the IME owns this key; other: not Enter. */
export type EnterAction = 'send' | 'newline' | 'ime' | 'other';

/** The legacy keyCode browsers report for keys an IME is processing. */
export const IME_PROCESSING_KEYCODE = 229;

export class CompositionTracker {
  private composing = false;
  private justEnded = false;
  private generation = 0;

  /** `defer` runs a callback on the next tick (setTimeout 0 in the page; a manual queue in tests). */
  constructor(private readonly defer: (fn: () => void) => void = (fn) => void setTimeout(fn, 0)) {}

  /** A composition is in progress, or has just ended in this tick. */
  get active(): boolean {
    return this.composing || this.justEnded;
  }

  compositionStart(): void {
    this.composing = true;
    this.justEnded = false;
  }

  compositionEnd(): void {
    this.composing = false;
    this.justEnded = true;
    // A new composition may start before the deferred reset runs; only the latest end may clear the flag.
    const generation = ++this.generation;
    this.defer(() => {
      if (generation === this.generation) this.justEnded = false;
    });
  }

  /** Focus left the box mid-composition (some IMEs then never send compositionend). */
  reset(): void {
    this.composing = false;
    this.justEnded = false;
    this.generation++;
  }

  /** Decides what a keydown does. */
  classify(e: KeyInfo): EnterAction {
    if (e.key !== 'Enter') return e.isComposing || this.composing ? 'ime' : 'other';
    if (e.isComposing === true || this.active || e.keyCode === IME_PROCESSING_KEYCODE) return 'ime';
    if (e.shiftKey || e.altKey) return 'newline';
    return 'send';
  }
}
