/**
 * Which links the chat panel may open, as both sides apply it: the webview decides what becomes a link,
 * and the host checks again before `openExternal`. Plain WHATWG URL parsing, so both read a link alike.
 */

/**
 * The header fields a `mailto:` link keeps. Any other (`cc`, `bcc`, `to`, `attach`, `in-reply-to`, ...)
 * would let an answer add recipients or files behind a link that reads as a plain address.
 */
const MAILTO_FIELDS: ReadonlySet<string> = new Set(['subject', 'body']);

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/**
 * A mailto: URL with only its first `subject` and `body`, values kept as encoded (a `+` is a plus in
 * mailto, so re-encoding through URLSearchParams would change them); no fragment. Null when the address
 * itself hides a `?` (`%3F`): a mail client that decodes before splitting would read fields from it.
 */
function mailtoLink(url: URL): string | null {
  if (/%3f/i.test(url.pathname)) return null;
  const kept = new Map<string, string>();
  for (const field of url.search.slice(1).split('&')) {
    const eq = field.indexOf('=');
    const name = decodeName(eq < 0 ? field : field.slice(0, eq));
    if (MAILTO_FIELDS.has(name) && !kept.has(name)) kept.set(name, eq < 0 ? '' : field.slice(eq + 1));
  }
  const query = [...kept].map(([name, value]) => `${name}=${value}`).join('&');
  return `mailto:${url.pathname}${query ? `?${query}` : ''}`;
}

/**
 * The link as the panel may open it, or null when it must stay text: http(s) with a host name, or
 * mailto with only its `subject` and `body` fields (the others are dropped).
 */
export function openableLink(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      return url.hostname ? url.href : null;
    case 'mailto:':
      return mailtoLink(url);
    default:
      return null;
  }
}

/** An http(s) link as {@link openableLink} gives it, or null: for what must be a web address (an answer's files). */
export function openableWebLink(href: string): string | null {
  const link = openableLink(href);
  return link !== null && !link.startsWith('mailto:') ? link : null;
}
