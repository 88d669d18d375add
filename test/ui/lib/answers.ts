import type { FrameLocator, Page } from 'playwright-core';
import { quickInput } from './commands';

/** Waits until no answer is streaming: the Send button (named `sendLabel` in the display language) is back. */
export async function waitForAnswerDone(frame: FrameLocator, timeout = 60_000, sendLabel = 'Send'): Promise<void> {
  await frame.getByRole('button', { name: sendLabel, exact: true }).waitFor({ state: 'visible', timeout });
  await frame.locator('article.answer[aria-busy="true"]').waitFor({ state: 'detached', timeout });
}

/** Opens a workspace file with Quick Open, as a user does (Ctrl+P, its name, Enter). */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // A file result's accessible name is "cart.ts src, file results": wait for it, then open the highlighted one.
  await quickInput(page).locator(`.monaco-list-row[aria-label^="${name} "]`).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label^="${name}"]`).first().waitFor();
}
