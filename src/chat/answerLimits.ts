/**
 * How big one answer may grow. A server (or a proxy, or a model stuck in a loop) can stream without end;
 * each limit ends the answer with a sentence that says which was reached, keeping what arrived.
 *
 * - Text: a setting (`dify.chat.maxAnswerSizeMiB`, 4 MiB of UTF-8 by default): people may want long answers,
 *   and memory, the panel's rendering and a transcript copy all grow with the text.
 * - Steps and events: constants. They are no matter of taste but a guard against a broken or hostile server:
 *   a real chatflow shows tens of steps (an iteration over a long list a few hundred), and a real answer a
 *   few thousand events (one per token, a ping every 10 s), far below both.
 */
export { utf8Length } from '../dify/stream';

/** The bounds on one answer. */
export interface AnswerLimits {
  /** UTF-8 bytes of the answer's text. */
  maxTextBytes: number;
  /** Workflow steps, and also agent thoughts and files (each counted on its own). */
  maxSteps: number;
  /** Stream events, pings and speech included. */
  maxEvents: number;
}

/** The answer size limit unless the setting says otherwise: 4 MiB. */
export const DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** Workflow steps (and thoughts, and files) per answer. */
export const MAX_STEPS = 2_000;
/** Events per answer. */
export const MAX_EVENTS = 200_000;

/** The limits a session applies by default. */
export const DEFAULT_LIMITS: AnswerLimits = { maxTextBytes: DEFAULT_MAX_ANSWER_BYTES, maxSteps: MAX_STEPS, maxEvents: MAX_EVENTS };

/** No limits at all (the pure reducer, history). */
export const NO_LIMITS: AnswerLimits = { maxTextBytes: Infinity, maxSteps: Infinity, maxEvents: Infinity };

/** The longest prefix of `s` of at most `maxBytes` UTF-8 bytes that does not cut a character in two. */
export function utf8Prefix(s: string, maxBytes: number): string {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + n > maxBytes) return s.slice(0, i);
    bytes += n;
    if (pair) i++;
  }
  return s;
}
