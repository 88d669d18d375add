/**
 * The HTTP layer under {@link DifyClient}: one `fetch` per attempt, timeouts, retries where they are safe,
 * and the mapping of every failure to one {@link DifyError} with a sentence for people.
 *
 * - Timeouts: a connect timeout runs from the request until the first byte of the body (or the end of
 *   an empty one), so a model's cold start counts against it; after that an idle timeout runs whenever a
 *   read is pending. Dify pings every 10 s, so a live stream never goes idle for long. Time the caller
 *   spends not reading (a slow consumer) does not count.
 * - Retries: only for requests marked idempotent (the GETs), on network errors, 429 and 5xx, with
 *   exponential backoff and jitter, or the server's `Retry-After`. Anything else is sent exactly once: a
 *   chat POST that failed may still have run on the server.
 * - Secrets: the key goes into the `Authorization` header and nowhere else; every text that reaches an
 *   error or the log passes through `redact`.
 */
import { DifyError, type DifyErrorKind } from './errors';
import { redact } from './redact';
import { errorEnvelopeFromWire, WireShapeError } from './wire';

/** One line for the request log: never a header, never the key. */
export interface RequestLogEntry {
  method: string;
  /** Path and query relative to the base URL, e.g. `/conversations?user=u&limit=20`. */
  path: string;
  status?: number;
  durationMs: number;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  errorKind?: DifyErrorKind;
}

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
  /** A few words for messages, e.g. "the conversation list". */
  what: string;
}

/** The first retry waits about this long (then 2x, 4x, ...), unless the server says otherwise. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 10_000;
/** A `Retry-After` longer than this is not waited out: the caller gets a rateLimited error to show. */
const MAX_RETRY_AFTER_S = 60;
/** Error bodies are read up to this size (the envelope is tiny; an HTML page needs only a peek). */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'presented a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'presented a certificate chain with a self-signed root that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'presented a certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'presented a certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'presented a certificate signed by an unknown authority',
  CERT_UNTRUSTED: 'presented an untrusted certificate',
  CERT_HAS_EXPIRED: 'presented an expired certificate',
  CERT_NOT_YET_VALID: 'presented a certificate that is not valid yet',
  CERT_REVOKED: 'presented a revoked certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'presented a certificate for a different host name',
  HOSTNAME_MISMATCH: 'presented a certificate for a different host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'did not answer in TLS (is it plain http:// on that port?)',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'did not answer in TLS (is it plain http:// on that port?)',
  EPROTO: 'failed the TLS handshake',
  ERR_TLS_HANDSHAKE_TIMEOUT: 'did not finish the TLS handshake',
};

const TLS_ADVICE: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'trust its certificate authority (for example with NODE_EXTRA_CA_CERTS) or use a certificate from a public authority',
  SELF_SIGNED_CERT_IN_CHAIN: 'trust its certificate authority (for example with NODE_EXTRA_CA_CERTS) or use a certificate from a public authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'trust its certificate authority (for example with NODE_EXTRA_CA_CERTS) or serve the full certificate chain',
  UNABLE_TO_GET_ISSUER_CERT: 'trust its certificate authority (for example with NODE_EXTRA_CA_CERTS) or serve the full certificate chain',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'trust its certificate authority (for example with NODE_EXTRA_CA_CERTS) or serve the full certificate chain',
  CERT_HAS_EXPIRED: 'renew the server certificate',
  CERT_NOT_YET_VALID: "check the server's certificate dates and both clocks",
  ERR_TLS_CERT_ALTNAME_INVALID: 'use the host name the certificate was issued for in the base URL',
  HOSTNAME_MISMATCH: 'use the host name the certificate was issued for in the base URL',
  ERR_SSL_WRONG_VERSION_NUMBER: 'check whether the base URL should start with http:// instead of https://',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'check whether the base URL should start with http:// instead of https://',
};

/** A pending timeout of one exchange. */
type TimeoutPhase = 'connect' | 'idle';

/**
 * One attempt: its abort controller (linked to the caller's signal) and its timers. The timer is lazy:
 * a read only records when it started waiting, and a single timer checks the deadline when it fires, so
 * reading a fast stream costs no timer calls per chunk.
 */
export class Exchange {
  readonly controller = new AbortController();
  /** Why the exchange was aborted by us, if it was. */
  timedOut: TimeoutPhase | undefined;
  private phase: TimeoutPhase = 'connect';
  private waitingSince = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = 0;
  private readonly unlink: () => void;
  readonly startedAt: number;

