/**
 * Where the files Dify names may be fetched from. Dify sends file URLs in `message_file` events,
 * `message_end.files` and history `message_files`: absolute (its `FILES_URL`), relative (`/files/tools/…` when
 * `FILES_URL` is unset) and usually signed with an expiry (`?timestamp=&nonce=&sign=`). They are fetched
 * without the API key, so the rule is about where a request goes, not what it carries: the API's own origin,
 * or an origin that serves Dify's signed file paths. Anything else (a link the model wrote, a remote URL a
 * user attached) is shown as a link and never fetched by the extension.
 */

/** The query parameters of a URL Dify signed. */
const SIGNATURE = ['timestamp', 'nonce', 'sign'] as const;

/** A path Dify serves files under (`/files/<id>/file-preview`, `/files/tools/<id>.png`, `/files/<id>/image-preview`). */
const FILE_PATH = /^\/files\//;

/** The origin (`scheme://host:port`) of the API base, or undefined when it is not an http(s) URL. */
export function apiOrigin(apiBase: string): string | undefined {
  try {
    const u = new URL(apiBase);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file URL as Dify sent it, made absolute: a relative one against the API's origin (Dify's file routes sit
 * beside `/v1`, not under it). Undefined for anything that is not then an http(s) URL with a host.
 */
export function resolveFileUrl(url: string, apiBase: string): URL | undefined {
  const origin = apiOrigin(apiBase);
  let u: URL;
  try {
    u = origin === undefined ? new URL(url) : new URL(url, origin);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '' || u.username !== '' || u.password !== '') return undefined;
  return u;
}

/** True for a URL that reads as one of Dify's signed file URLs: a `/files/` path with the three signature parameters. */
export function isSignedFileUrl(u: URL): boolean {
  return FILE_PATH.test(u.pathname) && SIGNATURE.every((p) => u.searchParams.get(p));
}

/**
 * May the extension fetch this (resolved) file URL? From the API's origin, yes; from another origin only when
 * the URL is one of Dify's signed file URLs (its `FILES_URL` may be another host).
 */
export function mayFetchFile(u: URL, apiBase: string): boolean {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return u.origin === apiOrigin(apiBase) || isSignedFileUrl(u);
}

/**
 * Where a redirect may lead while fetching a file: only to the same origin as the request it answers (a
 * signed URL that bounces to another host is refused, whatever that host is).
 */
export function redirectTarget(location: string | null, from: URL): URL | undefined {
  if (location === null || location === '') return undefined;
  try {
    const next = new URL(location, from);
    return next.origin === from.origin ? next : undefined;
  } catch {
    return undefined;
  }
}
