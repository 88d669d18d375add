// Files and speech in the real workbench: an image pasted into "Message Dify" becomes a chip with its
// thumbnail, goes with the question, the agent's image shows inline in the answer (fetched by the host), and
// Read Aloud plays the answer (Stop shows while it speaks). Screenshots: files-*.png.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { answerCount, openDifyContainer, openWorkbench, screenshot, viewHeader, waitForAnswerAt, waitForChatWebview } from './lib';
import type { Workbench } from './lib';
import { readmeShot } from './lib/readmeShots';
import { makePng } from '../dify-sim/png';

/** A 4×4 red PNG. */
// A picture a person would paste (the simulator's own PNG maker), large enough to see in the README's screenshot.
const PNG_BASE64 = makePng(96, 30).toString('base64');

describe('Files and speech in the workbench', function () {
  let wb: Workbench;
  let frame: FrameLocator;

  before(async function () {
    wb = await openWorkbench({ simulatorApp: 'agent' });
    await openDifyContainer(wb.page);
    await viewHeader(wb.page, 'Conversations').click();
    frame = await waitForChatWebview(wb.page);
  });

  after(async function () {
    await wb?.close();
  });

  it('pastes an image, sends it, shows the assistant’s image and reads the answer aloud', async function () {
    await frame.getByRole('heading', { name: 'Sim Agent' }).waitFor();
    await frame.getByRole('button', { name: 'Attach files' }).waitFor({ state: 'visible' });
    const box = frame.getByRole('textbox', { name: 'Message Dify' });
    await box.click();
    await box.evaluate((el, b64) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, PNG_BASE64);
    const chip = frame.locator('.attachment[data-status="ready"]');
    await chip.waitFor({ timeout: 20_000 });
    assert.equal(await chip.locator('img.attachment-thumb').count(), 1, 'the chip shows a thumbnail');
    await screenshot(wb.page, 'files-pasted');

    await box.fill('Draw an image of a lighthouse');
    const answers = await answerCount(frame);
    await box.press('Enter');
    await waitForAnswerAt(frame, answers);
    assert.equal(await frame.locator('.attachment').count(), 0, 'the attachment went with the question');
    await frame.locator('article.question img.turn-image-img').waitFor({ timeout: 20_000 });
    const image = frame.locator('article.answer img.turn-image-img');
    await image.waitFor({ timeout: 20_000 });
    assert.match((await image.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    await screenshot(wb.page, 'files-answer-image');
    await readmeShot(wb.page, 'files-image');

    await frame.getByRole('button', { name: 'Read aloud' }).last().click();
    await frame.getByRole('button', { name: 'Stop reading' }).waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(wb.page, 'files-read-aloud');
  });
});
