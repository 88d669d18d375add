// Code in a finished answer is highlighted when its block first comes near the screen, not when the answer is
// rendered: a conversation reopened from history holds hundreds of blocks, and highlight.js is most of what
// rendering them costs. Until then a block shows its code as plain text (the same characters, so Copy, Insert
// and Apply read the same code). One IntersectionObserver serves every view; a view unobserves its blocks when
// it is disposed, so nothing keeps a closed conversation's nodes. Without IntersectionObserver (jsdom, old
// hosts) blocks are highlighted at once, as if they were in view.
import { highlightCode } from './highlight';
import { sanitizeToFragment } from './sanitize';

/** The class of a code block whose code is still plain text, waiting to be seen. */
export const PENDING_HIGHLIGHT_CLASS = 'highlight-pending';

/**
 * How far outside the viewport a block is highlighted already (half a screen above and below), so that blocks
 * scrolled into view are usually highlighted before they are seen.
 */
const ROOT_MARGIN = '50% 0px';

/** Highlights a pending block now: its code becomes highlight.js spans, through the sanitizer like all markup. */
export function highlightBlock(block: Element): void {
  block.classList.remove(PENDING_HIGHLIGHT_CLASS);
  const code = block.querySelector(':scope > pre > code');
  if (!code) return;
  code.replaceChildren(sanitizeToFragment(highlightCode(code.textContent ?? '', block.getAttribute('data-lang') ?? '')));
}

let shared: IntersectionObserver | undefined;
/** The constructor `shared` came from: a page (or a test) that replaces the global gets a new observer. */
let sharedFrom: unknown;
const owners = new WeakMap<Element, LazyHighlighter>();

function observer(): IntersectionObserver | undefined {
  if (typeof IntersectionObserver !== 'function') return undefined;
  if (sharedFrom !== IntersectionObserver) {
    sharedFrom = IntersectionObserver;
    shared = undefined;
  }
  shared ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) owners.get(e.target)?.reveal(e.target);
    },
    { rootMargin: ROOT_MARGIN },
  );
  return shared;
}

/** The pending code blocks of one view, highlighted as each first comes into sight. */
export class LazyHighlighter {
  private readonly pending = new Set<Element>();

  /** Takes the pending code blocks under `root` (just rendered, attached or not yet). */
  add(root: ParentNode): void {
    const blocks = root.querySelectorAll(`div.code-block.${PENDING_HIGHLIGHT_CLASS}`);
    if (blocks.length === 0) return;
    const io = observer();
    for (const block of Array.from(blocks)) {
      if (!io) {
        highlightBlock(block);
        continue;
      }
      this.pending.add(block);
      owners.set(block, this);
      io.observe(block);
    }
  }

  /** A block came into sight: highlight it (once) and stop watching it. */
  reveal(block: Element): void {
    if (!this.pending.delete(block)) return;
    this.forget(block);
    if (block.isConnected) highlightBlock(block);
  }

  /** How many blocks still wait to be seen (for tests and benchmarks). */
  get pendingCount(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const block of this.pending) this.forget(block);
    this.pending.clear();
  }

  private forget(block: Element): void {
    shared?.unobserve(block);
    owners.delete(block);
  }
}
