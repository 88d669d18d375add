// CPU per answer: the extension host's CPU time (/proc) and the main-thread CPU time of the panel's own renderer
// and of the workbench page's renderer (/proc schedstat, beside CDP Performance.getMetrics) while one long
// answer streams into a panel, minus an idle interval of the same length right after it (the workbench's own
// background work), per 1,000 tokens. The webviews run on their own site (the harness's `isolateWebviews`),
// so each panel has its own renderer, as in VS Code desktop.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession, Frame, Page } from 'playwright-core';
import type { BenchPanel } from './panels';
import { cpuTime, measuredMainThreadCpuMs } from './processes';
import { mainThread, rendererMetrics, rendererPids, rendererRunning, SPIN } from './frames';
import type { Metrics } from './frames';
import { LONG_TOKENS, longQuestion } from './streams';
import type { FrameLog, StreamRecord } from './streams';

/** Main-thread CPU (schedstat), Chromium's wall-clock TaskDuration and ScriptDuration, ms. */
export interface ThreadFigure {
  cpuMs: number;
  taskMs: number;
  scriptMs: number;
}

export interface CpuFigure {
  /** The panel's name. */
  name: string;
  rate: number;
  tokens: number;
  /** Wall-clock ms of the measured interval (question sent to the answer shown as finished). */
  intervalMs: number;
  /** Per 1,000 tokens, idle subtracted: host utime+stime and schedstat; the panel's and the workbench's renderer. */
  hostMs: number;
  hostSchedMs: number;
  panel: ThreadFigure;
  workbench: ThreadFigure;
  /** The idle interval's own figures (whole interval, not per 1,000 tokens). */
  idle: { hostMs: number; panel: ThreadFigure; workbench: ThreadFigure };
}

/** Two animation frames in the panel: the last update has been rendered. */
export function settled(frame: Frame): Promise<void> {
  return frame.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

/** One renderer process measured: its pid (for schedstat) and a CDP session on its document (for metrics). */
export interface Renderer {
  pid: number;
  cdp: CDPSession;
}

/** The processes measured: the extension host, the workbench page's renderer and each panel's renderer. */
export interface Measured {
  hostPid: number;
  workbench: Renderer;
  panels: ReadonlyMap<string, Renderer>;
}

async function rendererOf(page: Page, pids: readonly number[], target: Page | Frame, spin: () => Promise<unknown>): Promise<Renderer> {
  const pid = await rendererRunning(pids, spin);
  const cdp = await page.context().newCDPSession(target);
  await cdp.send('Performance.enable');
  return { pid, cdp };
}

/** Finds the renderers of the workbench page and of each panel (the panel's webview iframe is an OOPIF). */
export async function measuredProcesses(page: Page, hostPid: number, panels: readonly BenchPanel[]): Promise<Measured> {
  const pids = await rendererPids(page);
  const opened: Renderer[] = [];
  try {
    const workbench = await rendererOf(page, pids, page, () => page.evaluate(SPIN, 300));
    opened.push(workbench);
    const byPanel = new Map<string, Renderer>();
    for (const p of panels) {
      const outer = p.frame.parentFrame();
      if (!outer) throw new Error(`${p.name}: its document has no outer webview frame`);
      const r = await rendererOf(page, pids, outer, () => p.frame.evaluate(SPIN, 300));
      opened.push(r);
      if (r.pid === workbench.pid) throw new Error(`${p.name} runs in the workbench page's renderer: the webviews are not isolated`);
      const shared = [...byPanel].find(([, o]) => o.pid === r.pid);
      if (shared) throw new Error(`${p.name} shares its renderer with ${shared[0]}: their figures could not be told apart`);
      byPanel.set(p.name, r);
    }
    console.log(`  renderer processes: ${pids.join(', ')}; workbench page ${workbench.pid}; ${[...byPanel].map(([n, r]) => `${n} ${r.pid}`).join(', ')}`);
    return { hostPid, workbench, panels: byPanel };
  } catch (e) {
    for (const r of opened) await r.cdp.detach().catch(() => undefined);
    throw e;
  }
}

export async function detachAll(m: Measured): Promise<void> {
  for (const r of [m.workbench, ...m.panels.values()]) await r.cdp.detach();
}

interface ThreadReading {
  cpu: number;
  metrics: Metrics;
}

export interface Reading {
  host: ReturnType<typeof cpuTime>;
  workbench: ThreadReading;
  panel: ThreadReading;
  at: number;
}

async function readRenderer(r: Renderer): Promise<ThreadReading> {
  return { cpu: measuredMainThreadCpuMs(r.pid), metrics: await rendererMetrics(r.cdp) };
}

export function panelRenderer(m: Measured, panel: BenchPanel): Renderer {
  const r = m.panels.get(panel.name);
  if (!r) throw new Error(`${panel.name} is not measured`);
  return r;
}

/** The measured processes' CPU so far: the host (/proc), the workbench's and `panel`'s renderer. */
export async function read(m: Measured, panel: BenchPanel): Promise<Reading> {
  const r = panelRenderer(m, panel);
  return { host: cpuTime(m.hostPid), workbench: await readRenderer(m.workbench), panel: await readRenderer(r), at: performance.now() };
}

/** What a renderer's main thread did between two readings, ms. */
export function between(a: ThreadReading, b: ThreadReading): ThreadFigure {
  const t = mainThread(a.metrics, b.metrics);
  return { cpuMs: b.cpu - a.cpu, taskMs: t.task, scriptMs: t.script };
}

const minus = (busy: ThreadFigure, idle: ThreadFigure, per: number): ThreadFigure => ({
  cpuMs: (busy.cpuMs - idle.cpuMs) * per,
  taskMs: (busy.taskMs - idle.taskMs) * per,
  scriptMs: (busy.scriptMs - idle.scriptMs) * per,
});

/** Streams one long answer at `rate` into `panel` and returns its cost per 1,000 tokens. */
export async function measureAnswer(panel: BenchPanel, frames: FrameLog, m: Measured, rate: number, n: number): Promise<CpuFigure & { stream: StreamRecord }> {
  await settled(panel.frame);
  const a = await read(m, panel);
  const ended = frames.next();
  await panel.ask(longQuestion(rate, n));
  const stream = await ended;
  await panel.waitDone();
  await settled(panel.frame);
  const b = await read(m, panel);
  await sleep(b.at - a.at);
  const c = await read(m, panel);
  const idleHost = c.host.statMs - b.host.statMs;
  const idle = { hostMs: idleHost, panel: between(b.panel, c.panel), workbench: between(b.workbench, c.workbench) };
  const per = 1000 / stream.tokens;
  if (stream.tokens !== LONG_TOKENS) console.log(`    note: ${stream.tokens} tokens streamed (${LONG_TOKENS} meant)`);
  return {
    name: panel.name,
    rate,
    tokens: stream.tokens,
    intervalMs: b.at - a.at,
    hostMs: (b.host.statMs - a.host.statMs - idleHost) * per,
    hostSchedMs: (b.host.schedMs - a.host.schedMs - (c.host.schedMs - b.host.schedMs)) * per,
    panel: minus(between(a.panel, b.panel), idle.panel, per),
    workbench: minus(between(a.workbench, b.workbench), idle.workbench, per),
    idle,
    stream,
  };
}
