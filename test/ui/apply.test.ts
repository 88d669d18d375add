// Answers back into code, in the real workbench, as a user does it: a code lens asks about a function, the
// answer's code block gets Apply, a diff opens with Dify's code on the right, Accept in the title bar puts it into
// the file (one Undo takes it back). Then chips: Add Selection to Chat from the editor and `@` in the message box
// put two pieces of code above it, and the question that goes carries both.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { acceptQuickPickItem, openDifyContainer, openFile, openWorkbench, quickInput, runCommand, screenshot, viewHeader, waitForAnswerDone, waitForChatWebview, waitUntil } from './lib';
import type { Workbench } from './lib';
import { readmeShot } from './lib/readmeShots';

const SOURCE = [
  'export function discount(total: number, percent: number): number {',
  '  return total - (total * percent) / 100;',
  '}',
  '',
  'export function tax(total: number): number {',
  '  return total * 0.2;',
  '}',
  '',
].join('\n');

/** The text of the editor that shows `name` (the plain editor, not a diff side). */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

describe('Apply and chips in the workbench', function () {
  let wb: Workbench;
  let frame: FrameLocator;

  before(async function () {
    wb = await openWorkbench({ sim: { tokenDelayMs: 4 }, workspaceFiles: { 'src/price.ts': SOURCE, 'notes.md': '# Notes\n\nRound prices down.\n' } });
    await openDifyContainer(wb.page);
    await viewHeader(wb.page, 'Conversations').click();
    frame = await waitForChatWebview(wb.page);
    await frame.getByRole('heading', { name: 'Sim Chatbot' }).waitFor();
    await openFile(wb.page, 'price.ts');
  });

  after(async function () {
    await wb?.close();
  });

  it('Explain above discount(), Apply on the answer\'s code: a diff, Accept, and the file has Dify\'s code', async function () {
    const page = wb.page;
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Explain' });
    await lens.first().waitFor({ timeout: 60_000 });
    await lens.first().click();
    const answer = frame.getByRole('article', { name: 'Answer' }).last();
    await answer.waitFor();
    await waitForAnswerDone(frame);
    const block = answer.locator('.answer-text .code-block').first();
    await block.hover();
    const apply = block.getByRole('button', { name: 'Apply' });
    await apply.waitFor();
    await screenshot(page, 'apply-button');
    await apply.click();

    // The diff: the file on the left, Dify's code on the right, Accept and Reject in the title bar.
    const diffTab = page.locator('.tab', { hasText: "Dify's code" });
    await diffTab.first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-diff-editor').first().waitFor();
    const accept = page.getByRole('button', { name: /Accept Applied Code/ });
    await accept.first().waitFor();
    await screenshot(page, 'apply-diff');
    await readmeShot(page, 'apply-diff', page.locator('.monaco-workbench'));
    await accept.first().click();
    await diffTab.first().waitFor({ state: 'detached', timeout: 30_000 });

    await page.locator('.tab[aria-label^="price.ts"]').first().click();
    const text = await waitUntil(async () => {
      const t = await editorText(page);
      return t.includes('Reviewed by the Dify simulator') ? t : undefined;
    }, 'the file shows the applied code');
    // The comment goes above discount()'s body, and tax() is untouched.
    assert.ok(text.indexOf('Reviewed by the Dify simulator') < text.indexOf('export function tax'), text);
    assert.match(text.replace(/\u00a0/g, ' '), /export function tax\(total: number\): number \{\s+return total \* 0\.2;/);
    await screenshot(page, 'apply-accepted');

    // One Undo takes the whole change back.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await waitUntil(async () => !(await editorText(page)).includes('Reviewed by the Dify simulator'), 'one Undo took the change back');
  });

  it('Add Selection to Chat and `@` put two chips above the message box; the question carries both', async function () {
    const page = wb.page;
    await page.locator('.tab[aria-label^="price.ts"]').first().click();
    const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await lines.click();
    // tax(): lines 5-7, selected from the start of line 5 to the start of line 8.
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.locator('.statusbar-item', { hasText: 'Ln 8, Col 1 (' }).first().waitFor();
    await runCommand(page, 'Dify: Add Selection to Chat');
    const chips = frame.getByRole('list', { name: 'Code that goes with the next question' });
    await chips.getByRole('listitem').filter({ hasText: 'src/price.ts' }).waitFor();

    const box = frame.getByRole('textbox', { name: /Message/ });
    await box.click();
    await box.pressSequentially('Compare with the notes @');
    await quickInput(page).waitFor({ state: 'visible' });
    await screenshot(page, 'chips-at-pick');
    await acceptQuickPickItem(page, 'notes.md');
    await chips.getByRole('listitem').filter({ hasText: 'notes.md' }).waitFor();
    assert.equal(await chips.getByRole('listitem').count(), 2);
    assert.equal((await box.inputValue()).trim(), 'Compare with the notes', 'the typed @ went with the pick');
    await screenshot(page, 'chips-two');

    await box.press('Enter');
    const question = frame.getByRole('article', { name: 'Question' }).last();
    await question.locator('details.code-context').nth(1).waitFor();
    const summaries = await question.locator('details.code-context summary').allInnerTexts();
    assert.deepEqual(summaries.map((s) => s.trim()), ['src/price.ts · lines 5–7', 'notes.md · lines 1–3']);
    assert.equal((await question.locator('.question-text').innerText()).trim(), 'Compare with the notes');
    await waitForAnswerDone(frame);
    assert.equal(await chips.getByRole('listitem').count(), 0, 'the chips went with the question');
    await screenshot(page, 'chips-sent');
  });
});
