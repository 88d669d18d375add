/**
 * The transcript: stream events (and a few local happenings) → the {@link Answer} the panel shows.
 *
 * An {@link AnswerBuilder} takes one answer's events in constant time each, whatever the answer's length so
 * far: text deltas are appended (V8 makes that a rope, not a copy), and steps, thoughts and files live in
 * lists changed in place (`answerParts.ts`). `answer` hands out an immutable snapshot, built only when asked
 * (the coalescer asks once per update window) and sharing every part that did not change since the last one,
 * so callers compare by identity. It also keeps an answer within its {@link AnswerLimits}: past one it stops
 * taking events and says which in {@link AnswerBuilder.overflow} (the session then ends the answer).
 * {@link reduceAnswer} is the same as a pure function of one answer and one input.
 *
 * Status: `waiting` → `streaming` on the first real event → one of the terminal states:
 * - `done` on `message_end`;
 * - `stopped` when the user stopped it (a local action). The server still finishes the answer (the rest of
 *   the text it had, `workflow_finished` stopped, then `message_end` with usage); that is all taken in,
 *   and the status stays `stopped`;
 * - `failed` on an `error` frame (kind `streamError`, Dify's code and message) or a local failure;
 * - `interrupted` when the stream ended early or the answer went past a limit (a local action); the
 *   partial text is kept.
 * After `done`, `failed` or `interrupted` nothing changes any more.
 *
 * The sentence for an error frame comes from the `describe` function the host injects: the core has no
 * words of its own.
 */
import type { Answer, AnswerError, WorkflowStep } from '../shared/answer';
import { emptyAnswer } from '../shared/answer';
import type { DifyEvent, ErrorEvent, WorkflowFinishedEvent, WorkflowStartedEvent } from '../dify/events';
import type { DescribeProblem } from '../dify/problems';
import { redactClipped } from '../dify/redact';
import { FileList, ThoughtList, WorkflowRun } from './answerParts';
import { iterationStep, nodeStep, stepStatus } from './workflowEvents';
import { type AnswerLimits, NO_LIMITS, utf8Length, utf8Prefix } from './answerLimits';

/** Something that happened on this side of the wire. */
export type LocalAction =
  /** The request failed (HTTP error before the stream, network, timeout, ...). */
  | { type: 'failed'; error: AnswerError }
  /** The user pressed Stop. */
  | { type: 'stopped' }
  /** The stream ended without `message_end` or `error`, or the answer went past a limit. */
  | { type: 'interrupted'; error: AnswerError };

/** What the reducer takes: a stream event or a local action. */
export type TranscriptInput = DifyEvent | LocalAction;

/** Which limit an answer went past. */
export type Overflow = 'text' | 'steps' | 'events';

/**
 * How an input changed the answer's text: the text appended (`''`: the text did not change, something else
 * did) or `null` (the text was replaced). `undefined` from {@link AnswerBuilder.apply}: nothing changed.
 */
export type TextChange = string | null;

/** The most of Dify's message an error frame's sentence quotes; the rest is cut (an event can be 16 MiB). */
const MAX_ERROR_MESSAGE_CHARS = 1000;

/**
 * True for the states in which stream events no longer change the answer (`stopped` is not one: the server
 * still finishes a stopped answer, and its usage and steps are taken in).
 */
function ignoresEvents(status: Answer['status']): boolean {
  return status === 'done' || status === 'failed' || status === 'interrupted';
}

/** The scalar fields of an answer, changed in place by the builder (the lists live beside it). */
type Head = Omit<Answer, 'workflow' | 'thoughts' | 'files'>;

/** One answer under construction (see the file's comment). */
export class AnswerBuilder {
  private head: Head;
  private readonly thoughts: ThoughtList;
  private readonly files: FileList;
  private workflow: WorkflowRun | undefined;
  private cached: Answer | undefined;
  /** UTF-8 bytes of the text, counted only when the text is limited. */
  private textBytes: number;
  private events = 0;
  /** The limit the answer went past, if it did; it takes no more events then. */
  overflow: Overflow | undefined;

  /** @param from the answer to continue (never changed: its parts are copied before their first change). */
  constructor(
    private readonly describe: DescribeProblem,
    from: Answer = emptyAnswer(),
    private readonly limits: AnswerLimits = NO_LIMITS,
  ) {
    const { workflow, thoughts, files, ...head } = from;
    this.head = head;
    this.thoughts = new ThoughtList(thoughts);
    this.files = new FileList(files);
    if (workflow !== undefined) this.workflow = new WorkflowRun(workflow);
    this.textBytes = Number.isFinite(limits.maxTextBytes) ? utf8Length(from.text) : 0;
    this.cached = from;
  }

