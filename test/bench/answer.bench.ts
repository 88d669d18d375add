/**
 * What a user feels of one answer, in the real workbench (code-server + Chromium, the UI tests' harness), with
 * the extension loaded from source and the naive baseline panel (test/bench/naivePanel) installed beside it:
 * - CPU per answer: ~2,000 tokens at 50 and at 1,000 tokens/s into each panel; the extension host's CPU time
 *   (/proc utime+stime) and the workbench renderer's main-thread time, each minus an idle interval of the same
 *   length, per 1,000 tokens. The renderer figure judged is the main thread's CPU time (/proc schedstat of the
 *   renderers' main threads), printed beside CDP TaskDuration/ScriptDuration, which are wall clock and grow
 *   with the machine's load (on 2 shared cores at load 10, TaskDuration was 1.5-3x the CPU time).
 * - First token: simulator writes the first text frame -> the panel's DOM shows it, against a plain Node client.
 * - Host-to-panel traffic at 1,000 tokens/s: messages/s, bytes per character, every character delivered.
 * The webview iframes are same-site with the workbench (127.0.0.1), so Chromium runs them in the workbench
 * page's renderer process and on its main thread: the renderer figure is the panel plus whatever the workbench
 * did meanwhile (its streaming-driven work: the Stop button, the conversations tree), idle subtracted.
 * Never fails on time. Run alone: `npm run bench -- answer`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkbench } from '../ui/lib';
import type { Workbench } from '../ui/lib';
import { addRow, ms } from './report';
import { measureAnswer } from './workbench/cpu';
import type { CpuFigure, Measured } from './workbench/cpu';
import { nodeFirstToken, panelFirstToken } from './workbench/firstToken';
import { rendererPids, webviewProcessModel } from './workbench/frames';
import { naivePanelVsix } from './workbench/naiveVsix';
import { openNaivePanel, openRealPanel } from './workbench/panels';
import type { BenchPanel } from './workbench/panels';
import { extensionHostPid } from './workbench/processes';
import { FrameLog, WAIT_MS, benchAnswer, longQuestion, shortQuestion } from './workbench/streams';
import { measureTraffic } from './workbench/traffic';
import { measureWaiting } from './workbench/waiting';
import type { TrafficFigure } from './workbench/traffic';

const RATES = (process.env['ANSWER_BENCH_RATES'] ?? '50,1000').split(',').filter(Boolean).map(Number);
const FIRST_TOKEN_REPS = Number(process.env['ANSWER_BENCH_REPS'] ?? 24);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
}

const ratio = (base: number, value: number): string => (value <= 0 ? '∞' : `${(base / value).toFixed(1)}x`);

function cpuLine(f: CpuFigure): string {
  return (
    `host ${ms(f.hostMs)} (schedstat ${ms(f.hostSchedMs)}), renderer main thread CPU ${ms(f.panelCpuMs)} (TaskDuration ${ms(f.panelTaskMs)}, ScriptDuration ${ms(f.panelScriptMs)}) per 1,000 tokens; ` +
    `${f.tokens} tokens in ${ms(f.intervalMs)}; idle interval: host ${ms(f.idle.hostMs)}, renderer main thread CPU ${ms(f.idle.panelCpuMs)}, TaskDuration ${ms(f.idle.panelTaskMs)}`
  );
}

function cpuRow(real: CpuFigure, naive: CpuFigure): void {
  const hostRatio = naive.hostMs / Math.max(real.hostMs, 1e-9);
  const panelRatio = naive.panelCpuMs / Math.max(real.panelCpuMs, 1e-9);
  const slow = real.rate === 50;
  const met = hostRatio >= 10 && panelRatio >= 10 && (!slow || (real.hostMs < 20 && real.panelCpuMs < 100));
  addRow({
    area: 'CPU per answer',
    figure: `${real.tokens} tokens at ${real.rate} tokens/s, per 1,000 tokens: extension host CPU, renderer main-thread CPU (TaskDuration) (workbench)`,
    value: `host ${ms(real.hostMs)}, panel ${ms(real.panelCpuMs)} (${ms(real.panelTaskMs)})`,
    baseline: `naive panel: host ${ms(naive.hostMs)} (${ratio(naive.hostMs, real.hostMs)}), panel ${ms(naive.panelCpuMs)} (${ratio(naive.panelCpuMs, real.panelCpuMs)}; TaskDuration ${ms(naive.panelTaskMs)})`,
    goal: slow ? '>= 10x less; < 20 ms host, < 100 ms panel' : '>= 10x less',
    met,
  });
}

async function measuredProcesses(wb: Workbench, hostPid: number): Promise<Measured> {
  const cdp = await wb.page.context().newCDPSession(wb.page);
  await cdp.send('Performance.enable');
  const renderers = await rendererPids(wb.page);
  console.log(`  renderer processes: ${renderers.join(', ')}`);
  return { hostPid, rendererPids: renderers, cdp };
}

async function waitingFigures(wb: Workbench, real: BenchPanel, frames: FrameLog, measured: Measured): Promise<void> {
  const w = await measureWaiting(real, frames, measured, await rendererPids(wb.page, undefined), 0);
  const line = (host: number, panel: number, browser?: number): string =>
    `host ${ms(host)}/s, renderer main thread ${ms(panel)}/s${browser === undefined ? '' : `, the whole browser ${ms(browser)}/s`}`;
  console.log(`  waiting for the first token (${ms(w.spanMs)} of a ${WAIT_MS / 1000} s wait): ${line(w.hostMsPerS, w.panelCpuMsPerS, w.browserMsPerS)}; idle: ${line(w.idleHostMsPerS, w.idlePanelCpuMsPerS, w.idleBrowserMsPerS)}`);
  addRow({
    area: 'Waiting',
    figure: 'CPU while the first token is awaited (the waiting clock and spinner shown), per second (workbench)',
    value: line(w.hostMsPerS, w.panelCpuMsPerS, w.browserMsPerS),
    baseline: `idle workbench: ${line(w.idleHostMsPerS, w.idlePanelCpuMsPerS, w.idleBrowserMsPerS)}`,
  });
}

async function cpuFigures(real: BenchPanel, naive: BenchPanel, frames: FrameLog, measured: Measured): Promise<void> {
  let n = 0;
  for (const rate of RATES) {
    const figures: CpuFigure[] = [];
    for (const panel of [real, naive]) {
      const f = await measureAnswer(panel, frames, measured, rate, n++);
      console.log(`  ${rate} tokens/s, ${panel.name}: ${cpuLine(f)}`);
      figures.push(f);
    }
    const [r, nv] = figures as [CpuFigure, CpuFigure];
    console.log(`  ${rate} tokens/s ratio naive/extension: host ${ratio(nv.hostMs, r.hostMs)}, renderer main thread CPU ${ratio(nv.panelCpuMs, r.panelCpuMs)}, TaskDuration ${ratio(nv.panelTaskMs, r.panelTaskMs)}`);
    cpuRow(r, nv);
  }
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
    wb = await openWorkbench({ sim: { benchAnswer, onFrame: frames.onFrame }, vsix: [vsix] });
    const real = await openRealPanel(wb.page);
    const naive = await openNaivePanel(wb.page);
    const hostPid = extensionHostPid(wb.server.userDataDir);
    const model = await webviewProcessModel(wb.page);
    console.log(`  machine: ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; extension host pid ${hostPid}`);
    console.log(`  webview iframes in their own renderer process (out-of-process iframe targets): ${model.iframeTargets}; page targets ${model.pages}`);
    await warmUp([real, naive], frames);
    await firstTokenFigures(wb, real, frames);
    const measured = await measuredProcesses(wb, hostPid);
    await waitingFigures(wb, real, frames, measured);
    await cpuFigures(real, naive, frames, measured);
    await measured.cdp.detach();
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
