// The chat webview's memory as CDP sees it. The webview is an iframe of the workbench; if it runs in the
// workbench's renderer process (same site: code-server serves both from one origin), the heap and DOM
// counters of that process include the workbench's own, so beside them this takes a heap snapshot and keeps
// the part that belongs to the panel's document alone (heapSnapshot.ts): its JavaScript world, its DOM, and
// the DOM nodes of it that are detached (held by a listener, a cache or a closure: a leak when it grows).
// Runtime.queryObjects (count the document's Node objects) would be cheaper, but on this machine's Chromium
// it crashes the shared renderer ("Target crashed"), on any prototype, the workbench's own included.
import type { CDPSession, Frame, Page } from 'playwright-core';
import { markerScript, ownedByMarked } from './heapSnapshot';
import type { OwnFigures } from './heapSnapshot';

export interface HeapFigures {
  /** V8 heap of the target's isolate after a forced GC, bytes. */
  usedHeap: number;
  documents: number;
  nodes: number;
  listeners: number;
  /** Elements in the webview document's tree. */
  elements: number;
  /** What the panel's document owns, from a heap snapshot taken after the same GC. */
  own: OwnFigures;
}

export interface PanelTarget {
  cdp: CDPSession;
  /** True when the webview has a CDP target (a process) of its own; false: it shares the workbench's. */
  ownProcess: boolean;
  measure(): Promise<HeapFigures>;
}

/**
 * A CDP session on the renderer process that runs the webview document `frame`, and whether that process is its
 * own (else it is the workbench page's). The webview's document is an iframe in the webview's own iframe
 * (index.html, same origin): the process, when it has one of its own, is the outer frame's.
 */
export async function webviewSession(page: Page, frame: Frame): Promise<{ cdp: CDPSession; ownProcess: boolean }> {
  for (let f: Frame | null = frame; f && f !== page.mainFrame(); f = f.parentFrame()) {
    try {
      return { cdp: await page.context().newCDPSession(f), ownProcess: true };
    } catch (e) {
      // "This frame does not have a separate CDP session": it is in its parent's renderer.
      if (!/separate CDP session/.test(String(e))) throw e;
    }
  }
  return { cdp: await page.context().newCDPSession(page), ownProcess: false };
}

/** The CDP session that runs the webview document, and its heap measure. */
export async function panelTarget(page: Page, frame: Frame): Promise<PanelTarget> {
  const { cdp, ownProcess } = await webviewSession(page, frame);
  await cdp.send('HeapProfiler.enable');
  const snapshot = async (): Promise<string> => {
    const chunks: string[] = [];
    const add = (e: { chunk: string }): void => void chunks.push(e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', add);
    try {
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    } finally {
      cdp.off('HeapProfiler.addHeapSnapshotChunk', add);
    }
    return chunks.join('');
  };
  return {
    cdp,
    ownProcess,
    async measure() {
      // The marker tells the snapshot which window and document are the panel's (a few bytes, kept on both).
      await frame.evaluate(markerScript);
      // Twice: objects freed by the first collection's finalizers (weak callbacks) go in the second.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      const elements = await frame.evaluate(() => document.getElementsByTagName('*').length);
      // The snapshot GCs again first; its own garbage (the strings of the chunks) is in this process, not there.
      const own = ownedByMarked(await snapshot());
      return { usedHeap: heap.usedSize, documents: dom.documents, nodes: dom.nodes, listeners: dom.jsEventListeners, elements, own };
    },
  };
}
