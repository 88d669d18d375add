// The chat panel in the real workbench, driven like a user: type into "Message Dify", press Enter, watch the
// answer stream and finish, use the code block and answer buttons, switch themes, compose Chinese with an IME.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openDifyContainer, openWorkbench, runCommand, screenshot, screenshotDir, setColorTheme, sideBar, themes, updateUserSettings, viewHeader, waitForAnswerDone, waitForChatWebview } from './lib';
import { readmeShot } from './lib/readmeShots';
import type { ThemeKind, Workbench } from './lib';
import { waitUntil } from './lib/wait';
import { CHAT_VIEW_POLICY, contentSecurityPolicy } from '../../src/host/chat/chatPage';
import { LIMITS } from '../../src/protocol';

/** A picture of just the side bar (the chat panel), next to the full-workbench screenshots. */
async function panelShot(page: Page, name: string): Promise<string> {
  const file = path.join(screenshotDir, `${name}.png`);
  await sideBar(page).screenshot({ path: file });
  return file;
}

function composer(frame: FrameLocator) {
  return frame.getByRole('textbox', { name: 'Message Dify' });
}

describe('Chat panel in the workbench', function () {
  let wb: Workbench;
  let frame: FrameLocator;

  before(async function () {
    // A small per-token delay so streaming is visible (and stoppable) the way a real model streams.
    wb = await openWorkbench({ sim: { tokenDelayMs: 12 } });
    await openDifyContainer(wb.page);
    // Give the chat the side bar's full height, as someone living in it would.
    await viewHeader(wb.page, 'Conversations').click();
    frame = await waitForChatWebview(wb.page);
  });

  after(async function () {
    await wb?.close();
  });

  it('welcomes with the app name, opening statement and clickable suggested questions', async function () {
    await frame.getByRole('heading', { name: 'Sim Chatbot' }).waitFor();
    await frame.getByText('Dify simulator', { exact: false }).first().waitFor();
    assert.equal(await frame.getByRole('button', { name: 'Show me some markdown' }).count(), 1);
    assert.equal(await frame.getByRole('button', { name: 'New chat' }).count(), 1);
    assert.equal(await frame.getByRole('button', { name: 'Send' }).count(), 1);
    await panelShot(wb.page, 'chat-welcome-dark');
  });

  it('types a question into "Message Dify", Enter sends, the answer streams with Stop shown, then finishes with its buttons', async function () {
    const box = composer(frame);
    await box.click();
    await box.fill('Show me a code sample');
    await box.press('Enter');
    // While it streams, Stop replaces Send.
    await frame.getByRole('button', { name: 'Stop' }).waitFor({ state: 'visible', timeout: 15_000 });
    const question = frame.getByRole('article', { name: 'Question' }).last();
    assert.equal((await question.innerText()).trim(), 'Show me a code sample');
    assert.equal(await box.inputValue(), '', 'the box is cleared after sending');
    await waitForAnswerDone(frame);
    const answer = frame.getByRole('article', { name: 'Answer' }).last();
    const text = await answer.innerText();
    assert.match(text, /You asked/);
    assert.match(text, /function answer/);
    // The code block's toolbar and the answer's operations.
    for (const name of ['Copy', 'Insert at cursor', 'Open in new editor']) {
      assert.ok((await answer.getByRole('button', { name, exact: true }).count()) >= 1, `code block button ${name}`);
    }
    for (const name of ['Like', 'Dislike']) assert.equal(await answer.getByRole('button', { name, exact: true }).count(), 1, name);
    assert.match(await answer.locator('.usage-footer').innerText(), /tokens/);
    // The header names the conversation (Dify's auto-generated name arrives about a second later).
    await frame.locator('#conversation-name').filter({ hasNotText: /^New chat$/ }).waitFor();
    await panelShot(wb.page, 'chat-answer-dark');
    await readmeShot(wb.page, 'chat-answer');
    await screenshot(wb.page, 'chat-answer-dark-workbench');
  });

  it('Open in new editor opens the code in an untitled editor; Copy reports back', async function () {
    const answer = frame.getByRole('article', { name: 'Answer' }).last();
    await answer.getByRole('button', { name: 'Open in new editor' }).first().click();
    await wb.page.locator('.editor-instance .view-lines', { hasText: 'function answer' }).first().waitFor({ timeout: 15_000 });
    await answer.getByRole('button', { name: 'Copy', exact: true }).last().click();
    await frame.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
  });

  it('Like toggles on, and clicking it again revokes it', async function () {
    const like = frame.getByRole('article', { name: 'Answer' }).last().getByRole('button', { name: 'Like', exact: true });
    await like.click();
    await frame.locator('vscode-button[aria-label="Like"][aria-pressed="true"]').last().waitFor();
    await like.click();
    await frame.locator('vscode-button[aria-label="Like"][aria-pressed="false"]').last().waitFor();
  });

  it('Stop keeps the partial answer, marked stopped', async function () {
    const box = composer(frame);
    await box.click();
    await box.fill('Write a long answer');
    await box.press('Enter');
    const stop = frame.getByRole('button', { name: 'Stop' });
    await stop.waitFor({ state: 'visible' });
    const answer = frame.getByRole('article', { name: 'Answer' }).last();
    await answer.locator('.answer-text').filter({ hasText: /\S/ }).waitFor();
    await stop.click();
    await waitForAnswerDone(frame);
    await answer.getByText('Stopped.').waitFor();
    assert.equal(await answer.getAttribute('data-status'), 'stopped');
  });

  it('looks right in the light and high-contrast themes', async function () {
    for (const kind of ['light', 'highContrast', 'dark'] as ThemeKind[]) {
      await setColorTheme(wb, kind);
      const f = await waitForChatWebview(wb.page);
      await f.locator(`body.${themes[kind].webviewClass}`).waitFor();
      if (kind !== 'dark') {
        await panelShot(wb.page, `chat-answer-${kind}`);
        await screenshot(wb.page, `chat-answer-${kind}-workbench`);
      }
    }
    frame = await waitForChatWebview(wb.page);
  });

  it('applies dify.chat.fontSize live', async function () {
    await updateUserSettings(wb, { 'dify.chat.fontSize': 18 });
    const f = await waitForChatWebview(wb.page);
    await f.locator('html').evaluate(async (el) => {
      for (let i = 0; i < 100 && getComputedStyle(el).getPropertyValue('--dify-chat-font-size').trim() !== '18px'; i++) await new Promise((r) => setTimeout(r, 50));
    });
    assert.equal(await f.locator('body').evaluate((b) => getComputedStyle(b).fontSize), '18px');
    await panelShot(wb.page, 'chat-font-18');
    await updateUserSettings(wb, { 'dify.chat.fontSize': undefined });
    frame = await waitForChatWebview(wb.page);
  });

  it('IME (Chinese pinyin): Enter while composing does not send; Enter after the text is committed sends it once', async function () {
    const { page } = wb;
    await frame.getByRole('button', { name: 'New chat' }).click();
    const box = composer(frame);
    await box.click();
    const questions = frame.getByRole('article', { name: 'Question' });
    assert.equal(await questions.count(), 0);

    // Real composition through the browser's IME path (CDP): compositionstart/update...
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.imeSetComposition', { text: 'nihao', selectionStart: 5, selectionEnd: 5 });
    // ...an Enter pressed while the candidate window is open must not send.
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    // Committing the candidate ends the composition (compositionend).
    await cdp.send('Input.insertText', { text: '你好' });
    assert.equal(await questions.count(), 0, 'nothing was sent during the composition');
    assert.match(await box.inputValue(), /你好/);

    // The Safari-order sequence some IMEs produce: compositionend, then keydown Enter with isComposing false.
    await box.evaluate((el) => {
      el.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
      el.dispatchEvent(new CompositionEvent('compositionend', { data: '吗' }));
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: false, bubbles: true, cancelable: true }));
    });
    assert.equal(await questions.count(), 0, 'the Enter that committed the composition did not send');

    // A real Enter afterwards sends, once.
    await box.press('Enter');
    await questions.first().waitFor();
    assert.equal(await questions.count(), 1);
    assert.equal((await questions.first().innerText()).trim(), '你好');
    await waitForAnswerDone(frame);
    assert.equal(await questions.count(), 1, 'sent exactly once');
    await cdp.detach();
  });

  it('Up in the empty box recalls the previous question', async function () {
    const box = composer(frame);
    await box.click();
    await box.press('ArrowUp');
    assert.equal(await box.inputValue(), '你好');
    await box.press('ArrowDown');
    assert.equal(await box.inputValue(), '');
  });

  it('the draft survives hiding the panel', async function () {
    const box = composer(frame);
    await box.click();
    await box.fill('A draft I have not sent yet');
    await runCommand(wb.page, 'View: Show Explorer'); // the chat webview is discarded (no retained context)
    await sideBar(wb.page).locator('.composite.title h2', { hasText: /explorer/i }).waitFor();
    await openDifyContainer(wb.page);
    frame = await waitForChatWebview(wb.page);
    await composer(frame).waitFor();
    assert.equal(await composer(frame).inputValue(), 'A draft I have not sent yet');
    await composer(frame).fill('');
  });

  it('a question over the length limit stays in the box, is not sent, and the panel says why', async function () {
    const box = composer(frame);
    const questions = frame.getByRole('article', { name: 'Question' });
    const before = await questions.count();
    const long = 'x'.repeat(LIMITS.question + 1);
    await box.click();
    await box.fill(long);
    await box.press('Enter');
    await frame.getByRole('status').filter({ hasText: 'The question is too long to send (over 100,000 characters)' }).waitFor();
    assert.equal((await box.inputValue()).length, long.length, 'the question stays');
    assert.equal(await questions.count(), before, 'nothing was sent');
    await panelShot(wb.page, 'chat-question-too-long');
    await box.fill('');
  });

  it('auto-scroll follows the answer until the reader scrolls up; "Jump to latest" brings it back', async function () {
    const box = composer(frame);
    await box.click();
    await box.fill('Write a long answer');
    await box.press('Enter');
    const scroller = frame.locator('main.scroller');
    const distanceFromBottom = (): Promise<number> => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    // Wait until the answer overflows the panel by a good margin.
    await waitUntil(async () => (await scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 900)) || undefined, 'the answer to overflow the panel');
    assert.ok((await distanceFromBottom()) < 30, 'following the answer while at the bottom');
    // The reader scrolls up (as with the scrollbar): following stops, the button appears.
    await scroller.evaluate((el) => el.scrollBy(0, -600));
    const jump = frame.getByRole('button', { name: 'Jump to latest' });
    await jump.waitFor({ state: 'visible' });
    const away = await distanceFromBottom();
    // More of the answer arrives; the reader stays where they are (the distance to the bottom only grows).
    await waitUntil(async () => (await distanceFromBottom()) > away + 200 || undefined, 'more of the answer below the reader');
    assert.ok((await distanceFromBottom()) > 600, 'not dragged back down while reading');
    await panelShot(wb.page, 'chat-jump-to-latest');
    await jump.click();
    await jump.waitFor({ state: 'hidden' });
    assert.ok((await distanceFromBottom()) < 30);
    await frame.getByRole('button', { name: 'Stop' }).click();
    await waitForAnswerDone(frame);
  });

  it('the webview page runs under the policy chatPage.ts builds, and breaks none of its rules', async function () {
    const meta = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const nonce = await frame.locator('meta[property="csp-nonce"]').getAttribute('content');
    assert.ok(meta && nonce, 'the page has its policy and its nonce');
    // The webview's own source (an origin of the workbench) is what the page's font-src lists.
    const cspSource = /(?:^|; )font-src ([^;]+);/.exec(meta)?.[1];
    assert.ok(cspSource, meta);
    assert.equal(meta, contentSecurityPolicy(CHAT_VIEW_POLICY, { nonce, cspSource }));
    const csp = wb.consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e));
    assert.deepEqual(csp, []);
  });
});

