/**
 * Live counters and a log of recent requests, for tests that assert what a client actually sent
 * (how often it retried, whether it sent `Content-Type` on DELETE, ...). The Authorization value is never kept.
 */

export interface LoggedRequest {
  method: string;
  /** Path with its query string. */
  path: string;
  /** "METHOD /route/pattern", or "METHOD (no route)". */
  route: string;
  headers: Record<string, string>;
  /** The body as text (multipart bodies are summarised). */
  body: string;
  /** Filled in when the response finishes; 0 when the connection was dropped without a response. */
  status: number;
  fault?: string;
  at: number;
}

export interface SimStats {
  /** Requests per "METHOD /route/pattern" (e.g. "POST /v1/chat-messages"). Admin requests are not counted. */
  requests: Record<string, number>;
  /** Count of POST /chat-messages (any mode, any outcome). */
  chatPosts: number;
  /** Count of POST /chat-messages/:task_id/stop. */
  stops: number;
  streamsStarted: number;
  /** Streams that wrote their last frame and ended normally. */
  streamsCompleted: number;
  /** Streams that ended early: client gone, cut, error/EOF faults. */
  streamsInterrupted: number;
  activeStreams: number;
  pings: number;
  faultsApplied: Record<string, number>;
  /** The most recent requests, oldest first (at most LOG_LIMIT). */
  log: LoggedRequest[];
}

export const LOG_LIMIT = 200;

export function createStats(): SimStats {
  return {
    requests: {},
    chatPosts: 0,
    stops: 0,
    streamsStarted: 0,
    streamsCompleted: 0,
    streamsInterrupted: 0,
    activeStreams: 0,
    pings: 0,
    faultsApplied: {},
    log: [],
  };
}

/** Resets in place: callers may hold the object. */
export function resetStats(s: SimStats): void {
  Object.assign(s, createStats(), { activeStreams: s.activeStreams });
}

export function logRequest(s: SimStats, entry: LoggedRequest): void {
  s.log.push(entry);
  if (s.log.length > LOG_LIMIT) s.log.splice(0, s.log.length - LOG_LIMIT);
}

/** Request headers for the log, with the Authorization value replaced by its scheme only. */
export function loggableHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    out[k] = k === 'authorization' ? `${value.split(' ')[0] ?? ''} <redacted>` : value;
  }
  return out;
}
