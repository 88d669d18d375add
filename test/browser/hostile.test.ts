// The renderer in a real browser, fed hostile content: nothing may run, navigate or fetch. Chromium (system
// binary, through playwright-core) loads a page from a loopback server; the payloads point at a loopback
// canary server, and every other request is routed there too, so any fetch shows up as a canary hit.
// Run with `npm run test:unit -- browser`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { DOCS } from '../unit/webview/render/docs';
import { fuzzDoc } from '../unit/webview/render/fuzzDocs';
import { PAYLOADS, withCanary } from '../unit/webview/render/payloads';
import { mailtoProblem } from '../unit/webview/render/violations';
import { CHAT_VIEW_POLICY, chatPageHtml, contentSecurityPolicy } from '../../src/host/chat/chatPage';
import { bundle, servePage, startCanary } from './support';
import type { Canary, Served } from './support';

const NONCE = 'rendertest';

/**
 * The page the chat view ships (its CSP in the meta tag), with the test page's script as its bundle. The
 * server's origin stands for `webview.cspSource`: the origin the webview's own files come from.
 */
const shippedPage = (origin: string): string => chatPageHtml({ nonce: NONCE, cspSource: origin, scriptUri: `${origin}/bundle.js`, styleUri: `${origin}/webview.css` });

/** Serves the shipped page, or the bare test page without any CSP. */
function serve(code: string, shipped: boolean): Promise<Served> {
  return shipped ? servePage(code, null, NONCE, shippedPage) : servePage(code, null, NONCE);
}

interface Watch {
  requests: string[];
  foreign: string[];
  navigations: number;
  dialogs: number;
  popups: number;
}

