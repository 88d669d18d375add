import type { FrameLocator, Locator, Page } from 'playwright-core';
import { quickInput } from './commands';

/** How many answers the panel shows: take it before sending, for {@link waitForAnswerAt}. */
export function answerCount(frame: FrameLocator): Promise<number> {
  return frame.locator('article.answer').count();
}

/**
 * Waits until the answer at `index` (0 for a new chat's first) exists and is finished, whatever its status, and
 * the Send button (named `sendLabel` in the display language) is back; returns that answer. Call it with the
 * count taken before sending: right after Enter, the new turn may not be in the panel yet, and "nothing is
 * streaming" is then already true.
 */
export async function waitForAnswerAt(frame: FrameLocator, index: number, timeout = 60_000, sendLabel = 'Send'): Promise<Locator> {
  // Earlier answers are finished, so the index-th finished one is the new answer once it is done.
  await frame.locator('article.answer[aria-busy="false"]').nth(index).waitFor({ timeout });
  await frame.getByRole('button', { name: sendLabel, exact: true }).waitFor({ state: 'visible', timeout });
  return frame.locator('article.answer').nth(index);
}

/**
 * Waits until no answer is streaming: the Send button (named `sendLabel` in the display language) is back.
 * Only for an answer the caller has already seen in the panel; otherwise use waitForAnswerAt.
 */
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
