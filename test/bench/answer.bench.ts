/**
 * What a user feels of one answer, in the real workbench (code-server + Chromium, the UI tests' harness), with
 * the extension loaded from source and the naive baseline panel (test/bench/naivePanel) installed beside it:
 * - CPU per answer: ~2,000 tokens at 50 and at 1,000 tokens/s into each panel; the extension host's CPU time
 *   (/proc utime+stime), the main-thread CPU time of the panel's own renderer and of the workbench page's
 *   renderer (/proc schedstat), each minus an idle interval of the same length, per 1,000 tokens. CDP
 *   TaskDuration/ScriptDuration are printed beside: they are wall clock and grow with the machine's load (on 2
 *   shared cores at load 10, TaskDuration was 1.5-3x the CPU time).
 *   The webviews are served from their own site (the harness's `isolateWebviews`), so each panel runs in its own
 *   renderer process, as in VS Code desktop (vscode-webview://) and vscode.dev; code-server alone would serve
 *   them from the workbench's origin and run them on the workbench page's main thread. The panel figure is the
 *   panel's; the workbench figure is what the workbench did meanwhile (relaying messages, the Stop button, the
 *   conversations tree; the panel's frames go to Chromium's compositor without it).
 *   Beside it, the floor (workbench/floor.ts): what the panel's renderer spends to show a text node growing as
 *   often as the host sends updates, with none of the extension's work: the price Chromium asks per update.
 * - First token: simulator writes the first text frame -> the panel's DOM shows it, against a plain Node client.
 * - Host-to-panel traffic at 1,000 tokens/s: messages/s, bytes per character, every character delivered.
 * Never fails on time. Run alone: `npm run bench -- answer`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkbench } from '../ui/lib';
import type { Workbench } from '../ui/lib';
import { addRow, ms } from './report';
import { detachAll, measureAnswer, measuredProcesses } from './workbench/cpu';
import type { CpuFigure, Measured, ThreadFigure } from './workbench/cpu';
import { nodeFirstToken, panelFirstToken } from './workbench/firstToken';
import { rendererPids, webviewProcessModel } from './workbench/frames';
import { naivePanelVsix } from './workbench/naiveVsix';
import { openNaivePanel, openRealPanel } from './workbench/panels';
import type { BenchPanel } from './workbench/panels';
import { extensionHostPid } from './workbench/processes';
import { FrameLog, LONG_CHARS, LONG_TOKENS, WAIT_MS, benchAnswer, longQuestion, shortQuestion } from './workbench/streams';
import { measureFloor } from './workbench/floor';
import { UPDATE_INTERVAL_MS } from '../../src/chat/coalescer';
import { measureTraffic } from './workbench/traffic';
import { measureWaiting } from './workbench/waiting';
import type { TrafficFigure } from './workbench/traffic';

const RATES = (process.env['ANSWER_BENCH_RATES'] ?? '50,1000').split(',').filter(Boolean).map(Number);
const FIRST_TOKEN_REPS = Number(process.env['ANSWER_BENCH_REPS'] ?? 24);
/** How long the floor's text grows (and its idle span lasts). */
const FLOOR_SPAN_MS = 10_000;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
}

const ratio = (base: number, value: number): string => (value <= 0 ? '∞' : `${(base / value).toFixed(1)}x`);

const threadLine = (t: ThreadFigure): string => `main thread CPU ${ms(t.cpuMs)} (TaskDuration ${ms(t.taskMs)}, ScriptDuration ${ms(t.scriptMs)})`;

function cpuLine(f: CpuFigure): string {
  return (
    `host ${ms(f.hostMs)} (schedstat ${ms(f.hostSchedMs)}), panel's renderer ${threadLine(f.panel)}, workbench renderer ${threadLine(f.workbench)} per 1,000 tokens; ` +
    `${f.tokens} tokens in ${ms(f.intervalMs)}; idle interval: host ${ms(f.idle.hostMs)}, panel ${threadLine(f.idle.panel)}, workbench ${threadLine(f.idle.workbench)}`
  );
}

function cpuRow(real: CpuFigure, naive: CpuFigure): void {
  const hostRatio = naive.hostMs / Math.max(real.hostMs, 1e-9);
  const panelRatio = naive.panel.cpuMs / Math.max(real.panel.cpuMs, 1e-9);
  const slow = real.rate === 50;
  const met = hostRatio >= 10 && panelRatio >= 10 && (!slow || (real.hostMs < 20 && real.panel.cpuMs < 100));
  addRow({
    area: 'CPU per answer',
    figure: `${real.tokens} tokens at ${real.rate} tokens/s, per 1,000 tokens: extension host CPU, main-thread CPU of the panel's renderer (TaskDuration), of the workbench renderer (workbench)`,
    value: `host ${ms(real.hostMs)}, panel ${ms(real.panel.cpuMs)} (${ms(real.panel.taskMs)}), workbench ${ms(real.workbench.cpuMs)}`,
    baseline: `naive panel: host ${ms(naive.hostMs)} (${ratio(naive.hostMs, real.hostMs)}), panel ${ms(naive.panel.cpuMs)} (${ratio(naive.panel.cpuMs, real.panel.cpuMs)}; TaskDuration ${ms(naive.panel.taskMs)}), workbench ${ms(naive.workbench.cpuMs)} (${ratio(naive.workbench.cpuMs, real.workbench.cpuMs)})`,
    goal: slow ? '>= 10x less; < 20 ms host, < 100 ms panel' : '>= 10x less',
    met,
  });
}

