/**
 * The panel's memory after opening and closing 20 long conversations (200 turns of 8 KB each, of which the
 * panel shows the newest page of 20), in the real workbench: each opened from its row in the Conversations
 * tree until its newest answer is on screen, then closed with New chat. Measured after a forced GC
 * (HeapProfiler.collectGarbage) on the target that runs the webview: Runtime.getHeapUsage and
 * Memory.getDOMCounters (the whole renderer process when the webview shares it, which the output says), and
 * the webview document's own Node objects alive and detached (workbench/panelHeap.ts). The baseline is the
 * start: the panel shown, no conversation opened yet; also printed after the first open and close (the
 * highlighter's grammars compiled, the code warm). Never fails. Run alone: `npm run bench -- history`.
 */
import { loadavg } from 'node:os';
import type { Frame, Page } from 'playwright-core';
import { addRow } from './report';
import { chatFrame, conversationRow, newestMarker, openHistoryWorkbench, probe, seedLongConversation } from './workbench/history';
import { viewPane } from '../ui/lib';
import { panelTarget } from './workbench/panelHeap';
import type { HeapFigures } from './workbench/panelHeap';

const CONVERSATIONS = 20;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const name = (i: number): string => `Long history ${i + 1}`;

/** A measurement that does not answer in 2 minutes fails this benchmark (the run goes on) instead of hanging it. */
function bounded(f: Promise<HeapFigures>): Promise<HeapFigures> {
  return Promise.race([f, new Promise<never>((_, fail) => setTimeout(() => fail(new Error('the heap measurement did not answer in 120 s')), 120_000).unref())]);
}

function line(f: HeapFigures): string {
  return `heap ${mb(f.usedHeap)}, DOM: ${f.documents} documents, ${f.nodes} nodes, ${f.listeners} listeners; webview: ${f.elements} elements, ${f.frameNodes} Node objects alive (${f.frameDetached} detached)`;
}

const nextFrame = (page: Page): Promise<void> => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => done())));

/**
 * The row of conversation `i`, scrolled into the tree's viewport. The tree is a virtual list: it renders only
 * the rows on screen (17 at this viewport), so rows further down are not in the DOM until the list scrolls.
 * From the top, one wheel step at a time, until the row exists or the list has stopped moving.
 */
async function revealRow(page: Page, i: number): Promise<ReturnType<typeof conversationRow>> {
  const row = conversationRow(page, name(i));
  if ((await row.count()) > 0) return row;
  const list = viewPane(page, 'Conversations').locator('.monaco-list');
  await list.hover();
  await page.mouse.wheel(0, -100_000);
  await nextFrame(page);
  let last = '';
  for (let still = 0; ; ) {
    if ((await row.count()) > 0) return row;
    const shown = (await list.locator('.label-name').allTextContents()).join('|');
    still = shown === last ? still + 1 : 0;
    if (still >= 5) throw new Error(`no row named ${name(i)} in the Conversations tree (the list no longer scrolls)`);
    last = shown;
    await page.mouse.wheel(0, 200);
    await nextFrame(page);
  }
}

async function openAndClose(page: Page, frame: Frame, i: number): Promise<void> {
  const row = await revealRow(page, i);
  const shown = probe(frame, 'waitForNewest', newestMarker(name(i)), 120_000);
  await row.click();
  await shown;
  await frame.getByRole('button', { name: 'New chat' }).click();
  await frame.waitForFunction(() => document.querySelectorAll('.turns > .turn').length === 0, undefined, { timeout: 30_000 });
}

export async function run(): Promise<void> {
  const wb = await openHistoryWorkbench();
  try {
    const page = wb.page;
    const events: string[] = [];
    const note = (what: string): void => { events.push(`${new Date().toISOString()} ${what}`); console.log(`  [event] ${what}`); };
    page.on('crash', () => note('page crash'));
    page.on('close', () => note('page close'));
    page.on('load', () => note('page load'));
    page.on('framenavigated', (f) => note(`frame navigated ${f.name()} ${f.url().slice(0, 120)}`));
    page.on('framedetached', (f) => note(`frame detached ${f.name()} ${f.url().slice(0, 120)}`));
    wb.browser.on('disconnected', () => note('browser disconnected'));
    for (let i = CONVERSATIONS - 1; i >= 0; i--) seedLongConversation(wb, name(i), i + 1);
    const frame = await chatFrame(page);
    await conversationRow(page, name(0)).waitFor({ timeout: 30_000 });
    const target = await panelTarget(page, frame);
    console.log(`  machine load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`  the webview ${target.ownProcess ? 'has a renderer process (CDP target) of its own' : "shares the workbench's renderer process: heap and DOM counters include the workbench"}`);
    const start = await bounded(target.measure());
    console.log(`  start (panel shown, nothing opened): ${line(start)}`);
    await openAndClose(page, frame, 0);
    const warm = await bounded(target.measure());
    console.log(`  after the first open and close:        ${line(warm)}`);
    for (let i = 1; i < CONVERSATIONS; i++) {
      try {
        await openAndClose(page, frame, i);
      } catch (e) {
        await page.screenshot({ path: `test-results/bench/historyHeap-${i}.png` }).catch((x: unknown) => console.log(`  no screenshot: ${String(x)}`));
        throw e;
      }
      console.log(`  opened and closed ${i + 1} (${new Date().toISOString()})`);
    }
    const end = await bounded(target.measure());
    console.log(`  after ${CONVERSATIONS} opened and closed:         ${line(end)}`);
    const growth = (end.usedHeap - start.usedHeap) / start.usedHeap;
    const fromWarm = (end.usedHeap - warm.usedHeap) / warm.usedHeap;
    console.log(`  heap growth: ${(growth * 100).toFixed(1)}% over the start, ${(fromWarm * 100).toFixed(1)}% over the first open and close`);
    addRow({
      area: 'Memory',
      figure: `panel heap after opening and closing ${CONVERSATIONS} conversations of 200 turns (${target.ownProcess ? "the webview's process" : 'renderer shared with the workbench'}, after GC)`,
      value: `${mb(end.usedHeap)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%); webview Node objects ${end.frameNodes} (${end.frameDetached} detached)`,
      baseline: `start ${mb(start.usedHeap)}, ${start.frameNodes} Node objects (${start.frameDetached} detached); after the first: ${mb(warm.usedHeap)}`,
      goal: 'within 10% of the start',
      met: growth <= 0.1,
    });
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
