/**
 * The one way the simulator writes a response body, so that the byte-level faults apply to every route:
 * `cut` (stop after N body bytes and drop the connection, even inside a UTF-8 sequence) and `drip`
 * (a pause before every frame, or between small pieces of a plain body).
 */
import type { ServerResponse } from 'node:http';

export interface Shaping {
  cutAt?: number;
  dripMs?: number;
}

/** Plain bodies are dripped in pieces of this many bytes. */
const DRIP_PIECE = 32;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Out {
  /** Body bytes handed to the socket so far. */
  bytes = 0;
  private gone = false;
  private wrote = false;
  /** Resolves when the connection closes (client gone, cut, or the response finished). */
  readonly closed: Promise<void>;

  constructor(
    readonly res: ServerResponse,
    private shaping: Shaping = {},
  ) {
    this.closed = new Promise((resolve) => {
      res.on('close', () => {
        this.gone = true;
        resolve();
      });
    });
  }

  /** False once the client went away, the connection was cut or the response ended. */
  get open(): boolean {
    return !this.gone && !this.res.writableEnded && !this.res.destroyed;
  }

  /** Applies a cut/drip chosen after the request was read (a `/fault` directive in a chat query). */
  reshape(shaping: Shaping): void {
    this.shaping = { ...this.shaping, ...shaping };
  }

  head(status: number, headers: Record<string, string | number>): void {
    if (!this.res.headersSent) this.res.writeHead(status, headers);
  }

  /**
   * Writes one frame (or, with `pieces`, a plain body that a drip fault may split). Resolves false when the
   * stream can take no more: the client left or a cut fault fired.
   */
  async write(chunk: Buffer | string, pieces = false): Promise<boolean> {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const drip = this.shaping.dripMs;
    if (drip !== undefined && pieces && buf.length > DRIP_PIECE) {
      for (let i = 0; i < buf.length; i += DRIP_PIECE) {
        if (!(await this.write(buf.subarray(i, i + DRIP_PIECE)))) return false;
      }
      return true;
    }
    if (drip !== undefined && this.wrote) await sleep(drip);
    if (!this.open) return false;
    this.wrote = true;
    const cutAt = this.shaping.cutAt;
    if (cutAt !== undefined && this.bytes + buf.length >= cutAt) {
      buf = buf.subarray(0, Math.max(0, cutAt - this.bytes));
      this.bytes += buf.length;
      await this.cut(buf);
      return false;
    }
    this.bytes += buf.length;
    if (!this.res.write(buf)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
    }
    return this.open;
  }

  /** Ends the body normally (a chunked body gets its terminating chunk). */
  async end(chunk?: Buffer | string, pieces = false): Promise<void> {
    if (chunk !== undefined && chunk.length > 0 && !(await this.write(chunk, pieces))) return;
    if (this.open) this.res.end();
  }

  /** Flushes `last` to the kernel, then destroys the socket so the client sees a premature close. */
  private async cut(last: Buffer): Promise<void> {
    const socket = this.res.socket;
    this.gone = true;
    if (!this.res.headersSent) this.res.flushHeaders();
    if (last.length > 0) await new Promise<void>((resolve) => this.res.write(last, () => resolve()));
    else await new Promise<void>((resolve) => this.res.write('', () => resolve()));
    socket?.destroy();
  }

  /** Drops the connection without any response (the `refuse` fault). */
  refuse(): void {
    this.gone = true;
    this.res.socket?.destroy();
  }
}
