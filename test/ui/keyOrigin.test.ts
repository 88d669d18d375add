// When the user is asked about sending the key, in the real workbench: changing `dify.baseUrl` to another server
// makes the status bar, the panel and the tree refresh by themselves, and none of them opens the modal "Send it
// to …?" (they show "key not sent"); the question comes when the user sends a message, and once accepted the
// answer arrives from the new server.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { startSimulator } from '../harness/sim';
import type { Simulator } from '../harness/sim';
import { answerCount, notifications, openDifyContainer, openWorkbench, quickInput, runCommand, screenshot, updateUserSettings, waitForAnswerAt, waitForChatWebview } from './lib';
import type { Workbench } from './lib';

const dialog = (page: Page) => page.locator('.monaco-dialog-box');
const statusItem = (page: Page, text: string) => page.locator('.part.statusbar .statusbar-item', { hasText: text });

describe('Asking about the key at the right moment (workbench)', function () {
  let sim: Simulator;
  let wb: Workbench;
  let frame: FrameLocator;
  /** The same simulator under another origin: localhost instead of 127.0.0.1. */
  let movedUrl: string;

  before(async function () {
    sim = await startSimulator();
    movedUrl = sim.baseUrl.replace('127.0.0.1', 'localhost');
    wb = await openWorkbench({ sim: false, userSettings: { 'dify.baseUrl': sim.baseUrl } });
  });

  after(async function () {
    await wb?.close();
    await sim?.close();
  });

  it('a key entered for the server is sent there without a question', async function () {
    const { page } = wb;
    await runCommand(page, 'Dify: Set API Key');
    await quickInput(page).getByText('API key for "Dify"').waitFor();
    await quickInput(page).locator('input.input').fill(sim.keys.chat);
    await page.keyboard.press('Enter');
    await notifications(page).filter({ hasText: 'API key saved: "Dify" is connected to "Sim Chatbot"' }).waitFor();
    await openDifyContainer(page);
    frame = await waitForChatWebview(page);
    await frame.getByRole('heading', { name: 'Sim Chatbot' }).waitFor();
    assert.equal(await dialog(page).count(), 0);
  });

  it('changing dify.baseUrl: the background shows "key not sent" and asks nothing', async function () {
    const { page } = wb;
    const before = sim.stats.chatPosts;
    await updateUserSettings(wb, { 'dify.baseUrl': movedUrl });
    // The panel's app load and the status bar's check have both run, quietly.
    await frame.getByText('The key was not sent: this server is not confirmed for it yet', { exact: false }).waitFor();
    await statusItem(page, '· key not sent').waitFor();
    assert.equal(await dialog(page).count(), 0, 'a background refresh opened the modal');
    assert.equal(sim.stats.chatPosts, before);
    await screenshot(page, 'key-origin-not-sent');
  });

  it('the user sends a message: asked once, "Send Key" sends it, and the answer arrives', async function () {
    const { page } = wb;
    const box = frame.getByRole('textbox', { name: 'Message Dify' });
    await box.click();
    await box.fill('Hello from the moved server');
    const answers = await answerCount(frame);
    await box.press('Enter');
    await dialog(page).waitFor();
    const origin = new URL(movedUrl).origin;
    assert.match(await dialog(page).innerText(), new RegExp(`The API key of "Dify" was entered for ${new URL(sim.baseUrl).origin.replace(/\./g, '\\.')}\\. Send it to ${origin.replace(/\./g, '\\.')}\\?`));
    await screenshot(page, 'key-origin-asked-on-send');
    await dialog(page).getByRole('button', { name: 'Send Key' }).click();
    const answer = await waitForAnswerAt(frame, answers);
    assert.match(await answer.innerText(), /How can I help you/);
    assert.equal(sim.stats.chatPosts > 0, true);
    // Accepted: the background picks the key up by itself (the status bar no longer says "key not sent").
    await statusItem(page, '· key not sent').waitFor({ state: 'detached' });
    assert.equal(await dialog(page).count(), 0);
  });
});
