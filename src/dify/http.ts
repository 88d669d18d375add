/**
 * The HTTP layer under {@link DifyClient}: one `fetch` per attempt, under an {@link Exchange}'s timeouts,
 * retried where that is safe (`retry.ts`), with every failure mapped to one {@link DifyError} by
 * `failures.ts` and every attempt logged (`requestLog.ts`).
 *
 * Secrets: the key goes into the `Authorization` header and nowhere else; every text that reaches an
 * error or the log passes through `redact`.
 */
import { readBody, readChunk } from './body';
import type { DifyError, DifyErrorKind } from './errors';
import { Exchange } from './exchange';
import { Failures } from './failures';
import type { RequestTarget } from './problems';
import { redact, redactClipped } from './redact';
import { logRequest, type RequestLogEntry } from './requestLog';
import { parseRetryAfter, retryDelay } from './retry';
import { trimEndOf } from '../shared/trim';

/** What {@link Http} needs; the client fills in the defaults. */
export interface HttpOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxRetries: number;
  /** Also the bound on a JSON response body. */
  maxBodyBytes: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRequest?: (entry: RequestLogEntry) => void;
  /** In [0, 1); for the backoff jitter. */
  random: () => number;
  now: () => number;
}

/** One request. `path` is relative to the base URL and already encoded. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Empty and undefined values are left out (Dify 1.11.2 refuses `last_id=`). */
  query?: Record<string, string | number | undefined>;
  /** A JSON body; sent with `Content-Type: application/json`. */
  json?: unknown;
  form?: FormData;
  /** Send the key (every route but `GET /`). Default true. */
  auth?: boolean;
  /** May be retried (GETs only). */
  idempotent: boolean;
  /** What the request is for, so a failure can name it. */
  target: RequestTarget;
}

/**
 * The deadline of one attempt of a JSON request: the connect timeout (the first byte may be a cold start
 * away), then one idle timeout for the whole body. A JSON answer is small (bounded by `maxBodyBytes`), so
 * once it has begun it comes at once; what takes longer is a server that drips (one byte every 119 s kept
 * "Connecting…" up forever). Timeouts are not retried, so this also bounds the request: 240 s by default.
 */
export function jsonDeadlineMs(o: Pick<HttpOptions, 'connectTimeoutMs' | 'idleTimeoutMs'>): number {
  return o.connectTimeoutMs + o.idleTimeoutMs;
}

/** Error bodies are read up to this size (the envelope is tiny; an HTML page needs only a peek). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The HTTP helper the client is built on. */
export class Http {
  /** The base URL, trimmed, without trailing slashes. */
  readonly base: string;
  /** `host[:port]` of the base URL (the base URL itself when it does not parse). */
  readonly host: string;
  /** Maps failures to DifyErrors for this client. */
  readonly failures: Failures;
  private readonly invalidBase: boolean;

  constructor(private readonly o: HttpOptions) {
    this.base = trimEndOf(o.baseUrl.trim(), '/');
    let host = this.base;
    let path = '';
    let ok = false;
    try {
      const u = new URL(this.base);
      host = u.host;
      path = u.pathname;
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      // Not a URL at all: every call then fails saying so.
    }
    this.host = host;
    this.invalidBase = !ok;
    this.failures = new Failures({
      host,
      baseEndsInV1: /\/v1$/.test(path),
      connectTimeoutMs: o.connectTimeoutMs,
      idleTimeoutMs: o.idleTimeoutMs,
      totalTimeoutMs: jsonDeadlineMs(o),
      scrub: (text) => this.scrub(text),
      scrubClipped: (text, max) => redactClipped(text, max, [this.o.apiKey]),
    });
  }

  /** Removes key-shaped text and the key itself. */
  scrub(text: string): string {
    return redact(text, [this.o.apiKey]);
  }

