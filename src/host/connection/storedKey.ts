/**
 * How a profile's API key is kept in SecretStorage: one JSON value holding the key and the origin it was entered
 * for, so the binding travels with the key (a reset global state, another VS Code profile or window reading the
 * same secret sees the same binding, or none). No vscode import: unit-tested in Node.
 *
 * `{"version":1,"key":"app-…","origin":"https://api.dify.ai"}`. Versions before this one stored the bare key;
 * such a value is read as a key bound to no origin, which the user is asked about once before it is sent.
 */
import { originOf } from '../../dify/validate';

/** A key as stored: the key, and the origin it may be sent to without asking (absent: none recorded yet). */
export interface StoredKey {
  key: string;
  origin?: string;
}

const VERSION = 1;

/** The SecretStorage value for a stored key. */
export function encodeStoredKey(stored: StoredKey): string {
  return JSON.stringify(stored.origin === undefined ? { version: VERSION, key: stored.key } : { version: VERSION, key: stored.key, origin: stored.origin });
}

/**
 * A SecretStorage value as a stored key: the JSON of {@link encodeStoredKey}, or a bare key as older versions
 * stored it (bound to nothing). An origin that is not one (`https://host[:port]`, as `originOf` gives it) binds
 * nothing either. Undefined for no value, an empty one, or JSON without a key.
 */
export function decodeStoredKey(raw: string | undefined): StoredKey | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!raw.startsWith('{')) return { key: raw };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Not JSON after all: an older version stored whatever was typed, so treat it as a bare key.
    return { key: raw };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { key, origin } = parsed as { key?: unknown; origin?: unknown };
  if (typeof key !== 'string' || key === '') return undefined;
  return typeof origin === 'string' && originOf(origin) === origin ? { key, origin } : { key };
}