/** Opens the page and records everything that leaves it or moves it. */
async function open(browser: Browser, server: Served, canary: Canary): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watch: Watch = { requests: [], foreign: [], navigations: 0, dialogs: 0, popups: 0 };
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('dialog', (d) => {
    watch.dialogs++;
    void d.dismiss();
  });
  context.on('page', () => watch.popups++);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`) || url.startsWith(`${canary.origin}/`)) {
      await route.continue();
      return;
    }
    // Anything else would go to the internet: send it to the canary instead, so it is counted there.
    watch.foreign.push(url);
    await fetch(`${canary.origin}/foreign?${encodeURIComponent(url)}`).catch(() => undefined);
    await route.abort();
  });
  await page.goto(`${server.origin}/`);
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) watch.navigations++;
  });
  return { context, page, watch };
}

/** Lets the page run what it queued: style, layout, image decoding start within the next two frames. */
function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

describe('renderer in Chromium with hostile content', () => {
  let browser: Browser;
  let canary: Canary;
  let code: string;

  before(async () => {
    code = (await bundle('test/browser/hostilePage.ts')).code;
    canary = await startCanary();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await canary?.close();
  });

  const variants: [string, boolean][] = [
    ["in the chat view's own page, under the CSP it ships", true],
    ['without any CSP (the sanitizer alone)', false],
  ];
  for (const [label, csp] of variants) {
    test(`${PAYLOADS.length} payloads, one-shot and streamed, ${label}: nothing runs, navigates or fetches`, async () => {
      const server = await serve(code, csp);
      canary.hits.length = 0;
      let context: BrowserContext | undefined;
      try {
        const opened = await open(browser, server, canary);
        context = opened.context;
        const { page, watch } = opened;
        const payloads = PAYLOADS.map((p) => withCanary(p, canary.origin));
        const reports = await page.evaluate((ps) => window.renderHostile(ps), payloads.map(({ name, md }) => ({ name, md })));
        assert.equal(reports.length, payloads.length * 3);
        for (const r of reports) assert.deepEqual(r.problems, [], `${r.name} (${r.mode})`);

        // Click what dangerous links became (their text), then every link and summary on the page.
        for (const p of payloads) {
          if (!p.click) continue;
          await page.evaluate((md) => window.renderOne(md), p.md);
          await page.locator('.click-target').first().getByText(p.click).first().click();
        }
        const links = page.locator('a');
        let count = 0;
        for (let i = 0; i < (await links.count()); i++) {
          // (a link inside a folded <details> can't be clicked by a user either)
          if (!(await links.nth(i).isVisible())) continue;
          await links.nth(i).click();
          count++;
        }
        assert.ok(count >= 8, `${count} links clicked`);
        const summaries = page.locator('summary');
        for (let i = 0; i < (await summaries.count()); i++) await summaries.nth(i).click();
        await settle(page);

        const state = await page.evaluate(() => ({
          pwned: window.__pwned,
          url: location.href,
          clicked: window.__clicked,
          csp: window.__cspViolations,
          frames: window.frames.length,
        }));
        assert.equal(state.pwned, undefined, 'a payload ran script');
        assert.equal(state.url, `${server.origin}/`);
        assert.equal(watch.navigations, 0, 'the page navigated');
        assert.equal(watch.popups, 0, 'a window opened');
        assert.equal(watch.dialogs, 0, 'a dialog opened');
        assert.equal(state.frames, 0, 'a frame was created');
        assert.equal(state.clicked.length, count, 'every link click reached the panel-style handler');
        for (const href of state.clicked) assert.match(href, /^(https?:\/\/|mailto:)/);
        for (const href of state.clicked) assert.equal(mailtoProblem(href), undefined, href);
        assert.deepEqual(watch.foreign, [], 'requests to other origins');
        assert.deepEqual(watch.requests.filter((u) => !u.startsWith(`${server.origin}/`)), [], 'requests beyond the page');
        assert.deepEqual(canary.hits, [], 'canary hits');
        if (csp) assert.deepEqual(state.csp, [], 'CSP violations (the renderer must need nothing the webview CSP forbids)');
      } finally {
        await context?.close();
        await server.close();
      }
    });
  }

  test('in Chromium too, the streamed rendering equals the one-shot rendering at every prefix', async () => {
    const server = await serve(code, true);
    let context: BrowserContext | undefined;
    try {
      const opened = await open(browser, server, canary);
      context = opened.context;
      const docs = [...Object.values(DOCS), ...[1, 2, 3, 213, 4242].map((seed) => fuzzDoc(seed))];
      assert.deepEqual(await opened.page.evaluate((d) => window.checkPrefixes(d), docs), []);
    } finally {
      await context?.close();
      await server.close();
    }
  });

  test("the chat view's page carries the real policy, and Chromium enforces it: no fetch, no foreign image, no script or style without the nonce", async () => {
    const server = await serve(code, true);
    canary.hits.length = 0;
    let context: BrowserContext | undefined;
    try {
      const opened = await open(browser, server, canary);
      context = opened.context;
      const { page, watch } = opened;
      const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'));
      assert.equal(meta, contentSecurityPolicy(CHAT_VIEW_POLICY, { nonce: NONCE, cspSource: server.origin }));
      const outcome = await page.evaluate(async (c) => {
        // no-cors: an allowed request resolves (opaquely), so only the policy can make it fail.
        const fetched = await fetch(`${c}/fetch`, { mode: 'no-cors' }).then(
          () => 'fetched',
          () => 'blocked',
        );
        const image = await new Promise<string>((ok) => {
          const img = new Image();
          img.onload = () => ok('loaded');
          img.onerror = () => ok('blocked');
          img.src = `${c}/image.png`;
          document.body.append(img);
        });
        const audio = await new Promise<string>((ok) => {
          const a = new Audio();
          a.onloadeddata = () => ok('loaded');
          a.onerror = () => ok('blocked');
          a.src = `${c}/audio.mp3`;
        });
        const inline = document.createElement('script');
        inline.textContent = 'window.__pwned = "a script without the nonce ran"';
        document.body.append(inline);
        const remote = document.createElement('script');
        remote.src = `${c}/script.js`;
        document.body.append(remote);
        const style = document.createElement('style');
        style.textContent = 'body { color: rgb(1, 2, 3); }';
        document.head.append(style);
        return { fetched, image, audio, color: getComputedStyle(document.body).color };
      }, canary.origin);
      assert.equal(outcome.fetched, 'blocked', 'fetch() went out');
      assert.equal(outcome.image, 'blocked');
      assert.equal(outcome.audio, 'blocked', 'media-src allows data: and blob: only, not the network');
      // The fetch and the image have settled: had either gone out, the canary would have it by now.
      assert.deepEqual(canary.hits, [], 'canary hits');
      assert.notEqual(outcome.color, 'rgb(1, 2, 3)', 'a style element without the nonce applied');
      // Each refusal is reported once Chromium has handled it: wait for the five directives to show up.
      const directives = ['connect-src', 'img-src', 'media-src', 'script-src-elem', 'style-src-elem'];
      await page.waitForFunction((ds) => ds.every((d) => window.__cspViolations.some((v) => v.startsWith(`${d} `))), directives);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a script without the nonce ran');
      assert.deepEqual(canary.hits, [], 'canary hits');
      assert.deepEqual(watch.foreign, [], 'requests to other origins');
    } finally {
      await context?.close();
      await server.close();
      canary.hits.length = 0;
    }
  });

  test('the detectors work: unsanitized HTML in the same page is caught', async () => {
    const server = await serve(code, false);
    canary.hits.length = 0;
    let context: BrowserContext | undefined;
    try {
      const opened = await open(browser, server, canary);
      context = opened.context;
      const { page, watch } = opened;
      await page.evaluate((c) => {
        const div = document.createElement('div');
        div.innerHTML = `<img src="${c}/raw.png"><img src="x" onerror="window.__pwned=1">`;
        document.body.append(div);
        return new Promise<void>((ok) => {
          const imgs = Array.from(div.querySelectorAll('img'));
          let left = imgs.length;
          for (const img of imgs) img.addEventListener('error', () => (--left === 0 ? ok() : undefined));
        });
      }, canary.origin);
      assert.equal(await page.evaluate(() => window.__pwned), 1);
      assert.ok(watch.requests.some((u) => u === `${canary.origin}/raw.png`));
      assert.deepEqual(canary.hits, ['/raw.png']);
    } finally {
      await context?.close();
      await server.close();
      canary.hits.length = 0;
    }
  });
});
