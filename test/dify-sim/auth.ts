/**
 * `validate_and_get_api_token("app")` + `validate_app_token`, in Dify's order, before any body or
 * parameter is looked at.
 *
 * Note on `Bearer ` (empty token): Dify's code gives 400 invalid_param when the header contains a space but
 * `split(None, 1)` yields one part. Over real HTTP a trailing space never arrives (fetch normalises it away,
 * gunicorn and Node strip it), so `Bearer ` is seen as `Bearer` → 401. The 400 is reachable with a
 * whitespace character that HTTP does not strip but Python does, e.g. `Bearer \u00a0`.
 */
import type { SimApp } from './apps';
import { DATASET_KEY } from './apps';
import { HttpError, errors } from './httpError';
import type { Req } from './request';

/** Python's `str.isspace()` set, restricted to what can occur in a latin-1 header value. */
const PY_SPACE_CODES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0]);
const isPySpace = (ch: string): boolean => PY_SPACE_CODES.has(ch.charCodeAt(0));

/** Python `s.split(None, 1)`. */
export function pySplitOnce(s: string): string[] {
  let i = 0;
  while (i < s.length && isPySpace(s[i] as string)) i++;
  let j = i;
  while (j < s.length && !isPySpace(s[j] as string)) j++;
  if (i === j) return [];
  const first = s.slice(i, j);
  let k = j;
  while (k < s.length && isPySpace(s[k] as string)) k++;
  return k < s.length ? [first, s.slice(k)] : [first];
}

export function authenticate(req: Req): SimApp {
  const header = req.header('authorization');
  if (header === undefined || !header.includes(' ')) {
    throw errors.unauthorized("Authorization header must be provided and start with 'Bearer'");
  }
  const parts = pySplitOnce(header);
  if (parts.length !== 2) {
    // `auth_scheme, auth_token = ...split(None, 1)` raising ValueError.
    throw new HttpError(400, 'invalid_param', `not enough values to unpack (expected 2, got ${parts.length})`);
  }
  const [scheme = '', token = ''] = parts;
  if (scheme.toLowerCase() !== 'bearer') throw errors.unauthorized("Authorization scheme must be 'Bearer'");
  const app = token === DATASET_KEY ? undefined : req.ctx.appByKey(token);
  if (!app) throw errors.unauthorized('Access token is invalid');
  if (!app.exists) throw errors.forbidden('The app no longer exists.');
  if (!app.enableApi) throw errors.forbidden("The app's API service has been disabled.");
  return app;
}
