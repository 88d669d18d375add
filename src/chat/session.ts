/**
 * One conversation as the host holds it: its turns, the answer in flight, Stop, Retry, New chat.
 *
 * The session drives the stream (events -> {@link reduceAnswer} -> turns) and tells the webview what
 * changed through `post`, coalescing answer changes to at most one `turnUpdate` per interval. It knows
 * nothing of VS Code: the backend, the timer and the id source are passed in, so every transition is
 * unit-testable without a network or real time.
 */
import type { AnswerError, AnswerFile } from '../shared/answer';
import { chatRequestFiles } from './attachments';
import { emptyAnswer } from '../shared/answer';
import { DEFAULT_LIMITS, type AnswerLimits } from './answerLimits';
import { AnswerInFlight, type ChatBackend, toAnswerError } from './answerInFlight';
import { realScheduler, UPDATE_INTERVAL_MS } from './coalescer';
import type { Scheduler } from './coalescer';
import type { DifyEvent } from '../dify/events';
import { isDifyError } from '../dify/errors';
import type { DescribeProblem } from '../dify/problems';
import type { ChatRequest } from '../dify/types';
import type { ConversationView, InputValues, Rating, Turn } from '../shared/chatState';
import type { CodeContext } from '../shared/codeContext';
import { copyCodeContext } from '../shared/codeContext';
import type { HostMessage } from '../protocol';
import { copyInputValues } from '../protocol';

export type { ChatBackend } from './answerInFlight';

/** Provides the backend for one send; rejects (ideally with a DifyError) when there is none, e.g. no key. */
export type BackendSource = () => Promise<ChatBackend>;

/** What a {@link ChatSession} is given by its owner (the chat controller). */
export interface SessionOptions {
  /** Receives every host -> webview message the session produces. */
  post: (msg: HostMessage) => void;
  /** Words a problem as the sentence a failed answer shows (the host's messages table). */
  describe: DescribeProblem;
  /** A conversation got its id (the first answer's `conversation_id`). */
  onConversationStarted?: (conversationId: string) => void;
  /** A turn reached a terminal state (done, stopped, failed, interrupted). */
  onTurnFinished?: (turn: Turn) => void;
  /**
   * An event that arrived after its answer ended, while the rest of the stream drained (speech audio:
   * `tts_message` follows `message_end`), and speech interleaved with the answer before its end.
   */
  onLateEvent?: (turnId: string, event: DifyEvent) => void;
  /** Problems worth a debug line (a failed stop call). Never user-facing. */
  log?: (message: string) => void;
  scheduler?: Scheduler;
  intervalMs?: number;
  newId?: () => string;
  /** How long the stop route may take before it is abandoned. */
  stopTimeoutMs?: number;
  /** The bounds on one answer, read at each send (the text limit is a setting). Default {@link DEFAULT_LIMITS}. */
  limits?: () => AnswerLimits;
}

/** What a new turn carries besides its question. */
export interface SendOptions {
  /** The id of the failed turn this one retries. */
  retryOf?: string;
  /** The code the question is about; kept on the turn (copied), and carried to a retry. */
  context?: readonly CodeContext[];
  /** What the panel shows as the question when it carries code (see {@link Turn.instruction}). */
  instruction?: string;
  /** The files the question carries (sent as `files`; kept on the turn, and carried to a retry). */
  files?: readonly AnswerFile[];
}

/** The options that send a turn's question again: the same code context, marked as a retry of it. */
export function retryOptions(turn: Turn): SendOptions {
  const options: SendOptions = { retryOf: turn.id };
  if (turn.context) options.context = turn.context;
  if (turn.instruction !== undefined) options.instruction = turn.instruction;
  if (turn.files?.length) options.files = turn.files;
  return options;
}

