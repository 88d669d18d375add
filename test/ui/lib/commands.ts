// The command palette and quick picks, driven the way a user does: F1, type, arrow to the entry, Enter.
import type { Locator, Page } from 'playwright-core';
import { waitUntil } from './wait';

/** The quick input widget (command palette, quick picks, input boxes). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Opens the command palette (F1), giving the keyboard back to the workbench first if a webview holds it. */
export async function openCommandPalette(page: Page): Promise<Locator> {
  const input = quickInput(page).locator('input.input');
  await page.keyboard.press('F1');
  if (!(await input.isVisible())) {
    // Focus inside a webview keeps F1 to itself: click a neutral spot of the workbench (the status bar) and retry.
    await page.locator('.part.statusbar').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('F1');
  }
  await input.waitFor({ state: 'visible' });
  return input;
}

/**
 * In an open quick pick, moves the highlight to the entry whose label is `label` (exactly, or followed by the
 * ", keybinding/description" VS Code appends to the accessible name) and presses Enter.
 */
export async function acceptQuickPickItem(page: Page, label: string): Promise<void> {
  const widget = quickInput(page);
  const rows = widget.locator('.monaco-list-row');
  const isIt = (aria: string | null): boolean => aria === label || (aria ?? '').startsWith(`${label},`);
  let previous = '';
  for (let step = 0; step < 30; step++) {
    // Results can still arrive (recently used, similar commands) and reorder the list: act only on a list that
    // looked the same in two polls in a row.
    const { labels, focused } = await waitUntil(async () => {
      const all = await rows.evaluateAll((els) => els.map((e) => ({ aria: e.getAttribute('aria-label'), focused: e.classList.contains('focused') })));
      const snapshot = JSON.stringify(all);
      const stable = snapshot === previous;
      previous = snapshot;
      return stable && all.some((r) => isIt(r.aria)) ? { labels: all.map((r) => r.aria), focused: all.findIndex((r) => r.focused) } : undefined;
    }, `"${label}" in the quick pick`);
    const target = labels.findIndex(isIt);
    if (target === focused) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press(target > focused ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`Could not highlight "${label}" in the quick pick.`);
}

/** Runs a command by its palette title, e.g. `Dify: Open Chat`: F1, type the title, highlight it, Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = await openCommandPalette(page);
  await input.fill(`>${title}`);
  await acceptQuickPickItem(page, title);
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Notification toasts currently shown (e.g. to assert an error message). */
export function notifications(page: Page): Locator {
  return page.locator('.notifications-toasts .notification-toast');
}
