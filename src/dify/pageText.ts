/**
 * What an answer that is not Dify's says about itself (an HTML page's title, a body's first line), read
 * with bounded, linear scans: these run on whatever a server, a proxy or an attacker sends, often without
 * the user doing anything (`GET /info` at start-up), so no input may cost more than one pass over a
 * bounded prefix. No regular expressions here.
 */

/** How much of a body is looked at: a page's title is in its head, and a first line worth showing is short. */
export const PEEK_CHARS = 64 * 1024;

/** True for the characters `String.prototype.trim` removes (JavaScript's `\s`). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The first `PEEK_CHARS` characters of `text`. */
export function peek(text: string): string {
  return text.length > PEEK_CHARS ? text.slice(0, PEEK_CHARS) : text;
}

/** True when the body's first non-blank character is `<` (looked for within the peek only). */
export function startsLikeMarkup(text: string): boolean {
  const end = Math.min(text.length, PEEK_CHARS);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) return c === 0x3c;
  }
  return false;
}

/** The first line of `s` (LF or CRLF), trimmed; at most `max` characters, an ellipsis marking a cut. */
export function firstLine(s: string, max: number): string {
  const nl = s.indexOf('\n');
  let line = nl < 0 ? s : s.slice(0, nl);
  if (line.length > max + PEEK_CHARS) line = line.slice(0, max + PEEK_CHARS);
  line = line.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** True when `text` at `at` spells `name` (lower-case ASCII letters and digits), ignoring ASCII case. */
function spells(text: string, at: number, name: string): boolean {
  if (at + name.length > text.length) return false;
  for (let k = 0; k < name.length; k++) {
    const want = name.charCodeAt(k);
    let c = text.charCodeAt(at + k);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== want) return false;
  }
  return true;
}

/**
 * The text of the first `<name …>text</name>` whose text holds no `<`, as `/<name[^>]*>([^<]*)<\/name>/i`
 * finds it, but in one pass: a start tag whose `>` never comes cannot be followed by one that matches, and
 * a start tag whose text is not closed right at the next `<` leaves nothing to find before that `<`.
 */
function tagText(text: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const lt = text.indexOf('<', from);
    if (lt < 0) return undefined;
    if (!spells(text, lt + 1, name)) {
      from = lt + 1;
      continue;
    }
    const gt = text.indexOf('>', lt + 1 + name.length);
    if (gt < 0) return undefined;
    const end = text.indexOf('<', gt + 1);
    if (end < 0) return undefined;
    if (text.charCodeAt(end + 1) === 0x2f && spells(text, end + 2, name) && text.charCodeAt(end + 2 + name.length) === 0x3e) return text.slice(gt + 1, end);
    from = end;
  }
}

/** A page's `<title>`, else its first `<h1>`, trimmed; undefined when it has neither (or they are blank). */
export function htmlTitle(text: string): string | undefined {
  const head = peek(text);
  const t = (tagText(head, 'title') ?? tagText(head, 'h1'))?.trim();
  return t === undefined || t === '' ? undefined : t;
}
