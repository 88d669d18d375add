// Recall of earlier questions with Up/Down, like a shell. Pure, so tests drive it without a DOM.
//
// Navigation starts only from an EMPTY box (so Up/Down still move the caret in a multi-line draft) and
// continues while the box still holds the recalled entry untouched; editing it ends the navigation.

export const HISTORY_LIMIT = 50;

export class QuestionHistory {
  private entries: string[];
  /** Index into entries while navigating; entries.length means "past the newest" (the empty box). */
  private index: number;
  private recalled: string | undefined;

  constructor(entries: readonly string[] = []) {
    this.entries = entries.slice(-HISTORY_LIMIT);
    this.index = this.entries.length;
  }

  get all(): readonly string[] {
    return this.entries;
  }

  /** Records a sent question (a repeat of the newest entry is kept once). */
  add(question: string): void {
    const q = question.trim();
    if (q && this.entries[this.entries.length - 1] !== q) this.entries.push(q);
    if (this.entries.length > HISTORY_LIMIT) this.entries.splice(0, this.entries.length - HISTORY_LIMIT);
    this.index = this.entries.length;
    this.recalled = undefined;
  }

  /** The text for Up given the box's current text, or undefined to let the caret move. */
  up(current: string): string | undefined {
    if (!this.navigable(current)) return undefined;
    if (this.index === 0 || this.entries.length === 0) return undefined;
    this.index--;
    this.recalled = this.entries[this.index];
    return this.recalled;
  }

  /** The text for Down given the box's current text; '' past the newest entry. */
  down(current: string): string | undefined {
    if (this.recalled === undefined || current !== this.recalled) return undefined;
    this.index++;
    if (this.index >= this.entries.length) {
      this.index = this.entries.length;
      this.recalled = undefined;
      return '';
    }
    this.recalled = this.entries[this.index];
    return this.recalled;
  }

  private navigable(current: string): boolean {
    if (current === '') {
      // Starting afresh from an empty box: from the newest entry.
      this.index = this.entries.length;
      this.recalled = undefined;
      return true;
    }
    return this.recalled !== undefined && current === this.recalled;
  }
}
