// The floor under the panel's CPU per answer: what the panel's renderer spends, with nothing of the extension's
// work, to show a text growing as often as the host sends updates. In the panel's own document, one text node in
// a fixed box grows by the characters of one update, once per update interval, for a while; the renderer's
// main-thread CPU over that span, minus an idle span of the same length, is Chromium's own price per update
// (style, layout, paint, commit for one small change): what any renderer of the answer pays for each update,
// give or take how much of the page its change makes Chromium paint.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchPanel } from './panels';
import type { Measured } from './cpu';
import { panelRenderer, settled } from './cpu';
import { measuredMainThreadCpuMs } from './processes';

export interface FloorFigure {
  /** Updates made per second (counted in the page). */
  updatesPerSecond: number;
  charsPerUpdate: number;
  /** Main-thread CPU of the panel's renderer per second while the text grows, and while idle. */
  busyMsPerS: number;
  idleMsPerS: number;
}

/** Grows a text node in `panel`'s document every `intervalMs` for `spanMs`; returns its cost per second. */
export async function measureFloor(panel: BenchPanel, m: Measured, intervalMs: number, charsPerUpdate: number, spanMs: number): Promise<FloorFigure> {
  const pid = panelRenderer(m, panel).pid;
  await settled(panel.frame);
  const i0 = measuredMainThreadCpuMs(pid);
  const t0 = performance.now();
  await sleep(spanMs);
  const idleMsPerS = (measuredMainThreadCpuMs(pid) - i0) / ((performance.now() - t0) / 1000);
  const b0 = measuredMainThreadCpuMs(pid);
  const t1 = performance.now();
  const updates = await panel.frame.evaluate(
    ([every, chars, span]) =>
      new Promise<number>((done) => {
        const box = document.createElement('div');
        box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;height:40%;overflow:hidden;z-index:9;background:var(--vscode-sideBar-background);white-space:normal';
        const text = document.createTextNode('');
        box.append(text);
        document.body.append(box);
        const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do ';
        let n = 0;
        let updates = 0;
        const timer = setInterval(() => {
          let add = '';
          while (add.length < chars) add += words[n++ % words.length];
          text.appendData(add);
          updates++;
        }, every);
        setTimeout(() => {
          clearInterval(timer);
          box.remove();
          done(updates);
        }, span);
      }),
    [intervalMs, charsPerUpdate, spanMs] as const,
  );
  const seconds = (performance.now() - t1) / 1000;
  const busyMsPerS = (measuredMainThreadCpuMs(pid) - b0) / seconds;
  // The updates made, not those planned: a busy machine fires the timer late.
  return { updatesPerSecond: updates / seconds, charsPerUpdate, busyMsPerS, idleMsPerS };
}
