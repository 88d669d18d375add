// The foundation's UI test: the real workbench, driven like a user, shows the Dify container and its views,
// runs a Dify command from the palette and follows the color theme.
import * as assert from 'node:assert/strict';
import {
  chatWebview,
  isDifyContainerShown,
  openDifyContainer,
  openWorkbench,
  runCommand,
  screenshot,
  setColorTheme,
  sideBar,
  themes,
  viewBody,
  viewHeader,
  waitForAnswerDone,
  waitForChatWebview,
} from './lib';
import type { Workbench } from './lib';

describe('Workbench: the Dify container', function () {
  let wb: Workbench;

  before(async function () {
    wb = await openWorkbench();
  });

  after(async function () {
    await wb?.close();
  });

  it('has a Dify entry in the activity bar that opens the Chat and Conversations views', async function () {
    const { page } = wb;
    await openDifyContainer(page);
    assert.equal(await isDifyContainerShown(page), true);
    assert.equal(await viewHeader(page, 'Chat').isVisible(), true);
    assert.equal(await viewHeader(page, 'Conversations').isVisible(), true);
    assert.equal(await viewBody(page, 'Conversations').isVisible(), true);
    await waitForChatWebview(page);
    await screenshot(page, 'workbench-dify-container');
  });

  it('shows the chat webview from the extension', async function () {
    const frame = await waitForChatWebview(wb.page);
    // The webview document is the extension's own page (the nonce-protected HTML of the chat view).
    const text = (await frame.locator('body').innerText()).trim();
    assert.ok(text.length > 0, 'the chat webview is empty');
    assert.equal(await viewBody(wb.page, 'Chat').isVisible(), true);
    await screenshot(wb.page, 'workbench-chat-webview');
  });

  it('runs "Dify: Open Chat" from the command palette', async function () {
    const { page } = wb;
    // Leave the container first, so the command has something to do.
    await runCommand(page, 'View: Show Explorer');
    await sideBar(page).locator('.composite.title h2', { hasText: /explorer/i }).waitFor();
    assert.equal(await isDifyContainerShown(page), false);

    await runCommand(page, 'Dify: Open Chat');
    await viewHeader(page, 'Chat').waitFor();
    assert.equal(await isDifyContainerShown(page), true);
    // The view is back and its webview renders again (a hidden webview view is rebuilt when shown).
    await waitForChatWebview(page);
    assert.equal(await viewBody(page, 'Chat').isVisible(), true);
    await screenshot(page, 'workbench-open-chat-command');
  });

  it('follows the color theme in the workbench and the chat webview', async function () {
    const frame = chatWebview(wb.page);
    await setColorTheme(wb, 'light');
    // VS Code marks the webview's body with the theme kind; the extension's CSS keys off --vscode-* variables.
    await frame.locator(`body.${themes.light.webviewClass}`).waitFor();
    await screenshot(wb.page, 'workbench-light-theme');
    await setColorTheme(wb, 'dark');
    await frame.locator(`body.${themes.dark.webviewClass}`).waitFor();
    assert.doesNotMatch((await frame.locator('body').getAttribute('class')) ?? '', new RegExp(themes.light.webviewClass));
  });
});

describe('Workbench: webviews on their own site, as in VS Code desktop', function () {
  let wb: Workbench;

  before(async function () {
    // code-server serves webviews from the workbench's origin; desktop (vscode-webview://) and vscode.dev do not,
    // and there the panel runs in its own renderer process. Nothing in the panel may rely on the shared origin.
    wb = await openWorkbench({ isolateWebviews: true });
  });

  after(async function () {
    await wb?.close();
  });

  it('the chat panel comes from another origin, in its own renderer, and answers; its buttons reach the host', async function () {
    const { page } = wb;
    await openDifyContainer(page);
    const frame = await waitForChatWebview(page);
    const outer = page.locator('iframe.webview').filter({ visible: true }).first();
    const src = new URL((await outer.getAttribute('src')) ?? '', page.url());
    assert.match(src.hostname, /^[a-z0-9]+\.localhost$/, `the webview is served from ${src.origin}`);
    assert.notEqual(src.origin, new URL(page.url()).origin);
    const cdp = await page.context().browser()?.newBrowserCDPSession();
    assert.ok(cdp, 'a CDP session on the browser');
    const { targetInfos } = await cdp.send('Target.getTargets').finally(() => cdp.detach());
    assert.ok(targetInfos.some((t) => t.type === 'iframe' && new URL(t.url).hostname === src.hostname), 'the webview is an out-of-process iframe');

    const box = frame.getByRole('textbox', { name: 'Message Dify' });
    await box.fill('Show me a code sample');
    await box.press('Enter');
    await waitForAnswerDone(frame);
    const answer = frame.getByRole('article', { name: 'Answer' }).last();
    assert.match(await answer.innerText(), /function answer/);
    await answer.getByRole('button', { name: 'Open in new editor' }).first().click();
    await page.locator('.editor-instance .view-lines', { hasText: 'function answer' }).first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'workbench-isolated-webview');
  });
});
