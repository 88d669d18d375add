// Raw HTML inside a markdown answer. An LLM that writes `<div>` in prose almost always means the text "<div>",
// and anything richer is an attack surface, so raw HTML is shown as text. A few harmless inline formatting
// tags are kept (re-emitted without any of their attributes), <img> follows the image policy (a link, never a
// fetch), and comments are dropped. <think> and <details> blocks are handled earlier, by the segmenter.
// DOMPurify still runs over the result; this is the first of two locks.
import { decodeEntities, escapeHtml, imageHtml } from './urls';

/** Inline tags kept from raw HTML, always re-emitted bare (`<kbd>`, never `<kbd onclick=…>`). */
const KEPT_TAGS = new Set(['br', 'kbd', 'sup', 'sub', 'b', 'i', 'em', 'strong', 's', 'del', 'ins', 'u', 'mark', 'small', 'code']);
const VOID_TAGS = new Set(['br']);

const ATTR = String.raw`[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+))?`;
const PIECE = new RegExp(String.raw`<!--[\s\S]*?(?:-->|$)|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+${ATTR})*)\s*/?>`, 'g');
const ATTRS = new RegExp(String.raw`([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>\x60]+)))?`, 'g');

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(ATTRS)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!out.has(name)) out.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** The first URL of a srcset (`url 1x, url 2x`). */
function firstSrcsetUrl(srcset: string): string {
  return srcset.trim().split(/\s+/)[0]?.replace(/,$/, '') ?? '';
}

function imgTag(attrSource: string): string {
  const attrs = attributes(attrSource);
  const src = attrs.get('src') || firstSrcsetUrl(attrs.get('srcset') ?? '');
  const alt = decodeEntities(attrs.get('alt') ?? '');
  // Alt text from an attribute is plain text: escape it fully (imageHtml keeps entities, so pre-escape &).
  return imageHtml(src, alt.replace(/&/g, '&amp;'), null);
}

/** Converts raw HTML (a marked `html` token's text) to the safe subset described above. */
export function convertRawHtml(html: string): string {
  let out = '';
  let last = 0;
  for (const m of html.matchAll(PIECE)) {
    const index = m.index ?? 0;
    out += escapeHtml(html.slice(last, index), true);
    last = index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (name === undefined) continue; // a comment: invisible in a browser, so dropped here too
    const closing = m[1] === '/';
    if (name === 'think') continue; // a stray reasoning tag (one not at a line start): never markup, never noise
    if (KEPT_TAGS.has(name)) {
      if (!closing) out += `<${name}>`;
      else if (!VOID_TAGS.has(name)) out += `</${name}>`;
    } else if (name === 'img' && !closing) {
      out += imgTag(m[3] ?? '');
    } else {
      out += escapeHtml(m[0], true);
    }
  }
  return out + escapeHtml(html.slice(last), true);
}

/** A raw HTML block: converted, in a paragraph, its line breaks kept (the answer's text layout). */
export function rawHtmlBlock(html: string): string {
  const body = convertRawHtml(html.replace(/\s+$/, ''));
  if (!body.trim()) return '';
  return `<p class="raw-html">${body.replace(/\n/g, '<br>')}</p>\n`;
}