  get status(): Answer['status'] {
    return this.head.status;
  }

  get taskId(): string | undefined {
    return this.head.taskId;
  }

  get conversationId(): string | undefined {
    return this.head.conversationId;
  }

  /** The answer as it is now: a snapshot never changed afterwards, sharing the parts that did not change. */
  get answer(): Answer {
    if (this.cached !== undefined) return this.cached;
    const a: Answer = { ...this.head, thoughts: this.thoughts.snapshot(), files: this.files.snapshot() };
    if (this.workflow !== undefined) a.workflow = this.workflow.snapshot();
    this.cached = a;
    return a;
  }

  /** Applies one input; returns how the text changed, or undefined when nothing changed. */
  apply(input: TranscriptInput): TextChange | undefined {
    if (!('event' in input)) return this.local(input);
    if (this.overflow !== undefined) return undefined;
    if (++this.events > this.limits.maxEvents) {
      this.overflow = 'events';
      return undefined;
    }
    const change = this.event(input);
    if (change !== undefined) this.cached = undefined;
    return change;
  }

  private local(action: LocalAction): TextChange | undefined {
    // A local action settles an answer once: after any final state, stopped included, it changes nothing.
    const status = this.head.status;
    if (ignoresEvents(status) || status === 'stopped') return undefined;
    this.head = action.type === 'stopped' ? { ...this.head, status: 'stopped' } : { ...this.head, status: action.type, error: action.error };
    this.cached = undefined;
    return '';
  }

  private event(ev: DifyEvent): TextChange | undefined {
    if (ev.event === 'ping' || ev.event === 'tts_message' || ev.event === 'tts_message_end' || ev.event === 'agent_log') return undefined;
    if (ignoresEvents(this.head.status)) return undefined;
    switch (ev.event) {
      // The hot path: one per token.
      case 'message':
      case 'agent_message':
        return this.started(ev) ?? this.append(ev.answer);
      case 'message_file':
        if (ev.form === 'text') return this.started(ev) ?? this.append(ev.answer);
        if (!this.files.has(ev.id) && this.files.length >= this.limits.maxSteps) return this.over('steps');
        this.files.add({ id: ev.id, type: ev.type, url: ev.url, belongsTo: ev.belongsTo });
        return this.started(ev) ?? '';
      case 'message_replace':
        this.started(ev);
        this.head.replacedReason = ev.reason || 'output_moderation';
        this.head.text = this.limitText(ev.answer);
        return null;
      case 'agent_thought':
        if (!this.thoughts.has(ev.id) && this.thoughts.length >= this.limits.maxSteps) return this.over('steps');
        this.thoughts.upsert({ id: ev.id, position: ev.position, thought: ev.thought, tool: ev.tool, toolInput: ev.toolInput, observation: ev.observation, files: ev.messageFiles });
        return this.started(ev) ?? '';
      case 'message_end':
        return this.ended(ev);
      case 'error':
        // A stop can race with a failure on the server (a chatflow's abort); the user asked to stop.
        if (this.head.status === 'stopped') return undefined;
        this.head.status = 'failed';
        this.head.error = streamError(ev, this.describe);
        this.ids(ev);
        return '';
      case 'workflow_started':
        return this.runStarted(ev);
      case 'workflow_finished':
        return this.runFinished(ev);
      case 'node_started':
      case 'node_finished':
      case 'node_retry':
        return this.step(ev, (prev) => nodeStep(prev, ev));
      case 'iteration_started':
      case 'iteration_next':
      case 'iteration_completed':
      case 'loop_started':
      case 'loop_next':
      case 'loop_completed':
        return this.step(ev, (prev) => iterationStep(prev, ev));
    }
  }

  private runStarted(ev: WorkflowStartedEvent): TextChange {
    const wf = this.run(ev.workflowRunId || ev.data.id);
    wf.runId = ev.workflowRunId || ev.data.id;
    wf.status = 'running';
    wf.elapsedTime = wf.totalTokens = wf.error = undefined;
    wf.changed();
    return this.started(ev) ?? '';
  }

  private runFinished(ev: WorkflowFinishedEvent): TextChange {
    const wf = this.run(ev.workflowRunId);
    wf.status = stepStatus(ev.data.status, ev.data.error);
    if (wf.status === 'stopped' || wf.status === 'failed') wf.settleRunning();
    if (ev.data.elapsedTime !== undefined) wf.elapsedTime = ev.data.elapsedTime;
    if (ev.data.totalTokens !== undefined) wf.totalTokens = ev.data.totalTokens;
    if (ev.data.error !== undefined) wf.error = ev.data.error;
    wf.changed();
    return this.started(ev) ?? '';
  }

