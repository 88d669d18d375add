// The chat panel's markdown renderer: GFM via marked, highlight.js for code, DOMPurify with a strict
// allow-list, and an incremental view for answers that arrive a few characters at a time.
//
// Output contract the panel relies on (put it inside an element with class `markdown-body` for the styles in
// markdown.css; MarkdownView adds that class to its container):
// - code blocks: `div.code-block[data-lang]` > `div.code-toolbar` (span.code-lang + buttons with
//   `data-code-action` = copy | insert | open) + `pre > code.hljs.language-x`;
// - links only for http(s)/mailto, as `<a href data-href>` (no target); the panel intercepts their clicks;
// - no image ever fetches: remote images are links, only inline raster data: URLs become <img>;
// - raw HTML is shown as text, except a few bare inline tags (see rawHtml.ts);
// - `<think>` reasoning is a `details.think` (open while it streams), `<details>` blocks a `details.md-details`.
import { BlockList, renderBlocksOnce } from './blockList';
import { LazyHighlighter } from './lazyHighlight';
import { Segmenter, splitSegments } from './segments';
import type { Segment } from './segments';
import { DEFAULT_LABELS } from './toolbar';
import type { RenderLabels } from './toolbar';
import { t } from '../l10n';

export type { RenderLabels } from './toolbar';

/** Options shared by the one-shot and the incremental renderer. */
export interface RenderOptions {
  /** Replace the renderer's own texts (the Thinking summary, the code toolbar's labels), e.g. for l10n. */
  labels?: Partial<RenderLabels>;
}

/** Options of MarkdownView (the one-shot renderer's, so both render alike, and one of its own). */
export interface MarkdownViewOptions extends RenderOptions {
  /**
   * Highlight each code block when it first comes near the screen rather than when it is rendered (see
   * lazyHighlight.ts): for answers shown whole, such as history. An answer streaming in keeps highlighting
   * each block as its fence closes: that block is on screen, where a lazy one would show unhighlighted for a
   * frame and cost an observer round trip for nothing.
   */
  lazyHighlight?: boolean;
}

export interface RenderMarkdownOptions extends RenderOptions {
  /**
   * The text is a whole answer, not a prefix of one still streaming: a fence left open at the end is
   * highlighted and a trailing partial `<think` tag is shown. Default false, so that the one-shot output for
   * any prefix equals what MarkdownView shows after `flush()`; MarkdownView.finish() equals `complete: true`.
   */
  complete?: boolean;
}

/** The CSS class the styles in markdown.css are scoped to. */
export const MARKDOWN_CLASS = 'markdown-body';

function normalize(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}

function labelsOf(options: RenderOptions | undefined): RenderLabels {
  return { ...DEFAULT_LABELS, ...options?.labels };
}

/** A closed reasoning block with nothing in it is not shown at all. */
function isHidden(seg: Segment): boolean {
  return seg.kind !== 'md' && seg.closed && seg.text.trim() === '';
}

/** The collapsible shell of a think/details segment; its body receives the segment's blocks. */
function createShell(doc: Document, seg: Segment, labels: RenderLabels): { root: HTMLDetailsElement; body: HTMLDivElement } {
  const root = doc.createElement('details');
  const summary = doc.createElement('summary');
  const body = doc.createElement('div');
  if (seg.kind === 'think') {
    root.className = 'think';
    summary.textContent = labels.thinking;
    root.open = !seg.closed;
  } else {
    root.className = 'md-details';
    summary.textContent = seg.summary || t('Details');
    root.open = seg.open;
  }
  body.className = 'details-body';
  root.append(summary, body);
  return { root, body };
}

/** A segment's rendering inside the view, kept across updates while the segment stays the same. */
class SegmentView {
  private readonly blocks: BlockList;
  private readonly root: HTMLDetailsElement | null = null;
  private closed: boolean;
  private text: string;

  constructor(
    readonly seg: Segment,
    container: HTMLElement,
    labels: RenderLabels,
    highlighter: LazyHighlighter | undefined,
  ) {
    this.closed = seg.closed;
    this.text = seg.text;
    if (seg.kind === 'md') {
      this.blocks = new BlockList(container, labels, highlighter);
    } else {
      const shell = createShell(container.ownerDocument, seg, labels);
      this.root = shell.root;
      this.blocks = new BlockList(shell.body, labels, highlighter);
      if (!isHidden(seg)) container.append(shell.root);
    }
  }

  matches(seg: Segment): boolean {
    const s = this.seg;
    // A closed segment never changes while the text grows; if it did, the text was replaced: rebuild from here.
    const same = !this.closed || (seg.closed && seg.text === this.text);
    return s.kind === seg.kind && s.start === seg.start && s.summary === seg.summary && s.open === seg.open && same;
  }

