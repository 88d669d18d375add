// What the polite live region says about a streaming answer. Announcing every token would flood a screen
// reader, so text is announced in chunks at most every few seconds while streaming, and the rest (with
// how the answer ended) on completion. Pure apart from the injected clock, so tests need no timers.

export const ANNOUNCE_INTERVAL_MS = 5_000;
/** A live region is not a reading pane: long answers are announced up to this many characters. */
export const ANNOUNCE_MAX_CHARS = 1_200;

/**
 * Markdown punctuation a screen reader would read out literally. The text is the server's, so every step is
 * linear: each expression below consumes what it scans or is bounded to one line's indentation, and links are
 * unwrapped by {@link unwrapLinks}, not by a `\[[^\]]*\]\(…\)` regex (which rescans to the end from every `[`).
 */
export function speakable(markdown: string): string {
  const stripped = markdown
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/`/g, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^[ \t]*[-*+]\s+/gm, '')
    .replace(/\*\*|__|~~/g, '');
  return unwrapLinks(stripped).replace(/\s+/g, ' ').trim();
}

/**
 * `[text](target)` → `text`, in one pass: for each `[`, the next `]` and, right after it, `(` and the next `)`.
 * The next `]` and `)` are remembered while the scan is before them, so a text of many `[` costs one scan.
 */
export function unwrapLinks(text: string): string {
  let out = '';
  let copied = 0;
  let close = -2; // the next ']' at or after i (-1: none), -2: not looked up yet
  let paren = -2; // the next ')' at or after the last looked-up start, likewise
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    if (close !== -1 && close < i) close = text.indexOf(']', i);
    if (close < 0) break; // no ']' after here: no link can start later either
    if (text[close + 1] !== '(') continue;
    if (paren !== -1 && paren < close + 2) paren = text.indexOf(')', close + 2);
    if (paren < 0) break;
    out += text.slice(copied, i) + text.slice(i + 1, close);
    copied = paren + 1;
    i = paren;
  }
  return out + text.slice(copied);
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
