/**
 * Long history in the real workbench (code-server + Chromium, the UI tests' openWorkbench()): a conversation of
 * 200 turns whose answers are 8 KB of Markdown with code, paged by the simulator's GET /messages as Dify pages
 * it. Measured inside the chat webview's document (historyProbe.ts):
 * - from the click on the conversation's row in the Conversations tree (its pointerdown in the workbench page,
 *   not Playwright's checks before it) to its newest answer's text in the
 *   panel's DOM, on screen, and painted (the first frame that shows it; the probe's earlier measure, which
 *   looked once a frame and then waited a frame more, is printed beside it);
 * - each "Load earlier messages" page (from the button's pointerdown) until all of its turns are in the list,
 *   until all 200 are (each page comes as its own message, in front of the turns shown);
 * - requestAnimationFrame deltas and each frame's own work (rAF to after paint) while the transcript scrolls
 *   from the bottom to the top, STEP px per frame;
 * - key event to the next painted frame while typing into the message box as an answer streams into that
 *   conversation.
 * The baseline, in the same run: the same conversation (a second copy, same text) with content-visibility
 * switched off by an adopted style sheet (two frames painted after the switch, before the click, so the relayout
 * of the transcript shown then is not counted in the open). The panel runs in a renderer of its own, as desktop
 * VS Code runs webviews; HISTORY_BENCH_WEBVIEWS=shared runs it in the workbench page's, as code-server serves it.
 * Never fails on time. Run alone: `npm run bench -- history.bench`.
 */
import { loadavg } from 'node:os';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { addRow, ms } from './report';
import { PAGE_SIZE, TURNS, armPress, chatFrame, conversationRow, newestMarker, openHistoryWorkbench, percentile, probe, seedLongConversation, wallClock, webviewProcessSaid, expectWebviewProcess } from './workbench/history';
import { webviewSession } from './workbench/panelHeap';
import type { FrameSample } from './workbench/historyProbe';

/** Pixels per frame while scrolling to the top: a fling (a 1 M px transcript in ~500 frames). */
const STEP = 2400;
/** A quick turn of the mouse wheel or a trackpad swipe (about a sidebar's height every other frame), for WHEEL_FRAMES. */
const WHEEL_STEP = 240;
const WHEEL_FRAMES = 240;
const TYPED = 'the quick brown fox jumps over the lazy dog again';

interface Variant {
  label: string;
  openPainted: number;
  /** The same open as the probe measured it before 2 December 2026 (up to two frames later). */
  openPolled: number;
  openInDom: number;
  pages: number[];
  frames: FrameSample[];
  height: number;
  /** WHEEL_FRAMES frames at WHEEL_STEP px from the bottom. */
  wheel: FrameSample[];
  /** The floor (content-visibility on only): the same scrolls over an empty block of the transcript's height. */
  floor?: { fling: FrameSample[]; wheel: FrameSample[] };
  typing: number[];
  cv: string;
  highlighted: string;
}

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** A renderer process whose main thread's time is accounted: the panel's own, or the workbench page's that it shares. */
interface Renderer {
  cdp: CDPSession;
  label: string;
}

/** Where the renderer's main thread spent a phase (the whole renderer: with the webview in the workbench's, both). */
async function accounted<T>(r: Renderer, run: () => Promise<T>): Promise<[T, string]> {
  const a = await metrics(r.cdp);
  const result = await run();
  const b = await metrics(r.cdp);
  const d = (k: string): string => ms(((b[k] ?? 0) - (a[k] ?? 0)) * 1000);
  return [result, `${r.label}: task ${d('TaskDuration')} (script ${d('ScriptDuration')}, style ${d('RecalcStyleDuration')}, layout ${d('LayoutDuration')})`];
}

const stats = (xs: readonly number[]): string => `p50 ${ms(percentile(xs, 0.5))}, p95 ${ms(percentile(xs, 0.95))}, max ${ms(percentile(xs, 1))}`;

async function loadAllPages(frame: Frame): Promise<number[]> {
  const times: number[] = [];
  const older = frame.getByRole('button', { name: 'Load earlier messages' });
  for (;;) {
    const turns = await frame.locator('.turns > .turn').count();
    if (turns >= TURNS || !(await older.isVisible())) break;
    await older.waitFor({ state: 'visible' });
    await frame.locator('.load-older:not([disabled])').waitFor();
    // The whole page (it goes in over a few frames, newest first): Dify's 20 messages, or what is left.
    const waiting = probe(frame, 'waitForTurns', Math.min(turns + PAGE_SIZE, TURNS), 60_000);
    const pressed = await armPress(frame);
    await older.click();
    const shown = await waiting;
    times.push(shown - (await pressed()));
  }
  return times;
}

