/** The request log: one entry per attempt, never a header, never the key. */
import type { DifyErrorKind } from './errors';

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

/** Hands `entry` to the logger, if there is one; a broken logger must not break the request. */
export function logRequest(onRequest: ((entry: RequestLogEntry) => void) | undefined, entry: RequestLogEntry): void {
  if (onRequest === undefined) return;
  try {
    onRequest(entry);
  } catch {
    // A broken logger must not break the request.
  }
}
