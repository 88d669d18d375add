/**
 * The panel's memory after opening and closing 20 long conversations (200 turns of 8 KB each, of which the
 * panel shows the newest page of 20), in the real workbench: each opened from its row in the Conversations
 * tree until its newest answer is on screen, then closed with New chat. Measured after a forced GC
 * (HeapProfiler.collectGarbage) on the target that runs the webview: Runtime.getHeapUsage and
 * Memory.getDOMCounters (the whole renderer process when the webview shares it, which the output says), and
 * from a heap snapshot the webview document's own world: its JavaScript, its DOM, and the DOM nodes it holds
 * detached (workbench/panelHeap.ts, workbench/heapSnapshot.ts). The baseline is the start: the panel shown, no
 * conversation opened yet (Playwright's own script already in its document); also printed after the first open
 * and close (the highlighter's grammars compiled, the code warm), halfway, and after the same 20 opened once more
 * (what an open keeps grows again in that round; what is compiled or cached for a text seen before does not; a
 * cache that grows with each new text shows in the rounds before). The goal is judged on the panel's own part.
 * The webview runs in a renderer of its own, as in desktop VS Code (HISTORY_BENCH_WEBVIEWS=shared: in the
 * workbench's, as code-server serves it). Never fails. Run alone: `npm run bench -- historyHeap`.
 */
import { loadavg } from 'node:os';
import type { Frame, Page } from 'playwright-core';
import { addRow } from './report';
import { chatFrame, conversationRow, newestMarker, openHistoryWorkbench, probe, seedLongConversation, webviewProcessSaid, expectWebviewProcess } from './workbench/history';
import { viewPane } from '../ui/lib';
import { panelTarget } from './workbench/panelHeap';
import type { HeapFigures } from './workbench/panelHeap';

const CONVERSATIONS = 20;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const name = (i: number): string => `Long history ${i + 1}`;

/** V8's compiled code in the panel's own bytes (the `(code)` objects): bytecode, native code, their metadata. */
const code = (f: HeapFigures): number => f.own.kinds.get('(code)')?.bytes ?? 0;
/** The panel's own bytes less V8's compiled code: code compiled and tiered up as the panel is used is not data it keeps. */
const data = (f: HeapFigures): number => f.own.bytes - code(f);

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** A measurement that does not answer in 4 minutes (a snapshot takes ~30 s here) fails this benchmark (the run goes on) instead of hanging it. */
function bounded(f: Promise<HeapFigures>): Promise<HeapFigures> {
  return Promise.race([f, new Promise<never>((_, fail) => setTimeout(() => fail(new Error('the heap measurement did not answer in 240 s')), 240_000).unref())]);
}

/** The kinds of object that grew most from `a` to `b` (what a leak would show as). */
function grown(a: HeapFigures, b: HeapFigures): string {
  const delta = [...b.own.kinds].map(([kind, k]) => ({ kind, bytes: k.bytes - (a.own.kinds.get(kind)?.bytes ?? 0), count: k.count - (a.own.kinds.get(kind)?.count ?? 0) }));
  return delta.sort((x, y) => y.bytes - x.bytes).slice(0, 5).map((d) => `${d.kind} +${(d.bytes / 1024).toFixed(0)} KB (+${d.count})`).join(', ');
}