async function typeWhileStreaming(page: Page, frame: Frame): Promise<number[]> {
  const box = frame.getByRole('textbox', { name: 'Message Dify' });
  await box.click();
  // The simulator's rich Markdown answer: long enough to stream through the typing, short enough that the
  // baseline (every turn laid out on each streamed frame) ends in minutes.
  await box.fill('Show me some markdown');
  await box.press('Enter');
  await frame.getByRole('button', { name: 'Stop' }).waitFor({ state: 'visible', timeout: 30_000 });
  await frame.waitForFunction(() => (document.querySelector('.turns > .turn:last-child .answer-text')?.textContent ?? '').length > 200, undefined, { timeout: 30_000 });
  await probe(frame, 'recordTyping');
  await box.click();
  await page.keyboard.type(TYPED, { delay: 60 });
  const latencies = await probe(frame, 'typingLatencies');
  const stop = frame.getByRole('button', { name: 'Stop' });
  if (await stop.isVisible()) await stop.click().catch(() => undefined);
  await frame.getByRole('button', { name: 'Send', exact: true }).waitFor({ state: 'visible', timeout: 300_000 });
  await frame.locator('article.answer[aria-busy="true"]').waitFor({ state: 'detached', timeout: 300_000 });
  await box.fill('');
  return latencies;
}

async function measure(page: Page, renderer: Renderer, frame: Frame, name: string, contentVisibility: boolean): Promise<Variant> {
  await probe(frame, 'setContentVisibility', contentVisibility);
  const waiting = probe(frame, 'waitForNewest', newestMarker(name), 120_000);
  const pressed = await armPress(page);
  const called = wallClock();
  await conversationRow(page, name).click();
  const shown = await waiting;
  // From the row's pointerdown, as a user's click; Playwright's own checks before it come on top.
  const t0 = await pressed();
  const opened = await probe(frame, 'inspect');
  const label = contentVisibility ? 'content-visibility on' : 'content-visibility off (baseline)';
  console.log(`  ${label}: opened in ${ms(shown.painted - t0)} after the click (the state reached the panel after ${ms(shown.stateArrived - t0)}; ${ms(shown.painted - called)} from Playwright's click() call, ${ms(t0 - called)} of it before it pressed)`);
  const [pages, pagesCost] = await accounted(renderer, () => loadAllPages(frame));
  console.log(`    pages loaded: ${pages.map(ms).join(', ')}; ${pagesCost}`);
  const [scrolled, scrollCost] = await accounted(renderer, () => probe(frame, 'scrollToTop', STEP));
  console.log(`    scrolled: ${scrolled.frames.length} frames; ${scrollCost}`);
  const [typing, typingCost] = await accounted(renderer, () => typeWhileStreaming(page, frame));
  console.log(`    typed while streaming; ${typingCost}`);
  const wheel = await probe(frame, 'scrollToTop', WHEEL_STEP, WHEEL_FRAMES);
  // Last: hiding and showing the transcript again lays it all out once more.
  const floor = contentVisibility ? { fling: (await probe(frame, 'scrollEmpty', STEP)).frames, wheel: (await probe(frame, 'scrollEmpty', WHEEL_STEP, WHEEL_FRAMES)).frames } : undefined;
  const v: Variant = {
    label,
    openInDom: shown.inDom - t0,
    openPainted: shown.painted - t0,
    openPolled: shown.pollPainted - t0,
    pages,
    frames: scrolled.frames,
    height: scrolled.height,
    wheel: wheel.frames,
    ...(floor ? { floor } : {}),
    typing,
    cv: opened.contentVisibility,
    highlighted: `${opened.highlighted} of ${opened.codeBlocks} code blocks highlighted after opening (${opened.turns} turns, ${opened.nodes} elements)`,
  };
  const work = v.frames.map((f) => f.work);
  console.log(`  ${label} (computed content-visibility of a finished turn: ${v.cv}):`);
  console.log(`    newest answer in the DOM ${ms(v.openInDom)}, painted ${ms(v.openPainted)} after the click (the probe before 2 December, a look each frame and one frame more: ${ms(v.openPolled)}); ${v.highlighted}`);
  console.log(`    ${pages.length} older pages, each until shown: ${pages.map(ms).join(', ')}`);
  console.log(`    scrolling ${Math.round(v.height / 1000)}k px to the top, ${v.frames.length} frames: rAF delta ${stats(v.frames.map((f) => f.delta))}; frame work ${stats(work)}`);
  console.log(`    scrolling ${WHEEL_STEP} px a frame, ${v.wheel.length} frames: rAF delta ${stats(v.wheel.map((f) => f.delta))}; frame work ${stats(v.wheel.map((f) => f.work))}`);
  if (v.floor) {
    for (const [what, frames] of [[`${STEP} px`, v.floor.fling], [`${WHEEL_STEP} px`, v.floor.wheel]] as const) {
      console.log(`    the floor, an empty block scrolled ${what} a frame, ${frames.length} frames: rAF delta ${stats(frames.map((f) => f.delta))}; frame work ${stats(frames.map((f) => f.work))}`);
    }
  }
  console.log(`    typing while streaming (${v.typing.length} keys), key to painted frame: ${stats(v.typing)}`);
  return v;
}