  update(seg: Segment, complete: boolean): void {
    this.blocks.update(seg.text, complete || seg.closed);
    if (this.root && seg.closed && !this.closed) {
      // The reasoning is over: fold it away (a hidden empty one is removed).
      if (this.seg.kind === 'think') this.root.open = false;
      if (isHidden(seg)) this.root.remove();
    }
    this.closed = seg.closed;
    this.text = seg.text;
  }

  remove(): void {
    this.blocks.clear();
    this.root?.remove();
  }
}

/** Renders a growing markdown answer into `container` incrementally. The view owns the container's children. */
export class MarkdownView {
  private readonly labels: RenderLabels;
  private readonly highlighter: LazyHighlighter | undefined;
  private segmenter = new Segmenter();
  private views: SegmentView[] = [];
  private text = '';
  private renderedText: string | null = null;
  private renderedComplete = false;
  private pending: { cancel(): void } | null = null;
  private finished = false;
  private disposed = false;
  /** The last render failed and left the plain-text fallback in the container. */
  private fallback = false;

  constructor(
    private readonly container: HTMLElement,
    options?: MarkdownViewOptions,
  ) {
    this.labels = labelsOf(options);
    this.highlighter = options?.lazyHighlight === true ? new LazyHighlighter() : undefined;
    container.classList.add(MARKDOWN_CLASS);
    container.replaceChildren();
  }

  /**
   * Set the full text so far (it only grows while streaming, but may be replaced entirely, e.g.
   * message_replace). Cheap to call often: it schedules at most one DOM update per animation frame.
   */
  setText(text: string): void {
    if (this.disposed) return;
    this.text = normalize(text);
    if (this.finished) this.render(true);
    else this.schedule();
  }

  /** Render synchronously now (used at the end of a stream and by tests). */
  flush(): void {
    if (this.disposed) return;
    this.cancelPending();
    this.render(this.finished);
  }

  /** Mark the answer complete: final render of the tail, no more scheduled updates. */
  finish(): void {
    if (this.disposed) return;
    this.cancelPending();
    this.finished = true;
    this.render(true);
  }

  /** Code blocks still waiting to be seen before they are highlighted (0 unless `lazyHighlight`). */
  get pendingHighlights(): number {
    return this.highlighter?.pendingCount ?? 0;
  }

  dispose(): void {
    this.cancelPending();
    this.highlighter?.dispose();
    this.disposed = true;
  }

  private schedule(): void {
    if (this.pending) return;
    const run = (): void => {
      this.pending = null;
      if (!this.disposed) this.render(this.finished);
    };
    // rAF coalesces a burst of deltas into one update per frame; without it (tests, a hidden page in some
    // hosts) a short timer does the same job.
    if (typeof requestAnimationFrame === 'function') {
      const id = requestAnimationFrame(run);
      this.pending = { cancel: () => cancelAnimationFrame(id) };
    } else {
      const id = setTimeout(run, 16);
      this.pending = { cancel: () => clearTimeout(id) };
    }
  }

  private cancelPending(): void {
    this.pending?.cancel();
    this.pending = null;
  }

  private render(complete: boolean): void {
    if (this.text === this.renderedText && complete === this.renderedComplete) return;
    try {
      if (this.fallback) {
        this.container.replaceChildren();
        this.fallback = false;
      }
      const segs = this.segmenter.update(this.text, complete);
      let i = 0;
      while (i < this.views.length && i < segs.length && (this.views[i] as SegmentView).matches(segs[i] as Segment)) i++;
      for (const v of this.views.splice(i).reverse()) v.remove();
      for (let j = 0; j < segs.length; j++) {
        const seg = segs[j] as Segment;
        if (j >= this.views.length) this.views.push(new SegmentView(seg, this.container, this.labels, this.highlighter));
        (this.views[j] as SegmentView).update(seg, complete);
      }
    } catch (e) {
      // A renderer bug must not take the answer (or the panel's update loop) down: show the text as plain
      // text, and start from scratch on the next update.
      console.error('markdown render failed', e);
      this.views = [];
      this.segmenter = new Segmenter();
      const pre = this.container.ownerDocument.createElement('pre');
      pre.className = 'render-fallback';
      pre.textContent = this.text;
      this.container.replaceChildren(pre);
      this.fallback = true;
    }
    this.renderedText = this.text;
    this.renderedComplete = complete;
  }
}

/**
 * One-shot: sanitized HTML for a markdown document (history, tests). By default the text is treated like a
 * prefix of a streaming answer (see RenderMarkdownOptions.complete).
 */
export function renderMarkdown(text: string, options?: RenderMarkdownOptions): string {
  const labels = labelsOf(options);
  const complete = options?.complete ?? false;
  const host = document.createElement('div');
  for (const seg of splitSegments(normalize(text), complete)) {
    if (seg.kind === 'md') {
      renderBlocksOnce(host, seg.text, complete || seg.closed, labels);
    } else if (!isHidden(seg)) {
      const { root, body } = createShell(document, seg, labels);
      renderBlocksOnce(body, seg.text, complete || seg.closed, labels);
      host.append(root);
    }
  }
  return host.innerHTML;
}
