/**
 * One answer in flight (a Dify "task"): its ids, the answer so far, usage timing, stop, and what gets
 * persisted when it ends. The mode generators (modes/*.ts) produce its frames; `drive.ts` sends them.
 */
import { randomUUID } from 'node:crypto';
import type { SimApp } from './apps';
import type { SimContext } from './context';
import { countTokens, emptyUsage, retrieverResources, usageOf } from './metadata';
import type { PyJson } from './pyjson';
import type { Script } from './scripts';
import type { Conversation, EndUser, Message } from './store';
import { toSeconds } from './store';

/** One data frame (or the terminal error frame) of an answer stream. */
export interface Step {
  event: string;
  payload: { [key: string]: PyJson };
  /** An answer delta (token delay applies before it). */
  delta?: boolean;
  /** The stream's error frame; nothing follows it. */
  error?: { code: string; status: number; message: string };
}

export interface TurnInit {
  ctx: SimContext;
  app: SimApp;
  user: EndUser;
  conversation: Conversation;
  message: Message;
  script: Script;
  streaming: boolean;
  retrieverFrom: string;
}

export class Turn {
  readonly taskId = randomUUID();
  readonly workflowRunId = randomUUID();
  readonly ctx: SimContext;
  readonly app: SimApp;
  readonly user: EndUser;
  readonly conversation: Conversation;
  readonly message: Message;
  readonly script: Script;
  readonly streaming: boolean;
  readonly retrieverFrom: string;
  readonly startMs: number;
  answer = '';
  completionTokens = 0;
  private firstTokenMs: number | null = null;
  private stoppedFlag = false;
  private readonly stopWaiters: Array<() => void> = [];

  constructor(init: TurnInit) {
    this.ctx = init.ctx;
    this.app = init.app;
    this.user = init.user;
    this.conversation = init.conversation;
    this.message = init.message;
    this.script = init.script;
    this.streaming = init.streaming;
    this.retrieverFrom = init.retrieverFrom;
    this.startMs = init.ctx.options.now();
  }

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** The stop flag, as `AppQueueManager.set_stop_flag` sets it; the generator sees it at its next step. */
  stop(): void {
    if (this.stoppedFlag) return;
    this.stoppedFlag = true;
    for (const w of this.stopWaiters.splice(0)) w();
  }

  waitStop(): Promise<void> {
    return this.stoppedFlag ? Promise.resolve() : new Promise((r) => this.stopWaiters.push(r));
  }

  get createdAt(): number {
    return toSeconds(this.message.createdUs);
  }

  /** The four envelope keys every data frame starts with, then the event's own keys. */
  frame(event: string, body: { [key: string]: PyJson }, delta = false): Step {
    return {
      event,
      delta,
      payload: {
        event,
        conversation_id: this.conversation.id,
        message_id: this.message.id,
        created_at: this.createdAt,
        ...body,
      },
    };
  }

  /** The error frame: envelope plus code/status/message, no task_id. */
  errorFrame(code: string, status: number, message: string): Step {
    const step = this.frame('error', { code, status, message });
    step.error = { code, status, message };
    return step;
  }

  /** Records an answer delta. */
  addDelta(text: string): void {
    if (this.firstTokenMs === null) this.firstTokenMs = this.ctx.options.now();
    this.answer += text;
    this.completionTokens++;
  }

  private seconds(fromMs: number, toMs: number): number {
    return Math.max(0, toMs - fromMs) / 1000;
  }

  usage(): PyJson {
    if (this.completionTokens === 0 && this.app.mode === 'advanced-chat') return emptyUsage();
    const now = this.ctx.options.now();
    const history = this.conversation.messages.slice(0, -1);
    const promptTokens = 96 + countTokens(this.message.query) + history.reduce((n, m) => n + countTokens(m.query) + countTokens(m.answer), 0);
    return usageOf({
      promptTokens,
      completionTokens: this.completionTokens,
      latencyS: this.seconds(this.startMs, now),
      timeToFirstTokenS: this.streaming && this.firstTokenMs !== null ? this.seconds(this.startMs, this.firstTokenMs) : null,
      timeToGenerateS: this.streaming && this.firstTokenMs !== null ? this.seconds(this.firstTokenMs, now) : null,
    });
  }

  resources(): PyJson[] {
    return this.script.cite ? retrieverResources(this.retrieverFrom) : [];
  }

  /** `message_end.metadata` (1.11.2 always has all three keys). */
  metadata(): PyJson {
    return { annotation_reply: null, retriever_resources: this.resources(), usage: this.usage() };
  }

  /** Persists the outcome (the partial answer too, when stopped or cut). */
  finish(error?: string): void {
    const m = this.message;
    m.answer = this.answer;
    m.retrieverResources = this.resources();
    if (error !== undefined) {
      m.status = 'error';
      m.error = error;
    }
  }
}
