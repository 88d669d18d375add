/**
 * Response bytes of a Dify chat stream → typed {@link DifyEvent}s.
 *
 * Pipeline: bytes → streaming `TextDecoder` (`{stream: true}`, so a UTF-8 character split across network
 * chunks decodes once whole) → eventsource-parser 3 → `JSON.parse` → `eventFromWire`. Text deltas, nearly
 * every frame, skip the full `JSON.parse` through a `DeltaFrameReader` (`deltaFrames.ts`), with the same result.
 *
 * Three things are added around eventsource-parser, for the same reason (a server's text can be huge):
 * - The parser re-joins its unfinished line with every new chunk and searches it again, which is quadratic
 *   when one long line arrives in many small chunks. So the decoder only ever feeds it complete lines: the
 *   unfinished tail of a chunk waits in `pending` until its newline arrives.
 * - Its line splitting is quadratic in the number of lines fed at once, so the decoder sorts the lines
 *   itself (`sseLines.ts`) and feeds only the ones that matter, a few at a time.
 * - eventsource-parser has no size bound, so the decoder counts the bytes of the pending line and event
 *   itself and fails with a `tooLarge` {@link DifyError} past `maxEventBytes`.
 *
 * Dify's keep-alive is `event: ping` with no `data:` line, which a spec-compliant parser never dispatches;
 * the decoder spots those lines itself and yields `{event: 'ping'}` in stream order.
 */
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { DifyError } from './errors';
import type { DifyEvent } from './events';
import { DeltaFrameReader } from './deltaFrames';
import { LineFeeder } from './sseLines';
import { eventFromWire } from './wire/events';

/** Default bound for one event: 16 MiB. */
export const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

/**
 * Room for a field name and separator (`data: `) on top of the payload bound, so that whether an event of
 * exactly `maxEventBytes` passes never depends on where the network split it.
 */
const FIELD_SLACK = 64;

const LF = 10;
const CR = 13;
const STREAM = { stream: true } as const;
const NONE: DifyEvent[] = [];

/** Options of {@link DifyStreamDecoder}. */
export interface StreamDecoderOptions {
  /** The largest event payload (UTF-8 bytes of its `data`) accepted. Default {@link DEFAULT_MAX_EVENT_BYTES}. */
  maxEventBytes?: number;
}

/**
 * Incremental decoder: push the response's byte chunks in order, get the events each chunk completed.
 * Not reusable across responses. Faults are {@link DifyError}s of kind `tooLarge` (an event over the
 * bound) or `notDify` (a data frame that is not JSON): see {@link push}.
 *
 * Frames whose `event` is unknown are skipped. Frames are dispatched on the blank line that ends them, as
 * the SSE standard says; an unterminated frame at the end of the body is dropped (see {@link end}).
 */
