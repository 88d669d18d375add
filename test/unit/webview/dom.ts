// A jsdom window for the panel's webview code, with animation frames under the test's control: frames run
// only when the test calls `frames.run()`, so "at most one DOM update per frame" is observable.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><head></head><body><div id="root"></div></body></html>', { url: 'http://localhost/' });
const win = dom.window;

const queue = new Map<number, FrameRequestCallback>();
let nextId = 1;

export const frames = {
  /** Callbacks waiting for the next frame. */
  get pending(): number {
    return queue.size;
  },
  /** Runs one frame: every callback queued before it (new requests wait for the next). */
  run(): void {
    const batch = [...queue.values()];
    queue.clear();
    for (const cb of batch) cb(0);
  },
  /** Runs frames until none is pending (bounded). */
  drain(): void {
    for (let i = 0; i < 20 && queue.size; i++) this.run();
  },
};

const g = globalThis as Record<string, unknown>;
const w = win as unknown as Record<string, unknown>;
w['requestAnimationFrame'] = (cb: FrameRequestCallback): number => {
  const id = nextId++;
  queue.set(id, cb);
  return id;
};
w['cancelAnimationFrame'] = (id: number): void => {
  queue.delete(id);
};
for (const name of [
  'window', 'document', 'Node', 'Element', 'HTMLElement', 'HTMLTextAreaElement', 'HTMLAnchorElement', 'DocumentFragment', 'DOMParser', 'NodeFilter',
  'HTMLTemplateElement', 'Text', 'Comment', 'CustomEvent', 'KeyboardEvent', 'CompositionEvent', 'MouseEvent', 'MessageEvent', 'Event',
  'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'sessionStorage',
]) {
  g[name] = name === 'window' ? win : w[name];
}

export const window = win;
export const document = win.document;
