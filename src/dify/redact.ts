/**
 * Removes anything key-shaped from text before it is logged or shown: `Authorization` header values,
 * `Bearer` tokens, Dify key-shaped tokens (`app-…`, `dataset-…`) and the literal values of the keys
 * currently in use (a key may not look like a Dify key). Pure: no vscode, no I/O.
 */

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

// Order matters: the header and Bearer forms first, so the whole token goes, not just its key-shaped tail.
const PATTERNS: Array<[RegExp, string]> = [
  [/(authorization["']?\s*[:=]\s*["']?)[^\r\n"',}]+/gi, `$1${REDACTED}`],
  [/\bbearer\s+[^\s"',;}]+/gi, `Bearer ${REDACTED}`],
  [/\b(app|dataset)-[A-Za-z0-9_-]{8,}/g, `$1-${REDACTED}`],
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Returns `text` with secrets replaced by {@link REDACTED}.
 * @param secrets literal values to remove wherever they appear (the current keys); values shorter than
 *   4 characters are ignored, since replacing them would shred ordinary text and they are no real keys.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  // Literal secrets first: a key that is not app-shaped would otherwise survive the patterns.
  const literals = [...secrets].filter((s) => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of literals) {
    out = out.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
    // Also its URL-encoded form (a key that slipped into a query string or a form body).
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replace(new RegExp(escapeRegExp(encoded), 'g'), REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
