// Renders one markdown segment into DOM nodes, either in one go or incrementally: final blocks are rendered
// once and kept; only the tail (the blocks after the last cut, see blockStructure.ts) is re-lexed on each
// update, and of the tail only the blocks whose source changed are re-rendered.
import type { Token, Tokens } from 'marked';
import { lex, tokenHtml } from './blockHtml';
import type { LinkDefs } from './blockHtml';
import { finalTokenCount, streamingCode } from './blockStructure';
import type { LazyHighlighter } from './lazyHighlight';
import { sanitizeEach } from './sanitize';
import { addCodeToolbars } from './toolbar';
import type { RenderLabels } from './toolbar';

interface Block {
  raw: string;
  /**
   * Everything the rendering depended on: the token itself (the same source can lex differently, e.g. a
   * paragraph at the very end of the text keeps a trailing newline), whether it held the streaming code
   * block, and the link definitions if it could use any. Emptied once the block is final.
   */
  key: string;
  /** The link definitions it was rendered with ('' when it can't refer to any). */
  sig: string;
  nodes: ChildNode[];
}

/** Decorates sanitized nodes (code toolbars, lazy highlighting) and appends them to `parent`. */
function place(parent: Element, fragment: DocumentFragment | undefined, labels: RenderLabels, lazy?: LazyHighlighter): ChildNode[] {
  if (!fragment) return [];
  addCodeToolbars(fragment, labels);
  lazy?.add(fragment);
  const nodes = Array.from(fragment.childNodes);
  parent.append(fragment);
  return nodes;
}

/**
 * A token whose markup is all the renderer's own, so that it can share a sanitizing pass with others: a code
 * block (its text escaped), or anything without a `<` in its source (no raw HTML, whose open tags could reach
 * past its end).
 */
const joinable = (token: Token): boolean => token.type === 'code' || !token.raw.includes('<');

/**
 * Sanitized, decorated nodes for each of these top-level tokens, appended to `parent` in order. With a
 * highlighter, their code blocks are highlighted when first seen instead of now.
 */
function renderTokens(parent: Element, tokens: readonly Token[], streaming: Tokens.Code | null, labels: RenderLabels, lazy?: LazyHighlighter): ChildNode[][] {
  const htmls = tokens.map((t) => tokenHtml(t, streaming, lazy !== undefined));
  return sanitizeEach(htmls, tokens.map(joinable)).map((fragment) => place(parent, fragment, labels, lazy));
}

/** The nodes for one top-level token (see renderTokens). */
function renderToken(parent: Element, token: Token, streaming: Tokens.Code | null, labels: RenderLabels, lazy?: LazyHighlighter): ChildNode[] {
  return renderTokens(parent, [token], streaming, labels, lazy)[0] ?? [];
}

function linksSignature(links: LinkDefs): string {
  const keys = Object.keys(links);
  if (keys.length === 0) return '';
  return JSON.stringify(keys.sort().map((k) => [k, links[k]?.href, links[k]?.title ?? null]));
}

/** The top-level token that holds the streaming code block, if any. */
function streamingRoot(tokens: readonly Token[], code: Tokens.Code | null): Token | null {
  if (!code) return null;
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]?.type !== 'space') return tokens[i] ?? null;
  return null;
}

function linkSig(token: Token, sig: string): string {
  return token.raw.includes('[') ? sig : '';
}

function blockKey(token: Token, sig: string, streamingTop: Token | null): string {
  return `${token === streamingTop ? 's' : ''}${linkSig(token, sig)}\u0000${JSON.stringify(token)}`;
}

/** One-shot rendering of a markdown document into `parent`. */
export function renderBlocksOnce(parent: Element, text: string, complete: boolean, labels: RenderLabels): void {
  const tokens = lex(text);
  const code = complete ? null : streamingCode(tokens);
  renderTokens(parent, tokens, code, labels);
}

/**
 * Incremental rendering of one growing markdown document. Its nodes are appended to `parent`, after whatever
 * is already there: while it changes, this document must be the last thing in `parent`.
 */
