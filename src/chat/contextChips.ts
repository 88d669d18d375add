/**
 * The composer's context chips: code that goes with the next question (a selection, a file). The host owns
 * them, so they survive the panel being hidden and shown again; their text is read when the question is sent,
 * not when they were added. Pure: the host adds what the editor gives and reads the text at send time.
 */
import type { ChipView } from '../shared/chatState';
import type { CodeRange } from '../shared/codeContext';
import { lineSpan } from '../shared/codeBlock';

/** One chip: a document and, for a selection, its range (none: the whole file). */
export interface ContextChip {
  id: string;
  uri: string;
  fileName: string;
  languageId: string;
  range?: CodeRange;
  /** The first lines when it was added, for the tooltip. */
  preview: string;
}

/** At most this many chips; one more is refused. */
export const MAX_CHIPS = 20;

/** The first few lines of `text`, for a tooltip. */
export function previewOf(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').slice(0, 6);
  const joined = lines.join('\n');
  return joined.length > 400 ? `${joined.slice(0, 399)}…` : joined;
}

function sameRange(a: CodeRange | undefined, b: CodeRange | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.startLine === b.startLine && a.startCharacter === b.startCharacter && a.endLine === b.endLine && a.endCharacter === b.endCharacter;
}

/** What the chip shows: "src/a.ts · lines 3–9", "src/a.ts · line 4", or the file name for a whole file. */
export function chipLabel(chip: Pick<ContextChip, 'fileName' | 'range'>): string {
  if (!chip.range) return chip.fileName;
  const { first, last } = lineSpan(chip.range);
  return first === last ? `${chip.fileName} · line ${first}` : `${chip.fileName} · lines ${first}–${last}`;
}

/** The chips above the message box, in the order they were added. */
export class ContextChips {
  private items: ContextChip[] = [];

  get all(): readonly ContextChip[] {
    return this.items;
  }

  /** Adds a chip; the same document and range again is the one chip it already is. 'full' past the limit. */
  add(chip: ContextChip): 'added' | 'duplicate' | 'full' {
    if (this.items.some((c) => c.uri === chip.uri && sameRange(c.range, chip.range))) return 'duplicate';
    if (this.items.length >= MAX_CHIPS) return 'full';
    this.items.push({ ...chip, ...(chip.range ? { range: { ...chip.range } } : {}) });
    return 'added';
  }

  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((c) => c.id !== id);
    return this.items.length !== before;
  }

  clear(): void {
    this.items = [];
  }

  views(): ChipView[] {
    return this.items.map((c) => ({ id: c.id, label: chipLabel(c), preview: c.preview }));
  }
}
