// Page script for render.bench.ts (bundled with esbuild, run in headless Chromium). Streams the same deltas
// through (a) MarkdownView, calling setText per delta and letting its own requestAnimationFrame callback
// render once per frame, and (b) a naive renderer that re-renders the whole answer (marked.parse + highlight
// every code block + DOMPurify + innerHTML). Both yield to the browser at the same frame boundaries, so style
// and layout happen as they would in the panel.
import DOMPurify from 'dompurify';
import { MarkdownView } from '../../webview/render/markdown';
import { naiveMarked as makeNaiveMarked } from './naiveMarkdown';

/** One DOM update: how long it took, the text length it rendered, the length rendered by the one before. */
export type Update = [ms: number, length: number, previousLength: number];

export interface RunResult {
  /** Main-thread time in the renderer's own work (setText + frame callbacks + finish, or the re-renders), ms. */
  total: number;
  /** Every DOM update, in order. */
  updates: Update[];
  /** Characters of answer text in the final DOM (whitespace and toolbar labels left out): a sanity check. */
  textLength: number;
}

declare global {
  interface Window {
    runIncremental(deltas: string[], perFrame: number): Promise<RunResult>;
    runNaive(deltas: string[], perFrame: number, stride: number): Promise<RunResult>;
    replayIncremental(text: string, from: number, to: number, repeats: number): Promise<number>;
  }
}

const nativeRaf = window.requestAnimationFrame.bind(window);
const nextFrame = (): Promise<void> => new Promise((ok) => nativeRaf(() => ok()));

function visibleText(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const t of Array.from(copy.querySelectorAll('.code-toolbar'))) t.remove();
  return (copy.textContent ?? '').replace(/\s+/g, '');
}

function freshContainer(): HTMLElement {
  const root = document.getElementById('root') as HTMLElement;
  root.replaceChildren();
  const el = document.createElement('div');
  el.className = 'markdown-body';
  root.append(el);
  return el;
}

window.runIncremental = async (deltas, perFrame) => {
  const el = freshContainer();
  const updates: Update[] = [];
  let text = '';
  let rendered = 0;
  let total = 0;
  // Time the view's own frame callbacks: it looks requestAnimationFrame up each time it schedules one.
  window.requestAnimationFrame = (cb) =>
    nativeRaf((t) => {
      const s = performance.now();
      cb(t);
      const d = performance.now() - s;
      updates.push([d, text.length, rendered]);
      rendered = text.length;
      total += d;
    });
  const view = new MarkdownView(el);
  for (let i = 0; i < deltas.length; i++) {
    text += deltas[i];
    const s = performance.now();
    view.setText(text);
    total += performance.now() - s;
    if (i % perFrame === perFrame - 1) await nextFrame();
  }
  const s = performance.now();
  view.finish();
  const d = performance.now() - s;
  total += d;
  updates.push([d, text.length, rendered]);
  await nextFrame();
  window.requestAnimationFrame = nativeRaf;
  view.dispose();
  return { total, updates, textLength: visibleText(el).length };
};

/** Re-measures one update in isolation: render `text[0, from)`, then time the update to `text[0, to)`. */
window.replayIncremental = async (text, from, to, repeats) => {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const el = freshContainer();
    const view = new MarkdownView(el);
    view.setText(text.slice(0, from));
    view.flush();
    await nextFrame();
    const s = performance.now();
    view.setText(text.slice(0, to));
    if (to === text.length) view.finish();
    else view.flush();
    best = Math.min(best, performance.now() - s);
    view.dispose();
  }
  return best;
};

const naiveMarked = makeNaiveMarked();

/** The naive renderer, re-rendering the whole answer after every `stride`-th delta (1 = every delta). */
window.runNaive = async (deltas, perFrame, stride) => {
  const el = freshContainer();
  const updates: Update[] = [];
  let total = 0;
  let text = '';
  let rendered = 0;
  const render = (): void => {
    const s = performance.now();
    const html = naiveMarked.parse(text) as string;
    el.innerHTML = DOMPurify.sanitize(html);
    const d = performance.now() - s;
    updates.push([d, text.length, rendered]);
    rendered = text.length;
    total += d;
  };
  for (let i = 0; i < deltas.length; i++) {
    text += deltas[i];
    if (i % stride === stride - 1 || i === deltas.length - 1) render();
    if (i % perFrame === perFrame - 1) await nextFrame();
  }
  await nextFrame();
  return { total, updates, textLength: visibleText(el).length };
};
