/**
 * Fetches a file Dify named (an answer's image, a chart, a document) in the host, without the API key: from
 * the API's origin or one of Dify's signed file URLs only (`src/dify/fileUrls.ts`), never following a redirect
 * to another origin, with a size cap and a timeout. The panel gets the bytes as a `data:` URL; its CSP still
 * allows no network access. No vscode: node-testable with an injected fetch.
 */
import { mayFetchFile, redirectTarget, resolveFileUrl } from '../../dify/fileUrls';
import type { FileFetchFailure } from './attachWords';

/** A failed fetch, with the reason {@link fetchFailureText} words. */
export class FileFetchError extends Error {
  override readonly name = 'FileFetchError';
  constructor(readonly reason: FileFetchFailure) {
    super(`file fetch failed: ${reason}`);
  }
}

export interface FileFetchOptions {
  /** The API base of the app (relative URLs resolve against its origin; it decides what may be fetched). */
  apiBase: string;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
}

const MAX_REDIRECTS = 3;

/** The bytes of `url` and the type the server gave (untrusted: callers sniff images themselves). */
export async function fetchDifyFile(url: string, o: FileFetchOptions): Promise<{ bytes: Uint8Array; contentType: string }> {
  let target = resolveFileUrl(url, o.apiBase);
  if (target === undefined || !mayFetchFile(target, o.apiBase)) throw new FileFetchError('origin');
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  const fetch = o.fetch ?? globalThis.fetch;
  try {
    for (let hop = 0; ; hop++) {
      // No headers at all: the key (or any cookie) never goes with a file.
      const res = await fetch(target.href, { method: 'GET', redirect: 'manual', signal, credentials: 'omit' });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel().catch(() => undefined);
        const next = redirectTarget(res.headers.get('location'), target);
        if (next === undefined || hop >= MAX_REDIRECTS) throw new FileFetchError('redirect');
        target = next;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new FileFetchError(res.status === 403 || res.status === 404 || res.status === 410 ? 'expired' : 'status');
      }
      const declared = Number(res.headers.get('content-length') ?? '');
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new FileFetchError('tooLarge');
      }
      return { bytes: await readCapped(res, o.maxBytes), contentType: res.headers.get('content-type') ?? '' };
    }
  } catch (e) {
    if (e instanceof FileFetchError) throw e;
    if (timeout.aborted) throw new FileFetchError('timeout');
    if (o.signal?.aborted) throw e;
    throw new FileFetchError('network');
  }
}

async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) throw new FileFetchError('tooLarge');
      parts.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