describe('Chat panel in the workbench: chatflow and agent apps', function () {
  let wb: Workbench | undefined;

  afterEach(async function () {
    await wb?.close();
    wb = undefined;
  });

  it('chatflow: the input form enforces Topic; workflow steps and citations show, collapsible; an error shows inline with Retry', async function () {
    wb = await openWorkbench({ simulatorApp: 'chatflow', sim: { tokenDelayMs: 6 } });
    await openDifyContainer(wb.page);
    await viewHeader(wb.page, 'Conversations').click();
    const frame = await waitForChatWebview(wb.page);
    await frame.getByRole('heading', { name: 'Sim Chatflow' }).waitFor();
    // Sending without the required Topic is refused, with a sentence naming it; the question stays in the box.
    const box = composer(frame);
    await box.click();
    await box.fill('Summarise the docs');
    await box.press('Enter');
    await frame.getByText('Fill in Topic before sending.').waitFor();
    assert.equal(await box.inputValue(), 'Summarise the docs');
    assert.equal(await frame.getByRole('article', { name: 'Question' }).count(), 0);

    await frame.getByRole('textbox', { name: 'Topic *' }).fill('VS Code extensions');
    await box.click();
    await box.press('Enter');
    await frame.getByRole('article', { name: 'Question' }).first().waitFor();
    // Live while running: the workflow summary names the running step.
    const workflow = frame.locator('details.workflow').first();
    await workflow.waitFor();
    await waitForAnswerDone(frame);
    await workflow.locator(':scope > summary').click();
    assert.match(await workflow.locator(':scope > summary').innerText(), /Workflow: Succeeded · \d+ steps/);
    assert.ok((await workflow.locator('li.step-succeeded').count()) >= 2);
    const citations = frame.locator('details.citations-section').first();
    await citations.locator(':scope > summary').click();
    assert.match(await citations.locator(':scope > summary').innerText(), /Citations \(\d+\)/);
    await citations.locator('li.citation summary').first().click();
    await panelShot(wb.page, 'chat-chatflow-steps-citations');

    // An error is shown where the answer would be, with one sentence and Retry; Retry is a new, visible turn.
    await box.click();
    await box.fill('Try this /fault 500');
    await box.press('Enter');
    const error = frame.locator('.answer-error').last();
    await error.waitFor();
    assert.match(await error.innerText(), /\.\s*Retry$/s);
    await panelShot(wb.page, 'chat-error-retry');
    const before = await frame.getByRole('article', { name: 'Question' }).count();
    await error.getByRole('button', { name: 'Retry' }).click();
    await frame.getByRole('article', { name: 'Question' }).nth(before).waitFor();
    assert.equal(await frame.getByRole('article', { name: 'Question' }).count(), before + 1);
  });

  it('agent: thoughts and tool calls show in a collapsible section', async function () {
    wb = await openWorkbench({ simulatorApp: 'agent', sim: { tokenDelayMs: 6 }, theme: 'light' });
    await openDifyContainer(wb.page);
    await viewHeader(wb.page, 'Conversations').click();
    const frame = await waitForChatWebview(wb.page);
    await frame.getByRole('button', { name: 'What time is it?' }).click();
    await frame.getByRole('article', { name: 'Question' }).first().waitFor();
    await waitForAnswerDone(frame);
    const thoughts = frame.locator('details.agent-thoughts').first();
    await thoughts.locator(':scope > summary').click();
    assert.match(await thoughts.locator(':scope > summary').innerText(), /tool call/);
    await thoughts.locator('details.tool-call summary').first().click();
    assert.match(await thoughts.locator('.tool-io').first().innerText(), /\S/);
    await panelShot(wb.page, 'chat-agent-tools-light');
  });
});
