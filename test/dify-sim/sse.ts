/**
 * The event-stream writer: `data: <json>\n\n` frames (no `event:`/`id:` lines, LF only), `event: ping\n\n`
 * keep-alives, `Content-Type: text/event-stream; charset=utf-8`, chunked. The JSON is either Python
 * `json.dumps` (spaced, `\uXXXX` escapes) or orjson (compact, raw UTF-8).
 */
import type { SimContext } from './context';
import type { Out } from './output';
import { dumpsCompact, dumpsSpaced } from './pyjson';
import type { PyJson } from './pyjson';

export type JsonEncoding = 'spaced' | 'compact';

export const PING_FRAME = 'event: ping\n\n';

export function encodeFrame(payload: PyJson, encoding: JsonEncoding): string {
  return `data: ${encoding === 'compact' ? dumpsCompact(payload) : dumpsSpaced(payload)}\n\n`;
}

/**
 * `elapsed`: a ping each time another interval of total stream time has passed (1.11.2's in-process queue).
 * `idle`: a ping after an interval without any frame (newest chatflow, Redis pub/sub).
 */
export type PingPolicy = 'elapsed' | 'idle';

export class SseWriter {
  private chain: Promise<boolean> = Promise.resolve(true);
  private timer: NodeJS.Timeout | undefined;
  private policy: PingPolicy = 'elapsed';
  private startedAt = 0;
  private pingsSent = 0;

  constructor(
    private readonly out: Out,
    private readonly encoding: JsonEncoding,
    private readonly ctx: SimContext,
  ) {}

  start(headers: Record<string, string>): void {
    this.out.head(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8' });
  }

  /** Writes are chained so a ping never lands between two writes of one frame. */
  private write(text: string): Promise<boolean> {
    this.chain = this.chain.then((ok) => (ok ? this.out.write(text) : false));
    return this.chain;
  }

  frame(payload: PyJson): Promise<boolean> {
    if (this.policy === 'idle' && this.timer) this.armIdle();
    return this.write(encodeFrame(payload, this.encoding));
  }

  ping(): Promise<boolean> {
    this.ctx.stats.pings++;
    return this.write(PING_FRAME);
  }

  startPings(policy: PingPolicy): void {
    this.policy = policy;
    // Ping cadence follows real time, not the injectable clock (which only stamps data).
    this.startedAt = performance.now();
    if (policy === 'idle') this.armIdle();
    else this.armElapsed();
  }

  stopPings(): void {
    if (this.timer) this.ctx.cancel(this.timer);
    this.timer = undefined;
  }

  private armIdle(): void {
    if (this.timer) this.ctx.cancel(this.timer);
    this.timer = this.ctx.schedule(() => {
      this.timer = undefined;
      if (!this.out.open) return;
      void this.ping();
      this.armIdle();
    }, this.ctx.options.pingIntervalMs);
  }

  private armElapsed(): void {
    const interval = this.ctx.options.pingIntervalMs;
    const due = this.startedAt + (this.pingsSent + 1) * interval;
    const wait = Math.max(0, due - performance.now());
    this.timer = this.ctx.schedule(() => {
      this.timer = undefined;
      if (!this.out.open) return;
      this.pingsSent++;
      void this.ping();
      this.armElapsed();
    }, wait);
  }

  /** Waits for every queued write. */
  flush(): Promise<boolean> {
    return this.chain;
  }
}
