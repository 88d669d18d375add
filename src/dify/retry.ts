/**
 * When a failed request is tried again. Only requests marked idempotent (the GETs) are retried, on network
 * errors, 429 and 5xx, with exponential backoff and jitter, or the server's `Retry-After`. Anything else is
 * sent exactly once: a chat POST that failed may still have run on the server.
 */
import type { DifyError } from './errors';

/** The first retry waits about this long (then 2x, 4x, ...), unless the server says otherwise. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 10_000;
/** A `Retry-After` longer than this is not waited out: the caller gets a rateLimited error to show. */
const MAX_RETRY_AFTER_S = 60;

/**
 * The delay before attempt `attempt + 1` after `err`, or undefined when `err` must not be retried.
 * @param random in [0, 1), for the jitter.
 */
export function retryDelay(err: DifyError, attempt: number, random: () => number): number | undefined {
  const retryable = err.kind === 'network' || err.status === 429 || (err.status !== undefined && err.status >= 500);
  if (!retryable) return undefined;
  if (err.retryAfterSeconds !== undefined) {
    return err.retryAfterSeconds > MAX_RETRY_AFTER_S ? undefined : Math.ceil(err.retryAfterSeconds * 1000);
  }
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
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
