/**
 * Removes anything key-shaped from text before it is logged or shown: the literal values of the keys in use
 * (whatever their shape and length, also when the text splits them with whitespace or zero-width
 * characters, and URL-encoded), then `Authorization` header values, `Bearer` tokens and Dify key-shaped
 * tokens (`app-…`, `dataset-…`). Pure: no vscode, no I/O.
 *
 * Every pass is linear in the text: the literal keys are found by one scan per key (a KMP automaton over the
 * text with separators skipped), and the three patterns are anchored on a literal word and followed only
 * by single character classes, so no input makes them backtrack more than once over any character.
 */
import { isSpace } from './pageText';

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

// Order matters: the header and Bearer forms first, so the whole token goes, not just its key-shaped tail.
const PATTERNS: Array<[RegExp, string]> = [
  [/(authorization["']?\s*[:=]\s*["']?)[^\r\n"',}]+/gi, `$1${REDACTED}`],
  [/\bbearer\s+[^\s"',;}]+/gi, `Bearer ${REDACTED}`],
  [/\b(app|dataset)-[A-Za-z0-9_-]{8,}/g, `$1-${REDACTED}`],
];

/**
 * Characters a server (or a copy and paste) may put inside a key without changing what a reader sees as the
 * key: whitespace and line breaks (the JavaScript `\s` set) and the invisible ones (zero-width space, joiners,
 * word joiner, soft hyphen, Mongolian vowel separator, byte order mark).
 */
export function isSeparator(c: number): boolean {
  return isSpace(c) || c === 0xad || c === 0x180e || (c >= 0x200b && c <= 0x200d) || c === 0x2060;
}

/** `s` without its separators (a key is compared by its visible characters). */
function visible(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) if (!isSeparator(s.charCodeAt(i))) out += s[i];
  return out;
}

/** The KMP failure function of `p`. */
function failureTable(p: string): Int32Array {
  const f = new Int32Array(p.length);
  for (let i = 1, k = 0; i < p.length; i++) {
    while (k > 0 && p.charCodeAt(i) !== p.charCodeAt(k)) k = f[k - 1] ?? 0;
    if (p.charCodeAt(i) === p.charCodeAt(k)) k++;
    f[i] = k;
  }
  return f;
}

/**
 * The spans `[start, end)` of `text` that spell `key` with any separators between its characters, left to
 * right and without overlaps. One pass over the text; memory in the key's length only.
 */
function keySpans(text: string, key: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const m = key.length;
  if (m === 0 || text.indexOf(key[0] as string) < 0) return spans;
  const fail = failureTable(key);
  // Where the last m visible characters of the text are: the start of a match is m visible characters back.
  const at = new Int32Array(m);
  let seen = 0;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSeparator(c)) continue;
    at[seen++ % m] = i;
    while (k > 0 && c !== key.charCodeAt(k)) k = fail[k - 1] ?? 0;
    if (c === key.charCodeAt(k)) k++;
    if (k === m) {
      spans.push([at[(seen - m) % m] ?? i, i + 1]);
      k = 0;
    }
  }
  return spans;
}

/** `text` with every span replaced by {@link REDACTED}. */
function replaceSpans(text: string, spans: ReadonlyArray<[number, number]>): string {
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start) + REDACTED;
    from = end;
  }
  return out + text.slice(from);
}

/** Removes the literal secrets from a piece of text that holds no {@link REDACTED} marker. */
function removeLiterals(text: string, literals: readonly string[]): string {
  let out = text;
  for (const secret of literals) out = replaceSpans(out, keySpans(out, secret));
  return out;
}

/** The visible forms of the secrets to look for, longest first (so a key that holds another goes whole). */
function literalForms(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string') continue;
    const plain = visible(s);
    if (plain === '') continue;
    forms.add(plain);
    // Also its URL-encoded form (a key that slipped into a query string or a form body).
    const encoded = visible(encodeURIComponent(s));
    if (encoded !== plain) forms.add(encoded);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Returns `text` with secrets replaced by {@link REDACTED}. Idempotent: the markers of an earlier pass are
 * left alone, so text redacted twice (by the client, then by the log) reads the same.
 * @param secrets literal values to remove wherever they appear (the current keys), of any length, also
 *   when whitespace or zero-width characters split them.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  const literals = literalForms(secrets);
  let out = text;
  // Literal secrets first: a key that is not app-shaped would otherwise survive the patterns.
  if (literals.length > 0) {
    out = out.includes(REDACTED) ? out.split(REDACTED).map((piece) => removeLiterals(piece, literals)).join(REDACTED) : removeLiterals(out, literals);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Redacts `text`, then keeps at most `max` characters of it (an ellipsis marks the cut). Redaction comes
 * first and sees a margin past the cut, so a key that straddles it is removed whole, never left half visible.
 */
export function redactClipped(text: string, max: number, secrets: readonly string[] = []): string {
  let margin = 512;
  for (const s of secrets) margin += 16 * s.length;
  const clean = redact(text.length > max + margin ? text.slice(0, max + margin) : text, secrets);
  return clean.length > max ? `${clean.slice(0, Math.max(0, max - 1))}\u2026` : clean;
}
