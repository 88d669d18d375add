// The answers the workbench benchmarks ask for (the simulator's `benchAnswer` hook picks them by query) and the
// simulator's own record of each stream (its `onFrame` hook): when the first text frame and the end were
// written, in this process's clock, and the text it sent.
import type { BenchAnswer, SimFrame } from '../../dify-sim/index';
import { longAnswer } from '../../dify-sim/texts';
import { splitTokens } from '../../dify-sim/tokens';

/** About 2,000 model tokens of the simulator's long answer (prose, headings, code, lists): ~8.5 KB. */
export const LONG_TOKENS = 2000;
const LONG_TEXT = splitTokens(longAnswer('workbench bench', 9000), 1).slice(0, LONG_TOKENS).join('');
/** Its length in characters. */
export const LONG_CHARS = LONG_TEXT.length;
/** A short answer for the first-token repetitions: its first token is plain text. */
const SHORT_TEXT = 'First token here, then a little more so the stream has a body and an end. Done.';

/** The question that gets the long answer at `rate` tokens per second. */
export const longQuestion = (rate: number, n: number): string => `bench long at ${rate} tokens/s #${n}`;
/** The question that gets the short answer (first-token repetitions). */
export const shortQuestion = (n: number): string => `bench first token #${n}`;

/** How long the waiting question's model "loads" before its first token. */
export const WAIT_MS = 12_000;
/** The question whose first token comes after {@link WAIT_MS} (the panel shows its waiting clock meanwhile). */
export const waitQuestion = (n: number): string => `bench slow start #${n}`;

export function benchAnswer(query: string): BenchAnswer | undefined {
  if (query.startsWith('bench slow start')) return { text: SHORT_TEXT, tokensPerSecond: 1000, firstTokenAfterMs: WAIT_MS };
  const long = /^bench long at (\d+) tokens\/s/.exec(query);
  if (long) return { text: LONG_TEXT, tokensPerSecond: Number(long[1]) };
  if (query.startsWith('bench first token')) return { text: SHORT_TEXT, tokensPerSecond: 1000 };
  return undefined;
}

/** One stream as the simulator wrote it. */
export interface StreamRecord {
  /** performance.now() + performance.timeOrigin of the first text frame, and of `message_end`. */
  firstTextAt: number;
  endAt: number;
  /** Text frames (model tokens) and the text they carried. */
  tokens: number;
  text: string;
}

/** Collects the simulator's frames; {@link next} resolves with the next stream that ends. */
export class FrameLog {
  private readonly open = new Map<string, StreamRecord>();
  private waiters: Array<(r: StreamRecord) => void> = [];

  readonly onFrame = (f: SimFrame): void => {
    const at = performance.timeOrigin + f.at;
    let r = this.open.get(f.taskId);
    if (!r) {
      r = { firstTextAt: NaN, endAt: NaN, tokens: 0, text: '' };
      this.open.set(f.taskId, r);
    }
    if (f.event === 'message' && f.answer) {
      if (r.tokens === 0) r.firstTextAt = at;
      r.tokens++;
      r.text += f.answer;
    } else if (f.event === 'message_end') {
      r.endAt = at;
      this.open.delete(f.taskId);
      for (const w of this.waiters.splice(0)) w(r);
    }
  };

  /** The next stream to end (call before asking). */
  next(): Promise<StreamRecord> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