export class BlockList {
  private text = '';
  private complete = false;
  /** Source length covered by the final blocks. */
  private finalEnd = 0;
  private final: Block[] = [];
  /** Link definitions found in the final blocks (the tail is lexed with them). */
  private finalLinks: LinkDefs = Object.create(null) as LinkDefs;
  private tail: Block[] = [];
  private sig = '';

  constructor(
    private readonly parent: Element,
    private readonly labels: RenderLabels,
    /** Highlights this list's code blocks when they are first seen (a finished answer); none: at once. */
    private readonly highlighter?: LazyHighlighter,
  ) {}

  update(text: string, complete: boolean): void {
    if (text === this.text && complete === this.complete) return;
    if (!text.startsWith(this.text.slice(0, this.finalEnd))) this.clear();
    this.text = text;
    this.complete = complete;

    const tokens = lex(text.slice(this.finalEnd), this.finalLinks);
    const sig = linksSignature(tokens.links);
    if (sig !== this.sig) {
      this.sig = sig;
      if (!this.refreshLinks(tokens.links)) {
        // A final block no longer lexes on its own as it did: start over (never expected; kept for safety).
        this.clear();
        this.text = text;
        this.update(text, complete);
        return;
      }
    }

    const code = complete ? null : streamingCode(tokens);
    const top = streamingRoot(tokens, code);
    // Keep the tail blocks whose source and inputs did not change; re-render from the first that did.
    let same = 0;
    while (same < tokens.length && same < this.tail.length) {
      const t = tokens[same] as Token;
      const b = this.tail[same] as Block;
      if (b.raw !== t.raw || b.key !== blockKey(t, sig, top)) break;
      same++;
    }
    for (const b of this.tail.splice(same)) for (const n of b.nodes) n.remove();
    const fresh = tokens.slice(same);
    renderTokens(this.parent, fresh, code, this.labels, this.highlighter).forEach((nodes, k) => {
      const t = fresh[k] as Token;
      this.tail.push({ raw: t.raw, key: blockKey(t, sig, top), sig: linkSig(t, sig), nodes });
    });

    // Promote the blocks that can no longer change.
    const n = complete ? 0 : finalTokenCount(tokens);
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as Token;
      const b = this.tail[i] as Block;
      b.key = '';
      this.final.push(b);
      this.finalEnd += b.raw.length;
      if (t.type === 'def') {
        const d = t as Tokens.Def;
        if (!(d.tag in this.finalLinks)) this.finalLinks[d.tag] = { href: d.href, title: d.title };
      }
    }
    this.tail.splice(0, n);
  }

  /**
   * The set of link definitions changed (a reference defined after its use arrived, or a definition still
   * being typed stopped parsing as one): re-render the final blocks that could refer to one.
   */
  private refreshLinks(links: LinkDefs): boolean {
    for (const b of this.final) {
      if (!b.raw.includes('[') || b.nodes.length === 0) continue;
      if (b.sig === this.sig) continue;
      const tokens = lex(b.raw, links).filter((t) => t.type !== 'space');
      if (tokens.length !== 1) return false;
      const first = b.nodes[0] as ChildNode;
      const holder = this.parent.ownerDocument.createElement('div');
      renderToken(holder, tokens[0] as Token, null, this.labels, this.highlighter);
      const nodes = Array.from(holder.childNodes);
      first.before(...nodes);
      for (const old of b.nodes) old.remove();
      b.nodes = nodes;
      b.sig = this.sig;
    }
    return true;
  }

  /** Removes everything this list rendered. */
  clear(): void {
    for (const b of this.final) for (const n of b.nodes) n.remove();
    for (const b of this.tail) for (const n of b.nodes) n.remove();
    this.final = [];
    this.tail = [];
    this.finalEnd = 0;
    this.finalLinks = Object.create(null) as LinkDefs;
    this.text = '';
    this.complete = false;
    this.sig = '';
  }
}
