/**
 * Turns a fast stream of answer states into at most one small update per interval.
 *
 * Tokens can arrive thousands of times a second; the webview needs at most one update per frame or two.
 * Each stream gets one coalescer: {@link AnswerCoalescer.update} records the newest answer and, if no
 * window is open, opens one; when the window closes the difference between what was last sent and the
 * newest answer goes out as one {@link TurnUpdate}. Terminal states are sent at once with
 * {@link AnswerCoalescer.flush}, so the final state is never left waiting for a timer.
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

/** The default window: about two frames at 60 Hz. */
export const UPDATE_INTERVAL_MS = 33;

/**
 * The difference between two answers as a {@link TurnUpdate}, or undefined when nothing changed.
 * Fields are compared by reference (the transcript reducer returns new objects for what it changes);
 * text that only grew is sent as an `append`, which keeps updates small for long answers.
 */
export function diffAnswer(turnId: string, before: Answer, after: Answer): TurnUpdate | undefined {
  const patch: Partial<Record<keyof Answer, unknown>> = {};
  const unset: Array<keyof Answer> = [];
  let append: string | undefined;
  let changed = false;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as Array<keyof Answer>);
  for (const key of keys) {
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

export class AnswerCoalescer {
  private sent: Answer;
  private latest: Answer;
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

  /** Records the newest answer; it goes out when the current window closes. */
  update(answer: Answer): void {
    if (this.disposed) return;
    this.latest = answer;
    if (this.pending) return;
    this.pending = true;
    this.timer = this.scheduler.setTimeout(() => {
      this.pending = false;
      this.timer = undefined;
      this.emit();
    }, this.intervalMs);
  }

  /** Sends whatever is pending now (terminal states, or before a full snapshot). */
  flush(answer?: Answer): void {
    if (this.disposed) return;
    if (answer) this.latest = answer;
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

  private emit(): void {
    const update = diffAnswer(this.turnId, this.sent, this.latest);
    this.sent = this.latest;
    if (update) this.post(update);
  }
}