function line(f: HeapFigures, from?: HeapFigures): string {
  return `renderer heap ${mb(f.usedHeap)}, DOM: ${f.documents} documents, ${f.nodes} nodes, ${f.listeners} listeners\n` +
    `      the panel's own: ${mb(f.own.bytes)} in ${f.own.objects} objects, ${f.elements} elements, ${f.own.detachedDom} detached DOM nodes` +
    (from ? `\n      grown most: ${grown(from, f)}` : '');
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
  let measuring = true;
  try {
    const page = wb.page;
    // Said as they happen, so a lost page has a cause in the output (a crash, a reload) and not only a timeout.
    const note = (what: string): void => void (measuring && console.log(`  [${new Date().toISOString()}] ${what}`));
    page.on('crash', () => note('the workbench renderer crashed'));
    page.on('close', () => note('the workbench page closed'));
    page.on('load', () => note('the workbench page (re)loaded'));
    wb.browser.on('disconnected', () => note('the browser went away'));
    for (let i = CONVERSATIONS - 1; i >= 0; i--) seedLongConversation(wb, name(i), i + 1);
    const frame = await chatFrame(page);
    // Any of them: seeded within one second, their order in the tree is the simulator's for ties (revealRow finds each).
    await viewPane(page, 'Conversations')
      .getByRole('treeitem')
      .filter({ hasText: /Long history \d+/ })
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (e: unknown) => {
        await page.screenshot({ path: 'test-results/bench/historyHeap-tree.png' }).catch(() => undefined);
        throw e;
      });
    const target = await panelTarget(page, frame);
    console.log(`  machine load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${webviewProcessSaid()}`);
    console.log(`  the webview ${target.ownProcess ? 'has a renderer process (CDP target) of its own' : "shares the workbench's renderer process: heap and DOM counters include the workbench"}`);
    expectWebviewProcess(target.ownProcess);
    // Playwright's own script for the page's main world (its injected script, ~0.6 MB with its compiled code, and
    // a mutation observer it keeps on the document) goes into the panel's document with the first waitForFunction
    // there (openAndClose's): here, so that the start holds it as the end does, and the growth is the panel's.
    await frame.waitForFunction(() => document.querySelectorAll('.turns > .turn').length === 0, undefined, { timeout: 30_000 });
    const start = await bounded(target.measure());
    console.log(`  start (panel shown, nothing opened): ${line(start)}`);
    await openAndClose(page, frame, 0);
    const warm = await bounded(target.measure());
    console.log(`  after the first open and close:        ${line(warm, start)}`);
    const half = CONVERSATIONS / 2;
    let mid = warm;
    for (let i = 1; i < CONVERSATIONS; i++) {
      try {
        await openAndClose(page, frame, i);
      } catch (e) {
        await page.screenshot({ path: `test-results/bench/historyHeap-${i}.png` }).catch((x: unknown) => console.log(`  no screenshot: ${String(x)}`));
        throw e;
      }
      // Halfway: a leak grows as much again in the second half; what is compiled or cached on first use does not.
      if (i === half - 1) {
        mid = await bounded(target.measure());
        console.log(`  after ${half} opened and closed:         ${line(mid, warm)}`);
      }
    }
    const end = await bounded(target.measure());
    console.log(`  after ${CONVERSATIONS} opened and closed:         ${line(end, mid)}`);
    const secondHalf = (end.own.bytes - mid.own.bytes) / mid.own.bytes;
    console.log(`  the panel's own from the ${half}th to the ${CONVERSATIONS}th: ${pct(secondHalf)} (${mb(end.own.bytes - mid.own.bytes)}); from the 1st to the ${half}th: ${pct((mid.own.bytes - warm.own.bytes) / warm.own.bytes)}`);
    // The same conversations once more: what an open keeps grows again with each; what is compiled or cached for
    // a text seen before (the highlighter builds a grammar's matchers as a text first needs them) does not.
    for (let i = 0; i < CONVERSATIONS; i++) {
      try {
        await openAndClose(page, frame, i);
      } catch (e) {
        await page.screenshot({ path: `test-results/bench/historyHeap-again-${i}.png` }).catch((x: unknown) => console.log(`  no screenshot: ${String(x)}`));
        throw e;
      }
    }
    const again = await bounded(target.measure());
    const round = (again.own.bytes - end.own.bytes) / end.own.bytes;
    console.log(`  after the same ${CONVERSATIONS} once more:       ${line(again, end)}`);
    console.log(`  the panel's own over the second round: ${pct(round)} (${mb(again.own.bytes - end.own.bytes)}); less compiled code ${pct((data(again) - data(end)) / data(end))}`);
    measuring = false;
    const growth = (end.own.bytes - start.own.bytes) / start.own.bytes;
    const renderer = (end.usedHeap - start.usedHeap) / start.usedHeap;
    console.log(`  the panel's own: ${pct(growth)} over the start, ${pct((end.own.bytes - warm.own.bytes) / warm.own.bytes)} over the first open and close; renderer heap: ${pct(renderer)}, ${pct((end.usedHeap - warm.usedHeap) / warm.usedHeap)}`);
    const dataGrowth = (data(end) - data(start)) / data(start);
    console.log(`  without compiled code: start ${mb(data(start))}, after the first ${mb(data(warm))}, after ${CONVERSATIONS} ${mb(data(end))} (${pct(dataGrowth)} over the start)`);
    const codeSaid = (f: HeapFigures): string => `${mb(code(f))} (regular expressions ${mb(f.own.regexpCode)})`;
    console.log(`  compiled code: start ${codeSaid(start)}, after the first ${codeSaid(warm)}, after ${CONVERSATIONS} ${codeSaid(end)}`);
    addRow({
      area: 'Memory',
      figure: `panel heap after opening and closing ${CONVERSATIONS} conversations of 200 turns (the webview document's own objects in a heap snapshot, after GC)`,
      value: `${mb(end.own.bytes)} (${pct(growth)}; compiled code ${codeSaid(start)} to ${codeSaid(end)}; less compiled code: ${mb(data(end))}, ${pct(dataGrowth)}; the last ${CONVERSATIONS - half} opens: ${pct(secondHalf)}; the same ${CONVERSATIONS} again: ${pct(round)}), ${end.own.detachedDom} detached DOM nodes; whole renderer ${mb(end.usedHeap)} (${pct(renderer)})`,
      baseline: `start ${mb(start.own.bytes)} (less compiled code ${mb(data(start))}), ${start.own.detachedDom} detached; renderer ${mb(start.usedHeap)}; after the first: ${mb(warm.own.bytes)}, renderer ${mb(warm.usedHeap)}`,
      goal: 'within 10% of the start',
      met: growth <= 0.1,
    });
  } finally {
    measuring = false;
    await wb.close();
  }
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