  constructor(
    private readonly opts: Pick<HttpOptions, 'connectTimeoutMs' | 'idleTimeoutMs' | 'now'>,
    readonly signal: AbortSignal | undefined,
  ) {
    this.startedAt = opts.now();
    if (signal === undefined) this.unlink = () => undefined;
    else {
      const onAbort = (): void => this.controller.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.unlink = () => signal.removeEventListener('abort', onAbort);
      if (signal.aborted) onAbort();
    }
    this.wait();
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
    this.waitingSince = this.phase === 'connect' ? this.startedAt : this.opts.now();
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
    this.timer = undefined;
    this.unlink();
  }

  private limit(): number {
    return this.phase === 'connect' ? this.opts.connectTimeoutMs : this.opts.idleTimeoutMs;
  }

  private arm(due: number): void {
    if (this.timer !== undefined) {
      if (this.timerDue <= due) return; // the pending check comes first and re-arms if needed
      clearTimeout(this.timer);
    }
    this.timerDue = due;
    this.timer = setTimeout(() => this.check(), Math.max(0, due - this.opts.now()));
  }

  private check(): void {
    this.timer = undefined;
    if (this.waitingSince < 0 || this.controller.signal.aborted) return;
    const due = this.waitingSince + this.limit();
    if (this.opts.now() >= due) {
      this.timedOut = this.phase;
      this.controller.abort(new Error(`${this.phase} timeout`));
    } else this.arm(due);
  }
}

/** The HTTP helper the client is built on. */
export class Http {
  readonly base: string;
  readonly host: string;
  private readonly baseHasV1: boolean;
  private readonly invalidBase: boolean;

  constructor(private readonly o: HttpOptions) {
    this.base = o.baseUrl.trim().replace(/\/+$/, '');
    let host = this.base;
    let path = '';
    let ok = false;
    try {
      const u = new URL(this.base);
      host = u.host;
      path = u.pathname;
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      // Not a URL at all: every call then fails with a sentence saying so.
    }
    this.host = host;
    this.invalidBase = !ok;
    this.baseHasV1 = /\/v1$/.test(path);
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
    for (let attempt = 1; ; attempt++) {
      const ex = new Exchange(this.o, signal);
      let status: number | undefined;
      try {
        const res = await this.send(req, ex);
        status = res.status;
        if (!res.ok) throw await this.errorFromResponse(res, ex, req);
        const bytes = await this.readAll(res, ex, this.o.maxBodyBytes, true, req);
        const value = map(this.parseJsonBody(bytes, res, req));
        ex.finish();
        this.log(req, ex, attempt, status);
        return value;
      } catch (e) {
        const err = this.toDifyError(e, ex, req, status);
        ex.finish();
        this.log(req, ex, attempt, status ?? err.status, err.kind);
        const delay = attempt < attempts ? this.retryDelay(err, attempt) : undefined;
        if (delay === undefined) throw err;
        try {
          await this.o.sleep(delay, signal);
        } catch (sleepError) {
          throw this.toDifyError(sleepError, ex, req, undefined);
        }
      } finally {
        ex.finish();
      }
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
      const err = this.toDifyError(e, ex, req, status);
      this.log(req, ex, 1, status ?? err.status, err.kind);
      ex.finish();
      throw err;
    }
  }

  /** Reads the next chunk of `reader` under the exchange's timeouts; undefined at the end. */
  async read(reader: ReadableStreamDefaultReader<Uint8Array>, ex: Exchange): Promise<Uint8Array | undefined> {
    ex.wait();
    const r = await reader.read();
    ex.got();
    return r.done ? undefined : r.value;
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
    try {
      this.o.onRequest(entry);
    } catch {
      // A broken logger must not break the request.
    }
  }

