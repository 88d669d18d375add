// The chat panel under axe-core (WCAG 2.1 A and AA rules) in the real workbench, in English and in a Chinese
// (zh-cn) VS Code, with each state a user meets on screen: a chatflow's input form, an answer while it streams
// (code blocks, a table), its workflow steps open, an error with Retry. No serious or critical violation is
// allowed, and every control has a name a screen reader can say, in the display language (in Chinese, no control
// is left with an English name the bundle translates). Then the keyboard alone: every block that scrolls
// sideways is a tab stop with a visible focus ring, and Escape stops an answer.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { openDifyContainer, openWorkbench, VIEW_NAMES, viewHeader, waitForAnswerDone, waitForChatWebview } from './lib';
import type { Workbench } from './lib';
import { axeViolations, controlNames, describeViolations, sideBarBackground } from './lib/axe';
import { readmeShot } from './lib/readmeShots';

const zhBundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** English words Chinese translates to something else: a control named by one of them in zh-cn was missed. */
const translatedAway = new Set(Object.entries(zhBundle).filter(([en, zh]) => en !== zh).map(([en]) => en));

for (const locale of ['en', 'zh-cn'] as const) {
  // The panel's words in this language (the webview gets the same bundle as the host).
  const w = (english: string): string => (locale === 'zh-cn' ? (zhBundle[english] ?? english) : english);
  accessibilitySuite(locale, w);
}

function accessibilitySuite(locale: 'en' | 'zh-cn', w: (english: string) => string): void {
const composer = (frame: FrameLocator) => frame.getByRole('textbox', { name: w('Message Dify') });

async function assertNoSeriousViolations(wb: Workbench, frame: FrameLocator, state: string): Promise<void> {
  const found = await axeViolations(frame, await sideBarBackground(wb.page));
  assert.equal(found.length, 0, `axe found serious or critical violations with ${state} on screen (${locale}):\n${describeViolations(found)}`);
  const controls = await controlNames(frame);
  assert.ok(controls.length > 0, 'the panel has controls');
  const nameless = controls.filter((c) => c.name.trim() === '');
  assert.deepEqual(nameless, [], `controls without a name with ${state} on screen (${locale})`);
  if (locale === 'zh-cn') {
    const english = controls.filter((c) => translatedAway.has(c.name.trim()));
    assert.deepEqual(english, [], `controls named in English in a Chinese VS Code with ${state} on screen`);
  }
}

describe(`The chat panel is accessible (axe-core, WCAG 2.1 AA; the keyboard alone)${locale === 'en' ? '' : ` in a ${locale} VS Code`}`, function () {
  let wb: Workbench;
  let frame: FrameLocator;

  before(async function () {
    // A per-token delay long enough that the answer is still streaming when axe looks at it.
    wb = await openWorkbench({ simulatorApp: 'chatflow', sim: { tokenDelayMs: 25 }, ...(locale === 'en' ? {} : { locale }) });
    await openDifyContainer(wb.page, locale);
    await viewHeader(wb.page, VIEW_NAMES[locale].conversations).click();
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
    await frame.getByRole('button', { name: w('Stop') }).waitFor({ state: 'visible', timeout: 15_000 });
    await frame.locator('article.answer[aria-busy="true"] .answer-text').filter({ hasText: /\S/ }).waitFor();
    await assertNoSeriousViolations(wb, frame, 'an answer streaming');
    await waitForAnswerDone(frame, 60_000, w('Send'));
    const workflow = frame.locator('details.workflow').first();
    await workflow.locator(':scope > summary').click();
    await workflow.locator('li.step-succeeded').first().waitFor();
    await assertNoSeriousViolations(wb, frame, 'a finished answer, its code blocks, table and workflow steps');
    if (locale === 'en') await readmeShot(wb.page, 'chat-chatflow-steps');
  });

  it('the keyboard reaches a code block that scrolls sideways; its focus is visible; Escape closes the steps', async function () {
    const answer = frame.getByRole('article', { name: w('Answer') }).last();
    const blocks = answer.locator('.code-block > pre');
    assert.ok((await blocks.count()) >= 1);
    for (const pre of await blocks.all()) {
      assert.equal(await pre.getAttribute('tabindex'), '0');
      assert.ok(((await pre.getAttribute('aria-label')) ?? '').startsWith(w('Code')));
    }
    // Tab from the first code block's last toolbar button lands on its code.
    await answer.locator('.code-block').first().getByRole('button', { name: w('Open in new editor') }).focus();
    await wb.page.keyboard.press('Tab');
    const focused = await frame.locator(':focus').evaluate((el) => ({ tag: el.tagName, label: el.getAttribute('aria-label'), outline: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth }));
    assert.equal(focused.tag, 'PRE');
    assert.ok((focused.label ?? '').startsWith(w('Code')));
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
    await frame.getByRole('button', { name: w('Stop') }).waitFor({ state: 'visible', timeout: 15_000 });
    const answer = frame.getByRole('article', { name: w('Answer') }).last();
    await answer.locator('.answer-text').filter({ hasText: /\S/ }).waitFor();
    await box.press('Escape');
    await waitForAnswerDone(frame, 60_000, w('Send'));
    await answer.getByText(w('Stopped.')).waitFor();
    assert.equal(await answer.getAttribute('data-status'), 'stopped');
  });

  it('an error in place of the answer, with Retry', async function () {
    const box = composer(frame);
    await box.click();
    await box.fill('Try this /fault 500');
    await box.press('Enter');
    await frame.locator('.answer-error').last().waitFor();
    await waitForAnswerDone(frame, 60_000, w('Send'));
    await assertNoSeriousViolations(wb, frame, 'an error with Retry');
  });
});
}
