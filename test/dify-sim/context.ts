/**
 * Server-wide state shared by the routes: resolved options, the apps, the store, the fault queue, the
 * running tasks (for stop) and every timer the simulator owns (so close() leaves nothing behind).
 */
import { createApps } from './apps';
import type { AppKind, SimApp } from './apps';
import { FaultQueue } from './faults';
import { createStats } from './stats';
import type { SimStats } from './stats';
import { Store } from './store';
import type { Turn } from './turn';

export type SimVersion = '1.11.2' | 'newest';

/** What `X-Version` / `GET /v1/` report in "newest" mode (a 2026 main build). */
export const NEWEST_SERVER_VERSION = '1.14.0';

/** An answer-stream data frame as the simulator wrote it (the benchmarks' hook). */
export interface SimFrame {
  taskId: string;
  event: string;
  /** The frame's `answer` delta, for text frames. */
  answer?: string;
  /** performance.now() just after the frame was handed to the socket. */
  at: number;
}

/** A benchmark's answer: its text, the steady pace of its deltas, and how long the model "loads" before the first. */
export interface BenchAnswer {
  text: string;
  tokensPerSecond?: number;
  /** The first text frame waits this long after the stream started (a local model loading). */
  firstTokenAfterMs?: number;
}

export interface ResolvedOptions {
  version: SimVersion;
  json: 'spaced' | 'compact';
  tokenDelayMs: number;
  benchAnswer: ((query: string) => BenchAnswer | undefined) | undefined;
  onFrame: ((frame: SimFrame) => void) | undefined;
  autoNameDelayMs: number;
  pingIntervalMs: number;
  now: () => number;
  flaskDebug: boolean;
  help404: boolean;
}

export class SimContext {
  readonly store: Store;
  readonly apps: SimApp[] = createApps();
  readonly stats: SimStats = createStats();
  readonly faults = new FaultQueue();
  /** Running answers by task id (the stop route looks them up). */
  readonly tasks = new Map<string, Turn>();
  origin = '';
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Streams paused by a `hold` fault, waiting for POST /__sim/release (or a stop, or the client leaving). */
  private readonly holds = new Set<() => void>();

  /** Pauses a stream until it is released, or until one of `others` settles; then it is no longer held. */
  async holdUntil(others: Array<Promise<unknown>>): Promise<void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.add(release);
    try {
      await Promise.race([released, ...others]);
    } finally {
      this.holds.delete(release);
    }
  }

  /** Lets every held stream go on to its end; returns how many were held. */
  releaseHeld(): number {
    const held = [...this.holds];
    this.holds.clear();
    for (const release of held) release();
    return held.length;
  }

  constructor(readonly options: ResolvedOptions) {
    this.store = new Store(options.now);
  }

  get serverVersion(): string {
    return this.options.version === 'newest' ? NEWEST_SERVER_VERSION : '1.11.2';
  }

  get newest(): boolean {
    return this.options.version === 'newest';
  }

  appByKey(token: string): SimApp | undefined {
    return this.apps.find((a) => a.key === token);
  }

  app(kind: AppKind): SimApp {
    return this.apps.find((a) => a.kind === kind) as SimApp;
  }

  /** A timer the simulator owns: it never keeps the process alive and is cleared by reset()/close(). */
  schedule(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
    return t;
  }

  cancel(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.timers.delete(t);
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
