/**
 * Validation of what people type when they connect: the base URL, the app API key and the end-user id.
 * Each check answers with one sentence that says what is wrong and what to do. Pure: no vscode, no I/O.
 */

/** The outcome of validating one input. `value` is the normalised input to use when `ok`. */
export type Validation =
  | {
      ok: true;
      /** The normalised value (trimmed; for URLs, trailing slashes removed). */
      value: string;
      /** A non-blocking remark, e.g. "Dify's API is usually under /v1". */
      warning?: string;
      /** A corrected value the UI can offer (e.g. the URL with `/v1` appended). */
      suggestion?: string;
    }
  | {
      ok: false;
      /** One sentence: what is wrong and what to do. */
      error: string;
      /** A corrected value the UI can offer, when one is obvious. */
      suggestion?: string;
    };

/** Keys longer than this are certainly not Dify keys (real ones are `app-` plus 24 characters). */
export const MAX_KEY_LENGTH = 512;
/** End-user ids longer than this are refused (Dify stores them in a 255-character column). */
export const MAX_USER_LENGTH = 255;

const EXAMPLE_URL = 'http://localhost/v1';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Validates and normalises a Dify API base URL such as `https://api.dify.ai/v1`.
 * Refuses what can never work or would be dangerous (other schemes, credentials, query strings);
 * warns (with a suggestion) when the path does not end in `/v1`, because Dify's Service API lives there.
 */
export function validateBaseUrl(input: string): Validation {
  const text = input.trim();
  if (text === '') return { ok: false, error: `Enter the base URL of your Dify API, for example ${EXAMPLE_URL}.` };
  if (/\s/.test(text)) return { ok: false, error: 'The URL contains spaces; remove them (a URL cannot contain spaces).' };
  if (CONTROL_CHARS.test(text)) return { ok: false, error: 'The URL contains control characters; type it again.' };

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  // "localhost:8080/v1" parses as scheme "localhost"; treat "word:digits" as a missing scheme, not a strange one.
  const looksLikeHostPort = scheme !== null && /^[a-z0-9.-]+:\d/i.test(text);
  if (scheme === null || looksLikeHostPort) {
    return {
      ok: false,
      error: `Start the URL with http:// or https://, for example http://${text.replace(/^\/+/, '')}.`,
      suggestion: `http://${text.replace(/^\/+/, '')}`,
    };
  }
  const protocol = (scheme[1] ?? '').toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') {
    return { ok: false, error: `Only http:// and https:// URLs can reach Dify; "${protocol}:" is not supported.` };
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: `That is not a valid URL; it should look like ${EXAMPLE_URL}.` };
  }
  if (url.hostname === '') return { ok: false, error: `The URL has no host name; it should look like ${EXAMPLE_URL}.` };
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      error: 'Remove the user name and password from the URL; the API key is the only credential Dify needs.',
    };
  }
  if (url.search !== '' || text.includes('?')) {
    return { ok: false, error: 'Remove the query string (the part from "?") from the URL; the base URL is only the address of the API.' };
  }
  if (url.hash !== '' || text.includes('#')) {
    return { ok: false, error: 'Remove the "#..." part from the URL; the base URL is only the address of the API.' };
  }

  const path = url.pathname.replace(/\/+$/, '');
  const origin = url.origin;
  if (/\/v1\/v1$/i.test(path)) {
    const fixed = origin + path.replace(/(\/v1)+$/i, '/v1');
    return { ok: false, error: `The URL ends in /v1/v1; use ${fixed}.`, suggestion: fixed };
  }
  // A pasted endpoint ("…/v1/chat-messages"): the client appends routes itself.
  const endpoint = /^(.*?\/v1)\/[^/].*$/i.exec(path);
  if (endpoint) {
    const fixed = origin + (endpoint[1] ?? '');
    return { ok: false, error: `That is an endpoint, not the base URL; use ${fixed} (the extension adds the route).`, suggestion: fixed };
  }
  const value = origin + path;
  if (!/\/v1$/i.test(path)) {
    const suggestion = `${value}/v1`;
    return {
      ok: true,
      value,
      warning: `Dify's API is usually under /v1; did you mean ${suggestion}?`,
      suggestion,
    };
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
  if (text === '') return { ok: false, error: "Enter the app's API key (it starts with app-)." };
  if (/^bearer\s/i.test(text)) return { ok: false, error: 'Paste the key alone, without the word "Bearer".' };
  if (/\s/.test(text)) {
    return { ok: false, error: 'The key contains spaces; copy it again from the app\'s "API Access" page in Dify.' };
  }
  if (text.length > MAX_KEY_LENGTH) {
    return { ok: false, error: `That is too long to be an API key (over ${MAX_KEY_LENGTH} characters); check what was pasted.` };
  }
  // Header values must be visible ASCII; anything else would be rejected by fetch (or mangled) anyway.
  if (!/^[\x21-\x7e]+$/.test(text)) {
    return { ok: false, error: 'The key contains characters that cannot be sent in an HTTP header; copy it again.' };
  }
  if (/^dataset-/i.test(text)) {
    return {
      ok: false,
      error: "This is a Knowledge (dataset) API key; chat needs the app's own key, which starts with app-.",
    };
  }
  const trimmedNote = text !== input ? 'Spaces around the key will be removed.' : undefined;
  if (!text.startsWith('app-')) {
    return {
      ok: true,
      value: text,
      warning: "Dify app keys start with app-; check that you copied the app's API key.",
    };
  }
  return trimmedNote === undefined ? { ok: true, value: text } : { ok: true, value: text, warning: trimmedNote };
}

/** Validates the end-user id Dify scopes conversations by (the `user` argument of every request). */
export function validateUserId(input: string): Validation {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'The user id cannot be empty; Dify keeps each user\'s conversations under it.' };
  if (CONTROL_CHARS.test(text)) return { ok: false, error: 'The user id contains control characters (such as a line break); remove them.' };
  if (text.length > MAX_USER_LENGTH) {
    return { ok: false, error: `The user id is too long (over ${MAX_USER_LENGTH} characters); use a shorter one.` };
  }
  return text !== input
    ? { ok: true, value: text, warning: 'Spaces around the user id will be removed.' }
    : { ok: true, value: text };
}

/** Validates a profile (app) display name. */
export function validateProfileName(input: string): Validation {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Give the app a name, e.g. "Code reviewer".' };
  if (CONTROL_CHARS.test(text)) return { ok: false, error: 'The name contains control characters; remove them.' };
  if (text.length > 100) return { ok: false, error: 'The name is too long (over 100 characters); use a shorter one.' };
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

/** `host:port` of a URL for messages ("Nothing is listening at 127.0.0.1:5001"), with the scheme's default port. */
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
