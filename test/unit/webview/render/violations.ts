// What rendered markdown must never contain, checked on the DOM (used in node with jsdom and in Chromium).
// Returns one line per problem, so a failing test says exactly what slipped through.

/** Elements rendered content may contain at all. */
const ALLOWED = new Set([
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'details', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i',
  'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 's', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table',
  'tbody', 'td', 'th', 'thead', 'tr', 'u', 'ul',
  // the renderer's own code toolbar (checked separately below)
  'button', 'svg', 'path',
]);
const ALLOWED_ATTRS = new Set(['align', 'alt', 'class', 'data-checked', 'data-href', 'data-lang', 'href', 'src', 'start', 'title', 'open']);
const TOOLBAR_ATTRS = new Set(['type', 'class', 'data-code-action', 'aria-label', 'title', 'viewBox', 'width', 'height', 'aria-hidden', 'focusable', 'd', 'fill', 'stroke', 'stroke-width']);
/** What the renderer adds to a block that scrolls sideways (toolbar.ts makeScrollable): a tab stop, and a name for code. */
function scrollableAttrOk(el: Element, name: string, value: string): boolean {
  const tag = el.tagName.toLowerCase();
  const code = tag === 'pre' && el.parentElement?.classList.contains('code-block') === true;
  if (name === 'tabindex') return (code || tag === 'table') && value === '0';
  if (name === 'role') return code && value === 'group';
  return name === 'aria-label' && code;
}
const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
const SAFE_SRC = /^data:image\/(?:png|jpe?g|gif|webp)[;,]/i;

/** Why a mailto href carries more than an address, a subject and a body, or undefined when it does not. */
export function mailtoProblem(href: string): string | undefined {
  if (!/^mailto:/i.test(href)) return undefined;
  const q = href.indexOf('?');
  if (/%3f/i.test(q < 0 ? href : href.slice(0, q))) return 'a "?" hidden in the address';
  const name = (field: string): string => {
    const raw = field.split('=')[0] ?? '';
    try {
      return decodeURIComponent(raw).toLowerCase();
    } catch {
      return raw.toLowerCase();
    }
  };
  const extra = q < 0 ? [] : href.slice(q + 1).split('&').map(name).filter((f) => f !== 'subject' && f !== 'body');
  return extra.length ? `mailto fields ${extra.join(', ')}` : undefined;
}

function describe(el: Element): string {
  return `<${el.tagName.toLowerCase()}${Array.from(el.attributes).map((a) => ` ${a.name}="${a.value}"`).join('')}>`;
}

export function findViolations(root: ParentNode): string[] {
  const problems: string[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    const inToolbar = el.closest('.code-toolbar') !== null;
    if (!ALLOWED.has(tag)) problems.push(`forbidden element ${describe(el)}`);
    if ((tag === 'button' || tag === 'svg' || tag === 'path') && !inToolbar) problems.push(`${tag} outside the code toolbar: ${describe(el)}`);
    if (tag === 'button' && el.parentElement?.classList.contains('code-toolbar') !== true) problems.push(`stray button ${describe(el)}`);
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' && !(inToolbar && (tag === 'svg' || tag === 'path'))) {
      problems.push(`foreign namespace ${el.namespaceURI ?? ''} ${describe(el)}`);
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name;
      const ok = (inToolbar ? TOOLBAR_ATTRS.has(name) || ALLOWED_ATTRS.has(name) : ALLOWED_ATTRS.has(name)) || scrollableAttrOk(el, name, attr.value);
      if (!ok) problems.push(`forbidden attribute ${name} on ${describe(el)}`);
      if (/^on/i.test(name)) problems.push(`event handler ${name} on ${describe(el)}`);
      if (name === 'open' && tag !== 'details') problems.push(`open on ${tag}`);
    }
    if (tag === 'a') {
      const href = el.getAttribute('href');
      if (href === null || !SAFE_HREF.test(href)) problems.push(`link with unsafe href ${describe(el)}`);
      else if (mailtoProblem(href) !== undefined) problems.push(`${mailtoProblem(href) ?? ''} on ${describe(el)}`);
      else if (el.getAttribute('data-href') !== href) problems.push(`link without matching data-href ${describe(el)}`);
    } else if (el.hasAttribute('href') || el.hasAttribute('data-href')) {
      problems.push(`href on a non-link ${describe(el)}`);
    }
    if (el.hasAttribute('src')) {
      const src = el.getAttribute('src') ?? '';
      if (tag !== 'img' || !SAFE_SRC.test(src)) problems.push(`fetching src ${describe(el)}`);
    }
    if (tag === 'img' && !el.hasAttribute('src')) problems.push(`img without src ${describe(el)}`);
  }
  return problems;
}