  /** The one fetch of an attempt; resolves at the response headers. */
  private async send(req: HttpRequest, ex: Exchange): Promise<Response> {
    if (this.invalidBase) {
      throw new DifyError({
        kind: 'network',
        message: `The base URL “${this.scrub(this.base)}” is not a valid http:// or https:// URL; fix it in the Dify settings.`,
        causeCode: 'ERR_INVALID_URL',
      });
    }
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

  /** Reads a whole body; past `limit` bytes it fails with tooLarge (`strict`) or stops reading. */
  private async readAll(res: Response, ex: Exchange, limit: number, strict: boolean, req: HttpRequest): Promise<Uint8Array> {
    if (res.body === null) {
      ex.got();
      return new Uint8Array(0);
    }
    const reader = res.body.getReader();
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const chunk = await this.read(reader, ex);
        if (chunk === undefined) break;
        if (size + chunk.length > limit) {
          if (strict) {
            throw new DifyError({
              kind: 'tooLarge',
              status: res.status,
              message: `The answer for ${req.what} from ${this.host} is larger than ${formatBytes(limit)}, so it was not read; raise the size limit or ask for less (a smaller page).`,
            });
          }
          parts.push(chunk.subarray(0, limit - size));
          size = limit;
          break;
        }
        parts.push(chunk);
        size += chunk.length;
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
    if (parts.length === 1 && parts[0] !== undefined) return parts[0];
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** Parses a JSON body; 204 and empty bodies give undefined. */
  private parseJsonBody(bytes: Uint8Array, res: Response, req: HttpRequest): unknown {
    if (res.status === 204 || bytes.length === 0) return undefined;
    const text = new TextDecoder().decode(bytes);
    try {
      return JSON.parse(text);
    } catch {
      const contentType = res.headers.get('content-type') ?? '';
      const what = /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : 'an answer that is not JSON';
      throw new DifyError({
        kind: 'notDify',
        status: res.status,
        message: this.notDifyMessage(`answered ${req.what} with ${what} (HTTP ${res.status})`),
        serverMessage: this.scrub(firstLine(htmlTitle(text) ?? text.trim(), 200)) || undefined,
      });
    }
  }

  /** Builds the error for a non-2xx response, from Dify's envelope when there is one. */
  private async errorFromResponse(res: Response, ex: Exchange, req: HttpRequest): Promise<DifyError> {
    const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'), this.o.now());
    let text = '';
    try {
      text = new TextDecoder().decode(await this.readAll(res, ex, MAX_ERROR_BODY_BYTES, false, req));
    } catch (e) {
      // A status without a readable body still says enough; timeouts and aborts still win.
      if (ex.timedOut !== undefined || ex.callerAborted) throw e;
    }
    return this.errorFromStatus(res.status, res.headers.get('content-type') ?? '', text, req, retryAfterSeconds, res.headers.get('location'));
  }

  /** Maps a status and body to the error kind and its sentence. */
  errorFromStatus(status: number, contentType: string, text: string, req: Pick<HttpRequest, 'what'>, retryAfterSeconds?: number, location0?: string | null): DifyError {
    let envelope: { code?: string; message?: string } | undefined;
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) {
      try {
        envelope = errorEnvelopeFromWire(JSON.parse(trimmed));
      } catch {
        envelope = undefined;
      }
    }
    const base = { status, retryAfterSeconds };
    if (envelope === undefined) {
      if (status >= 300 && status < 400) {
        const location = location0 == null ? '' : this.scrub(firstLine(location0, 200));
        return new DifyError({ ...base, kind: 'notDify', message: `${this.host} redirects ${req.what} elsewhere (HTTP ${status}${location ? ` to ${location}` : ''}); set the base URL to the address it redirects to.` });
      }
      if (status === 429) {
        return new DifyError({ ...base, kind: 'rateLimited', message: this.rateLimitedMessage(status, retryAfterSeconds) });
      }
      const what = /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : trimmed === '' ? 'an empty answer' : 'an answer that is not Dify’s JSON';
      return new DifyError({ ...base, kind: 'notDify', message: this.notDifyMessage(`answered with ${what} (HTTP ${status})`), serverMessage: this.scrub(firstLine(htmlTitle(text) ?? trimmed, 200)) || undefined });
    }
    const code = envelope.code;
    const serverMessage = envelope.message === undefined ? undefined : this.scrub(envelope.message);
    const detail = serverMessage === undefined || serverMessage.trim() === '' ? undefined : firstLine(serverMessage, 160);
    const init = { ...base, code, serverMessage };
    const label = code === undefined ? `${status}` : `${status} ${code}`;
    if (status === 401) return new DifyError({ ...init, kind: 'auth', message: 'Dify rejected the API key (401). Set a valid app key with “Dify: Set API Key”.' });
    if (status === 403) {
      return new DifyError({ ...init, kind: 'forbidden', message: `Dify refused access to this app (${label}${detail ? `: ${stripDot(detail)}` : ''}); check in the Dify console that the app exists and its API access is enabled.` });
    }
    if (status === 404) {
      return new DifyError({ ...init, kind: 'notFound', message: `Dify could not find ${req.what} (404${detail ? `: ${stripDot(stripDidYouMean(detail))}` : ''}); it may have been deleted, so refresh and try again.` });
    }
    if (status === 429 || (status === 400 && serverMessage !== undefined && /^too many requests/i.test(serverMessage.trim()))) {
      return new DifyError({ ...init, kind: 'rateLimited', message: this.rateLimitedMessage(status, retryAfterSeconds) });
    }
    if (status >= 500) {
      return new DifyError({ ...init, kind: 'server', message: `Dify had an internal error (${label}); try again, and check the Dify server logs if it keeps happening.` });
    }
    return new DifyError({ ...init, kind: 'badRequest', message: badRequestMessage(label, code, detail) });
  }

  /** Maps anything thrown during an attempt to a DifyError. */
  toDifyError(e: unknown, ex: Exchange, req: HttpRequest, status: number | undefined): DifyError {
    if (ex.timedOut !== undefined) return this.timeoutError(ex.timedOut, status);
    if (ex.callerAborted) return new DifyError({ kind: 'aborted', message: 'The request was cancelled.', status, cause: e });
    if (e instanceof DifyError) return e;
    if (e instanceof WireShapeError) {
      return new DifyError({ kind: 'notDify', status, message: this.notDifyMessage(`answered ${req.what} with JSON that is not Dify’s`), serverMessage: this.scrub(e.message) });
    }
    const codes = causeCodes(e);
    for (const code of codes) {
      const problem = TLS_CODES[code] ?? (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') ? 'failed the TLS handshake' : undefined);
      if (problem !== undefined) {
        const advice = TLS_ADVICE[code] ?? 'check the server certificate and the base URL';
        return new DifyError({ kind: 'tls', causeCode: code, message: `The secure connection to ${this.host} failed because the server ${problem} (${code}); ${advice}.`, cause: e });
      }
    }
    const code = codes[0];
    switch (code) {
      case 'UND_ERR_CONNECT_TIMEOUT':
      case 'ETIMEDOUT':
        return new DifyError({ kind: 'timeout', causeCode: code, message: `Connecting to ${this.host} timed out; check that Dify is running and reachable from this machine (network, VPN, proxy).`, cause: e });
      case 'UND_ERR_HEADERS_TIMEOUT':
      case 'UND_ERR_BODY_TIMEOUT':
        return new DifyError({ kind: 'timeout', causeCode: code, message: `${this.host} stopped answering; try again, and check that Dify and its model are running.`, cause: e });
      default:
        return new DifyError({ kind: 'network', causeCode: code, message: this.networkMessage(code, status !== undefined), cause: e });
    }
  }

  /** The error for a connect/first-byte or idle timeout. */
  timeoutError(phase: TimeoutPhase, status?: number): DifyError {
    if (phase === 'connect') {
      return new DifyError({
        kind: 'timeout',
        status,
        causeCode: 'CONNECT_TIMEOUT',
        message: `${this.host} did not answer within ${seconds(this.o.connectTimeoutMs)}; check that Dify and its model are running (a local model's first answer can be slow), or raise the timeout.`,
      });
    }
    return new DifyError({
      kind: 'timeout',
      status,
      causeCode: 'IDLE_TIMEOUT',
      message: `${this.host} sent nothing for ${seconds(this.o.idleTimeoutMs)}, so the answer was given up; try again, and check the Dify server if it keeps happening.`,
    });
  }

  /** The delay before the next attempt, or undefined when `err` must not be retried. */
  private retryDelay(err: DifyError, attempt: number): number | undefined {
    const retryable = err.kind === 'network' || err.status === 429 || (err.status !== undefined && err.status >= 500);
    if (!retryable) return undefined;
    if (err.retryAfterSeconds !== undefined) {
      return err.retryAfterSeconds > MAX_RETRY_AFTER_S ? undefined : Math.ceil(err.retryAfterSeconds * 1000);
    }
    const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.round(exp / 2 + this.o.random() * (exp / 2));
  }

  private rateLimitedMessage(status: number, retryAfterSeconds: number | undefined): string {
    const wait = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? `wait ${Math.ceil(retryAfterSeconds)} s` : 'wait a moment';
    return `Dify is limiting requests to this app (${status}); ${wait} and try again.`;
  }

  /** The sentence for an answer that is not Dify's: `what` happened, and where to look. */
  notDifyMessage(what: string): string {
    const hint = this.baseHasV1
      ? 'check that the base URL points at Dify’s API and that any proxy in between is working'
      : 'check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1)';
    return `${this.host} ${what}, not Dify’s API; ${hint}.`;
  }

  private networkMessage(code: string | undefined, midBody: boolean): string {
    switch (code) {
      case 'ECONNREFUSED':
        return `Could not connect to ${this.host} (connection refused); check that Dify is running and the base URL’s host and port are right.`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `Could not find the host ${hostName(this.host)} (${code}); check the base URL and your network or DNS.`;
      case 'ECONNRESET':
      case 'UND_ERR_SOCKET':
      case 'EPIPE':
        return `The connection to ${this.host} was dropped${midBody ? ' while the answer was arriving' : ''} (${code}); try again, and check any proxy or firewall in between.`;
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `${this.host} is unreachable from this machine (${code}); check your network or VPN and the base URL.`;
      case undefined:
        return `Could not reach ${this.host}; check the base URL and your network.`;
      default:
        return `Could not reach ${this.host} (${code}); check the base URL and your network.`;
    }
  }
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}

/** The `code`s on an error and its causes (undici wraps socket errors in `TypeError: fetch failed`). */
export function causeCodes(e: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown, depth: number): void => {
    if (typeof x !== 'object' || x === null || seen.has(x) || depth > 6) return;
    seen.add(x);
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && !codes.includes(code)) codes.push(code);
    visit((x as { cause?: unknown }).cause, depth + 1);
    const errors = (x as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(e, 0);
  // The innermost code is the most specific: undici's UND_ERR_SOCKET wraps ECONNRESET, for example.
  const socketFirst = codes.filter((c) => !c.startsWith('UND_ERR_'));
  return [...socketFirst, ...codes.filter((c) => c.startsWith('UND_ERR_'))];
}

function badRequestMessage(label: string, code: string | undefined, detail: string | undefined): string {
  const said = detail ? `: ${stripDot(detail)}` : '';
  switch (code) {
    case 'not_chat_app':
      return `This app is not a chat app (${label}); use the API key of a Chatbot, Agent or Chatflow app.`;
    case 'app_unavailable':
      return `The Dify app is unavailable (${label}); check its configuration in the Dify console and publish it.`;
    case 'provider_not_initialize':
      return `The app’s model provider has no valid credentials (${label}); set them in Dify under Settings → Model Provider.`;
    case 'provider_quota_exceeded':
      return `The model provider’s quota is used up (${label}); add credit or switch the app to another model in Dify.`;
    case 'model_currently_not_support':
      return `The app’s model is not available (${label}); choose another model for the app in Dify.`;
    case 'completion_request_error':
      return `The model provider refused the request (${label}${said}); check the model settings in Dify and try again.`;
    case 'conversation_completed':
      return `This conversation has ended (${label}); start a new chat.`;
    case 'unsupported_media_type':
      return `Dify refused the request’s format (${label}${said}); this is a bug in the extension, so please report it.`;
    case 'file_too_large':
    case 'request_entity_too_large':
      return `The file is too large for Dify (${label}); pick a smaller file.`;
    case 'unsupported_file_type':
      return `Dify does not accept this type of file (${label}); pick another file.`;
    default:
      return `Dify refused the request (${label}${said}); check the app’s inputs and settings, then try again.`;
  }
}

function firstLine(s: string, max: number): string {
  const line = (s.split(/\r?\n/, 1)[0] ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function stripDot(s: string): string {
  return s.replace(/[.。]\s*$/, '');
}

/** Flask-RESTX may append " You have requested this URI [...] but did you mean ... ?" to a 404 message. */
function stripDidYouMean(s: string): string {
  const i = s.indexOf(' You have requested this URI');
  return i >= 0 ? s.slice(0, i) : s;
}

function htmlTitle(text: string): string | undefined {
  const m = /<title[^>]*>([^<]*)<\/title>/i.exec(text) ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text);
  const t = m?.[1]?.trim();
  return t === undefined || t === '' ? undefined : t;
}

function hostName(host: string): string {
  return host.replace(/:\d+$/, '');
}

/** A duration for people: `150 ms`, `90 s`, `2.5 s`. */
function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(1)} MiB` : `${n} bytes`;
}

/** The default sleep: a timer that an abort cuts short (rejecting with the signal's reason). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
