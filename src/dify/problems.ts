/**
 * What went wrong, as data: a {@link Problem} is a message id plus the facts the sentence needs (a host
 * name, a status, a count, Dify's code, Dify's own message text, a Node error code), never an English
 * fragment. The pure core reports problems; the host's messages table turns each into the sentence a
 * person reads, in their language. Problems are plain data (structured-clone safe).
 */

/** What a request was for, so a sentence can name it ("Dify could not find the conversation"). */
export type RequestTarget =
  | 'apiRoot'
  | 'appInfo'
  | 'appParameters'
  | 'appMeta'
  | 'chatMessage'
  | 'stopRequest'
  | 'message'
  | 'messageList'
  | 'conversationList'
  | 'conversation'
  | 'fileUpload';

/** Why a TLS handshake failed, classified from Node's error code. */
export type TlsReason =
  | 'selfSigned'
  | 'selfSignedChain'
  | 'unknownAuthority'
  | 'untrusted'
  | 'expired'
  | 'notYetValid'
  | 'revoked'
  | 'wrongHost'
  | 'notTls'
  | 'handshakeFailed'
  | 'handshakeTimeout';

/** Failures of one exchange with Dify: the URL, the network, TLS, timeouts, HTTP statuses, the body. */
export type RequestProblem =
  | { id: 'request.badBaseUrl'; baseUrl: string }
  | { id: 'request.cancelled' }
  | { id: 'net.refused'; host: string }
  | { id: 'net.hostNotFound'; hostName: string; code: string }
  /** `midAnswer`: the status had arrived, so the body was being read. */
  | { id: 'net.dropped'; host: string; code: string; midAnswer: boolean }
  | { id: 'net.unreachable'; host: string; code: string }
  | { id: 'net.failed'; host: string; code?: string }
  | { id: 'net.connectTimedOut'; host: string }
  | { id: 'net.stoppedAnswering'; host: string }
  | { id: 'tls.failed'; host: string; code: string; reason: TlsReason }
  | { id: 'timeout.connect'; host: string; ms: number }
  | { id: 'timeout.idle'; host: string; ms: number }
  /** The whole request took longer than `ms` (a server that answers, but too slowly ever to finish). */
  | { id: 'timeout.total'; host: string; target: RequestTarget; ms: number }
  | { id: 'http.redirect'; host: string; target: RequestTarget; status: number; location?: string }
  | { id: 'http.rateLimited'; status: number; retryAfterSeconds?: number }
  | { id: 'http.keyRejected' }
  /** `detail`: the first line of Dify's message (scrubbed), when it sent one. */
  | { id: 'http.forbidden'; status: number; code?: string; detail?: string }
  | { id: 'http.notFound'; target: RequestTarget; detail?: string }
  | { id: 'http.serverError'; status: number; code?: string }
  | { id: 'http.badRequest'; status: number; code?: string; detail?: string }
  /** A non-2xx answer without Dify's envelope. `baseEndsInV1` picks the advice. */
  | { id: 'http.errorPage'; host: string; status: number; page: 'html' | 'empty' | 'other'; baseEndsInV1: boolean }
  /** A 2xx answer that is not JSON. */
  | { id: 'http.notJson'; host: string; target: RequestTarget; status: number; page: 'html' | 'other'; baseEndsInV1: boolean }
  /** JSON that is not the shape the route promises. */
  | { id: 'http.wrongJson'; host: string; target: RequestTarget; baseEndsInV1: boolean }
  | { id: 'http.tooLarge'; host: string; target: RequestTarget; maxBytes: number };

/** Failures of a chat stream, and an error frame Dify sent inside one. */
export type StreamProblem =
  /** `contentType` is the media type, absent for an HTML page. */
  | { id: 'stream.notEventStream'; host: string; target: RequestTarget; status: number; contentType?: string; baseEndsInV1: boolean }
  | { id: 'stream.endedEarly'; host: string }
  | { id: 'stream.broken'; host: string }
  | { id: 'stream.frameNotJson' }
  | { id: 'stream.eventTooLarge'; maxBytes: number }
  /** `message` is Dify's own, trimmed and scrubbed of key-shaped text; it may be empty. */
  | { id: 'stream.errorFrame'; code: string; message: string };

/** An answer that could not be completed for a reason that is not a {@link RequestProblem}. */
export type AnswerProblem =
  | { id: 'answer.unexpected' }
  | { id: 'answer.endedEarly' }
  | { id: 'answer.failedInHistory' }
  /** The answer's text reached the size limit (`maxBytes` of UTF-8) and was cut there. */
  | { id: 'answer.tooLong'; maxBytes: number }
  /** The answer brought more than `max` workflow steps, agent thoughts or files. */
  | { id: 'answer.tooManySteps'; max: number }
  /** The answer's stream brought more than `max` events. */
  | { id: 'answer.tooManyEvents'; max: number };

