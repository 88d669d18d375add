/**
 * Validation of what people type when they connect: the base URL, the app API key and the end-user id.
 * Each check answers with a {@link ValidationProblem} saying what is wrong (the host words it, with what
 * to do). Pure: no vscode, no I/O.
 */
import type { ValidationProblem } from './problems';
import { trimEndOf, trimRepeatedSuffix } from '../shared/trim';

/** The outcome of validating one input. `value` is the normalised input to use when `ok`. */
export type Validation =
  | {
      ok: true;
      /** The normalised value (trimmed; for URLs, trailing slashes removed). */
      value: string;
      /** A non-blocking remark, e.g. that Dify's API is usually under /v1. */
      warning?: ValidationProblem;
      /** A corrected value the UI can offer (e.g. the URL with `/v1` appended). */
      suggestion?: string;
    }
  | {
      ok: false;
      /** What is wrong. */
      error: ValidationProblem;
      /** A corrected value the UI can offer, when one is obvious. */
      suggestion?: string;
    };

/** Keys longer than this are certainly not Dify keys (real ones are `app-` plus 24 characters). */
export const MAX_KEY_LENGTH = 512;
/** End-user ids longer than this are refused (Dify stores them in a 255-character column). */
export const MAX_USER_LENGTH = 255;
/** Profile names longer than this are refused. */
export const MAX_PROFILE_NAME_LENGTH = 100;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

const refuse = (error: ValidationProblem, suggestion?: string): Validation =>
  suggestion === undefined ? { ok: false, error } : { ok: false, error, suggestion };

/**
 * Validates and normalises a Dify API base URL such as `https://api.dify.ai/v1`.
 * Refuses what can never work or would be dangerous (other schemes, credentials, query strings);
 * warns (with a suggestion) when the path does not end in `/v1`, because Dify's Service API lives there.
 */
export function validateBaseUrl(input: string): Validation {
  const text = input.trim();
  if (text === '') return refuse({ id: 'baseUrl.empty' });
  if (/\s/.test(text)) return refuse({ id: 'baseUrl.spaces' });
  if (CONTROL_CHARS.test(text)) return refuse({ id: 'baseUrl.controlChars' });

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  // "localhost:8080/v1" parses as scheme "localhost"; treat "word:digits" as a missing scheme, not a strange one.
  const looksLikeHostPort = scheme !== null && /^[a-z0-9.-]+:\d/i.test(text);
  if (scheme === null || looksLikeHostPort) {
    const fixed = `http://${text.replace(/^\/+/, '')}`;
    return refuse({ id: 'baseUrl.noScheme', fixed }, fixed);
  }
  const protocol = (scheme[1] ?? '').toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return refuse({ id: 'baseUrl.badScheme', scheme: protocol });

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse({ id: 'baseUrl.unparsable' });
  }
  if (url.hostname === '') return refuse({ id: 'baseUrl.noHost' });
  if (url.username !== '' || url.password !== '') return refuse({ id: 'baseUrl.credentials' });
  if (url.search !== '' || text.includes('?')) return refuse({ id: 'baseUrl.query' });
  if (url.hash !== '' || text.includes('#')) return refuse({ id: 'baseUrl.fragment' });

  const path = trimEndOf(url.pathname, '/');
  const origin = url.origin;
  if (/\/v1\/v1$/i.test(path)) {
    const fixed = `${origin}${trimRepeatedSuffix(path, '/v1')}/v1`;
    return refuse({ id: 'baseUrl.doubleV1', fixed }, fixed);
  }
  // A pasted endpoint ("…/v1/chat-messages"): the client appends routes itself.
  const endpoint = /^(.*?\/v1)\/[^/].*$/i.exec(path);
  if (endpoint) {
    const fixed = origin + (endpoint[1] ?? '');
    return refuse({ id: 'baseUrl.endpoint', fixed }, fixed);
  }
  const value = origin + path;
  if (!/\/v1$/i.test(path)) {
    const suggestion = `${value}/v1`;
    return { ok: true, value, warning: { id: 'baseUrl.noV1', suggestion }, suggestion };
  }
  return { ok: true, value };
}

