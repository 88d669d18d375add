/**
 * Every way an exchange with Dify can fail, mapped to one {@link DifyError}: its kind, the facts for the log
 * (status, Dify's code and message, the Node error code) and the {@link Problem} the host turns into a
 * sentence. Every text taken from the server passes through `scrub` first. No words here, only data.
 */
import { DifyError } from './errors';
import type { Exchange, TimeoutPhase } from './exchange';
import { firstLine, htmlTitle, peek, startsLikeMarkup } from './pageText';
import type { Problem, RequestTarget, TlsReason } from './problems';
import { WireShapeError } from './wire/json';
import { errorEnvelopeFromWire } from './wire/rest';

/** What the mapping needs to know about the client it works for. */
export interface FailureContext {
  /** `host[:port]` of the base URL, as the sentences name it. */
  host: string;
  /** The base URL's path ends in `/v1` (then a wrong answer is a proxy's, not a missing `/v1`). */
  baseEndsInV1: boolean;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  /** The deadline of a whole JSON request. */
  totalTimeoutMs: number;
  /** Removes key-shaped text and the key itself. */
  scrub: (text: string) => string;
  /** Removes them, then keeps at most `max` characters (see `redactClipped`). */
  scrubClipped: (text: string, max: number) => string;
}

/** The most of Dify's own message an error carries (for the log and Test Connection); the rest is cut. */
export const MAX_SERVER_MESSAGE_CHARS = 1000;

