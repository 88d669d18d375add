/**
 * One attempt of a request: its abort controller (linked to the caller's signal) and its timeouts.
 *
 * A connect timeout runs from the request until the first byte of the body (or the end of an empty one),
 * so a model's cold start counts against it; after that an idle timeout runs whenever a read is pending.
 * Dify pings every 10 s, so a live stream never goes idle for long. Time the caller spends not reading (a
 * slow consumer) does not count. Neither bounds the whole: a server that sends one byte just inside every
 * idle timeout never times out. So an exchange may also have a deadline for the whole attempt (a JSON
 * request has one from the start; a stream gets one for its tail after `message_end`).
 */

/**
 * Which limit was hit: before the first byte (`connect`), between bytes (`idle`), or the deadline of the
 * whole attempt (`total`).
 */
export type TimeoutPhase = 'connect' | 'idle' | 'total';

/** The limits and the clock an {@link Exchange} runs on. */
export interface ExchangeClock {
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  /** The whole attempt must end within this long (none: no deadline until {@link Exchange.deadline}). */
  totalTimeoutMs?: number;
  now: () => number;
}

/**
 * One attempt and its timers. The timer is lazy: a read only records when it started waiting, and a single
 * timer checks the deadline when it fires, so reading a fast stream costs no timer calls per chunk.
 */
export class Exchange {
  readonly controller = new AbortController();
  /** Why the exchange was aborted by us, if it was. */
  timedOut: TimeoutPhase | undefined;
  private phase: 'connect' | 'idle' = 'connect';
  private deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  private deadlineAt = Infinity;
  private waitingSince = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = 0;
  private readonly unlink: () => void;
  /** When the attempt began, on the clock's scale. */
  readonly startedAt: number;

  constructor(
    private readonly clock: ExchangeClock,
    readonly signal: AbortSignal | undefined,
  ) {
    this.startedAt = clock.now();
    if (signal === undefined) this.unlink = () => undefined;
    else {
      const onAbort = (): void => this.controller.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.unlink = () => signal.removeEventListener('abort', onAbort);
      if (signal.aborted) onAbort();
    }
    if (clock.totalTimeoutMs !== undefined) this.deadline(clock.totalTimeoutMs);
    this.wait();
  }

  /**
   * From now on the attempt must end within `ms` (an earlier deadline stays). Past it the exchange aborts
   * with {@link timedOut} `total`.
   */
  deadline(ms: number): void {
    const at = this.clock.now() + ms;
    if (at >= this.deadlineAt || this.controller.signal.aborted) return;
    this.deadlineAt = at;
    if (this.deadlineTimer !== undefined) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(() => this.expire(), Math.max(0, ms));
  }

  /** True when the caller aborted. */
  get callerAborted(): boolean {
    return this.signal?.aborted === true;
  }

  /**
   * Starts waiting: the current phase's timeout applies until {@link got}. In the connect phase the clock
   * keeps running from the start of the exchange (headers do not reset it; the first body byte ends it).
   */
  wait(): void {
    this.waitingSince = this.phase === 'connect' ? this.startedAt : this.clock.now();
    this.arm(this.waitingSince + this.limit());
  }

  /** Something arrived: the connect phase is over, and the idle clock stops until the next {@link wait}. */
  got(): void {
    this.phase = 'idle';
    this.waitingSince = -1;
  }

  /** Stops the timers and unlinks the caller's signal. Idempotent. */
  finish(): void {
    this.waitingSince = -1;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.deadlineTimer !== undefined) clearTimeout(this.deadlineTimer);
    this.timer = undefined;
    this.deadlineTimer = undefined;
    this.unlink();
  }

  private limit(): number {
    return this.phase === 'connect' ? this.clock.connectTimeoutMs : this.clock.idleTimeoutMs;
  }

  private arm(due: number): void {
    if (this.timer !== undefined) {
      if (this.timerDue <= due) return; // the pending check comes first and re-arms if needed
      clearTimeout(this.timer);
    }
    this.timerDue = due;
    this.timer = setTimeout(() => this.check(), Math.max(0, due - this.clock.now()));
  }

  private expire(): void {
    this.deadlineTimer = undefined;
    if (this.controller.signal.aborted) return;
    this.timedOut = 'total';
    this.controller.abort(new Error('total timeout'));
  }

  private check(): void {
    this.timer = undefined;
    if (this.waitingSince < 0 || this.controller.signal.aborted) return;
    const due = this.waitingSince + this.limit();
    if (this.clock.now() >= due) {
      this.timedOut = this.phase;
      this.controller.abort(new Error(`${this.phase} timeout`));
    } else this.arm(due);
  }
}
