/**
 * Response bodies as Dify's stack produces them: Flask-RESTX JSON (`json.dumps` spaced with `\uXXXX`
 * escapes plus a trailing newline, `Content-Type: application/json`), the error envelope, 204 without a
 * body, Werkzeug's HTML error pages and nginx's HTML 502 page.
 */
import type { HttpError } from './httpError';
import type { Out } from './output';
import { dumpsSpaced } from './pyjson';
import type { PyJson } from './pyjson';

/** Headers Dify's `after_request` hook adds to every response it produces. */
export function difyHeaders(serverVersion: string): Record<string, string> {
  return { 'X-Version': serverVersion, 'X-Env': 'PRODUCTION' };
}

/** Flask-RESTX `output_json`: spaced json.dumps and a trailing "\n". */
export function restxBody(value: PyJson): string {
  return `${dumpsSpaced(value)}\n`;
}

export async function sendJson(
  out: Out,
  status: number,
  value: PyJson,
  headers: Record<string, string>,
): Promise<void> {
  const body = Buffer.from(restxBody(value), 'utf8');
  out.head(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': body.length });
  await out.end(body, true);
}

/** The envelope of `api/libs/external_api.py`: code, message, status (the generic 500 puts message first). */
export function envelopeOf(e: HttpError): PyJson {
  return e.messageFirst
    ? { message: e.message, code: e.code, status: e.status }
    : { code: e.code, message: e.message, status: e.status };
}

export async function sendError(out: Out, e: HttpError, headers: Record<string, string>): Promise<void> {
  const extra: Record<string, string> = { ...e.headers };
  if (e.status === 401) extra['WWW-Authenticate'] = 'Bearer realm="api"';
  await sendJson(out, e.status, envelopeOf(e), { ...headers, ...extra });
}

/** Werkzeug strips the body of a 204 (the view returned `{"result": "success"}, 204`). */
export async function send204(out: Out, headers: Record<string, string>): Promise<void> {
  out.head(204, { ...headers, 'Content-Type': 'application/json' });
  await out.end();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `werkzeug.exceptions.HTTPException.get_body()`. */
export function werkzeugPage(status: number, name: string, description: string): string {
  return (
    '<!doctype html>\n' +
    '<html lang=en>\n' +
    `<title>${status} ${escapeHtml(name)}</title>\n` +
    `<h1>${escapeHtml(name)}</h1>\n` +
    `<p>${description}</p>\n`
  );
}

/** `werkzeug.utils.redirect()` body (routing redirects such as "/v1" → "/v1/"). */
export function redirectPage(location: string): string {
  const esc = escapeHtml(location);
  return (
    '<!doctype html>\n' +
    '<html lang=en>\n' +
    '<title>Redirecting...</title>\n' +
    '<h1>Redirecting...</h1>\n' +
    `<p>You should be redirected automatically to the target URL: <a href="${esc}">${esc}</a>. If not, click the link.\n`
  );
}

export const NOT_FOUND_DESCRIPTION =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';

export async function sendHtml(out: Out, status: number, html: string, headers: Record<string, string>): Promise<void> {
  const body = Buffer.from(html, 'utf8');
  out.head(status, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
  await out.end(body, true);
}

/** A path no route matches (also any non-UUID id where the route says `<uuid:...>`). */
export async function sendNotFoundPage(out: Out, headers: Record<string, string>): Promise<void> {
  await sendHtml(out, 404, werkzeugPage(404, 'Not Found', NOT_FOUND_DESCRIPTION), headers);
}

export const NGINX_VERSION = 'nginx/1.25.5';

/** nginx's built-in 502 page (CRLF line ends). It comes from the proxy, so no X-Version/X-Env headers. */
export function nginx502Page(): string {
  return [
    '<html>',
    '<head><title>502 Bad Gateway</title></head>',
    '<body>',
    '<center><h1>502 Bad Gateway</h1></center>',
    `<hr><center>${NGINX_VERSION}</center>`,
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}

export async function sendNginx502(out: Out): Promise<void> {
  const body = Buffer.from(nginx502Page(), 'utf8');
  out.head(502, { Server: NGINX_VERSION, 'Content-Type': 'text/html', 'Content-Length': body.length });
  await out.end(body, true);
}
