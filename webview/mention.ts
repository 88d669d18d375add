// When typing `@` opens the file pick: at the start of a word only (after a space, a line break or nothing),
// never inside an address such as `a@b.com`, and never while an input method is composing (an IME may produce
// `@` as part of what it is building). Pure: the composer asks after each input event.

/**
 * True when the text just typed is a single `@` at `caret - 1` that starts a word, typed outside composition.
 * `inserted` is the input event's data (what was typed), `composing` its `isComposing`.
 */
export function opensFilePick(value: string, caret: number, inserted: string | null, composing: boolean): boolean {
  if (composing || inserted !== '@' || caret < 1 || value[caret - 1] !== '@') return false;
  const before = caret >= 2 ? value[caret - 2] : undefined;
  return before === undefined || /\s/.test(before);
}
