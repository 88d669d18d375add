/**
 * A range of a document followed through edits, so "Apply" finds the code a question was about after the user
 * typed elsewhere in the file. Pure: the host feeds VS Code's content changes in (each with the range it
 * replaced, in the document as it was before that change, and the text put there).
 */
import type { CodeRange } from '../shared/codeContext';

/** One content change as VS Code reports it (`TextDocumentContentChangeEvent`, reduced). */
export interface RangeEdit {
  range: CodeRange;
  text: string;
}

/** A followed range: where it is now, and whether an edit touched it (its text may no longer be the question's). */
export interface TrackedRange {
  range: CodeRange;
  touched: boolean;
}

type Position = { line: number; character: number };

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
const beforeOrAt = (a: Position, b: Position): boolean => !before(b, a);

/** Where `p` (at or after the edit's end) moves when the edit's range is replaced by `text`. */
function shift(p: Position, edit: RangeEdit): Position {
  const lines = edit.text.split('\n');
  const added = lines.length - 1;
  const endLine = edit.range.startLine + added;
  const endCharacter = added === 0 ? edit.range.startCharacter + (lines[0]?.length ?? 0) : (lines[added]?.length ?? 0);
  if (p.line === edit.range.endLine) {
    return { line: endLine, character: endCharacter + (p.character - edit.range.endCharacter) };
  }
  return { line: p.line + (endLine - edit.range.endLine), character: p.character };
}

/**
 * The range after one edit. An edit wholly before it moves it; one wholly after it changes nothing; one that
 * overlaps it (or replaces text right up to it from inside) marks it touched, and the range grows or shrinks to
 * cover what is there now. An insertion exactly at the range's start or end stays outside it.
 */
export function applyEdit(tracked: TrackedRange, edit: RangeEdit): TrackedRange {
  const start: Position = { line: tracked.range.startLine, character: tracked.range.startCharacter };
  const end: Position = { line: tracked.range.endLine, character: tracked.range.endCharacter };
  const editStart: Position = { line: edit.range.startLine, character: edit.range.startCharacter };
  const editEnd: Position = { line: edit.range.endLine, character: edit.range.endCharacter };
  // Wholly after the range (starting at its end counts as after).
  if (beforeOrAt(end, editStart)) return tracked;
  // Wholly before the range (an insertion at its start counts as before).
  if (beforeOrAt(editEnd, start)) {
    const s = shift(start, edit);
    const e = shift(end, edit);
    return { range: { startLine: s.line, startCharacter: s.character, endLine: e.line, endCharacter: e.character }, touched: tracked.touched };
  }
  // Overlapping: the range now runs from the earlier start to the later end, measured after the edit.
  const newStart = before(editStart, start) ? editStart : start;
  const newEnd = before(editEnd, end) ? shift(end, edit) : shift(editEnd, edit);
  return { range: { startLine: newStart.line, startCharacter: newStart.character, endLine: newEnd.line, endCharacter: newEnd.character }, touched: true };
}

/** The range after several edits, applied in the order given (VS Code reports one event's changes so). */
export function applyEdits(tracked: TrackedRange, edits: readonly RangeEdit[]): TrackedRange {
  return edits.reduce(applyEdit, tracked);
}
