// What the long-history benchmarks share: the seeded conversations (200 turns of 8 KB answers with Markdown and
// code, paged by the simulator's GET /messages as Dify pages it), the workbench they run in (the UI tests'
// openWorkbench()), and the chat webview's document as a Playwright Frame with the probe (historyProbe.ts)
// installed in it.
import type { Frame, Page } from 'playwright-core';
import { bundle } from '../../browser/support';
import { openDifyContainer, openWorkbench, viewPane, waitForChatWebview } from '../../ui/lib';
import type { Workbench } from '../../ui/lib';
import { extensionWebviewSelector } from '../../ui/lib/workbench';
import { waitUntil } from '../../ui/lib/wait';
import { buildAnswer } from '../renderFixture';
import type { HistoryProbe } from './historyProbe';

export const USER = 'bench-history-user';
export const TURNS = 200;
/** Messages per page of GET /messages as the panel asks for them (Dify's default). */
export const PAGE_SIZE = 20;
export const ANSWER_BYTES = 8 * 1024;

/** The newest answer of a seeded conversation starts with this (the probe waits for it). */
export const newestMarker = (name: string): string => `Turn ${TURNS} of ${name}`;

/** Seeds one conversation of TURNS turns named `name`; each answer is ~8 KB (prose, lists, tables, code). */
export function seedLongConversation(wb: Workbench, name: string, seed: number): string {
  const sim = wb.sim;
  if (!sim) throw new Error('the benchmark needs the simulator');
  const answer = (i: number): string => `**Turn ${i + 1} of ${name}**\n\n${buildAnswer(ANSWER_BYTES, seed * 1000 + i)}`;
  return sim.seedMessages('chat', USER, TURNS, undefined, { name, answer }).conversationId;
}

/**
 * Where the chat webview runs: `own` (the default), in a renderer process of its own, as desktop VS Code and
 * vscode.dev run webviews (the UI harness's isolateWebviews, webviewOrigin.ts); `shared`
 * (HISTORY_BENCH_WEBVIEWS=shared), as code-server serves them, in the workbench page's renderer, on its main
 * thread, where every frame of the panel is also a frame of the workbench.
 */
export function webviewProcess(): 'own' | 'shared' {
  const mode = process.env['HISTORY_BENCH_WEBVIEWS'] ?? 'own';
  if (mode !== 'own' && mode !== 'shared') throw new Error(`HISTORY_BENCH_WEBVIEWS is "own" or "shared", not "${mode}"`);
  return mode;
}

/** A sentence for the output: where the webview ran. */
export const webviewProcessSaid = (): string =>
  webviewProcess() === 'own'
    ? 'the chat webview in a renderer process of its own (as desktop VS Code runs it; HISTORY_BENCH_WEBVIEWS=shared for code-server\'s way)'
    : "the chat webview in the workbench page's renderer process (as code-server serves it; HISTORY_BENCH_WEBVIEWS=own for desktop VS Code's way)";

/** Throws unless the webview's process is the one asked for (an isolation that did not take would measure the other). */
export function expectWebviewProcess(ownProcess: boolean): void {
  if (ownProcess !== (webviewProcess() === 'own')) {
    throw new Error(`the chat webview runs ${ownProcess ? 'in a renderer of its own' : "in the workbench page's renderer"}, not as HISTORY_BENCH_WEBVIEWS=${webviewProcess()} asks`);
  }
}

export async function openHistoryWorkbench(tokenDelayMs = 20): Promise<Workbench> {
  return openWorkbench({ sim: { tokenDelayMs }, userSettings: { 'dify.user': USER }, isolateWebviews: webviewProcess() === 'own' });
}

/** The Conversations view's row named `name`. */
export function conversationRow(page: Page, name: string): ReturnType<Page['locator']> {
  return viewPane(page, 'Conversations')
    .getByRole('treeitem')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) })
    .first();
}

let probeCode: string | undefined;

/** The chat webview's document (the `#active-frame` inside our `iframe.webview`), with the probe installed. */
export async function chatFrame(page: Page): Promise<Frame> {
  await openDifyContainer(page);
  await waitForChatWebview(page);
  const outer = await page.locator(extensionWebviewSelector).filter({ visible: true }).first().elementHandle();
  const outerFrame = await outer?.contentFrame();
  if (!outerFrame) throw new Error('no chat webview frame');
  const frame = await waitUntil(async () => outerFrame.childFrames().find((f) => f.name() === 'active-frame') ?? outerFrame.childFrames()[0], 'the webview document');
  await frame.locator('main.scroller').waitFor();
  probeCode ??= (await bundle('test/bench/workbench/historyProbe.ts')).code;
  const installed = await frame.evaluate(() => 'historyProbe' in window);
  if (!installed) await frame.evaluate(probeCode);
  return frame;
}

/**
 * Runs one probe method inside the frame. Waits are armed before the click they time, so the promise is awaited
 * only after that click: it carries a handler from the start, or a page that goes away while the click is
 * pending would reject it unhandled and end the whole `npm run bench` instead of failing this benchmark.
 */
export function probe<K extends keyof HistoryProbe>(frame: Frame, name: K, ...args: Parameters<HistoryProbe[K]>): Promise<Awaited<ReturnType<HistoryProbe[K]>>> {
  const answer = frame.evaluate(
    ([n, a]) => (window.historyProbe[n] as (...x: unknown[]) => unknown)(...a),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<HistoryProbe[K]>>>;
  answer.catch(() => undefined);
  return answer;
}

type PressWindow = Window & { benchPressedAt?: number };

/**
 * Arms a record of the next pointerdown in `page` (the workbench page, or the panel's frame): when the user's click reached the page (the event's own
 * timestamp, wall clock). Playwright's click() first checks the row is visible, stable and hit (a few hundred
 * milliseconds on a loaded machine) before it presses anything; no user waits for that.
 */
export async function armPress(page: Page | Frame): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as PressWindow;
    delete w.benchPressedAt;
    document.addEventListener('pointerdown', (e) => (w.benchPressedAt = performance.timeOrigin + e.timeStamp), { capture: true, once: true });
  });
  return async () => {
    const at = await page.evaluate(() => (window as PressWindow).benchPressedAt);
    if (at === undefined) throw new Error('the click never reached the page');
    return at;
  };
}

/** Wall clock with sub-millisecond resolution, comparable with the probe's. */
export const wallClock = (): number => performance.timeOrigin + performance.now();

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}
