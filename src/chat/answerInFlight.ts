/**
 * One answer in flight, as the {@link ChatSession} drives it: its request's abort controller, the
 * {@link AnswerBuilder} that takes its events, the coalescer that tells the webview, and how it ends.
 *
 * The turn ends when the answer does (`message_end`, an error frame, Stop, a failure, a limit), not when the
 * server closes the connection: a proxy may keep it open, and Dify sends speech (`tts_message`) after
 * `message_end`. What follows the end still drains in the background, bounded (the client bounds the
 * tail's time and bytes, and the event limit still counts), and goes to `onLateEvent`.
 */
import type { AnswerError } from '../shared/answer';
import type { Turn } from '../shared/chatState';
import { isDifyError } from '../dify/errors';
import type { DifyEvent } from '../dify/events';
import type { DescribeProblem, Problem } from '../dify/problems';
import type { ChatRequest } from '../dify/types';
import type { AnswerLimits } from './answerLimits';
import { AnswerCoalescer } from './coalescer';
import type { Scheduler } from './coalescer';
import { AnswerBuilder, type Overflow, type TranscriptInput } from './transcript';
import type { TurnUpdate } from '../protocol';

/** What the session needs from the Dify client (DifyClient satisfies it). */
export interface ChatBackend {
  chatStream(req: ChatRequest, signal: AbortSignal): AsyncIterable<DifyEvent>;
  stop(taskId: string, signal: AbortSignal): Promise<unknown>;
}

/** What an answer in flight is given by its session. */
export interface InFlightOptions {
  describe: DescribeProblem;
  limits: AnswerLimits;
  scheduler: Scheduler;
  intervalMs: number;
  /** How long the stop route may take before it is abandoned. */
  stopTimeoutMs: number;
  post: (update: TurnUpdate) => void;
  /** The answer changed (the session looks for a new conversation id). */
  onChange: () => void;
  /** The answer ended: busy clears, the next question may go. Called once. */
  onSettled: () => void;
  /** An event that arrived after the answer ended, while the rest of the stream drained, and speech (`tts_message`) before it. */
  onLateEvent?: (event: DifyEvent) => void;
  log?: (message: string) => void;
}

/** What a failed answer shows: the error's kind and code, and the sentence for its problem. */
export function toAnswerError(e: unknown, describe: DescribeProblem): AnswerError {
  if (isDifyError(e)) {
    const err: AnswerError = { kind: e.kind, message: describe(e.problem) };
    if (e.code !== undefined) err.code = e.code;
    return err;
  }
  // Something that is not a DifyError (a bug): one sentence, never its text or stack.
  return { kind: 'unknown', message: describe({ id: 'answer.unexpected' }) };
}

/** The problem of an answer that went past a limit. */
function overflowProblem(overflow: Overflow, limits: AnswerLimits): Problem {
  switch (overflow) {
    case 'text':
      return { id: 'answer.tooLong', maxBytes: limits.maxTextBytes };
    case 'steps':
      return { id: 'answer.tooManySteps', max: limits.maxSteps };
    case 'events':
      return { id: 'answer.tooManyEvents', max: limits.maxEvents };
  }
}

/** One answer in flight (see the file's comment). */
export class AnswerInFlight {
  readonly controller = new AbortController();
  readonly builder: AnswerBuilder;
  readonly coalescer: AnswerCoalescer;
  backend: ChatBackend | undefined;
  /** The user pressed Stop: an abort becomes a `stopped` answer. */
  stopRequested = false;
  /** New chat / another conversation / dispose: the turn is gone, drop whatever still arrives. */
  discarded = false;
  /** The answer ended and the session was told (the stream may still drain). */
  settled = false;
  /** Resolves when the answer has ended. */
  readonly whenSettled: Promise<void>;
  private resolveSettled!: () => void;
  /** Events taken after the end, while the stream drained (counted against the event limit too). */
  private lateEvents = 0;

  constructor(
    readonly turn: Turn,
    private readonly o: InFlightOptions,
  ) {
    this.builder = new AnswerBuilder(o.describe, turn.answer, o.limits);
    this.coalescer = new AnswerCoalescer(turn.id, turn.answer, o.post, o.scheduler, o.intervalMs);
    this.whenSettled = new Promise((resolve) => (this.resolveSettled = resolve));
  }

  /** Brings `turn.answer` up to date (a snapshot; built only when something changed). */
  sync(): Turn {
    this.turn.answer = this.builder.answer;
    return this.turn;
  }

  get finished(): boolean {
    const s = this.builder.status;
    return s === 'done' || s === 'stopped' || s === 'failed' || s === 'interrupted';
  }

  /** Applies one input and schedules the update (at once for a final state). */
  apply(input: TranscriptInput): void {
    const text = this.builder.apply(input);
    if (text === undefined) return;
    this.o.onChange();
    if (this.finished) this.coalescer.flush(() => this.sync().answer, text);
    else this.coalescer.update(() => this.sync().answer, text);
  }

  /** Reads the stream to its end; the turn settles when the answer ends, the rest drains. */
  async run(request: ChatRequest): Promise<void> {
    const backend = this.backend;
    if (backend === undefined) return;
    for await (const event of backend.chatStream(request, this.controller.signal)) {
      if (this.discarded) return;
      if (this.settled) {
        if (this.drained(event)) return;
        continue;
      }
      // Speech interleaved with the answer goes where the speech after it goes (the answer holds no audio).
      if (event.event === 'tts_message' || event.event === 'tts_message_end') this.o.onLateEvent?.(event);
      this.apply(event);
      if (this.builder.overflow !== undefined) {
        this.cut(this.builder.overflow);
        return;
      }
      if (this.stopRequested) return;
      if (this.finished) this.settle();
    }
  }

  /** Ends the answer for good (at most once): the last update goes out, then the session is told. */
  settle(): void {
    if (this.settled || this.discarded) return;
    this.settled = true;
    this.coalescer.flush(() => this.sync().answer);
    this.coalescer.dispose();
    this.o.onSettled();
    this.resolveSettled();
  }

  /**
   * Abandons the answer without touching the turn (it is about to be replaced). `stopAtDify` false only drops
   * the request: Dify finishes and stores the answer (the panel's host is going, and shows it when reopened).
   */
  discard(stopAtDify = true): void {
    this.discarded = true;
    this.coalescer.dispose();
    this.resolveSettled();
    if (stopAtDify) void this.abort();
    else this.controller.abort();
  }

  /** Aborts the request and, when the task is known, calls Dify's stop route with its own timeout. */
  async abort(): Promise<void> {
    const taskId = this.builder.taskId;
    this.controller.abort();
    if (taskId === undefined || !this.backend) return;
    try {
      await this.backend.stop(taskId, AbortSignal.timeout(this.o.stopTimeoutMs));
    } catch (e) {
      this.o.log?.(`stop ${taskId} failed: ${isDifyError(e) ? e.kind : String(e)}`);
    }
  }

  /** An event after the end: handed on; true when the drain should stop (the event limit). */
  private drained(event: DifyEvent): boolean {
    if (++this.lateEvents > this.o.limits.maxEvents) {
      this.controller.abort();
      return true;
    }
    this.o.onLateEvent?.(event);
    return false;
  }

  /** The answer went past a limit: it ends with the sentence that says so, and Dify is told to stop. */
  private cut(overflow: Overflow): void {
    const error: AnswerError = { kind: 'tooLarge', message: this.o.describe(overflowProblem(overflow, this.o.limits)) };
    this.apply({ type: 'interrupted', error });
    this.o.log?.(`answer cut: ${overflow} limit`);
    void this.abort();
  }
}
