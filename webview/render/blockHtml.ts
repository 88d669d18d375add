// marked, configured for chat answers: GFM, single newlines as line breaks (as Dify's own web app renders
// them), and a renderer that emits only what the sanitizer allows anyway: safe links, images as links, code
// blocks in the panel's toolbar-ready wrapper, task boxes without <input>, raw HTML converted by rawHtml.ts.
import { Lexer, Parser, Renderer, getDefaults } from 'marked';
import type { MarkedOptions, Token, Tokens } from 'marked';
import { highlightCode, isKnownLanguage } from './highlight';
import { PENDING_HIGHLIGHT_CLASS } from './lazyHighlight';
import { convertRawHtml, rawHtmlBlock } from './rawHtml';
import { escapeHtml, imageHtml, safeLinkUrl } from './urls';

/** Link reference definitions by normalised label, as marked keeps them. */
export type LinkDefs = Record<string, { href: string; title?: string | null }>;

/** The fence info word, reduced to characters that are safe in a class name and an attribute. */
export function fenceLanguage(info: string | undefined): string {
  const word = (info ?? '').trim().split(/\s+/)[0] ?? '';
  return /^[\w#+.-]{1,40}$/.test(word) ? word : '';
}

class ChatRenderer extends Renderer {
  /** The code token still being streamed (its fence not closed yet): shown as plain text until it closes. */
  streaming: Tokens.Code | null = null;
  /** Leave known languages as plain text marked pending: lazyHighlight.ts highlights them once seen. */
  lazy = false;
  /** Inside a link's text an image can't become another link (nested <a>): it shows as its alt text. */
  private inLink = 0;

  override code(token: Tokens.Code): string {
    const lang = fenceLanguage(token.lang);
    const text = token.text.replace(/\n$/, '');
    const plain = token === this.streaming || !isKnownLanguage(lang);
    const pending = !plain && this.lazy;
    const body = plain || pending ? escapeHtml(text) : highlightCode(text, lang);
    const cls = lang ? `hljs language-${lang}` : 'hljs';
    const block = token === this.streaming ? 'code-block streaming' : pending ? `code-block ${PENDING_HIGHLIGHT_CLASS}` : 'code-block';
    return `<div class="${block}" data-lang="${lang}"><pre><code class="${cls}">${body}</code></pre></div>\n`;
  }

  override html(token: Tokens.HTML | Tokens.Tag): string {
    return token.block ? rawHtmlBlock(token.text) : convertRawHtml(token.text);
  }

  override link(token: Tokens.Link): string {
    this.inLink++;
    let text: string;
    try {
      text = this.parser.parseInline(token.tokens);
    } finally {
      this.inLink--;
    }
    const href = safeLinkUrl(token.href);
    if (href === null) return text;
    const title = token.title ? ` title="${escapeHtml(token.title, true)}"` : '';
    return `<a href="${escapeHtml(href)}" data-href="${escapeHtml(href)}"${title}>${text}</a>`;
  }

  override image(token: Tokens.Image): string {
    const alt = token.tokens ? this.parser.parseInline(token.tokens, this.parser.textRenderer) : token.text;
    return this.inLink ? escapeHtml(alt, true) : imageHtml(token.href, alt, token.title);
  }

  override checkbox(token: Tokens.Checkbox): string {
    // A drawn box, not an <input>: content may not create form controls.
    return `<span class="task-box" data-checked="${token.checked ? 'true' : 'false'}">${token.checked ? '☑' : '☐'}</span> `;
  }

  override listitem(item: Tokens.ListItem): string {
    const cls = item.task ? ' class="task-item"' : '';
    return `<li${cls}>${this.parser.parse(item.tokens)}</li>\n`;
  }
}

const renderer = new ChatRenderer();
const options: MarkedOptions = { ...getDefaults(), gfm: true, breaks: true, renderer };
const parser = new Parser(options);

/**
 * Longest run of spaces inline text keeps. marked's inline text rule looks ahead for ` *\n` at every character,
 * so a run of n spaces costs n² (64 KB of spaces: 17 s). Inline, a run of spaces renders as one space (or, before
 * a line end, a hard break, which 2 already make), so a longer run is shortened to this, invisibly.
 */
export const MAX_INLINE_SPACES = 8;
/**
 * Most emphasis delimiters (`*`, `_`, `~`) one inline text may hold and still get emphasis. marked pairs them with
 * a search from every delimiter, so n of them cost n² (64 KB of `_a`: 11 s); past this the text is shown as
 * written, without inline markup. A real paragraph holds a few dozen.
 */
export const MAX_INLINE_DELIMITERS = 2_000;

const LONG_SPACE_RUN = new RegExp(` {${MAX_INLINE_SPACES + 1},}`, 'g');

/** The inline source as it is lexed: long space runs shortened (linear: each match consumes its run). */
export function inlineSource(src: string): string {
  return src.includes(' '.repeat(MAX_INLINE_SPACES + 1)) ? src.replace(LONG_SPACE_RUN, ' '.repeat(MAX_INLINE_SPACES)) : src;
}

function delimiterCount(src: string): number {
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126) n++; // * _ ~
  }
  return n;
}

/**
 * Lexes `src` as one markdown document whose link definitions start out as `links` (first one wins). This is
 * marked's own `lex()` (block tokens, then the inline queue), with each inline source passed through the two
 * bounds above first, so no text from the server can make lexing quadratic.
 */
export function lex(src: string, links?: LinkDefs): Token[] & { links: LinkDefs } {
  const lexer = new Lexer(options);
  try {
    if (links) Object.assign(lexer.tokens.links, links);
    lexer.blockTokens(src, lexer.tokens);
    for (const item of lexer.inlineQueue) {
      lexer.state.inRawBlock = false;
      const inline = inlineSource(item.src);
      if (delimiterCount(inline) > MAX_INLINE_DELIMITERS) item.tokens.push({ type: 'text', raw: inline, text: escapeHtml(inline), escaped: true });
      else lexer.inlineTokens(inline, item.tokens);
    }
    lexer.inlineQueue = [];
    return lexer.tokens as Token[] & { links: LinkDefs };
  } finally {
    // marked's tokenizer is shared by every lexer made from `options`, and each points it at itself: without
    // this the last lexer, and every token of the last text lexed, stayed alive after its answer was gone
    // (~90 KB in a heap snapshot of the panel after a long conversation was closed).
    const shared = options.tokenizer as { lexer: unknown } | null | undefined;
    if (shared) shared.lexer = undefined;
  }
}

/**
 * HTML for one top-level token; `streaming` is the code token (if any) whose fence is still open. With `lazy`,
 * closed code blocks of known languages are left unhighlighted and marked pending (see lazyHighlight.ts).
 */
export function tokenHtml(token: Token, streaming: Tokens.Code | null, lazy = false): string {
  renderer.streaming = streaming;
  renderer.lazy = lazy;
  try {
    return parser.parse([token]);
  } finally {
    renderer.streaming = null;
    renderer.lazy = false;
  }
}