async function waitingFigures(wb: Workbench, real: BenchPanel, frames: FrameLog, measured: Measured): Promise<void> {
  const w = await measureWaiting(real, frames, measured, await rendererPids(wb.page, undefined), 0);
  const line = (host: number, panel: number, workbench: number, browser: number): string =>
    `host ${ms(host)}/s, main thread of the panel's renderer ${ms(panel)}/s, of the workbench renderer ${ms(workbench)}/s, the whole browser ${ms(browser)}/s`;
  const busy = line(w.hostMsPerS, w.panelCpuMsPerS, w.workbenchCpuMsPerS, w.browserMsPerS);
  const idle = line(w.idleHostMsPerS, w.idlePanelCpuMsPerS, w.idleWorkbenchCpuMsPerS, w.idleBrowserMsPerS);
  console.log(`  waiting for the first token (${ms(w.spanMs)} of a ${WAIT_MS / 1000} s wait): ${busy}; idle: ${idle}`);
  addRow({
    area: 'Waiting',
    figure: 'CPU while the first token is awaited (the waiting clock and spinner shown), per second (workbench)',
    value: busy,
    baseline: `idle workbench: ${idle}`,
  });
}

async function cpuFigures(real: BenchPanel, naive: BenchPanel, frames: FrameLog, measured: Measured): Promise<Map<number, CpuFigure>> {
  const byRate = new Map<number, CpuFigure>();
  let n = 0;
  for (const rate of RATES) {
    const figures: CpuFigure[] = [];
    for (const panel of [real, naive]) {
      const f = await measureAnswer(panel, frames, measured, rate, n++);
      console.log(`  ${rate} tokens/s, ${panel.name}: ${cpuLine(f)}`);
      figures.push(f);
    }
    const [r, nv] = figures as [CpuFigure, CpuFigure];
    console.log(`  ${rate} tokens/s ratio naive/extension: host ${ratio(nv.hostMs, r.hostMs)}, panel's renderer main thread CPU ${ratio(nv.panel.cpuMs, r.panel.cpuMs)}, TaskDuration ${ratio(nv.panel.taskMs, r.panel.taskMs)}, workbench renderer ${ratio(nv.workbench.cpuMs, r.workbench.cpuMs)}`);
    cpuRow(r, nv);
    byRate.set(rate, r);
  }
  return byRate;
}

/** The floor under the panel's figure at a local model's pace (floor.ts): Chromium's own price per update. */
async function floorFigure(real: BenchPanel, measured: Measured, figure: CpuFigure | undefined): Promise<void> {
  if (!figure) return;
  const chars = Math.round((LONG_CHARS / LONG_TOKENS) * figure.rate * (UPDATE_INTERVAL_MS / 1000));
  const f = await measureFloor(real, measured, UPDATE_INTERVAL_MS, chars, FLOOR_SPAN_MS);
  const per1000 = (f.busyMsPerS - f.idleMsPerS) * (1000 / figure.rate);
  console.log(`  floor: a text node in the panel grows ${chars} characters ${f.updatesPerSecond.toFixed(1)} times a second: panel's renderer main thread ${ms(f.busyMsPerS)}/s, idle ${ms(f.idleMsPerS)}/s = ${ms(per1000)} per 1,000 tokens at ${figure.rate} tokens/s`);
  addRow({
    area: 'CPU per answer',
    figure: `the floor: main-thread CPU of the panel's renderer to show a text growing ${chars} characters ${f.updatesPerSecond.toFixed(1)} times a second (the host's update interval), per 1,000 tokens at ${figure.rate} tokens/s (workbench)`,
    value: ms(per1000),
    baseline: `extension panel: ${ms(figure.panel.cpuMs)} (${(figure.panel.cpuMs / Math.max(per1000, 1e-9)).toFixed(1)}x the floor)`,
  });
}

