/**
 * Turns a fast stream of answer states into at most one small update per interval.
 *
 * Tokens can arrive thousands of times a second; the webview needs at most one update per frame or two.
 * Each stream gets one coalescer: {@link AnswerCoalescer.update} records the newest answer and, if no
 * window is open, opens one; when the window closes the difference between what was last sent and the
 * newest answer goes out as one {@link TurnUpdate}. Terminal states are sent at once with
 * {@link AnswerCoalescer.flush}, so the final state is never left waiting for a timer, and so is the first
 * text of an answer: the wait for the first token is what a user feels most, and one window would add up to
 * a whole interval to it (measured in the workbench: the first token showed ~50 ms after Dify wrote it).
 *
 * The work per update must not grow with the answer: the newest answer may be given as a function, called
 * once when the window closes (building a snapshot per event would copy its steps per event), and the text
 * that was appended may be given with each update, so the text never has to be compared (comparing the
 * whole text every window made a long answer quadratic).
 */
import type { Answer } from '../shared/answer';
import type { TurnUpdate } from '../protocol';

/** The timer the coalescer uses; injected so tests run without real time. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real timers. */
export const realScheduler: Scheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * The default window: 20 updates a second, smooth to the eye. Every update costs the panel a render, and in
 * a browser workbench (code-server) the webview shares the workbench's renderer, so each one also costs a
 * paint of the page; one per 33 ms made a fast answer about 30 messages a second, at the traffic budget.
 */
export const UPDATE_INTERVAL_MS = 50;

/** The newest answer, or a function that gives it (called only when the update goes out). */
export type AnswerSource = Answer | (() => Answer);

/**
 * The difference between two answers as a {@link TurnUpdate}, or undefined when nothing changed.
 * Fields are compared by reference (the transcript returns new objects for what it changes); text that
 * only grew is sent as an `append`, which keeps updates small for long answers.
 * @param text what the caller knows of the text: it grew by exactly this string (`''`: it did not change),
 *   or `null`, it was replaced. Without it the texts are compared, which costs their length.
 */
export function diffAnswer(turnId: string, before: Answer, after: Answer, text?: string | null): TurnUpdate | undefined {
  const patch: Partial<Record<keyof Answer, unknown>> = {};
  const unset: Array<keyof Answer> = [];
  let append: string | undefined;
  let changed = false;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as Array<keyof Answer>);
  for (const key of keys) {
    if (key === 'text' && text !== undefined) {
      if (text === null) patch.text = after.text;
      else if (text !== '') append = text;
      changed ||= text !== '';
      continue;
    }
    const a = before[key];
    const b = after[key];
    if (a === b || (Array.isArray(a) && Array.isArray(b) && a.length === 0 && b.length === 0)) continue;
    changed = true;
    if (b === undefined) {
      unset.push(key);
    } else if (key === 'text' && typeof a === 'string' && typeof b === 'string' && b.startsWith(a)) {
      append = b.slice(a.length);
    } else {
      patch[key] = b;
    }
  }
  if (!changed) return undefined;
  const update: TurnUpdate = { turnId, patch: patch as Partial<Answer> };
  if (append !== undefined) update.append = append;
  if (unset.length) update.unset = unset;
  return update;
}

/** Turns a stream of answer changes into at most one {@link TurnUpdate} per interval (see the file's comment). */
export class AnswerCoalescer {
  private sent: Answer;
  private latest: AnswerSource;
  /** The text appended since the last update went out (`null`: replaced; `undefined`: unknown, so compared). */
  private appended: string | null | undefined = '';
  private timer: unknown;
  private pending = false;
  private disposed = false;

  constructor(
    private readonly turnId: string,
    initial: Answer,
    private readonly post: (update: TurnUpdate) => void,
    private readonly scheduler: Scheduler = realScheduler,
    private readonly intervalMs: number = UPDATE_INTERVAL_MS,
  ) {
    this.sent = initial;
    this.latest = initial;
  }

  /**
   * Records the newest answer; it goes out when the current window closes.
   * @param text how the text changed since the previous update, if the caller knows (see {@link diffAnswer}).
   */
  update(answer: AnswerSource, text?: string | null): void {
    if (this.disposed) return;
    this.latest = answer;
    this.note(text);
    // The answer's first text goes at once (see the file's comment); later text waits for its window.
    if (this.sent.text === '' && typeof text === 'string' && text !== '') {
      this.flush();
      return;
    }
    if (this.pending) return;
    this.pending = true;
    this.timer = this.scheduler.setTimeout(() => {
      this.pending = false;
      this.timer = undefined;
      this.emit();
    }, this.intervalMs);
  }

  /** Sends whatever is pending now (terminal states, or before a full snapshot). */
  flush(answer?: AnswerSource, text?: string | null): void {
    if (this.disposed) return;
    if (answer) {
      this.latest = answer;
      this.note(text);
    }
    this.cancel();
    this.emit();
  }

  /** What the webview has been told so far. */
  get lastSent(): Answer {
    return this.sent;
  }

  /**
   * Marks `answer` as already known to the webview (a full `state` snapshot carried it), so the next
   * update is a difference from it.
   */
  markSent(answer: Answer): void {
    this.sent = answer;
    this.latest = answer;
    this.appended = '';
    this.cancel();
  }

  dispose(): void {
    this.cancel();
    this.disposed = true;
  }

  private cancel(): void {
    if (this.pending) this.scheduler.clearTimeout(this.timer);
    this.pending = false;
    this.timer = undefined;
  }

  private note(text: string | null | undefined): void {
    if (this.appended === undefined) return;
    if (text === undefined || text === null) this.appended = text;
    else if (this.appended !== null) this.appended += text;
  }

  private emit(): void {
    const latest = typeof this.latest === 'function' ? this.latest() : this.latest;
    const update = diffAnswer(this.turnId, this.sent, latest, this.appended);
    this.sent = latest;
    this.latest = latest;
    this.appended = '';
    if (update) this.post(update);
  }
}