/** What "Test Connection" found (see `diagnose.ts`). `hostPort` is `host:port`; `host` the name alone. */
export type DiagnosisProblem =
  | { id: 'diagnosis.connected'; appName: string; mode: string; serverVersion: string; hostPort: string }
  | { id: 'diagnosis.noKey'; serverVersion: string; baseUrl: string }
  /** Raised by the host: a key exists but the user declined to send it to this server. */
  | { id: 'diagnosis.keyNotSent'; serverVersion?: string; baseUrl: string; profileName: string }
  | { id: 'diagnosis.notChatApp'; appName: string; mode: string }
  | { id: 'diagnosis.unexpected'; errorName?: string }
  | { id: 'diagnosis.refused'; hostPort: string }
  | { id: 'diagnosis.dnsFailed'; host: string }
  | { id: 'diagnosis.noRoute'; hostPort: string }
  | { id: 'diagnosis.connectTimedOut'; hostPort: string }
  | { id: 'diagnosis.closed'; hostPort: string }
  | { id: 'diagnosis.unreachable'; hostPort: string; code?: string }
  | { id: 'diagnosis.certUntrusted'; hostPort: string }
  | { id: 'diagnosis.certExpired'; hostPort: string }
  | { id: 'diagnosis.certNotYetValid'; hostPort: string }
  | { id: 'diagnosis.certWrongHost'; hostPort: string; host: string }
  | { id: 'diagnosis.notHttps'; hostPort: string }
  | { id: 'diagnosis.tlsFailed'; hostPort: string; code?: string }
  | { id: 'diagnosis.noAnswer'; hostPort: string; seconds: number }
  | { id: 'diagnosis.answerTooSlow'; hostPort: string; seconds: number }
  | { id: 'diagnosis.proxy'; status: number }
  /** `confirmedVersion`: the Dify version that answered at the suggestion, when a probe confirmed it. */
  | { id: 'diagnosis.webConsole'; baseUrl: string; suggestion: string; confirmedVersion?: string }
  | { id: 'diagnosis.webPage'; hostPort: string; status?: number }
  | { id: 'diagnosis.noApi'; baseUrl: string; suggestion?: string; confirmedVersion?: string }
  | { id: 'diagnosis.keyRejected' }
  | { id: 'diagnosis.forbidden'; serverMessage?: string }
  | { id: 'diagnosis.rateLimited'; retryAfterSeconds?: number }
  | { id: 'diagnosis.serverError'; status: number; serverMessage?: string }
  /** `label`: Dify's code, else the status. */
  | { id: 'diagnosis.badRequest'; step: 'root' | 'info'; label: string | number; serverMessage?: string }
  | { id: 'diagnosis.cancelled' }
  | { id: 'diagnosis.cutOff'; hostPort: string };

/** Why a typed value was refused, or a remark on one that was accepted (see `validate.ts`). */
export type ValidationProblem =
  | { id: 'baseUrl.empty' }
  | { id: 'baseUrl.spaces' }
  | { id: 'baseUrl.controlChars' }
  /** `fixed`: the URL with `http://` in front. */
  | { id: 'baseUrl.noScheme'; fixed: string }
  | { id: 'baseUrl.badScheme'; scheme: string }
  | { id: 'baseUrl.unparsable' }
  | { id: 'baseUrl.noHost' }
  | { id: 'baseUrl.credentials' }
  | { id: 'baseUrl.query' }
  | { id: 'baseUrl.fragment' }
  | { id: 'baseUrl.doubleV1'; fixed: string }
  | { id: 'baseUrl.endpoint'; fixed: string }
  | { id: 'baseUrl.noV1'; suggestion: string }
  | { id: 'apiKey.empty' }
  | { id: 'apiKey.bearer' }
  | { id: 'apiKey.spaces' }
  | { id: 'apiKey.tooLong'; max: number }
  | { id: 'apiKey.badChars' }
  | { id: 'apiKey.dataset' }
  | { id: 'apiKey.notAppKey' }
  | { id: 'apiKey.trimmed' }
  | { id: 'userId.empty' }
  | { id: 'userId.controlChars' }
  | { id: 'userId.tooLong'; max: number }
  | { id: 'userId.trimmed' }
  | { id: 'profileName.empty' }
  | { id: 'profileName.controlChars' }
  | { id: 'profileName.tooLong'; max: number };

/** Problems the host raises itself (no key, an unusable profile), in a `DifyError` or a `Diagnosis`. */
export type HostProblem =
  | { id: 'apiKey.missing'; profileName: string }
  | { id: 'apiKey.notSent'; profileName: string }
  | { id: 'apiKey.neededToRate' }
  | { id: 'app.notReady'; profileName: string; ms: number }
  | { id: 'inputs.missing'; fields: string[] }
  | { id: 'baseUrl.unusable'; profileName: string; reason: ValidationProblem };

/** Anything the core (or the host, through the core's types) reports for a person to read. */
export type Problem = RequestProblem | StreamProblem | AnswerProblem | DiagnosisProblem | ValidationProblem | HostProblem;

/** Every problem id. */
export type ProblemId = Problem['id'];

/** Turns a problem into the sentence for people; the host injects it (the core holds no words). */
export type DescribeProblem = (problem: Problem) => string;

/**
 * A problem as one technical line for logs and `Error.message`: its id, then `key=value` for each fact,
 * e.g. `http.notFound target=conversation detail="Conversation Not Exists."`. Not meant for people.
 */
export function problemLine(problem: Problem): string {
  const parts: string[] = [problem.id];
  for (const [key, value] of Object.entries(problem)) {
    if (key === 'id' || value === undefined) continue;
    parts.push(`${key}=${lineValue(value)}`);
  }
  return parts.join(' ');
}

function lineValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') {
    return `(${problemLine(value as Problem)})`;
  }
  return String(value);
}