  /** Builds `path?query`, leaving out empty values. */
  target(req: Pick<HttpRequest, 'path' | 'query'>): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined || v === '') continue;
      params.append(k, String(v));
    }
    const qs = params.toString();
    return qs === '' ? req.path : `${req.path}?${qs}`;
  }

  /**
   * Sends `req` and reads its JSON answer (or nothing, for 204), retrying idempotent requests where safe,
   * then maps the parsed body (`undefined` for an empty one) with `map`, which may throw WireShapeError.
   */
  async json<T>(req: HttpRequest, signal: AbortSignal | undefined, map: (body: unknown) => T): Promise<T> {
    const attempts = req.idempotent ? this.o.maxRetries + 1 : 1;
    const clock = { ...this.o, totalTimeoutMs: jsonDeadlineMs(this.o) };
    for (let attempt = 1; ; attempt++) {
      const ex = new Exchange(clock, signal);
      let status: number | undefined;
      try {
        const res = await this.send(req, ex);
        status = res.status;
        if (!res.ok) throw await this.errorFromResponse(res, ex, req);
        const { bytes, overflow } = await readBody(res.body, ex, this.o.maxBodyBytes);
        if (overflow) throw this.failures.tooLarge(req.target, res.status, this.o.maxBodyBytes);
        const value = map(this.parseJsonBody(bytes, res, req));
        ex.finish();
        this.log(req, ex, attempt, status);
        return value;
      } catch (e) {
        const err = this.failures.fromThrown(e, ex, req.target, status);
        ex.finish();
        this.log(req, ex, attempt, status ?? err.status, err.kind);
        const delay = attempt < attempts ? retryDelay(err, attempt, this.o.random) : undefined;
        if (delay === undefined) throw err;
        try {
          await this.o.sleep(delay, signal);
        } catch (sleepError) {
          throw this.failures.fromThrown(sleepError, ex, req.target, undefined);
        }
      } finally {
        ex.finish();
      }
    }
  }

  /**
   * Sends `req` once (never retried) and reads its body as bytes, at most `limit` of them (past it:
   * `tooLarge`), under the JSON deadline: for `POST /text-to-audio`, whose answer is audio.
   */
  async binary(req: HttpRequest, signal: AbortSignal | undefined, limit: number): Promise<{ bytes: Uint8Array; contentType: string }> {
    const ex = new Exchange({ ...this.o, totalTimeoutMs: jsonDeadlineMs(this.o) }, signal);
    let status: number | undefined;
    try {
      const res = await this.send(req, ex);
      status = res.status;
      if (!res.ok) throw await this.errorFromResponse(res, ex, req);
      const { bytes, overflow } = await readBody(res.body, ex, limit);
      if (overflow) throw this.failures.tooLarge(req.target, res.status, limit);
      this.log(req, ex, 1, status);
      return { bytes, contentType: res.headers.get('content-type') ?? '' };
    } catch (e) {
      const err = this.failures.fromThrown(e, ex, req.target, status);
      this.log(req, ex, 1, status ?? err.status, err.kind);
      throw err;
    } finally {
      ex.finish();
    }
  }

  /**
   * Sends `req` once (never retried) and returns the response once its status is OK, with the exchange
   * whose timers the caller keeps using while reading. The caller must call `exchange.finish()`.
   */
  async open(req: HttpRequest, signal: AbortSignal | undefined): Promise<{ response: Response; exchange: Exchange }> {
    const ex = new Exchange(this.o, signal);
    let status: number | undefined;
    try {
      const res = await this.send(req, ex);
      status = res.status;
      if (!res.ok) throw await this.errorFromResponse(res, ex, req);
      return { response: res, exchange: ex };
    } catch (e) {
      const err = this.failures.fromThrown(e, ex, req.target, status);
      this.log(req, ex, 1, status ?? err.status, err.kind);
      ex.finish();
      throw err;
    }
  }

  /** Reads the next chunk of `reader` under the exchange's timeouts; undefined at the end. */
  read(reader: ReadableStreamDefaultReader<Uint8Array>, ex: Exchange): Promise<Uint8Array | undefined> {
    return readChunk(reader, ex);
  }

  /** Logs one finished exchange. */
  log(req: HttpRequest, ex: Exchange, attempt: number, status: number | undefined, errorKind?: DifyErrorKind): void {
    if (this.o.onRequest === undefined) return;
    const entry: RequestLogEntry = {
      method: req.method,
      path: this.scrub(this.target(req)),
      durationMs: Math.max(0, this.o.now() - ex.startedAt),
      attempt,
    };
    if (status !== undefined) entry.status = status;
    if (errorKind !== undefined) entry.errorKind = errorKind;
    logRequest(this.o.onRequest, entry);
  }

  /** The one fetch of an attempt; resolves at the response headers. */
  private async send(req: HttpRequest, ex: Exchange): Promise<Response> {
    if (this.invalidBase) throw this.failures.badBaseUrl(this.base);
    if (ex.controller.signal.aborted) throw ex.controller.signal.reason;
    const headers: Record<string, string> = {};
    let body: string | FormData | undefined;
    if (req.auth !== false) headers['Authorization'] = `Bearer ${this.o.apiKey}`;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form !== undefined) body = req.form;
    const init: RequestInit = { method: req.method, headers, signal: ex.controller.signal, redirect: 'manual' };
    if (body !== undefined) init.body = body;
    return await this.o.fetch(this.base + this.target(req), init);
  }

  /** Parses a JSON body; 204 and empty bodies give undefined. */
  private parseJsonBody(bytes: Uint8Array, res: Response, req: HttpRequest): unknown {
    if (res.status === 204 || bytes.length === 0) return undefined;
    const text = new TextDecoder().decode(bytes);
    try {
      return JSON.parse(text);
    } catch {
      throw this.failures.notJson(res.status, res.headers.get('content-type') ?? '', text, req.target);
    }
  }

  /** Builds the error for a non-2xx response, from Dify's envelope when there is one. */
  private async errorFromResponse(res: Response, ex: Exchange, req: HttpRequest): Promise<DifyError> {
    const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'), this.o.now());
    let text = '';
    try {
      text = new TextDecoder().decode((await readBody(res.body, ex, MAX_ERROR_BODY_BYTES)).bytes);
    } catch (e) {
      // A status without a readable body still says enough; timeouts and aborts still win.
      if (ex.timedOut !== undefined || ex.callerAborted) throw e;
    }
    return this.failures.fromStatus(res.status, res.headers.get('content-type') ?? '', text, req.target, retryAfterSeconds, res.headers.get('location'));
  }
}