const TLS_REASONS = new Map<string, TlsReason>([
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'selfSigned'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'selfSignedChain'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unknownAuthority'],
  ['UNABLE_TO_GET_ISSUER_CERT', 'unknownAuthority'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unknownAuthority'],
  ['CERT_UNTRUSTED', 'untrusted'],
  ['CERT_HAS_EXPIRED', 'expired'],
  ['CERT_NOT_YET_VALID', 'notYetValid'],
  ['CERT_REVOKED', 'revoked'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'wrongHost'],
  ['HOSTNAME_MISMATCH', 'wrongHost'],
  ['ERR_SSL_WRONG_VERSION_NUMBER', 'notTls'],
  ['ERR_SSL_PACKET_LENGTH_TOO_LONG', 'notTls'],
  ['EPROTO', 'handshakeFailed'],
  ['ERR_TLS_HANDSHAKE_TIMEOUT', 'handshakeTimeout'],
]);

/** Why a TLS handshake failed, for a Node error code; undefined when the code is not a TLS failure. */
export function tlsReason(code: string): TlsReason | undefined {
  return TLS_REASONS.get(code) ?? (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') ? 'handshakeFailed' : undefined);
}

/** The mapping of failures to {@link DifyError}s for one client. */
export class Failures {
  constructor(private readonly ctx: FailureContext) {}

  /** The caller aborted. */
  cancelled(status?: number, cause?: unknown): DifyError {
    return new DifyError({ kind: 'aborted', problem: { id: 'request.cancelled' }, status, cause });
  }

  /** The base URL is not an http(s) URL: every call fails with this, without fetching. */
  badBaseUrl(base: string): DifyError {
    return new DifyError({ kind: 'network', problem: { id: 'request.badBaseUrl', baseUrl: this.ctx.scrub(base) }, causeCode: 'ERR_INVALID_URL' });
  }

  /** Maps a non-2xx status and its body to the error, from Dify's envelope when there is one. */
  fromStatus(status: number, contentType: string, text: string, target: RequestTarget, retryAfterSeconds?: number, location?: string | null): DifyError {
    const envelope = envelopeIn(text);
    const base = { status, retryAfterSeconds };
    if (envelope === undefined) return this.withoutEnvelope(status, contentType, text, target, retryAfterSeconds, location);
    const code = envelope.code;
    const serverMessage = envelope.message === undefined ? undefined : this.ctx.scrubClipped(envelope.message, MAX_SERVER_MESSAGE_CHARS);
    const detail = serverMessage === undefined || serverMessage.trim() === '' ? undefined : firstLine(serverMessage, 160) || undefined;
    const init = { ...base, code, serverMessage };
    if (status === 401) return new DifyError({ ...init, kind: 'auth', problem: { id: 'http.keyRejected' } });
    if (status === 403) return new DifyError({ ...init, kind: 'forbidden', problem: { id: 'http.forbidden', status, code, detail } });
    if (status === 404) {
      return new DifyError({ ...init, kind: 'notFound', problem: { id: 'http.notFound', target, detail: detail === undefined ? undefined : stripDidYouMean(detail) } });
    }
    if (status === 429 || (status === 400 && serverMessage !== undefined && /^too many requests/i.test(serverMessage.trim()))) {
      return new DifyError({ ...init, kind: 'rateLimited', problem: { id: 'http.rateLimited', status, retryAfterSeconds } });
    }
    if (status >= 500) return new DifyError({ ...init, kind: 'server', problem: { id: 'http.serverError', status, code } });
    return new DifyError({ ...init, kind: 'badRequest', problem: { id: 'http.badRequest', status, code, detail } });
  }

  /** Maps anything thrown during an attempt (or while reading its body) to a DifyError. */
  fromThrown(e: unknown, ex: Exchange, target: RequestTarget, status: number | undefined): DifyError {
    if (ex.timedOut !== undefined) return this.timeout(ex.timedOut, status, target);
    if (ex.callerAborted) return this.cancelled(status, e);
    if (e instanceof DifyError) return e;
    const { host } = this.ctx;
    if (e instanceof WireShapeError) {
      return new DifyError({ kind: 'notDify', status, problem: { id: 'http.wrongJson', host, target, baseEndsInV1: this.ctx.baseEndsInV1 }, serverMessage: this.ctx.scrubClipped(e.message, MAX_SERVER_MESSAGE_CHARS) });
    }
    const codes = causeCodes(e);
    for (const code of codes) {
      const reason = tlsReason(code);
      if (reason !== undefined) return new DifyError({ kind: 'tls', causeCode: code, problem: { id: 'tls.failed', host, code, reason }, cause: e });
    }
    const code = codes[0];
    switch (code) {
      case 'UND_ERR_CONNECT_TIMEOUT':
      case 'ETIMEDOUT':
        return new DifyError({ kind: 'timeout', causeCode: code, problem: { id: 'net.connectTimedOut', host }, cause: e });
      case 'UND_ERR_HEADERS_TIMEOUT':
      case 'UND_ERR_BODY_TIMEOUT':
        return new DifyError({ kind: 'timeout', causeCode: code, problem: { id: 'net.stoppedAnswering', host }, cause: e });
      case undefined:
      default:
        return new DifyError({ kind: 'network', causeCode: code, problem: this.networkProblem(code, status !== undefined), cause: e });
    }
  }

  /** The error for a connect/first-byte, idle or whole-request timeout. */
  timeout(phase: TimeoutPhase, status?: number, target: RequestTarget = 'chatMessage'): DifyError {
    const { host } = this.ctx;
    switch (phase) {
      case 'connect':
        return new DifyError({ kind: 'timeout', status, causeCode: 'CONNECT_TIMEOUT', problem: { id: 'timeout.connect', host, ms: this.ctx.connectTimeoutMs } });
      case 'idle':
        return new DifyError({ kind: 'timeout', status, causeCode: 'IDLE_TIMEOUT', problem: { id: 'timeout.idle', host, ms: this.ctx.idleTimeoutMs } });
      case 'total':
        return new DifyError({ kind: 'timeout', status, causeCode: 'TOTAL_TIMEOUT', problem: { id: 'timeout.total', host, target, ms: this.ctx.totalTimeoutMs } });
    }
  }

  /** A 2xx answer whose body is not JSON. */
  notJson(status: number, contentType: string, text: string, target: RequestTarget): DifyError {
    const page = isHtml(contentType, text) ? 'html' : 'other';
    return new DifyError({
      kind: 'notDify',
      status,
      problem: { id: 'http.notJson', host: this.ctx.host, target, status, page, baseEndsInV1: this.ctx.baseEndsInV1 },
      serverMessage: this.pageDetail(text),
    });
  }

  /** A JSON answer larger than the bound. */
  tooLarge(target: RequestTarget, status: number, limit: number): DifyError {
    return new DifyError({ kind: 'tooLarge', status, problem: { id: 'http.tooLarge', host: this.ctx.host, target, maxBytes: limit } });
  }

  /** A 2xx answer to a streaming request that is not an event stream (and not an error envelope). */
  notAStream(status: number, contentType: string, target: RequestTarget): DifyError {
    const mediaType = mentionsHtml(contentType) ? undefined : (contentType.split(';')[0] ?? '');
    return new DifyError({
      kind: 'notDify',
      status,
      problem: { id: 'stream.notEventStream', host: this.ctx.host, target, status, contentType: mediaType, baseEndsInV1: this.ctx.baseEndsInV1 },
    });
  }

  /** The stream ended without `message_end` or `error` (`cutMidFrame`: in the middle of a frame). */
  streamEnded(status: number, cutMidFrame: boolean): DifyError {
    return new DifyError({ kind: 'interrupted', status, causeCode: cutMidFrame ? 'EOF_MID_EVENT' : 'EOF', problem: { id: 'stream.endedEarly', host: this.ctx.host } });
  }

  /** Reading the stream failed, other than by a timeout or the caller's abort. */
  streamBroken(e: unknown): DifyError {
    return new DifyError({ kind: 'interrupted', status: 200, causeCode: causeCodes(e)[0], cause: e, problem: { id: 'stream.broken', host: this.ctx.host } });
  }

  private withoutEnvelope(status: number, contentType: string, text: string, target: RequestTarget, retryAfterSeconds?: number, location?: string | null): DifyError {
    const base = { status, retryAfterSeconds };
    const { host } = this.ctx;
    if (status >= 300 && status < 400) {
      const to = location == null ? '' : firstLine(this.ctx.scrubClipped(location, 200), 200);
      return new DifyError({ ...base, kind: 'notDify', problem: { id: 'http.redirect', host, target, status, location: to || undefined } });
    }
    if (status === 429) return new DifyError({ ...base, kind: 'rateLimited', problem: { id: 'http.rateLimited', status, retryAfterSeconds } });
    const page = isHtml(contentType, text) ? 'html' : text.trim() === '' ? 'empty' : 'other';
    return new DifyError({
      ...base,
      kind: 'notDify',
      problem: { id: 'http.errorPage', host, status, page, baseEndsInV1: this.ctx.baseEndsInV1 },
      serverMessage: this.pageDetail(text),
    });
  }

  private networkProblem(code: string | undefined, midAnswer: boolean): Problem {
    const { host } = this.ctx;
    switch (code) {
      case 'ECONNREFUSED':
        return { id: 'net.refused', host };
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return { id: 'net.hostNotFound', hostName: host.replace(/:\d+$/, ''), code };
      case 'ECONNRESET':
      case 'UND_ERR_SOCKET':
      case 'EPIPE':
        return { id: 'net.dropped', host, code, midAnswer };
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return { id: 'net.unreachable', host, code };
      case undefined:
      default:
        return { id: 'net.failed', host, code };
    }
  }

  /**
   * What a page says about itself (its title, else its first line), for the log: read from the body's
   * first 64 KB only, redacted before it is cut (so a key at the cut goes whole).
   */
  private pageDetail(text: string): string | undefined {
    const head = peek(text);
    return firstLine(this.ctx.scrubClipped(htmlTitle(head) ?? firstLine(head.trim(), PAGE_DETAIL_CHARS * 2), PAGE_DETAIL_CHARS), PAGE_DETAIL_CHARS) || undefined;
  }
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

/** Dify's error envelope in a body, if the body is one. */
function envelopeIn(text: string): { code?: string; message?: string } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return errorEnvelopeFromWire(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

/** How much of a page's title or first line the log keeps. */
const PAGE_DETAIL_CHARS = 200;

/** A content type that names HTML (`text/html`, `application/xhtml+xml`). */
function mentionsHtml(contentType: string): boolean {
  return contentType.toLowerCase().includes('html');
}

function isHtml(contentType: string, text: string): boolean {
  return mentionsHtml(contentType) || startsLikeMarkup(text);
}

/** Flask-RESTX may append " You have requested this URI [...] but did you mean ... ?" to a 404 message. */
function stripDidYouMean(s: string): string {
  const i = s.indexOf(' You have requested this URI');
  return i >= 0 ? s.slice(0, i) : s;
}
