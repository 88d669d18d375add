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
