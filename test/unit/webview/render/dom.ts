// A DOM for node-side renderer tests: the renderer is browser code (document, DOMParser, Node...), so the
// tests install a jsdom window's globals before using it. jsdom parses HTML with parse5, the same algorithm
// browsers use, which matters for a sanitizer test. The renderer reads these globals lazily, at call time.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost/' });
const win = dom.window;
const g = globalThis as Record<string, unknown>;
for (const name of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'DocumentFragment', 'DOMParser', 'NodeFilter', 'HTMLTemplateElement', 'Text', 'Comment']) {
  // window/document are what the renderer reads; the constructors are what DOMPurify and instanceof need.
  if (!(name in g) || name === 'window' || name === 'document') g[name] = name === 'window' ? win : (win as unknown as Record<string, unknown>)[name];
}

export const window = win;
export const document = win.document;

/** Canonical form of an HTML fragment (parsed and re-serialized), for comparing two renderings. */
export function canonicalHtml(html: string): string {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.innerHTML;
}

/**
 * Lets the event loop turn. jsdom tracks node iterators (DOMPurify makes one per call) through WeakRefs, and
 * V8 keeps every WeakRef target alive until the current job ends: a long synchronous render loop would hold
 * every throwaway document it parsed. Long test loops await this now and then.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((ok) => setImmediate(ok));
}