function rows(on: Variant, off: Variant): void {
  const ratio = (a: number, b: number): string => (a > 0 ? `${(b / a).toFixed(1)}x` : '');
  const openGoal = on.openPainted < 300;
  addRow({
    area: 'Long history',
    figure: `${TURNS} turns of 8 KB: click on the tree row (its pointerdown) to the newest answer painted`,
    value: `${ms(on.openPainted)} (measured as before 2 December, up to two frames later: ${ms(on.openPolled)})`,
    baseline: `content-visibility off ${ms(off.openPainted)} (${ratio(on.openPainted, off.openPainted)})`,
    goal: '< 300 ms',
    met: openGoal,
  });
  const p95 = (frames: FrameSample[], k: keyof FrameSample): number => percentile(frames.map((f) => f[k]), 0.95);
  const scrollRow = (figure: string, pick: (v: Variant) => FrameSample[], floor: FrameSample[] | undefined): void => {
    const [a, b] = [pick(on), pick(off)];
    addRow({
      area: 'Long history',
      figure,
      value: `delta ${ms(p95(a, 'delta'))}, work ${ms(p95(a, 'work'))} (max delta ${ms(percentile(a.map((f) => f.delta), 1))})`,
      baseline:
        `content-visibility off: delta ${ms(p95(b, 'delta'))}, work ${ms(p95(b, 'work'))} (${ratio(p95(a, 'work'), p95(b, 'work'))})` +
        (floor ? `; the floor, an empty block of the same height: delta ${ms(p95(floor, 'delta'))}, work ${ms(p95(floor, 'work'))}` : ''),
      goal: 'p95 frame < 16 ms',
      // rAF deltas are paced by the display (16.7 ms at 60 Hz): a frame on time is one that did its work within it.
      met: p95(a, 'work') < 16 && p95(a, 'delta') < 17.5,
    });
  };
  scrollRow(`scrolling ${TURNS} turns to the top (${STEP} px/frame): rAF delta and frame work, p95`, (v) => v.frames, on.floor?.fling);
  scrollRow(`scrolling up at ${WHEEL_STEP} px/frame (a quick wheel turn), ${WHEEL_FRAMES} frames from the newest: p95`, (v) => v.wheel, on.floor?.wheel);
  const t95 = (v: Variant): number => percentile(v.typing, 0.95);
  addRow({
    area: 'Long history',
    figure: 'typing while an answer streams into it: key event to painted frame',
    value: `p50 ${ms(percentile(on.typing, 0.5))}, p95 ${ms(t95(on))}`,
    baseline: `content-visibility off: p50 ${ms(percentile(off.typing, 0.5))}, p95 ${ms(t95(off))} (${ratio(t95(on), t95(off))})`,
    goal: 'p95 < 50 ms',
    met: t95(on) < 50,
  });
  const total = (v: Variant): number => v.pages.reduce((a, b) => a + b, 0);
  addRow({
    area: 'Long history',
    figure: `loading the ${on.pages.length} older pages (Load earlier messages, each until shown)`,
    value: `total ${ms(total(on))}, slowest ${ms(Math.max(0, ...on.pages))}`,
    baseline: `content-visibility off: total ${ms(total(off))} (${ratio(total(on), total(off))})`,
  });
}

export async function run(): Promise<void> {
  const wb = await openHistoryWorkbench();
  try {
    const page = wb.page;
    // Two copies of the same history: one opened as shipped, one with content-visibility off.
    seedLongConversation(wb, 'Long history baseline', 1);
    seedLongConversation(wb, 'Long history', 1);
    const frame = await chatFrame(page);
    await conversationRow(page, 'Long history').waitFor({ timeout: 30_000 });
    console.log(`  machine load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${webviewProcessSaid()}`);
    const { cdp, ownProcess } = await webviewSession(page, frame);
    expectWebviewProcess(ownProcess);
    await cdp.send('Performance.enable');
    const renderer = { cdp, label: ownProcess ? "the panel's renderer" : "the workbench page's renderer (the panel's with it)" };
    const on = await measure(page, renderer, frame, 'Long history', true);
    const off = await measure(page, renderer, frame, 'Long history baseline', false);
    rows(on, off);
  } finally {
    await wb.close();
  }
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
