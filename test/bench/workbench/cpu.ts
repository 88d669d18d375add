// CPU per answer: the extension host's CPU time (/proc) and the workbench renderer's main-thread time (CDP
// Performance.getMetrics) while one long answer streams into a panel, minus an idle interval of the same
// length right after it (the workbench's own background work), per 1,000 tokens.
import type { CDPSession, Frame } from 'playwright-core';
import type { BenchPanel } from './panels';
import { cpuTime } from './processes';
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
  /** The idle interval's own figures (whole interval, not per 1,000 tokens). */
  idle: { hostMs: number; panelTaskMs: number };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Two animation frames in the panel: the last update has been rendered. */
export function settled(frame: Frame): Promise<void> {
  return frame.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

interface Reading {
  host: ReturnType<typeof cpuTime>;
  renderer: Record<string, number>;
  at: number;
}

async function read(hostPid: number, cdp: CDPSession): Promise<Reading> {
  return { host: cpuTime(hostPid), renderer: await rendererMetrics(cdp), at: performance.now() };
}

/** Streams one long answer at `rate` into `panel` and returns its cost per 1,000 tokens. */
export async function measureAnswer(panel: BenchPanel, frames: FrameLog, hostPid: number, cdp: CDPSession, rate: number, n: number): Promise<CpuFigure & { stream: StreamRecord }> {
  await settled(panel.frame);
  const a = await read(hostPid, cdp);
  const ended = frames.next();
  await panel.ask(longQuestion(rate, n));
  const stream = await ended;
  await panel.waitDone();
  await settled(panel.frame);
  const b = await read(hostPid, cdp);
  await sleep(b.at - a.at);
  const c = await read(hostPid, cdp);
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
    idle: { hostMs: idleHost, panelTaskMs: idle.task },
    stream,
  };
}
