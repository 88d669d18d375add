/**
 * Reading a response body under an {@link Exchange}'s timeouts, and with a bound: the one body reader of
 * the client (JSON answers, error bodies, a chat answer that is not a stream).
 */
import type { Exchange } from './exchange';

/** Reads the next chunk of `reader` under the exchange's timeouts; undefined at the end. */
export async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>, ex: Exchange): Promise<Uint8Array | undefined> {
  ex.wait();
  const r = await reader.read();
  ex.got();
  return r.done ? undefined : r.value;
}

/** What {@link readBody} read. */
export interface BodyBytes {
  /** At most `limit` bytes. */
  bytes: Uint8Array;
  /** More than `limit` bytes arrived: `bytes` holds the first `limit`, and reading stopped there. */
  overflow: boolean;
}

/**
 * Reads a whole body, but never more than `limit` bytes: past it, reading stops (the rest is cancelled) and
 * `overflow` says so; the caller decides whether that is an error. A missing body reads as empty.
 */
export async function readBody(body: ReadableStream<Uint8Array> | null, ex: Exchange, limit: number): Promise<BodyBytes> {
  if (body === null) {
    ex.got();
    return { bytes: new Uint8Array(0), overflow: false };
  }
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let overflow = false;
  try {
    for (;;) {
      const chunk = await readChunk(reader, ex);
      if (chunk === undefined) break;
      if (size + chunk.length > limit) {
        parts.push(chunk.subarray(0, limit - size));
        size = limit;
        overflow = true;
        break;
      }
      parts.push(chunk);
      size += chunk.length;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return { bytes: concat(parts, size), overflow };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
