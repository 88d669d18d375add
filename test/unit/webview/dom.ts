// A jsdom window for the panel's webview code, with animation frames under the test's control: frames run
// only when the test calls `frames.run()`, so "at most one DOM update per frame" is observable.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><head></head><body><div id="root"></div></body></html>', { url: 'http://localhost/' });
const win = dom.window;

const queue = new Map<number, FrameRequestCallback>();
let nextId = 1;
/** Messages posted on a MessageChannel: in a browser such a task, posted from a frame callback, runs after that frame's paint. */
const posted: Array<() => void> = [];

export const frames = {
  /** Callbacks waiting for the next frame. */
  get pending(): number {
    return queue.size;
  },
  /** Runs one frame: every callback queued before it (new requests wait for the next), then, as after its paint, the messages posted meanwhile. */
  run(): void {
    const batch = [...queue.values()];
    queue.clear();
    for (const cb of batch) cb(0);
    try {
      for (let task = posted.shift(); task; task = posted.shift()) task();
    } catch (e) {
      // A failing task fails its test; the messages behind it must not run in the next one.
      posted.length = 0;
      throw e;
    }
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
/** A MessageChannel whose messages are delivered by `frames.run()` (Node's own would deliver them in a later turn of its event loop). */
class FrameMessageChannel {
  readonly port1 = new FramePort();
  readonly port2 = new FramePort();
  constructor() {
    this.port2.peer = this.port1;
  }
}
class FramePort {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  peer: FramePort | undefined;
  private closed = false;
  postMessage(data: unknown): void {
    const to = this.peer;
    if (to) posted.push(() => void (!to.closed && to.onmessage?.({ data })));
  }
  close(): void {
    this.closed = true;
  }
}
w['MessageChannel'] = FrameMessageChannel;
for (const name of [
  'window', 'document', 'Node', 'Element', 'HTMLElement', 'HTMLTextAreaElement', 'HTMLAnchorElement', 'DocumentFragment', 'DOMParser', 'NodeFilter',
  'HTMLTemplateElement', 'Text', 'Comment', 'CustomEvent', 'KeyboardEvent', 'CompositionEvent', 'MouseEvent', 'MessageEvent', 'Event',
  'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'sessionStorage', 'MessageChannel',
]) {
  g[name] = name === 'window' ? win : w[name];
}

export const window = win;
export const document = win.document;
