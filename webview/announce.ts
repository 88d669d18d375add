// What the polite live region says about a streaming answer. Announcing every token would flood a screen
// reader, so text is announced in chunks at most every few seconds while streaming, and the rest (with
// how the answer ended) on completion. Pure apart from the injected clock, so tests need no timers.

export const ANNOUNCE_INTERVAL_MS = 5_000;
/** A live region is not a reading pane: long answers are announced up to this many characters. */
export const ANNOUNCE_MAX_CHARS = 1_200;

/** Markdown punctuation a screen reader would read out literally. */
export function speakable(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/`/g, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/\*\*|__|~~/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function cap(text: string): string {
  return text.length > ANNOUNCE_MAX_CHARS ? `${text.slice(0, ANNOUNCE_MAX_CHARS)}…` : text;
}

export class AnswerAnnouncer {
  private turnId: string | undefined;
  private spokenLength = 0;
  private lastAt = 0;

  constructor(
    private readonly say: (text: string) => void,
    private readonly now: () => number = () => Date.now(),
    private readonly intervalMs = ANNOUNCE_INTERVAL_MS,
  ) {}

  /** A new answer started streaming. */
  start(turnId: string): void {
    this.turnId = turnId;
    this.spokenLength = 0;
    this.lastAt = this.now();
  }

  /** The streaming answer's text grew; announces the new part if the interval has passed. */
  progress(turnId: string, text: string): void {
    if (turnId !== this.turnId) return;
    const t = this.now();
    if (t - this.lastAt < this.intervalMs) return;
    const fresh = speakable(text.slice(this.spokenLength));
    if (!fresh) return;
    this.spokenLength = text.length;
    this.lastAt = t;
    this.say(cap(fresh));
  }

  /** The answer ended: announces the unspoken rest and how it ended. */
  finish(turnId: string, text: string, ending: string): void {
    if (turnId !== this.turnId) return;
    const rest = speakable(text.slice(this.spokenLength));
    this.turnId = undefined;
    this.say(cap(rest ? `${rest} ${ending}` : ending));
  }
}
