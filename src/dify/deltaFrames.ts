/**
 * The fast path for text deltas, beside the decoder (`stream.ts`) that uses it.
 *
 * Text deltas are nearly every frame of a stream (one per model token), and in one stream they differ only
 * in `answer`: Dify builds each from the same envelope (event, conversation_id, message_id, created_at,
 * task_id, id) and, in a chatflow, the same `from_variable_selector` per node. `JSON.parse` of every frame
 * was two thirds of the decoder's time. So after fully parsing one delta frame, the decoder remembers the
 * text before its `answer` string and the text after it; a later frame that starts and ends with exactly
 * that text is the same JSON object with another answer, so only the answer string is read. This is exact:
 * an identical prefix parses to identical keys and values, and an answer string holding an escape is decoded
 * by `JSON.parse` of just that string. (The one leniency: a raw control character inside an answer, which strict
 * JSON forbids and Dify's encoders never produce, is accepted rather than refused.)
 */
import type { MessageEvent, MessageFileTextEvent } from './events';

const QUOTE = 34;
const BACKSLASH = 92;

/** Index of the closing quote of the JSON string whose contents start at `from`, or -1. */
function stringEnd(s: string, from: number): number {
  let j = s.indexOf('"', from);
  while (j >= 0) {
    let k = j - 1;
    while (k >= from && s.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j;
    j = s.indexOf('"', j + 1);
  }
  return -1;
}

function skipWs(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
  return i;
}

/**
 * In valid JSON text `s` holding an object, the span of the string value of its top-level key `answer`
 * (the indices of its quotes), or undefined if that key is absent, repeated, or not a string.
 */
function answerSpan(s: string): { open: number; close: number } | undefined {
  let i = skipWs(s, 0);
  if (s.charCodeAt(i) !== 123) return undefined;
  i = skipWs(s, i + 1);
  let span: { open: number; close: number } | undefined;
  let seen = false;
  while (s.charCodeAt(i) === QUOTE) {
    const ke = stringEnd(s, i + 1);
    const isAnswer = ke === i + 7 && s.startsWith('answer', i + 1);
    i = skipWs(s, ke + 1) + 1; // past ':'
    i = skipWs(s, i);
    const c = s.charCodeAt(i);
    let end: number;
    if (c === QUOTE) end = stringEnd(s, i + 1) + 1;
    else if (c === 91 || c === 123) {
      let depth = 0;
      for (end = i; end < s.length; end++) {
        const d = s.charCodeAt(end);
        if (d === QUOTE) end = stringEnd(s, end + 1);
        else if (d === 91 || d === 123) depth++;
        else if ((d === 93 || d === 125) && --depth === 0) break;
      }
      end++;
    } else {
      end = i;
      for (let d = c; d !== 44 && d !== 125 && d !== 32 && d !== 10 && d !== 13 && d !== 9 && end < s.length; ) d = s.charCodeAt(++end);
    }
    if (isAnswer) {
      if (seen) return undefined;
      seen = true;
      span = c === QUOTE ? { open: i, close: end - 1 } : undefined;
    }
    i = skipWs(s, end);
    if (s.charCodeAt(i) !== 44) break;
    i = skipWs(s, i + 1);
  }
  return span;
}

/**
 * Reads the text-delta frames of one stream (`message`, `agent_message`, text-form `message_file`) without a
 * full `JSON.parse`, once it has {@link learn}ed their shape from a fully parsed one. One per stream.
 */
export class DeltaFrameReader {
  /** The text before the answer string, through its opening quote. */
  private prefix = '';
  private tail = '';
  private base: MessageEvent | MessageFileTextEvent | undefined;

  /** The event for frame `s`, if it has the learned shape (then it equals `eventFromWire(JSON.parse(s))` of `wire/events.ts`). */
  read(s: string): MessageEvent | MessageFileTextEvent | undefined {
    const base = this.base;
    const open = this.prefix.length;
    // slice + === rather than startsWith: V8 compares the slice as a block, startsWith char by char (~7x slower).
    if (base === undefined || s.length <= open || s.slice(0, open) !== this.prefix) return undefined;
    const close = stringEnd(s, open);
    if (close < 0 || s.length - close - 1 !== this.tail.length || !s.endsWith(this.tail)) return undefined;
    const bs = s.indexOf('\\', open);
    let answer: string;
    if (bs < 0 || bs > close) answer = s.slice(open, close);
    else {
      try {
        answer = JSON.parse(s.slice(open - 1, close + 1)) as string;
      } catch {
        return undefined; // an invalid escape: the general path reports it
      }
    }
    if (base.event === 'message_file') {
      return { event: 'message_file', form: 'text', conversationId: base.conversationId, messageId: base.messageId, taskId: base.taskId, createdAt: base.createdAt, id: base.id, answer };
    }
    return { event: base.event, conversationId: base.conversationId, messageId: base.messageId, taskId: base.taskId, createdAt: base.createdAt, id: base.id, answer };
  }

  /** Remembers the shape of frame `s`, which `JSON.parse` + `eventFromWire` turned into the text delta `ev`. */
  learn(s: string, ev: MessageEvent | MessageFileTextEvent): void {
    const span = answerSpan(s);
    if (span === undefined) return;
    // Copies, not slices: a slice would keep the whole chunk it was cut from alive.
    this.prefix = copyString(s.slice(0, span.open + 1));
    this.tail = copyString(s.slice(span.close + 1));
    this.base = ev;
  }
}

/** A copy of `s` that does not share memory with the string it was sliced from. */
function copyString(s: string): string {
  return (' ' + s).slice(1);
}
