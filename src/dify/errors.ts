/**
 * The one error type the Dify client throws. Its `kind` tells the UI what to do; its `problem` says what
 * happened, as data the host's messages table turns into a sentence for people. Its `message` is a
 * technical line for logs. Neither ever contains the API key.
 */
import { type Problem, problemLine } from './problems';

/** What kind of failure a {@link DifyError} is: the literal the UI switches on. */
export type DifyErrorKind =
  /** 401: the key was rejected (or missing). */
  | 'auth'
  /** 403: the app is disabled, deleted, or its API is off. */
  | 'forbidden'
  /** 404: conversation / message / route not found. */
  | 'notFound'
  /** 400 (and 415): Dify refused the request; `code` carries Dify's own code. */
  | 'badRequest'
  /** 429 (or Dify's 400 "Too many requests"). */
  | 'rateLimited'
  /** 5xx from Dify itself (a JSON error envelope). */
  | 'server'
  /** Connection refused, reset, DNS failure, host unreachable. */
  | 'network'
  /** The TLS handshake failed: self-signed or unknown CA, expired, name mismatch. */
  | 'tls'
  /** No first byte (connect timeout) or no byte for too long mid-stream (idle timeout). */
  | 'timeout'
  /** The stream ended without `message_end` or `error`. */
  | 'interrupted'
  /** An error frame arrived inside a 200 stream. */
  | 'streamError'
  /** One event, or one response body, exceeded the configured bound. */
  | 'tooLarge'
  /** The answer is not Dify's: an HTML page (a proxy's 502, the web console), or JSON of the wrong shape. */
  | 'notDify'
  /** The caller aborted (Stop, New chat, panel disposed). Not shown as an error. */
  | 'aborted';

/** What a {@link DifyError} is made of. */
export interface DifyErrorInit {
  kind: DifyErrorKind;
  /** What happened, as data for the host's sentence. Must never contain the key. */
  problem: Problem;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Dify's `code` from the error envelope or error frame (e.g. `invalid_param`, `not_chat_app`). */
  code?: string;
  /** Dify's own `message`, verbatim (shown as detail, logged). */
  serverMessage?: string;
  /** Seconds to wait, from `Retry-After`. */
  retryAfterSeconds?: number;
  /** For `tls` and `network`: the underlying code, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`, `ECONNREFUSED`, `ENOTFOUND`. */
  causeCode?: string;
  cause?: unknown;
}

/** The error every client method rejects with. `kind` is a literal the UI switches on. */
export class DifyError extends Error {
  override readonly name = 'DifyError';
  readonly kind: DifyErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly serverMessage: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly causeCode: string | undefined;
  /** What happened, for the host's messages table. */
  readonly problem: Problem;

  constructor(init: DifyErrorInit) {
    super(problemLine(init.problem), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.problem = init.problem;
    this.status = init.status;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.causeCode = init.causeCode;
  }
}

/** True for a DifyError, including one that crossed a realm boundary (checked by shape, not instanceof). */
export function isDifyError(e: unknown): e is DifyError {
  return e instanceof DifyError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'DifyError' && typeof (e as { kind?: unknown }).kind === 'string');
}
