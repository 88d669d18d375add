// The chat panel under axe-core (WCAG 2.1 A and AA rules) in the real workbench, with each state a user meets on
// screen: a chatflow's input form, an answer while it streams (code blocks, a table), its workflow steps open, an
// error with Retry. No serious or critical violation is allowed. Then the keyboard alone: every block that
// scrolls sideways is a tab stop with a visible focus ring, and Escape stops an answer.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { openDifyContainer, openWorkbench, viewHeader, waitForAnswerDone, waitForChatWebview } from './lib';
import type { Workbench } from './lib';
import { axeViolations, describeViolations, sideBarBackground } from './lib/axe';
import { readmeShot } from './lib/readmeShots';

function composer(frame: FrameLocator) {
  return frame.getByRole('textbox', { name: 'Message Dify' });
}

async function assertNoSeriousViolations(wb: Workbench, frame: FrameLocator, state: string): Promise<void> {
  const found = await axeViolations(frame, await sideBarBackground(wb.page));
  assert.equal(found.length, 0, `axe found serious or critical violations with ${state} on screen:\n${describeViolations(found)}`);
}

describe('The chat panel is accessible (axe-core, WCAG 2.1 AA; the keyboard alone)', function () {
  let wb: Workbench;
  let frame: FrameLocator;

  before(async function () {
    // A per-token delay long enough that the answer is still streaming when axe looks at it.
    wb = await openWorkbench({ simulatorApp: 'chatflow', sim: { tokenDelayMs: 25 } });
    await openDifyContainer(wb.page);
    await viewHeader(wb.page, 'Conversations').click();
    frame = await waitForChatWebview(wb.page);
    await frame.getByRole('heading', { name: 'Sim Chatflow' }).waitFor();
  });

  after(async function () {
    await wb?.close();
  });

  it('the welcome and the input form', async function () {
    await frame.getByRole('textbox', { name: 'Topic *' }).waitFor();
    await assertNoSeriousViolations(wb, frame, 'the welcome and the input form');
  });

  it('an answer while it streams, then finished with its workflow steps open', async function () {
    await frame.getByRole('textbox', { name: 'Topic *' }).fill('Accessibility');
    const box = composer(frame);
    await box.click();
    await box.fill('Show me some markdown');
    await box.press('Enter');
    await frame.getByRole('button', { name: 'Stop' }).waitFor({ state: 'visible', timeout: 15_000 });
    await frame.locator('article.answer[aria-busy="true"] .answer-text').filter({ hasText: /\S/ }).waitFor();
    await assertNoSeriousViolations(wb, frame, 'an answer streaming');
    await waitForAnswerDone(frame);
    const workflow = frame.locator('details.workflow').first();
    await workflow.locator(':scope > summary').click();
    await workflow.locator('li.step-succeeded').first().waitFor();
    await assertNoSeriousViolations(wb, frame, 'a finished answer, its code blocks, table and workflow steps');
    await readmeShot(wb.page, 'chat-chatflow-steps');
  });

  it('the keyboard reaches a code block that scrolls sideways; its focus is visible; Escape closes the steps', async function () {
    const answer = frame.getByRole('article', { name: 'Answer' }).last();
    const blocks = answer.locator('.code-block > pre');
    assert.ok((await blocks.count()) >= 1);
    for (const pre of await blocks.all()) {
      assert.equal(await pre.getAttribute('tabindex'), '0');
      assert.match((await pre.getAttribute('aria-label')) ?? '', /^Code/);
    }
    // Tab from the first code block's last toolbar button lands on its code.
    await answer.locator('.code-block').first().getByRole('button', { name: 'Open in new editor' }).focus();
    await wb.page.keyboard.press('Tab');
    const focused = await frame.locator(':focus').evaluate((el) => ({ tag: el.tagName, label: el.getAttribute('aria-label'), outline: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth }));
    assert.equal(focused.tag, 'PRE');
    assert.match(focused.label ?? '', /^Code/);
    assert.notEqual(focused.outline, 'none', 'focus is visible');
    assert.notEqual(focused.width, '0px', 'focus is visible');
    // Escape on the open workflow steps closes them and leaves focus on their summary.
    const workflow = frame.locator('details.workflow').first();
    assert.equal(await workflow.evaluate((d) => (d as HTMLDetailsElement).open), true);
    await workflow.locator(':scope > summary').focus();
    await wb.page.keyboard.press('Escape');
    assert.equal(await workflow.evaluate((d) => (d as HTMLDetailsElement).open), false);
    assert.equal(await frame.locator(':focus').evaluate((el) => el.parentElement?.classList.contains('workflow')), true);
  });

  it('Escape stops an answer that is streaming', async function () {
    const box = composer(frame);
    await box.click();
    await box.fill('Write a long answer');
    await box.press('Enter');
    await frame.getByRole('button', { name: 'Stop' }).waitFor({ state: 'visible', timeout: 15_000 });
    const answer = frame.getByRole('article', { name: 'Answer' }).last();
    await answer.locator('.answer-text').filter({ hasText: /\S/ }).waitFor();
    await box.press('Escape');
    await waitForAnswerDone(frame);
    await answer.getByText('Stopped.').waitFor();
    assert.equal(await answer.getAttribute('data-status'), 'stopped');
  });

  it('an error in place of the answer, with Retry', async function () {
    const box = composer(frame);
    await box.click();
    await box.fill('Try this /fault 500');
    await box.press('Enter');
    await frame.locator('.answer-error').last().waitFor();
    await waitForAnswerDone(frame);
    await assertNoSeriousViolations(wb, frame, 'an error with Retry');
  });
});