  /** A node, iteration or loop event: its step, made from the one with the same id (a new one within the limit). */
  private step(ev: { workflowRunId: string; data: { id: string } } & Parameters<AnswerBuilder['started']>[0], make: (prev: WorkflowStep | undefined) => WorkflowStep): TextChange | undefined {
    const found = this.workflow?.step(ev.data.id) ?? { at: -1, step: undefined };
    if (found.at < 0 && (this.workflow?.stepCount ?? 0) >= this.limits.maxSteps) return this.over('steps');
    this.run(ev.workflowRunId).put(found.at, make(found.step));
    return this.started(ev) ?? '';
  }

  /** `message_end`: done (or still stopped), with usage, citations and the files it lists. */
  private ended(ev: Extract<DifyEvent, { event: 'message_end' }>): TextChange {
    const head = this.head;
    head.status = head.status === 'stopped' ? 'stopped' : 'done';
    head.citations = ev.retrieverResources;
    if (ev.usage !== undefined) head.usage = ev.usage;
    if (head.messageId === undefined && ev.id !== undefined) head.messageId = ev.id;
    for (const f of ev.files) if (this.files.length < this.limits.maxSteps || this.files.has(f.id)) this.files.add({ id: f.id, type: f.type, url: f.url, belongsTo: f.belongsTo });
    this.ids(ev);
    return '';
  }

  /** The answer's workflow, or a fresh one when a node event comes before (or without) `workflow_started`. */
  private run(runId: string): WorkflowRun {
    this.workflow ??= new WorkflowRun({ runId, status: 'running', steps: [] });
    return this.workflow;
  }

  /**
   * The first real event makes a waiting answer stream, and every event may fill in the ids. Returns
   * undefined, so callers can write `this.started(ev) ?? change`.
   */
  private started(ev: { conversationId?: string; messageId?: string; taskId?: string }): undefined {
    if (this.head.status === 'waiting') this.head.status = 'streaming';
    this.ids(ev);
    return undefined;
  }

  /** Fills in the conversation, message and task ids from the first event that carries them. */
  private ids(ev: { conversationId?: string; messageId?: string; taskId?: string }): void {
    const h = this.head;
    if (h.conversationId === undefined && ev.conversationId) h.conversationId = ev.conversationId;
    if (h.messageId === undefined && ev.messageId) h.messageId = ev.messageId;
    if (h.taskId === undefined && ev.taskId) h.taskId = ev.taskId;
  }

  /** Appends a delta, as much of it as the text limit allows; returns what was appended. */
  private append(delta: string): string {
    const kept = this.limitDelta(delta);
    this.head.text += kept;
    return kept;
  }

  private limitDelta(delta: string): string {
    const max = this.limits.maxTextBytes;
    if (!Number.isFinite(max)) return delta;
    const bytes = utf8Length(delta);
    if (this.textBytes + bytes <= max) {
      this.textBytes += bytes;
      return delta;
    }
    const kept = utf8Prefix(delta, max - this.textBytes);
    this.textBytes += utf8Length(kept);
    this.overflow = 'text';
    return kept;
  }

  private limitText(text: string): string {
    this.textBytes = 0;
    return this.limitDelta(text);
  }

  /** Went past a limit: nothing changes, and the session ends the answer. */
  private over(which: Overflow): undefined {
    this.overflow = which;
    return undefined;
  }
}

/**
 * Applies one input to an answer and returns the next answer (or the same one if nothing changed). Pure: it
 * never changes its input, and shares every part the input did not change.
 * @param describe words an error frame's problem as the sentence the answer shows.
 */
export function reduceAnswer(answer: Answer, input: TranscriptInput, describe: DescribeProblem): Answer {
  const b = new AnswerBuilder(describe, answer);
  return b.apply(input) === undefined ? answer : b.answer;
}

/** The error of an error frame: Dify's code, and its message (key-shaped text removed) inside our sentence. */
function streamError(ev: ErrorEvent, describe: DescribeProblem): AnswerError {
  const code = ev.code || 'unknown';
  const message = redactClipped(ev.message.trim(), MAX_ERROR_MESSAGE_CHARS);
  return { kind: 'streamError', code, message: describe({ id: 'stream.errorFrame', code, message }) };
}