/** Dify's own first name for a new conversation: the first 20 characters of the query, plus an ellipsis. */
export function provisionalName(question: string): string {
  const chars = Array.from(question.trim());
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}\u2026` : chars.join('');
}

/** What an answer shows when its stream simply ended, without `message_end` and without an error. */
function endedEarly(describe: DescribeProblem): AnswerError {
  return { kind: 'interrupted', message: describe({ id: 'answer.endedEarly' }) };
}

/** One conversation in the panel: its turns and the answer in flight (see the file's comment). */
export class ChatSession {
  private conversation: ConversationView = { hasOlder: false, loadingOlder: false };
  private list: Turn[] = [];
  private values: InputValues = Object.create(null) as InputValues;
  private inflight: AnswerInFlight | undefined;
  /** Answers that ended while their stream still drains (each resolves when it has closed). */
  private readonly draining = new Map<AnswerInFlight, Promise<void>>();
  private readonly scheduler: Scheduler;
  private readonly intervalMs: number;
  private readonly newId: () => string;

  constructor(private readonly options: SessionOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.intervalMs = options.intervalMs ?? UPDATE_INTERVAL_MS;
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  }

  /** An answer is in flight. */
  get busy(): boolean {
    return this.inflight !== undefined;
  }

  get conversationId(): string | undefined {
    return this.conversation.id;
  }

  get conversationName(): string | undefined {
    return this.conversation.name;
  }

  get turns(): readonly Turn[] {
    return this.synced();
  }

  get inputs(): InputValues {
    return this.values;
  }

  /** Inputs are fixed once the conversation exists (Dify stores them with it). */
  get inputsLocked(): boolean {
    return this.conversation.id !== undefined;
  }

  /** An older page of history is being loaded. */
  get loadingOlder(): boolean {
    return this.conversation.loadingOlder;
  }

  /** The id of the oldest turn with a Dify message id: the cursor for loading older history. */
  get oldestMessageId(): string | undefined {
    return this.synced().find((t) => t.answer.messageId !== undefined)?.answer.messageId;
  }

  /** Resolves when the answer in flight (if any) has ended: at `message_end`, not when its stream closes. */
  whenIdle(): Promise<void> {
    return this.inflight?.whenSettled ?? Promise.resolve();
  }

  /** Resolves when every stream, the ended answers' included, has closed. */
  async whenDrained(): Promise<void> {
    await this.whenIdle();
    await Promise.all(this.draining.values());
  }

  /**
   * The parts of the full state the session owns. A snapshot that is sent (`markSent`) also tells the
   * coalescer that the webview now has the streaming answer as it is, so later updates are differences from it.
   */
  snapshot(markSent = true): { conversation: ConversationView; turns: Turn[]; busy: boolean; inputs: InputValues; inputsLocked: boolean } {
    if (markSent && this.inflight) this.inflight.coalescer.markSent(this.inflight.sync().answer);
    return {
      conversation: { ...this.conversation },
      turns: this.synced().map((t) => ({ ...t })),
      busy: this.busy,
      inputs: { ...this.values },
      inputsLocked: this.inputsLocked,
    };
  }

  /**
   * Sends a question as a new turn. The turn is visible at once (waiting); the backend is fetched
   * afterwards so a missing key becomes a failed turn with a Retry instead of a lost question.
   * Returns undefined (and does nothing) while another answer is streaming.
   */
  send(question: string, backend: BackendSource, options: SendOptions = {}): Turn | undefined {
    if (this.inflight) return undefined;
    const turn: Turn = { id: this.newId(), question, answer: emptyAnswer(), feedback: null, suggestions: [] };
    if (options.context?.length) turn.context = options.context.map(copyCodeContext);
    if (options.instruction !== undefined && turn.context) turn.instruction = options.instruction;
    if (options.retryOf !== undefined) turn.retryOf = options.retryOf;
    if (options.files?.length) turn.files = options.files.map((f) => ({ ...f }));
    // Follow-up suggestions belong to the latest answer only.
    for (const t of this.list) {
      if (t.suggestions.length) {
        t.suggestions = [];
        this.post({ type: 'turnMeta', turnId: t.id, suggestions: [] });
      }
    }
    this.list.push(turn);
    const inflight: AnswerInFlight = new AnswerInFlight(turn, {
      describe: this.options.describe,
      limits: this.options.limits?.() ?? DEFAULT_LIMITS,
      scheduler: this.scheduler,
      intervalMs: this.intervalMs,
      stopTimeoutMs: this.options.stopTimeoutMs ?? 10_000,
      post: (u) => this.post({ type: 'turnUpdate', ...u }),
      onChange: () => this.answerChanged(inflight),
      onSettled: () => this.settled(inflight),
      onLateEvent: (ev) => this.options.onLateEvent?.(turn.id, ev),
      ...(this.options.log ? { log: this.options.log } : {}),
    });
    this.inflight = inflight;
    this.post({ type: 'turnAdded', turn: { ...turn } });
    this.post({ type: 'busy', busy: true });
    const done = this.run(inflight, backend);
    this.draining.set(inflight, done);
    void done.finally(() => this.draining.delete(inflight));
    return turn;
  }

  /** Sends a turn's question (and its code context) again as a new turn (the failed one stays, so nothing is lost). */
  retry(turnId: string, backend: BackendSource): Turn | undefined {
    const turn = this.synced().find((t) => t.id === turnId);
    if (!turn) return undefined;
    return this.send(turn.question, backend, retryOptions(turn));
  }

  /**
   * Stops the answer in flight: aborts the request and asks Dify to stop the task. The partial
   * answer stays, marked stopped. Resolves when Dify's stop route has answered (or failed).
   */
  stop(): Promise<void> {
    const inflight = this.inflight;
    if (!inflight || inflight.stopRequested) return Promise.resolve();
    inflight.stopRequested = true;
    return inflight.abort();
  }

  /** New chat: drops the conversation (stopping an answer in flight) and starts empty. */
  reset(inputs?: InputValues): void {
    this.discardInflight();
    this.list = [];
    this.conversation = { hasOlder: false, loadingOlder: false };
    this.values = copyInputValues(inputs ?? {});
  }

  /** Replaces everything with a conversation loaded from history (newest page). */
  load(conversation: { id: string; name?: string }, turns: Turn[], hasOlder: boolean, inputs: InputValues): void {
    this.discardInflight();
    this.list = turns;
    this.conversation = { id: conversation.id, hasOlder, loadingOlder: false };
    if (conversation.name !== undefined) this.conversation.name = conversation.name;
    this.values = copyInputValues(inputs);
  }

  /**
   * Adds an older page of history in front, and posts only that page: the panel keeps what it shows (with a
   * long history, a full state per page would carry every turn again).
   */
  prependOlder(turns: Turn[], hasOlder: boolean): void {
    this.list = [...turns, ...this.list];
    this.conversation = { ...this.conversation, hasOlder, loadingOlder: false };
    this.post({ type: 'olderTurns', turns: turns.map((t) => ({ ...t })), conversation: { ...this.conversation } });
  }

  setLoadingOlder(loading: boolean): void {
    this.conversation = { ...this.conversation, loadingOlder: loading };
    this.postConversation();
  }

  /** Dify's name for the conversation (auto-generated a second after the first answer, or renamed). */
  setName(conversationId: string, name: string): void {
    if (this.conversation.id !== conversationId || this.conversation.name === name) return;
    this.conversation = { ...this.conversation, name };
    this.postConversation();
  }

  /** The input form changed; ignored once the conversation exists. */
  setInputs(values: InputValues): boolean {
    if (this.inputsLocked) return false;
    this.values = copyInputValues(values);
    return true;
  }

  setFeedback(turnId: string, rating: Rating | null): void {
    const turn = this.list.find((t) => t.id === turnId);
    if (!turn || turn.feedback === rating) return;
    turn.feedback = rating;
    this.post({ type: 'turnMeta', turnId, feedback: rating });
  }

  setSuggestions(turnId: string, suggestions: string[]): void {
    const turn = this.list.find((t) => t.id === turnId);
    // Only the latest turn offers follow-ups; a late answer for an older turn is dropped.
    if (!turn || this.list[this.list.length - 1] !== turn) return;
    turn.suggestions = suggestions;
    this.post({ type: 'turnMeta', turnId, suggestions });
  }

  findTurn(turnId: string): Turn | undefined {
    return this.synced().find((t) => t.id === turnId);
  }

  /**
   * The panel's host is going (a window reload, the extension host stopping): the request is dropped, but Dify
   * is not asked to stop. It finishes and stores the answer, which the panel shows when it is reopened.
   */
  dispose(): void {
    this.discardInflight(false);
  }

  /** The turns, the one in flight brought up to date. */
  private synced(): Turn[] {
    this.inflight?.sync();
    return this.list;
  }

  // -------------------------------------------------------------------------------------------------

  private post(msg: HostMessage): void {
    this.options.post(msg);
  }

  private postConversation(): void {
    this.post({ type: 'conversation', conversation: { ...this.conversation }, inputsLocked: this.inputsLocked });
  }

  /**
   * Abandons the answer in flight without touching the turns (they are about to be replaced), and closes
   * the streams of ended answers still draining (their speech belongs to the conversation that goes).
   */
  private discardInflight(stopAtDify = true): void {
    for (const ended of this.draining.keys()) if (ended !== this.inflight) ended.controller.abort();
    const inflight = this.inflight;
    if (!inflight) return;
    this.inflight = undefined;
    inflight.discard(stopAtDify);
  }

  /** The answer in flight changed: its first conversation id starts the conversation. */
  private answerChanged(inflight: AnswerInFlight): void {
    const id = inflight.builder.conversationId;
    if (this.inflight !== inflight || id === undefined || this.conversation.id !== undefined) return;
    this.conversation = { ...this.conversation, id, name: this.conversation.name ?? provisionalName(inflight.turn.question) };
    this.postConversation();
    this.options.onConversationStarted?.(id);
  }

  /** The answer ended (its stream may still drain): the panel is no longer busy. */
  private settled(inflight: AnswerInFlight): void {
    if (this.inflight === inflight) this.inflight = undefined;
    this.post({ type: 'busy', busy: false });
    this.options.onTurnFinished?.(inflight.turn);
  }

  private async run(inflight: AnswerInFlight, source: BackendSource): Promise<void> {
    const { turn, controller } = inflight;
    try {
      inflight.backend = await source();
      if (controller.signal.aborted) throw new DOMException('aborted', 'AbortError');
      const request: ChatRequest = { query: turn.question, inputs: { ...this.values }, autoGenerateName: true };
      if (this.conversation.id !== undefined) request.conversationId = this.conversation.id;
      const files = chatRequestFiles(turn.files ?? []);
      if (files.length > 0) request.files = files;
      await inflight.run(request);
      if (inflight.discarded || inflight.settled || inflight.finished) return;
      if (inflight.stopRequested) inflight.apply({ type: 'stopped' });
      else inflight.apply({ type: 'interrupted', error: endedEarly(this.options.describe) });
    } catch (e) {
      // After the end, a broken tail changes nothing: the answer is complete.
      if (inflight.discarded || inflight.settled) return;
      if (inflight.stopRequested) {
        if (!inflight.finished) inflight.apply({ type: 'stopped' });
      } else if (isDifyError(e) && e.kind === 'interrupted') {
        inflight.apply({ type: 'interrupted', error: toAnswerError(e, this.options.describe) });
      } else {
        inflight.apply({ type: 'failed', error: toAnswerError(e, this.options.describe) });
        this.options.log?.(`answer failed: ${isDifyError(e) ? e.kind : e instanceof Error ? e.name : typeof e}`);
      }
    } finally {
      inflight.settle();
    }
  }
}