async function firstTokenFigures(wb: Workbench, real: BenchPanel, frames: FrameLog): Promise<void> {
  const sim = wb.sim;
  if (!sim) throw new Error('no simulator');
  const panel = await panelFirstToken(real, frames, FIRST_TOKEN_REPS);
  const floor = await nodeFirstToken(sim.baseUrl, sim.keys.chat, frames, FIRST_TOKEN_REPS);
  const floorMedian = quantile(floor, 0.5);
  const added = panel.latencies.map((l) => l - floorMedian);
  const median = quantile(added, 0.5);
  const p95 = quantile(added, 0.95);
  console.log(`  first token, ${FIRST_TOKEN_REPS} questions: panel (frame written -> DOM) median ${ms(quantile(panel.latencies, 0.5))}, p95 ${ms(quantile(panel.latencies, 0.95))}, slowest ${ms(Math.max(...panel.latencies))} (clocks matched within ±${ms(panel.clockUncertainty)})`);
  console.log(`    plain Node client (frame written -> read): median ${ms(floorMedian)}, p95 ${ms(quantile(floor, 0.95))}; added by the extension: median ${ms(median)}, p95 ${ms(p95)}`);
  console.log(`    each (ms): ${panel.latencies.map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`    of which the host and the workbench's relay (frame written -> the message in the webview): median ${ms(quantile(panel.messages, 0.5))}, p95 ${ms(quantile(panel.messages, 0.95))}; each: ${panel.messages.map((l) => l.toFixed(1)).join(' ')}`);
  addRow({
    area: 'First token',
    figure: `simulator frame to panel DOM, added over a plain Node client (${FIRST_TOKEN_REPS} questions, workbench)`,
    value: `median ${ms(median)}, p95 ${ms(p95)}`,
    baseline: `plain Node client: median ${ms(floorMedian)} (the floor)`,
    goal: 'median < 30 ms, p95 < 60 ms',
    met: median < 30 && p95 < 60,
  });
}

function trafficLine(t: TrafficFigure): string {
  const types = Object.entries(t.byType).map(([k, v]) => `${k} ${v}`).join(', ');
  return `${t.messages} messages (${types}), ${t.messagesPerSecond.toFixed(1)}/s, ${t.bytes} bytes = ${t.bytesPerChar.toFixed(2)} B/char; ${t.received}/${t.chars} characters, ${t.complete ? 'the exact answer' : 'NOT the answer'}`;
}

async function trafficFigures(real: BenchPanel, naive: BenchPanel, frames: FrameLog): Promise<void> {
  const r = await measureTraffic(real, frames, 900);
  console.log(`  traffic at 1,000 tokens/s, ${real.name}: ${trafficLine(r)}`);
  const nv = await measureTraffic(naive, frames, 901);
  console.log(`  traffic at 1,000 tokens/s, ${naive.name}: ${trafficLine(nv)}`);
  addRow({
    area: 'Traffic',
    figure: `host-to-panel messages/s and bytes per character, ${r.chars} characters at 1,000 tokens/s (workbench)`,
    value: `${r.messagesPerSecond.toFixed(1)} msg/s, ${r.bytesPerChar.toFixed(2)} B/char, ${r.complete ? 'every character delivered' : `${r.received} of ${r.chars} characters`}`,
    baseline: `naive panel: ${nv.messagesPerSecond.toFixed(0)} msg/s, ${nv.bytesPerChar.toFixed(2)} B/char`,
    goal: '<= 30 msg/s, < 2 B/char, every character',
    met: r.messagesPerSecond <= 30 && r.bytesPerChar < 2 && r.complete,
  });
}

async function warmUp(panels: BenchPanel[], frames: FrameLog): Promise<void> {
  for (const p of panels) {
    const ended = frames.next();
    await p.ask(longQuestion(1000, -1));
    await ended;
    await p.waitDone();
  }
  const ended = frames.next();
  await panels[0]?.ask(shortQuestion(-1));
  await ended;
  await panels[0]?.waitDone();
}

export async function run(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dify-answer-bench-'));
  const frames = new FrameLog();
  let wb: Workbench | undefined;
  try {
    const vsix = await naivePanelVsix(tmp);
    wb = await openWorkbench({ sim: { benchAnswer, onFrame: frames.onFrame }, vsix: [vsix], isolateWebviews: true });
    const real = await openRealPanel(wb.page);
    const naive = await openNaivePanel(wb.page);
    const hostPid = extensionHostPid(wb.server.userDataDir);
    const model = await webviewProcessModel(wb.page);
    console.log(`  machine: ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; extension host pid ${hostPid}`);
    console.log(`  webview iframes in their own renderer process (out-of-process iframe targets): ${model.iframeTargets}; page targets ${model.pages}`);
    await warmUp([real, naive], frames);
    await firstTokenFigures(wb, real, frames);
    const measured = await measuredProcesses(wb.page, hostPid, [real, naive]);
    try {
      await waitingFigures(wb, real, frames, measured);
      const cpu = await cpuFigures(real, naive, frames, measured);
      await floorFigure(real, measured, cpu.get(50));
    } finally {
      await detachAll(measured);
    }
    await trafficFigures(real, naive, frames);
  } finally {
    await wb?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
