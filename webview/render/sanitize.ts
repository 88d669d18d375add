// The second lock: whatever marked and our renderer produced goes through DOMPurify with a strict allow-list
// before it reaches the page. Only after sanitizing does the renderer add its own controls (the code toolbar
// buttons), which content can never create.
import createDOMPurify from 'dompurify';
import type { Config, DOMPurify } from 'dompurify';
import { openableLink } from '../../src/shared/links';
import { safeImageDataUrl, safeLinkUrl } from './urls';

/** Everything rendered markdown may contain. No forms, media, frames, svg/math, style or script. */
const ALLOWED_TAGS = [
  // <body> is the root DOMPurify parses into, never output (the fragment holds its children; the HTML parser
  // puts no second <body> inside one). Not allowed, the root is treated as removed content to keep: every pass
  // would deep-clone everything it parsed beside it before walking the original.
  'body',
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img',
  'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 's', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody',
  'td', 'th', 'thead', 'tr', 'u', 'ul',
];
/** No id/name (DOM clobbering), no style, no event handlers, no target, no srcset. */
const ALLOWED_ATTR = ['align', 'alt', 'class', 'data-checked', 'data-href', 'data-lang', 'href', 'src', 'start', 'title'];

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  // Attributes whose values are not URLs (DOMPurify would otherwise test them against the URI pattern).
  ADD_URI_SAFE_ATTR: ['align', 'start', 'data-lang', 'data-checked'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_XML: true,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
};

let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const p = createDOMPurify(window);
  // Set once: a config given to each sanitize() call is parsed again on every call (an answer's every update).
  p.setConfig(CONFIG);
  p.addHook('uponSanitizeAttribute', (node, event) => {
    const name = event.attrName;
    if (name === 'src') {
      // Only inline raster images: never a fetch, never SVG.
      if (node.nodeName !== 'IMG' || safeImageDataUrl(event.attrValue) === null) event.keepAttr = false;
    } else if (name === 'href' || name === 'data-href') {
      if (node.nodeName !== 'A' || safeLinkUrl(event.attrValue) === null) event.keepAttr = false;
    }
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      // The attribute as parsed (entities already decoded), in the form the policy gives it: a mailto
      // that slipped in with other fields keeps only its subject and body.
      const href = node.getAttribute('href');
      const link = href === null ? null : openableLink(href);
      if (link === null) {
        node.removeAttribute('href');
        node.removeAttribute('data-href');
      } else {
        node.setAttribute('href', link);
        node.setAttribute('data-href', link);
      }
    }
  });
  purifier = p;
  return p;
}

/**
 * Sanitizes `html` into a fragment, then enforces the link and image rules on the result once more: an
 * <a> without an allowed href is unwrapped to its text, an <img> without an allowed src becomes its alt text.
 */
export function sanitizeToFragment(html: string): DocumentFragment {
  // Adopted into our document before it is queried: DOMPurify parses in a throwaway document each time,
  // and selector engines (jsdom's at least) set up per-document state that would pile up.
  // The config set in getPurifier returns a fragment; sanitize's types only know that from a config given here.
  const p = getPurifier();
  const fragment = document.adoptNode(p.sanitize(html) as unknown as DocumentFragment);
  // DOMPurify lists what it removed until its next call: each of those nodes would keep the last pass's throwaway
  // document, and every node left in it, alive for as long as the panel stays idle.
  p.removed = [];
  for (const a of Array.from(fragment.querySelectorAll('a'))) {
    const href = a.getAttribute('href');
    if (href === null || safeLinkUrl(href) === null) a.replaceWith(...Array.from(a.childNodes));
  }
  for (const img of Array.from(fragment.querySelectorAll('img'))) {
    const src = img.getAttribute('src');
    if (src === null || safeImageDataUrl(src) === null) img.replaceWith(img.getAttribute('alt') ?? '');
  }
  return fragment;
}

/** How many removed nodes and attributes the sanitizer still holds from its last call (none: see sanitizeToFragment). */
export const heldByPurifier = (): number => getPurifier().removed.length;

/**
 * Where markup joined for one sanitizing pass is cut apart again: an element no content can make (raw HTML in an
 * answer never becomes an <hr>, see rawHtml.ts, and Markdown's rules are bare <hr>s).
 */
const SPLIT_CLASS = 'dify-split';
const SPLIT = `<hr class="${SPLIT_CLASS}">`;

const isSplit = (n: Node): boolean => n instanceof Element && n.tagName === 'HR' && n.classList.contains(SPLIT_CLASS);

/** One pass over several pieces of balanced markup; undefined when the cuts did not come back one per piece. */
function sanitizeJoined(htmls: readonly string[]): DocumentFragment[] | undefined {
  const whole = sanitizeToFragment(htmls.join(SPLIT));
  const parts: DocumentFragment[] = [document.createDocumentFragment()];
  for (const node of Array.from(whole.childNodes)) {
    if (isSplit(node)) parts.push(document.createDocumentFragment());
    else (parts.at(-1) as DocumentFragment).append(node);
  }
  return parts.length === htmls.length ? parts : undefined;
}

/**
 * {@link sanitizeToFragment} for each of `htmls` (a fragment per piece, undefined for an empty one), in as few
 * passes as it can: each pass has a fixed cost (DOMPurify parses into a new document), a block of an answer is
 * small, and a reopened answer has dozens. Runs of pieces marked `joinable` (markup whose elements all close
 * inside it: the renderer's own, without raw HTML from the answer) go through in one pass and are cut apart
 * after; any other piece goes alone, as does a run whose cuts did not come back (never expected).
 */
export function sanitizeEach(htmls: readonly string[], joinable: readonly boolean[]): (DocumentFragment | undefined)[] {
  const out: (DocumentFragment | undefined)[] = htmls.map(() => undefined);
  let run: number[] = [];
  const flush = (): void => {
    const joined = run.length > 1 ? sanitizeJoined(run.map((i) => htmls[i] as string)) : undefined;
    run.forEach((at, k) => (out[at] = joined ? joined[k] : sanitizeToFragment(htmls[at] as string)));
    run = [];
  };
  htmls.forEach((html, i) => {
    if (html === '') return;
    if (!joinable[i]) {
      flush();
      out[i] = sanitizeToFragment(html);
    } else run.push(i);
  });
  flush();
  return out;
}
