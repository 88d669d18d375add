// URL policy for rendered markdown. A link may only point at http(s) or mailto: anything else (javascript:,
// command:, vscode:, data:, file:, relative paths) is shown as plain text, because the panel forwards link
// clicks to the host and a relative or custom-scheme URL has no safe meaning there. A mailto keeps only its
// subject and body (src/shared/links.ts, the rule the host checks again). Images never fetch: a remote
// image becomes a link, only inline raster data: URLs may become <img>.
import { openableLink } from '../../src/shared/links';

let decoder: HTMLTextAreaElement | undefined;

/**
 * Decodes HTML character references the way the browser will when the value lands in an attribute
 * (`&#106;avascript:` is `javascript:`). A <textarea> in an inert document parses as RCDATA: no markup,
 * no scripts, just the entity decoder.
 */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  decoder ??= document.implementation.createHTMLDocument('').createElement('textarea');
  decoder.innerHTML = value.replace(/</g, '&lt;');
  return decoder.value;
}

/**
 * What WHATWG URL parsing ignores: leading/trailing C0 controls and spaces, and tab/CR/LF anywhere. Trimmed by
 * hand from both ends: a `[\u0000-\u0020]+$` regex retries at every space of a long run that does not end the text.
 */
function stripIgnored(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return value.slice(start, end).replace(/[\t\n\r]/g, '');
}

/**
 * The URL to put in a link's `href`, or null when the link must be rendered as text. `raw` is the value
 * as written in the source (entities are decoded first, as the browser would).
 */
export function safeLinkUrl(raw: string): string | null {
  const value = stripIgnored(decodeEntities(raw));
  return /^(?:https?|mailto):/i.test(value) ? openableLink(value) : null;
}

const RASTER_DATA_URL = /^data:image\/(?:png|jpe?g|gif|webp)(?:;[a-z0-9=._+-]+)*,[a-z0-9+/=%._~-]*$/i;

/** An inline raster image (png/jpeg/gif/webp) as a data: URL, or null. SVG is excluded: it can carry script. */
export function safeImageDataUrl(raw: string): string | null {
  const value = stripIgnored(decodeEntities(raw)).replace(/\s+/g, '');
  return RASTER_DATA_URL.test(value) ? value : null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content or a double-quoted attribute. With `keepEntities`, an `&` that starts a
 * character reference is left alone: markdown text may use entities (`&copy;`) and they should show decoded.
 */
export function escapeHtml(value: string, keepEntities = false): string {
  const re = keepEntities ? /[<>"']|&(?!#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g : /[&<>"']/g;
  return value.replace(re, (c) => ESCAPES[c] ?? c);
}

/**
 * HTML for an image reference, whatever form it came in (markdown image, raw <img src>, srcset): an <img>
 * only for an inline raster data: URL; a link (with the alt text, or the URL when there is none) for an
 * http(s) URL; otherwise just the alt text.
 */
export function imageHtml(src: string, alt: string, title?: string | null): string {
  const titleAttr = title ? ` title="${escapeHtml(title, true)}"` : '';
  const data = safeImageDataUrl(src);
  if (data) return `<img src="${escapeHtml(data)}" alt="${escapeHtml(alt, true)}"${titleAttr}>`;
  const href = safeLinkUrl(src);
  if (href) {
    const label = alt.trim() ? alt : href;
    return `<a href="${escapeHtml(href)}" data-href="${escapeHtml(href)}" class="image-link"${titleAttr}>${escapeHtml(label, true)}</a>`;
  }
  return escapeHtml(alt, true);
}
