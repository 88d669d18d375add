// "Ask About Selection" in the real workbench, as a user does it: open a file, select lines, right-click, Dify,
// Ask About Selection, pick a template; the panel shows the question with its code block and streams the answer.
// Then a code lens above a function: "Explain" asks at once.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { acceptQuickPickItem, openDifyContainer, openFile, openWorkbench, quickInput, screenshot, screenshotDir, viewHeader, waitForAnswerDone, waitForChatWebview } from './lib';
import { readmeShot } from './lib/readmeShots';
import type { Workbench } from './lib';

const SOURCE = [
  'export class Cart {',
  '  private items: number[] = [];',
  '',
  '  add(price: number): void {',
  '    this.items.push(price);',
  '  }',
  '',
  '  total(): number {',
  '    return this.items.reduce((sum, p) => sum + p, 0);',
  '  }',
  '}',
  '',
  'export function discount(total: number, percent: number): number {',
  '  return total - (total * percent) / 100;',
  '}',
  '',
].join('\n');

describe('Ask About Selection in the workbench', function () {
  let wb: Workbench;
  let frame: FrameLocator;

  before(async function () {
    wb = await openWorkbench({ sim: { tokenDelayMs: 8 }, workspaceFiles: { 'src/cart.ts': SOURCE } });
    await openDifyContainer(wb.page);
    await viewHeader(wb.page, 'Conversations').click();
    frame = await waitForChatWebview(wb.page);
    await frame.getByRole('heading', { name: 'Sim Chatbot' }).waitFor();
    await openFile(wb.page, 'cart.ts');
  });

  after(async function () {
    await wb?.close();
  });

  it('select lines, right-click → Dify → Ask About Selection → Explain: the question shows its code block and the answer streams in', async function () {
    const page = wb.page;
    const lines = page.locator('.monaco-editor .view-lines');
    // Select the total() method, lines 8-10 (1-based): from the start of line 8 to the start of line 11.
    await lines.click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.locator('.statusbar-item', { hasText: 'Ln 11, Col 1 (' }).first().waitFor();
    // Right-click inside the selection (outside it would move the cursor), then Dify → Ask About Selection.
    await lines.locator('.view-line', { hasText: 'return this.items.reduce' }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Dify' }).hover();
    const item = page.getByRole('menuitem', { name: 'Ask About Selection' });
    await item.waitFor();
    await screenshot(page, 'ask-context-menu');
    // The menu lives behind a shadow root, which Playwright's hit check stops at: press the mouse on it as a hand would.
    const box = await item.boundingBox();
    assert.ok(box, 'the entry has a place on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await page.mouse.down();
    await page.mouse.up();
    await quickInput(page).waitFor({ state: 'visible' });
    await screenshot(page, 'ask-template-pick');
    await readmeShot(page, 'ask-template-pick', page.locator('.monaco-workbench'));
    await acceptQuickPickItem(page, 'Explain');

    const question = frame.getByRole('article', { name: 'Question' }).last();
    await question.waitFor();
    assert.equal((await question.locator('.question-text').innerText()).trim(), 'Explain what this code does and how it works.');
    const block = question.locator('details.code-context');
    assert.equal((await block.locator('summary').innerText()).trim(), 'src/cart.ts · lines 8–10');
    assert.match(await block.locator('pre code').innerText(), /total\(\): number \{\n\s+return this\.items\.reduce/);
    await waitForAnswerDone(frame);
    assert.match(await frame.getByRole('article', { name: 'Answer' }).last().innerText(), /You asked/);
    await screenshot(page, 'ask-selection-answer');
    await readmeShot(page, 'ask-selection-answer', page.locator('.monaco-workbench'));
    await question.scrollIntoViewIfNeeded();
    await screenshot(page, 'ask-selection-question');
  });

  it('the code lens above a function: "Explain" asks about that function at once', async function () {
    const page = wb.page;
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Explain' });
    await lens.first().waitFor({ timeout: 60_000 });
    // The lens of discount() (the last one): above line 13.
    const count = await lens.count();
    assert.ok(count >= 3, `lenses above Cart, add, total and discount (saw ${count})`);
    await screenshot(page, 'ask-code-lens');
    await readmeShot(page, 'ask-code-lens', page.locator('.monaco-workbench'));
    const asked = frame.getByRole('article', { name: 'Question' });
    const before = await asked.count();
    await lens.nth(count - 1).click();
    await frame.getByRole('article', { name: 'Question' }).nth(before).waitFor();
    const block = asked.nth(before).locator('details.code-context');
    assert.equal((await block.locator('summary').innerText()).trim(), 'src/cart.ts · lines 13–15');
    await waitForAnswerDone(frame);
    await screenshot(page, 'ask-code-lens-answer');
    assert.ok(path.isAbsolute(screenshotDir));
  });
});