export class DifyStreamDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private readonly maxBytes: number;
  /** Below this many UTF-16 units a payload cannot exceed `maxBytes` (a unit is at most 3 UTF-8 bytes). */
  private readonly safeChars: number;
  /**
   * The decoded text of the current, unfinished line. Appending makes a rope (V8 concatenation is O(1)),
   * flattened once when the line's end arrives, so a long line in many chunks stays linear.
   */
  private pending = '';
  /** UTF-8 bytes of the unfinished line in `pending` (exact: counted on the raw bytes). */
  private lineBytes = 0;
  /** Bytes of complete lines fed since the last dispatch (an under-estimate; a memory bound only). */
  private fedBytes = 0;
  private dispatched = false;
  private out: DifyEvent[] = NONE;
  /** The fault met in the last chunk, after the events before it were returned. */
  failure: DifyError | undefined;
  private readonly deltas = new DeltaFrameReader();
  private readonly lines = new LineFeeder(
    (text) => this.parser.feed(text),
    () => this.emit({ event: 'ping' }),
  );

  constructor(options: StreamDecoderOptions = {}) {
    this.maxBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.safeChars = Math.floor(this.maxBytes / 3);
    this.parser = createParser({ onEvent: (m) => this.onEvent(m) });
  }

  /**
   * Decodes one chunk of the body; returns the events it completed, in order (often none). When the chunk
   * also holds a fault (an oversized event, a frame that is not JSON), the events before it are returned
   * and {@link failure} is set; the next call throws it.
   */
  push(chunk: Uint8Array): DifyEvent[] {
    if (this.failure !== undefined) throw this.failure;
    this.out = NONE;
    try {
      this.decode(chunk);
    } catch (e) {
      if (!(e instanceof DifyError)) throw e;
      this.failure = e;
    }
    const out = this.out;
    this.out = NONE;
    return out;
  }

  private decode(chunk: Uint8Array): void {
    const len = chunk.length;
    const text = this.decoder.decode(chunk, STREAM);
    // Lines end with LF (Dify) or CRLF; a bare CR also ends a line in SSE, so it is the fallback. The last
    // terminator is found in the bytes too: the bytes after it are exactly the unfinished line's (a partial
    // character the decoder holds back included), so the size bound counts bytes, not UTF-16 units.
    let nlByte = chunk.lastIndexOf(LF);
    let nl: number;
    if (nlByte >= 0) nl = text.lastIndexOf('\n');
    else {
      nlByte = chunk.lastIndexOf(CR);
      nl = nlByte >= 0 ? text.lastIndexOf('\r') : -1;
    }
    if (nl < 0) {
      this.pending += text;
      this.lineBytes += len;
      if (this.lineBytes + this.fedBytes > this.maxBytes + FIELD_SLACK) throw tooLarge(this.maxBytes);
      return;
    }
    let head = nl === text.length - 1 ? text : text.slice(0, nl + 1);
    let headBytes = nlByte + 1;
    if (this.pending.length > 0) {
      head = this.pending + head;
      headBytes += this.lineBytes;
    }
    this.dispatched = false;
    this.lines.push(head);
    if (this.dispatched || endsWithBlankLine(head)) this.fedBytes = 0;
    else this.fedBytes += headBytes;
    this.lineBytes = len - 1 - nlByte;
    this.pending = nl < text.length - 1 ? text.slice(nl + 1) : '';
    if (this.lineBytes + this.fedBytes > this.maxBytes + FIELD_SLACK) throw tooLarge(this.maxBytes);
  }

  /**
   * Call at the end of the body. Returns true when an unfinished frame was dropped (the body stopped
   * mid-frame, for example mid-character), which callers report as an interruption.
   */
  end(): boolean {
    if (this.failure !== undefined) throw this.failure;
    const rest = this.decoder.decode();
    const partial = this.pending.length > 0 || rest.length > 0 || this.fedBytes > 0;
    this.pending = '';
    this.lineBytes = 0;
    this.fedBytes = 0;
    this.parser.reset();
    this.lines.reset();
    return partial;
  }

  private onEvent(m: EventSourceMessage): void {
    this.dispatched = true;
    // A ping that carries data was already yielded when its `event: ping` line went by.
    if (m.event === 'ping') return;
    const data = m.data;
    if (data.length > this.safeChars && utf8Length(data) > this.maxBytes) throw tooLarge(this.maxBytes);
    const delta = this.deltas.read(data);
    if (delta !== undefined) {
      this.emit(delta);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (cause) {
      if (data.trim() === '') return;
      throw new DifyError({ kind: 'notDify', problem: { id: 'stream.frameNotJson' }, cause });
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
    const ev = eventFromWire(json as Record<string, unknown>, m.event);
    if (ev === undefined) return;
    if (ev.event === 'message' || ev.event === 'agent_message' || (ev.event === 'message_file' && ev.form === 'text')) this.deltas.learn(data, ev);
    this.emit(ev);
  }

  private emit(ev: DifyEvent): void {
    if (this.out === NONE) this.out = [ev];
    else this.out.push(ev);
  }
}

/** True when `text` (which ends with a line terminator) ends with an empty line. */
function endsWithBlankLine(text: string): boolean {
  let i = text.length - 1;
  const last = text.charCodeAt(i);
  if (last === LF && text.charCodeAt(i - 1) === CR) i -= 2;
  else i -= 1;
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  return c === LF || c === CR;
}

/** UTF-8 byte length of a string (lone surrogates count as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // the pair is 2 units and 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

function tooLarge(max: number): DifyError {
  return new DifyError({ kind: 'tooLarge', problem: { id: 'stream.eventTooLarge', maxBytes: max } });
}
