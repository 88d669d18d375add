/**
 * The complete lines of a chunk, sorted before eventsource-parser sees them (used by `stream.ts`).
 *
 * The parser splits what it is fed into lines by searching, for every line, both the next CR and the next
 * LF from that line to the end of the text: a text of many lines and no CR (a server sending blank lines,
 * comments or unknown fields by the thousand) costs the square of its length. It also builds an `Error`,
 * stack trace included, for every line whose field it does not know. So the decoder walks the lines itself
 * in one pass and feeds the parser only what it acts on, the `data:` and `event:` lines and the blank lines
 * that end a frame, a few lines at a time. Comments, `id:`, `retry:` and unknown fields change nothing a
 * Dify client uses and are dropped, as the SSE standard allows for fields it does not know. `event: ping`
 * lines are reported where they stand, since Dify's keep-alive has no `data:` line and is never dispatched.
 */

const LF = 10;
const CR = 13;
const COLON = 58;

/** Lines fed to the parser in one call at most, so its per-line search stays within a short text. */
const LINES_PER_FEED = 8;

/**
 * What a line is, for the decoder: `blank` (it ends a frame), `feed` (`data:` or `event:`: the parser needs it), `ping` (`event: ping` or `event:ping`: fed, then a ping is reported) or `drop` (a comment, `id:`,
 * `retry:` or an unknown field).
 */
type Kind = 'blank' | 'feed' | 'ping' | 'drop';

/** The index just past the terminator of the line that starts at `from` (`head` ends with one). */
function lineEnd(head: string, from: number, hasCR: boolean): number {
  if (!hasCR) return head.indexOf('\n', from) + 1;
  for (let i = from; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) return head.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return head.length;
}

/** Where the text of the line `[from, end)` ends, its terminator left out. */
function textEnd(head: string, from: number, end: number): number {
  let e = end;
  if (e > from && head.charCodeAt(e - 1) === LF) e--;
  if (e > from && head.charCodeAt(e - 1) === CR) e--;
  return e;
}

/** True when the line `[from, to)` names the field `name` (the name, then a colon or the line's end). */
function names(head: string, from: number, to: number, name: string): boolean {
  const after = from + name.length;
  return after <= to && head.startsWith(name, from) && (after === to || head.charCodeAt(after) === COLON);
}

/** Looks at the first few characters of the line only: the fields that matter have short names. */
function classify(head: string, from: number, end: number): Kind {
  const to = textEnd(head, from, end);
  if (to === from) return 'blank';
  if (names(head, from, to, 'data')) return 'feed';
  if (!names(head, from, to, 'event')) return 'drop';
  const colon = from + 5;
  const value = head.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
  return to - value === 4 && head.startsWith('ping', value) ? 'ping' : 'feed';
}

/**
 * Feeds the lines of one stream to eventsource-parser (through `feed`), in order and in pieces of a few
 * lines, leaving out the ones no Dify client acts on, and calls `onPing` right after an `event: ping` line
 * has been fed. A chunk of ordinary frames goes to `feed` whole, in one call.
 */
export class LineFeeder {
  /** A `data:` or `event:` line was fed since the last blank line (else a blank line dispatches nothing). */
  private open = false;
  /** The last text ended with CR: an LF at the start of the next one completes that CRLF (the parser waits for it). */
  private afterCR = false;

  constructor(
    private readonly feed: (text: string) => void,
    private readonly onPing: () => void,
  ) {}

  /** Feeds `head`: complete lines only (it ends with a terminator). */
  push(head: string): void {
    const hasCR = head.includes('\r');
    let start = 0; // the first line not fed yet
    let lines = 0;
    const flush = (to: number): void => {
      if (to > start) this.feed(start === 0 && to === head.length ? head : head.slice(start, to));
      start = to;
      lines = 0;
    };
    const first = this.afterCR && head.charCodeAt(0) === LF ? 1 : 0;
    this.afterCR = head.charCodeAt(head.length - 1) === CR;
    for (let from = first; from < head.length; ) {
      const end = lineEnd(head, from, hasCR);
      const kind = classify(head, from, end);
      const idle = kind === 'blank' && !this.open;
      if (kind === 'drop' || idle) {
        flush(from);
        start = end;
      } else {
        this.open = kind !== 'blank';
        if (kind === 'ping') {
          flush(end);
          this.onPing();
        } else if (++lines >= LINES_PER_FEED) flush(end);
      }
      from = end;
    }
    flush(head.length);
  }

  /** The stream ended (or the parser was reset): nothing is open any more. */
  reset(): void {
    this.open = false;
    this.afterCR = false;
  }
}
