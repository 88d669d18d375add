// Test doubles for the chat session: a manual scheduler (time moves only when the test says so) and a
// backend whose stream the test feeds event by event.
import type { Scheduler } from '../../../src/chat/coalescer';
import { say } from '../host/messages/english';
import type { ChatBackend, SessionOptions } from '../../../src/chat/session';
import { ChatSession } from '../../../src/chat/session';
import type { HostMessage, HostMessageOf, HostMessageType } from '../../../src/protocol';
import type { DifyEvent } from '../../../src/dify/events';
import { DifyError } from '../../../src/dify/errors';
import type { ChatRequest } from '../../../src/dify/types';

export class ManualScheduler implements Scheduler {
  now = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.now + ms, fn, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, running due timers in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.now = next.at;
      next.fn();
    }
    this.now = end;
  }
}

/** Lets pending promise callbacks (the session's for-await loop) run. Not a timer race: one macrotask turn. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One stream the test controls: push events, end it, or make it throw. */
export class ScriptedStream {
  private queue: DifyEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private error: unknown;
  request: ChatRequest | undefined;
  /** The signal the session gave the request. */
  signal: AbortSignal | undefined;

  push(...events: DifyEvent[]): void {
    this.queue.push(...events);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  fail(error: unknown): void {
    this.error = error;
    this.wake?.();
  }

  async *run(request: ChatRequest, signal: AbortSignal): AsyncGenerator<DifyEvent> {
    this.request = request;
    this.signal = signal;
    for (;;) {
      if (signal.aborted) throw new DifyError({ kind: 'aborted', problem: { id: 'request.cancelled' } });
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.error !== undefined) throw this.error;
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      this.wake = undefined;
    }
  }
}

/** A backend handing out scripted streams in order and recording stop calls. */
export class FakeBackend implements ChatBackend {
  readonly streams: ScriptedStream[] = [];
  readonly stops: string[] = [];
  private used = 0;

  /** The stream the next send will get. */
  next(): ScriptedStream {
    const s = new ScriptedStream();
    this.streams.push(s);
    return s;
  }

  chatStream(request: ChatRequest, signal: AbortSignal): AsyncIterable<DifyEvent> {
    const s = this.streams[this.used++] ?? this.next();
    return s.run(request, signal);
  }

  async stop(taskId: string): Promise<unknown> {
    this.stops.push(taskId);
    return { result: 'success' };
  }
}

const ids = { conversationId: 'c-1', messageId: 'm-1', taskId: 'task-1' };

export function delta(answer: string, over: Partial<typeof ids> = {}): DifyEvent {
  return { event: 'message', answer, ...ids, ...over };
}

export function end(over: Partial<typeof ids> = {}): DifyEvent {
  return { event: 'message_end', retrieverResources: [], files: [], usage: { promptTokens: 3, completionTokens: 5, totalTokens: 8, latency: 0.5 }, ...ids, ...over };
}

export function errorFrame(message: string): DifyEvent {
  return { event: 'error', code: 'completion_request_error', status: 400, message, conversationId: ids.conversationId, messageId: ids.messageId };
}

/** A session with a manual clock, numbered turn ids, a fake backend, and everything it posts and reports recorded. */
export function setupSession(extra: Partial<SessionOptions> = {}) {
  const scheduler = new ManualScheduler();
  const posted: HostMessage[] = [];
  const started: string[] = [];
  const finished: string[] = [];
  let n = 0;
  const session = new ChatSession({
    post: (m) => posted.push(m),
    describe: say,
    scheduler,
    newId: () => `turn-${++n}`,
    onConversationStarted: (id) => started.push(id),
    onTurnFinished: (t) => finished.push(t.id),
    ...extra,
  });
  const backend = new FakeBackend();
  const of = <K extends HostMessageType>(type: K): Array<HostMessageOf<K>> => posted.filter((m): m is HostMessageOf<K> => m.type === type);
  return { scheduler, posted, session, backend, of, started, finished, source: () => Promise.resolve(backend) };
}
