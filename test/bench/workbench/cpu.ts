// CPU per answer: the extension host's CPU time (/proc) and the workbench renderer's main-thread time (CDP
// Performance.getMetrics) while one long answer streams into a panel, minus an idle interval of the same
// length right after it (the workbench's own background work), per 1,000 tokens.
import type { CDPSession, Frame } from 'playwright-core';
import type { BenchPanel } from './panels';
import { cpuTime, mainThreadCpuMs } from './processes';
import { mainThread, rendererMetrics } from './frames';
import { LONG_TOKENS, longQuestion } from './streams';
import type { FrameLog, StreamRecord } from './streams';

export interface CpuFigure {
  panel: string;
  rate: number;
  tokens: number;
  /** Wall-clock ms of the measured interval (question sent to the answer shown as finished). */
  intervalMs: number;
  /** Per 1,000 tokens, idle subtracted: host utime+stime, host schedstat, renderer TaskDuration and ScriptDuration. */
  hostMs: number;
  hostSchedMs: number;
  panelTaskMs: number;
  panelScriptMs: number;
  /** The renderers' main-thread CPU time (schedstat), per 1,000 tokens, idle subtracted. */
  panelCpuMs: number;
  /** The idle interval's own figures (whole interval, not per 1,000 tokens). */
  idle: { hostMs: number; panelTaskMs: number; panelCpuMs: number };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Two animation frames in the panel: the last update has been rendered. */
export function settled(frame: Frame): Promise<void> {
  return frame.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

export interface Reading {
  host: ReturnType<typeof cpuTime>;
  renderer: Record<string, number>;
  mainCpu: number;
  at: number;
}

/** The processes measured: the extension host and the workbench page's renderer (which runs the webviews too). */
export interface Measured {
  hostPid: number;
  rendererPids: number[];
  cdp: CDPSession;
}

/** The measured processes' CPU so far (host /proc, renderer CDP metrics and main-thread schedstat). */
export async function read(m: Measured): Promise<Reading> {
  return { host: cpuTime(m.hostPid), renderer: await rendererMetrics(m.cdp), mainCpu: m.rendererPids.reduce((sum, pid) => sum + mainThreadCpuMs(pid), 0), at: performance.now() };
}

/** Streams one long answer at `rate` into `panel` and returns its cost per 1,000 tokens. */
export async function measureAnswer(panel: BenchPanel, frames: FrameLog, m: Measured, rate: number, n: number): Promise<CpuFigure & { stream: StreamRecord }> {
  await settled(panel.frame);
  const a = await read(m);
  const ended = frames.next();
  await panel.ask(longQuestion(rate, n));
  const stream = await ended;
  await panel.waitDone();
  await settled(panel.frame);
  const b = await read(m);
  await sleep(b.at - a.at);
  const c = await read(m);
  const busy = mainThread(a.renderer, b.renderer);
  const idle = mainThread(b.renderer, c.renderer);
  const idleHost = c.host.statMs - b.host.statMs;
  const per = 1000 / stream.tokens;
  if (stream.tokens !== LONG_TOKENS) console.log(`    note: ${stream.tokens} tokens streamed (${LONG_TOKENS} meant)`);
  return {
    panel: panel.name,
    rate,
    tokens: stream.tokens,
    intervalMs: b.at - a.at,
    hostMs: (b.host.statMs - a.host.statMs - idleHost) * per,
    hostSchedMs: (b.host.schedMs - a.host.schedMs - (c.host.schedMs - b.host.schedMs)) * per,
    panelTaskMs: (busy.task - idle.task) * per,
    panelScriptMs: (busy.script - idle.script) * per,
    panelCpuMs: (b.mainCpu - a.mainCpu - (c.mainCpu - b.mainCpu)) * per,
    idle: { hostMs: idleHost, panelTaskMs: idle.task, panelCpuMs: c.mainCpu - b.mainCpu },
    stream,
  };
}
