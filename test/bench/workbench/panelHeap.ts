// The chat webview's memory as CDP sees it. The webview is an iframe of the workbench; if it runs in the
// workbench's renderer process (same site: code-server serves both from one origin), the heap and DOM
// counters of that process include the workbench's own, so beside them this counts what belongs to the
// panel alone: the Node objects of the webview document's JavaScript world that are alive after a GC, and
// how many of them are detached (held by a listener, a cache or a closure: a leak when it grows).
import type { CDPSession, Frame, Page } from 'playwright-core';

export interface HeapFigures {
  /** V8 heap of the target's isolate after a forced GC, bytes. */
  usedHeap: number;
  documents: number;
  nodes: number;
  listeners: number;
  /** Node objects of the webview document's world alive after GC, and of those, the detached ones (-1: not counted in time). */
  frameNodes: number;
  frameDetached: number;
  /** Elements in the webview document's tree. */
  elements: number;
}

export interface PanelTarget {
  cdp: CDPSession;
  /** True when the webview has a CDP target (a process) of its own; false: it shares the workbench's. */
  ownProcess: boolean;
  measure(): Promise<HeapFigures>;
}

/** The CDP session that runs the webview document, and the default execution context of that document. */
export async function panelTarget(page: Page, frame: Frame): Promise<PanelTarget> {
  let cdp: CDPSession;
  let ownProcess = true;
  try {
    cdp = await page.context().newCDPSession(frame);
  } catch {
    // "This frame does not have a separate CDP session": it lives in the page's renderer.
    ownProcess = false;
    cdp = await page.context().newCDPSession(page);
  }
  const contexts: Array<{ id: number; frameId: string; isDefault: boolean }> = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = e.context.auxData as { frameId?: string; isDefault?: boolean } | undefined;
    if (aux?.frameId) contexts.push({ id: e.context.id, frameId: aux.frameId, isDefault: aux.isDefault === true });
  });
  await cdp.send('Runtime.enable');
  await cdp.send('HeapProfiler.enable');
  // The webview document's world: the default context whose document holds the transcript.
  const frameContext = async (): Promise<number> => {
    for (const ctx of [...contexts].reverse().filter((c) => c.isDefault)) {
      const r = await cdp.send('Runtime.evaluate', { expression: "!!document.querySelector('main.scroller')", contextId: ctx.id, returnByValue: true }).catch(() => undefined);
      if (r?.result.value === true) return ctx.id;
    }
    throw new Error(`no execution context for the webview document (${contexts.length} contexts)`);
  };
  const countNodes = async (): Promise<{ all: number; detached: number }> => {
    const group = 'panel-heap';
    try {
      const proto = await cdp.send('Runtime.evaluate', { expression: 'Node.prototype', contextId: await frameContext(), objectGroup: group });
      const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId ?? '', objectGroup: group });
      const counted = await cdp.send('Runtime.callFunctionOn', {
        objectId: found.objects.objectId ?? '',
        functionDeclaration: 'function () { return { all: this.length, detached: this.filter((n) => !n.isConnected).length }; }',
        returnByValue: true,
        objectGroup: group,
      });
      return counted.result.value as { all: number; detached: number };
    } finally {
      await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
    }
  };
  return {
    cdp,
    ownProcess,
    async measure() {
      // Twice: objects freed by the first collection's finalizers (weak callbacks) go in the second.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      // Counting walks the whole heap of the shared renderer: bounded, so a stuck query cannot stall the run.
      // Off by default: on this machine the query crashed the shared renderer (Target crashed); HISTORY_COUNT_NODES=1 tries it.
      const nodes = process.env['HISTORY_COUNT_NODES'] !== '1' ? { all: -1, detached: -1 } : await Promise.race([
        countNodes(),
        new Promise<{ all: number; detached: number }>((ok) => setTimeout(() => ok({ all: -1, detached: -1 }), 60_000).unref()),
      ]);
      const elements = await frame.evaluate(() => document.getElementsByTagName('*').length);
      return {
        usedHeap: heap.usedSize,
        documents: dom.documents,
        nodes: dom.nodes,
        listeners: dom.jsEventListeners,
        frameNodes: nodes.all,
        frameDetached: nodes.detached,
        elements,
      };
    },
  };
}
