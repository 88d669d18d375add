// The webview documents inside the workbench page, as Playwright frames (to evaluate scripts in them), the
// browser's clock against this process's, and the renderer's own accounting of main-thread work.
import type { CDPSession, Frame, Page } from 'playwright-core';
import { mainThreadCpuMs } from './processes';

/** The visible webview of an extension: the content frame (`#active-frame`) inside its `iframe.webview`. */
export async function webviewFrame(page: Page, extensionId: string, timeoutMs = 30_000): Promise<Frame> {
  const outer = page.locator(`iframe.webview[src*="extensionId=${extensionId}"]`).filter({ visible: true }).first();
  const outerFrame = await (await outer.elementHandle({ timeout: timeoutMs })).contentFrame();
  if (!outerFrame) throw new Error(`no webview frame for ${extensionId}`);
  const inner = await outerFrame.waitForSelector('#active-frame', { state: 'attached', timeout: timeoutMs });
  const frame = await inner.contentFrame();
  if (!frame) throw new Error(`no #active-frame in the webview of ${extensionId}`);
  await frame.waitForSelector('body > *', { state: 'attached', timeout: timeoutMs });
  return frame;
}

/** This process's clock in ms since the epoch, sub-millisecond (performance.now() from timeOrigin). */
export const nodeClock = (): number => performance.timeOrigin + performance.now();

/**
 * How far the frame's clock (performance.timeOrigin + now()) is ahead of {@link nodeClock}, from the round
 * trip with the smallest delay (NTP's estimate); `uncertainty` is half that round trip.
 */
export async function clockOffset(frame: Frame, samples = 15): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: 0, uncertainty: Infinity };
  for (let i = 0; i < samples; i++) {
    const t0 = nodeClock();
    const tb = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = nodeClock();
    if ((t1 - t0) / 2 < best.uncertainty) best = { offset: tb - (t0 + t1) / 2, uncertainty: (t1 - t0) / 2 };
  }
  return best;
}

export type Metrics = Record<string, number>;

/** Chromium's counters for the page's renderer (CDP Performance.getMetrics; durations in seconds). */
export async function rendererMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Main-thread task and script time between two readings, ms. */
export function mainThread(a: Metrics, b: Metrics): { task: number; script: number } {
  const d = (k: string): number => ((b[k] ?? 0) - (a[k] ?? 0)) * 1000;
  return { task: d('TaskDuration'), script: d('ScriptDuration') };
}

/** The pids of the browser's processes of one type, or all of them (CDP SystemInfo.getProcessInfo). */
export async function rendererPids(page: Page, type: string | undefined = 'renderer'): Promise<number[]> {
  const cdp = await page.context().browser()?.newBrowserCDPSession();
  if (!cdp) return [];
  try {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    return processInfo.filter((p) => type === undefined || p.type === type).map((p) => p.id);
  } finally {
    await cdp.detach();
  }
}

/**
 * Whether the webview iframes run in their own renderer processes (out-of-process iframes show as `iframe`
 * targets) or in the workbench page's renderer, where the page's metrics include their work.
 */
export async function webviewProcessModel(page: Page): Promise<{ iframeTargets: number; pages: number }> {
  const cdp = await page.context().browser()?.newBrowserCDPSession();
  if (!cdp) return { iframeTargets: -1, pages: -1 };
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return { iframeTargets: targetInfos.filter((t) => t.type === 'iframe').length, pages: targetInfos.filter((t) => t.type === 'page').length };
  } finally {
    await cdp.detach();
  }
}

/**
 * Which of `pids` runs a document: the renderer whose main thread's CPU time grows most while `spin` keeps that
 * document's main thread busy (~300 ms, far above any renderer's idle work). With webviews on their own site
 * (the harness's `isolateWebviews`) the workbench page and each webview have their own renderer.
 */
export async function rendererRunning(pids: readonly number[], spin: () => Promise<unknown>): Promise<number> {
  const before = pids.map(mainThreadCpuMs);
  await spin();
  const grown = pids.map((pid, i) => mainThreadCpuMs(pid) - (before[i] ?? 0));
  const best = grown.indexOf(Math.max(...grown));
  const pid = pids[best];
  const runnerUp = Math.max(0, ...grown.filter((_, i) => i !== best));
  // Clearly one: well above idle work, and at least twice what any other renderer did meanwhile.
  if (pid === undefined || (grown[best] ?? 0) < 150 || (grown[best] ?? 0) < 2 * runnerUp) {
    throw new Error(`no one renderer ran the busy document (grew ${grown.map((g) => g.toFixed(0)).join(', ')} ms)`);
  }
  return pid;
}

/** Keeps the evaluating document's main thread busy for `ms` (for {@link rendererRunning}). */
export const SPIN = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose
  }
};
