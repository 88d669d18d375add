// Raw HTML inside a markdown answer. An LLM that writes `<div>` in prose almost always means the text "<div>",
// and anything richer is an attack surface, so raw HTML is shown as text. A few harmless inline formatting
// tags are kept (re-emitted without any of their attributes), <img> follows the image policy (a link, never a
// fetch), and comments are dropped. <think> and <details> blocks are handled earlier, by the segmenter.
// DOMPurify still runs over the result; this is the first of two locks.
//
// The text comes from the server, so it is scanned by hand in one pass, never by a regular expression that can
// backtrack: a tag is `<name` followed by attributes and `>`; a `<` where an attribute should be ends the attempt
// (the scan goes on from that `<`), and a quoted value's closing quote is looked up once per quote kind and
// position (see QuoteFinder), so a 64 KB `<a\t<a\t…` or an unclosed `"` costs one pass, not one pass per `<`.
import { decodeEntities, escapeHtml, imageHtml } from './urls';

/** Inline tags kept from raw HTML, always re-emitted bare (`<kbd>`, never `<kbd onclick=…>`). */
const KEPT_TAGS = new Set(['br', 'kbd', 'sup', 'sub', 'b', 'i', 'em', 'strong', 's', 'del', 'ins', 'u', 'mark', 'small', 'code']);
const VOID_TAGS = new Set(['br']);

/** A tag as found in the text: where it ends (just past `>`), its name, whether it closes, its attributes. */
interface Tag {
  end: number;
  name: string;
  closing: boolean;
  attributes: Map<string, string>;
}

/** Where the scan of a `<` that turned out not to be a tag may resume (the `<` that ended it, or just past it). */
interface NotATag {
  resume: number;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isNameChar = (c: string): boolean => isAlpha(c) || (c >= '0' && c <= '9') || c === '-';
/** Characters that end an attribute name (besides the end of the text). */
const isNameEnd = (c: string): boolean => isSpace(c) || c === '"' || c === "'" || c === '>' || c === '/' || c === '=' || c === '<';
/** Characters that end an unquoted attribute value. */
const isUnquotedEnd = (c: string): boolean => isSpace(c) || c === '"' || c === "'" || c === '=' || c === '<' || c === '>' || c === '`';

/**
 * The next `"` or `'` at or after a position. Each answer is remembered with the position it was asked from:
 * there is no such quote between the two, so a later question from anywhere in that span has the same answer
 * without a scan. Attempts at tags only move forward through the text, so the closing quotes of all of them
 * together cost about one scan of the text per quote kind.
 */
class QuoteFinder {
  private readonly last = new Map<string, { from: number; at: number }>();
  constructor(private readonly text: string) {}

  next(quote: string, from: number): number {
    const known = this.last.get(quote);
    if (known !== undefined && from >= known.from && (known.at < 0 || from <= known.at)) return known.at;
    const at = this.text.indexOf(quote, from);
    this.last.set(quote, { from, at });
    return at;
  }
}

/** Reads the tag starting at `html[start] === '<'`, or says where to resume when there is none. */
function readTag(html: string, start: number, quotes: QuoteFinder): Tag | NotATag {
  let i = start + 1;
  const closing = html[i] === '/';
  if (closing) i++;
  if (!isAlpha(html[i] ?? '')) return { resume: start + 1 };
  const nameStart = i;
  while (i < html.length && isNameChar(html[i] as string)) i++;
  const name = html.slice(nameStart, i).toLowerCase();
  const attributes = new Map<string, string>();
  for (;;) {
    const before = i;
    while (i < html.length && isSpace(html[i] as string)) i++;
    const c = html[i];
    if (c === undefined || c === '<') return { resume: Math.max(i, start + 1) };
    if (c === '>') return { end: i + 1, name, closing, attributes };
    if (c === '/') return html[i + 1] === '>' ? { end: i + 2, name, closing, attributes } : { resume: start + 1 };
    // An attribute needs whitespace before it.
    if (i === before || c === '"' || c === "'" || c === '=') return { resume: start + 1 };
    const attrStart = i;
    while (i < html.length && !isNameEnd(html[i] as string)) i++;
    const attrName = html.slice(attrStart, i).toLowerCase();
    let value = '';
    let j = i;
    while (j < html.length && isSpace(html[j] as string)) j++;
    if (html[j] === '=') {
      j++;
      while (j < html.length && isSpace(html[j] as string)) j++;
      const q = html[j];
      if (q === '"' || q === "'") {
        const close = quotes.next(q, j + 1);
        if (close < 0) return { resume: start + 1 };
        value = html.slice(j + 1, close);
        i = close + 1;
      } else {
        const valueStart = j;
        while (j < html.length && !isUnquotedEnd(html[j] as string)) j++;
        if (j === valueStart) return { resume: start + 1 };
        value = html.slice(valueStart, j);
        i = j;
      }
    }
    if (!attributes.has(attrName)) attributes.set(attrName, value);
  }
}

/** The first URL of a srcset (`url 1x, url 2x`). */
function firstSrcsetUrl(srcset: string): string {
  const s = srcset.trim();
  let end = 0;
  while (end < s.length && !isSpace(s[end] as string)) end++;
  const first = s.slice(0, end);
  return first.endsWith(',') ? first.slice(0, -1) : first;
}

function imgTag(attrs: Map<string, string>): string {
  const src = attrs.get('src') || firstSrcsetUrl(attrs.get('srcset') ?? '');
  const alt = decodeEntities(attrs.get('alt') ?? '');
  // Alt text from an attribute is plain text: escape it fully (imageHtml keeps entities, so pre-escape &).
  return imageHtml(src, alt.replaceAll('&', '&amp;'), null);
}

/** What a tag becomes: a bare kept tag, an image link, or its source as text. */
function tagHtml(tag: Tag, source: string): string {
  if (tag.name === 'think') return ''; // a stray reasoning tag (one not at a line start): never markup, never noise
  if (KEPT_TAGS.has(tag.name)) {
    if (!tag.closing) return `<${tag.name}>`;
    return VOID_TAGS.has(tag.name) ? '' : `</${tag.name}>`;
  }
  if (tag.name === 'img' && !tag.closing) return imgTag(tag.attributes);
  return escapeHtml(source, true);
}

/** Converts raw HTML (a marked `html` token's text) to the safe subset described above. */
export function convertRawHtml(html: string): string {
  const quotes = new QuoteFinder(html);
  let out = '';
  let text = 0; // start of the text not yet written
  let i = html.indexOf('<');
  while (i >= 0) {
    if (html.startsWith('<!--', i)) {
      // A comment, to its end or to the end of the text: invisible in a browser, so dropped here too.
      out += escapeHtml(html.slice(text, i), true);
      const close = html.indexOf('-->', i + 4);
      text = close < 0 ? html.length : close + 3;
      i = html.indexOf('<', text);
      continue;
    }
    const tag = readTag(html, i, quotes);
    if ('resume' in tag) {
      i = html.indexOf('<', tag.resume);
      continue;
    }
    out += escapeHtml(html.slice(text, i), true) + tagHtml(tag, html.slice(i, tag.end));
    text = tag.end;
    i = html.indexOf('<', text);
  }
  return out + escapeHtml(html.slice(text), true);
}

/** A raw HTML block: converted, in a paragraph, its line breaks kept (the answer's text layout). */
export function rawHtmlBlock(html: string): string {
  // trimEnd removes exactly what `\s` matches, in one pass from the end.
  const body = convertRawHtml(html.trimEnd());
  if (!body.trim()) return '';
  return `<p class="raw-html">${body.replaceAll('\n', '<br>')}</p>\n`;
}
