/**
 * One request as a route sees it, with Flask's accessors: `json()` is `request.get_json()` (415 without a
 * JSON content type, 400 on a bad body), `query` is `request.args.to_dict()` (first value wins).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimApp } from './apps';
import type { SimContext } from './context';
import type { Fault } from './faults';
import { HttpError, errors } from './httpError';
import { parseJsonBody } from './jsonBody';
import type { Out } from './output';
import { pyStr, pyTruthy } from './pyjson';
import type { EndUser } from './store';

/** Werkzeug's `BadRequest` description (what a non-debug Flask sends for an undecodable JSON body). */
const BAD_REQUEST_DESCRIPTION = 'The browser (or proxy) sent a request that this server could not understand.';

export class Req {
  params: Record<string, string> = {};
  /** The route pattern that matched, e.g. "/v1/conversations/:conversation_id/name". */
  route = '';
  /** A response-shaping fault for this request (cut, drip, errorFrame, eofWithoutEnd, hold). */
  fault: Fault | undefined;
  readonly query: Record<string, string> = {};
  private parsed: { value: unknown } | undefined;

  constructor(
    readonly ctx: SimContext,
    readonly method: string,
    readonly url: URL,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
    readonly out: Out,
  ) {
    for (const [k, v] of url.searchParams) if (!(k in this.query)) this.query[k] = v;
  }

  get path(): string {
    return this.url.pathname;
  }

  /** Headers Dify adds to everything it answers. */
  get difyHeaders(): Record<string, string> {
    return { 'X-Version': this.ctx.serverVersion, 'X-Env': 'PRODUCTION' };
  }

  header(name: string): string | undefined {
    const v = this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  /** The mimetype without parameters, lowercased (Werkzeug's `request.mimetype`). */
  get mimetype(): string {
    return (this.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  }

  /** `request.is_json`: application/json or application/*+json. */
  get isJson(): boolean {
    const m = this.mimetype;
    return m === 'application/json' || (m.startsWith('application/') && m.endsWith('+json'));
  }

  /** `request.get_json()`. */
  json(): unknown {
    if (this.parsed) return this.parsed.value;
    if (!this.isJson) throw errors.unsupportedMediaType();
    const r = parseJsonBody(this.body);
    if (!r.ok) {
      // Flask rewrites the decode error to a bare BadRequest unless the app runs in debug mode.
      throw errors.badRequest(this.ctx.options.flaskDebug ? `Failed to decode JSON object: ${r.error}` : BAD_REQUEST_DESCRIPTION);
    }
    this.parsed = { value: r.value };
    return r.value;
  }

  /** `request.get_json()` used as a dict (`.get(...)` on anything else is an AttributeError: a 500). */
  jsonDict(): Record<string, unknown> {
    const v = this.json();
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw errors.internal();
    return v as Record<string, unknown>;
  }

  /** `service_api_ns.payload or {}`. */
  payload(): Record<string, unknown> {
    const v = this.json();
    if (!pyTruthy(v)) return {};
    if (typeof v !== 'object' || Array.isArray(v)) throw errors.internal();
    return v as Record<string, unknown>;
  }
}

export type UserSource = 'json' | 'query' | 'form';

/** `validate_app_token(fetch_user_arg=...)`: reads `user`, maps it to an end user. */
export function endUserOf(req: Req, app: SimApp, from: UserSource, required: boolean, form?: Record<string, string>): EndUser {
  let raw: unknown;
  if (from === 'query') raw = req.query['user'];
  else if (from === 'json') raw = req.jsonDict()['user'];
  else raw = form?.['user'];
  if (!pyTruthy(raw)) {
    if (required) throw new HttpError(400, 'invalid_param', 'Arg user must be provided.');
    return req.ctx.store.endUser(app.key, null);
  }
  return req.ctx.store.endUser(app.key, pyStr(raw));
}
