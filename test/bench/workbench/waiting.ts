// What waiting for the first token costs: a local model loading can take a minute, during which the panel shows
// "Waiting for the model… 12 s" with a spinner and Stop. The simulator holds the first text frame back
// (`firstTokenAfterMs`); the extension host's CPU and the main-thread CPU of the panel's renderer and of the
// workbench page's renderer are read over a span of the wait, against an idle span of the same length just before
// the question (the workbench's own background work).
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchPanel } from './panels';
import { read, settled } from './cpu';
import { cpuTime } from './processes';
import type { Measured } from './cpu';
import { waitQuestion, WAIT_MS } from './streams';
import type { FrameLog } from './streams';

export interface WaitingFigure {
  /** Per second of waiting: host CPU, main-thread CPU (schedstat) of the panel's and the workbench's renderer; idle. */
  hostMsPerS: number;
  panelCpuMsPerS: number;
  workbenchCpuMsPerS: number;
  idleHostMsPerS: number;
  idlePanelCpuMsPerS: number;
  idleWorkbenchCpuMsPerS: number;
  /** Every thread of every Chromium process (renderer, GPU/display compositor, browser), per second; and idle. */
  browserMsPerS: number;
  idleBrowserMsPerS: number;
  spanMs: number;
}

/** Asks a question whose first token comes after {@link WAIT_MS}, and reads the CPU over the middle of the wait. */
export async function measureWaiting(panel: BenchPanel, frames: FrameLog, m: Measured, browserPids: number[], n: number): Promise<WaitingFigure> {
  const browser = (): number => browserPids.reduce((sum, pid) => sum + cpuTime(pid).schedMs, 0);
  const span = WAIT_MS / 2;
  // The idle span first: after an answer the workbench still works for a while (the tree, the suggestions).
  await settled(panel.frame);
  const a = await read(m, panel);
  const ab = browser();
  await sleep(span);
  const b = await read(m, panel);
  const bb = browser();
  const ended = frames.next();
  await panel.ask(waitQuestion(n));
  // The panel is waiting once the clock shows; the span ends well before the first token is due.
  await panel.frame.waitForFunction(
    () => {
      const turns = document.querySelectorAll('.turn');
      return /\d/.test(turns[turns.length - 1]?.querySelector('.status-text')?.textContent ?? '');
    },
    undefined,
    { timeout: span },
  );
  const c = await read(m, panel);
  const cb = browser();
  await sleep(span);
  const d = await read(m, panel);
  const db = browser();
  await ended;
  await panel.waitDone();
  const idle = (b.at - a.at) / 1000;
  const busy = (d.at - c.at) / 1000;
  return {
    hostMsPerS: (d.host.statMs - c.host.statMs) / busy,
    panelCpuMsPerS: (d.panel.cpu - c.panel.cpu) / busy,
    workbenchCpuMsPerS: (d.workbench.cpu - c.workbench.cpu) / busy,
    idleHostMsPerS: (b.host.statMs - a.host.statMs) / idle,
    idlePanelCpuMsPerS: (b.panel.cpu - a.panel.cpu) / idle,
    idleWorkbenchCpuMsPerS: (b.workbench.cpu - a.workbench.cpu) / idle,
    browserMsPerS: (db - cb) / busy,
    idleBrowserMsPerS: (bb - ab) / idle,
    spanMs: d.at - c.at,
  };
}
