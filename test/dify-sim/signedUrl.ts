/**
 * Signed file URLs like Dify's (`?timestamp=&nonce=&sign=`, the sign an HMAC-SHA256 over
 * `<kind>|<file id>|<timestamp>|<nonce>`, URL-safe base64). The simulator serves the files at these URLs.
 */
import { createHmac, randomBytes } from 'node:crypto';

const SECRET = 'dify-sim-secret';

export function signedUrl(origin: string, path: string, kind: string, fileId: string, nowMs: number): string {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomBytes(16).toString('hex');
  const sign = createHmac('sha256', SECRET).update(`${kind}|${fileId}|${timestamp}|${nonce}`).digest('base64url');
  return `${origin}${path}?timestamp=${timestamp}&nonce=${nonce}&sign=${sign}`;
}