/**
 * Validates an app API key as typed or pasted. Surrounding spaces (common when pasting) are removed with a
 * note; anything else wrong is refused: spaces inside, a "Bearer" prefix, a Knowledge (dataset) key, characters
 * that cannot travel in an HTTP header, or an absurd length.
 */
export function validateApiKey(input: string): Validation {
  const text = input.trim();
  if (text === '') return refuse({ id: 'apiKey.empty' });
  if (/^bearer\s/i.test(text)) return refuse({ id: 'apiKey.bearer' });
  if (/\s/.test(text)) return refuse({ id: 'apiKey.spaces' });
  if (text.length > MAX_KEY_LENGTH) return refuse({ id: 'apiKey.tooLong', max: MAX_KEY_LENGTH });
  // Header values must be visible ASCII; anything else would be rejected by fetch (or mangled) anyway.
  if (!/^[\x21-\x7e]+$/.test(text)) return refuse({ id: 'apiKey.badChars' });
  if (/^dataset-/i.test(text)) return refuse({ id: 'apiKey.dataset' });
  if (!text.startsWith('app-')) return { ok: true, value: text, warning: { id: 'apiKey.notAppKey' } };
  return text !== input ? { ok: true, value: text, warning: { id: 'apiKey.trimmed' } } : { ok: true, value: text };
}

/** Validates the end-user id Dify scopes conversations by (the `user` argument of every request). */
export function validateUserId(input: string): Validation {
  const text = input.trim();
  if (text === '') return refuse({ id: 'userId.empty' });
  if (CONTROL_CHARS.test(text)) return refuse({ id: 'userId.controlChars' });
  if (text.length > MAX_USER_LENGTH) return refuse({ id: 'userId.tooLong', max: MAX_USER_LENGTH });
  return text !== input ? { ok: true, value: text, warning: { id: 'userId.trimmed' } } : { ok: true, value: text };
}

/** Validates a profile (app) display name. */
export function validateProfileName(input: string): Validation {
  const text = input.trim();
  if (text === '') return refuse({ id: 'profileName.empty' });
  if (CONTROL_CHARS.test(text)) return refuse({ id: 'profileName.controlChars' });
  if (text.length > MAX_PROFILE_NAME_LENGTH) return refuse({ id: 'profileName.tooLong', max: MAX_PROFILE_NAME_LENGTH });
  return { ok: true, value: text };
}

/** The origin (`scheme://host[:port]`) of a URL, or undefined when it does not parse. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** `host:port` of a URL for messages (e.g. `127.0.0.1:5001`), with the scheme's default port. */
export function hostPortOf(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port !== '' ? u.port : u.protocol === 'https:' ? '443' : '80';
    return `${u.hostname}:${port}`;
  } catch {
    return url;
  }
}

function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : undefined;
}

function isPrivateIpv4(parts: number[]): boolean {
  const [a = -1, b = -1] = parts;
  return (
    a === 127 || // loopback
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) // link-local
  );
}

/**
 * True when a host name is loopback or on a private network: `localhost` (and `*.localhost`), `*.local`,
 * 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, `::1`, fc00::/7, fe80::/10 (and IPv4-mapped forms).
 * Plain http to such a host does not cross the internet, so sending the key there needs no warning.
 */
export function isPrivateHost(hostname: string): boolean {
  let host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const v4 = ipv4(host);
  if (v4) return isPrivateIpv4(v4);
  if (!host.includes(':')) return false;
  if (host === '::1') return true;
  // IPv4-mapped (::ffff:10.0.0.1); the URL parser writes them in hex (::ffff:a00:1).
  const mapped = /^::ffff:(.+)$/.exec(host);
  if (mapped) {
    const rest = mapped[1] ?? '';
    const dotted = ipv4(rest);
    if (dotted) return isPrivateIpv4(dotted);
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
    if (hex) {
      const hi = parseInt(hex[1] ?? '0', 16);
      const lo = parseInt(hex[2] ?? '0', 16);
      return isPrivateIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
    }
    return false;
  }
  const first = parseInt(host.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/**
 * True when sending a key to `url` would cross a network in clear text: plain http to a host that is
 * neither loopback nor private. Unparsable URLs count as insecure.
 */
export function isInsecureForKey(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol !== 'https:' && !isPrivateHost(u.hostname);
  } catch {
    return true;
  }
}
