// The Conversations view in the real workbench, driven like a user: pin, export, filter and delete through the
// context menu and the title bar; F2, Delete and Enter on the keyboard; several rows deleted with one
// confirmation; and "Developer: Reload Window" in the middle of an answer, after which the panel shows the
// conversation again with what Dify has stored, marked interrupted, and Refresh shows the rest; a long
// conversation opened from a row shows its newest answer and pages back to its first turn.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { acceptQuickPickItem, difyActivityItem, isDifyContainerShown, openDifyContainer, openWorkbench, quickInput, runCommand, screenshot, screenshotDir, sideBar, viewHeader, viewPane, waitForChatWebview } from './lib';
import { readmeShot } from './lib/readmeShots';
import type { Workbench } from './lib';
import { waitUntil } from './lib/wait';

const USER = 'ui-tree-user';

async function panelShot(page: Page, name: string): Promise<void> {
  await sideBar(page).screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** The Conversations view's rows the workbench draws (the visible ones: the list is virtual). */
function rows(page: Page): Locator {
  return viewPane(page, 'Conversations').getByRole('treeitem');
}

function row(page: Page, name: string | RegExp): Locator {
  return rows(page).filter({ has: page.locator('.label-name', { hasText: name }) }).first();
}

/**
 * Opens a row's context menu and picks `item` (matched at the start of its text: the menu shows keys after it).
 * The item is hovered until the menu marks it focused, then Enter: a click landing right after the menu opens
 * can be taken for the right-click's own release and ignored.
 */
async function contextMenu(page: Page, target: Locator, item: string): Promise<void> {
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view.monaco-menu-container');
  const text = new RegExp(`^${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  const entry = menu.locator('.action-item').filter({ has: page.getByRole('menuitem').filter({ hasText: text }) });
  await entry.hover();
  await menu.locator('.action-item.focused').filter({ has: page.getByRole('menuitem').filter({ hasText: text }) }).waitFor();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
}

/** The workbench's modal dialog (a confirmation), once shown. */
function dialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

async function rowLabels(page: Page): Promise<string[]> {
  return rows(page).locator('.label-name').allInnerTexts();
}

/** The label of the row the tree's keyboard focus is on. */
async function focusedLabel(page: Page): Promise<string | undefined> {
  const focused = rows(page).and(page.locator('.monaco-list-row.focused')).locator('.label-name');
  return (await focused.count()) === 1 ? focused.innerText() : undefined;
}

/**
 * Moves the tree's keyboard focus to the row named `name` with the arrow keys, one step at a time, reading
 * where the focus is after each: a background refresh may reorder the rows between two presses, so the way is
 * looked up again at every step rather than counted once.
 */
async function focusRowByKeyboard(page: Page, name: string): Promise<void> {
  for (let step = 0; step < 60; step++) {
    const at = await waitUntil(() => focusedLabel(page), 'a focused row');
    if (at === name) return;
    const labels = await rowLabels(page);
    assert.ok(labels.includes(name), `"${name}" is among the rows (${labels.join(', ')})`);
    await page.keyboard.press(labels.indexOf(name) > labels.indexOf(at) ? 'ArrowDown' : 'ArrowUp');
    await waitUntil(async () => ((await focusedLabel(page)) !== at ? true : undefined), 'the focus to move');
  }
  assert.fail(`the keyboard focus never reached "${name}"`);
}

describe('Conversations view in the workbench', function () {
  let wb: Workbench;
  let page: Page;

  before(async function () {
    wb = await openWorkbench({ sim: { tokenDelayMs: 12 }, userSettings: { 'dify.user': USER } });
    page = wb.page;
    // Ties as Dify stores them (two conversations a second), so paging is as in the field.
    const ids = wb.sim!.seedConversations('chat', USER, 45, { perSecond: 2 });
    // Conversation 44 has a history to export (which makes it the most recently updated).
    wb.sim!.seedMessages('chat', USER, 3, ids[1]);
    await openDifyContainer(page);
    await row(page, 'Seeded conversation 45').waitFor({ timeout: 30_000 });
  });

  after(async function () {
    await wb?.close();
  });

  it('pins from the context menu: a Pinned group on top, the rest newest first below it', async function () {
    await contextMenu(page, row(page, /^Seeded conversation 43$/), 'Pin');
    await rows(page).filter({ hasText: 'Pinned' }).first().waitFor();
    await contextMenu(page, row(page, /^Seeded conversation 40$/), 'Pin');
    await waitUntil(async () => (await rowLabels(page)).slice(0, 3).join('|') === 'Pinned|Seeded conversation 40|Seeded conversation 43', 'the Pinned group with both');
    const labels = await rowLabels(page);
    assert.deepEqual(labels.slice(3, 6), ['Seeded conversation 44', 'Seeded conversation 45', 'Seeded conversation 42'], 'the rest, newest first, without the pinned');
    await panelShot(page, 'conversations-pinned');
    await readmeShot(page, 'conversations');
    await contextMenu(page, row(page, /^Seeded conversation 40$/), 'Unpin');
    await waitUntil(async () => !(await rowLabels(page)).slice(0, 3).includes('Seeded conversation 40'), 'unpinned');
  });

  it('exports from the context menu into a new untitled Markdown editor', async function () {
    await contextMenu(page, row(page, /^Seeded conversation 44$/), 'Export as Markdown…');
    const pick = quickInput(page).locator('input.input');
    await pick.waitFor();
    await quickInput(page).locator('.monaco-list-row', { hasText: 'Save to a File…' }).waitFor();
    await pick.fill('New Editor');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'Save to a File…' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor();
    await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor();
    await page.locator('.view-lines', { hasText: '# Seeded conversation 44' }).waitFor();
    await page.locator('.view-lines', { hasText: '## Question 1' }).waitFor();
    await page.locator('.view-lines', { hasText: 'Answer 3' }).waitFor();
    await page.locator('.statusbar-item', { hasText: 'Markdown' }).first().waitFor();
    await screenshot(page, 'conversations-exported');
    await page.keyboard.press('Control+W');
    // An untitled editor with text asks whether to save: no.
    const dontSave = dialog(page).getByRole('button', { name: /Don.t Save/ });
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
  });

  it('filters from the title bar as you type; the view says so; Load more still works; clearing brings all back', async function () {
    const header = viewHeader(page, 'Conversations');
    await header.hover();
    await header.locator('.action-label[aria-label="Filter Conversations…"]').click();
    const input = quickInput(page).locator('input.input');
    await input.waitFor();
    // Every word typed must be in the name: "conversation 1" keeps 41, 31, 21, 19...
    const matches = (l: string): boolean => /conversation/.test(l) && /1/.test(l);
    await input.pressSequentially('conversation 1', { delay: 20 });
    await waitUntil(async () => {
      const labels = await rowLabels(page);
      return labels.length > 0 && labels.every((l) => matches(l) || l === 'Load more…') ? labels : undefined;
    }, 'the rows to narrow');
    const message = viewPane(page, 'Conversations').locator('.message');
    await message.filter({ hasText: 'Filtered by “conversation 1”' }).waitFor();
    await panelShot(page, 'conversations-filtered');
    await page.keyboard.press('Enter');
    // Rows beyond the first page hold more matches: Load more under the filter finds them.
    const before = (await rowLabels(page)).filter(matches).length;
    await row(page, 'Load more…').click();
    await waitUntil(async () => (await rowLabels(page)).filter(matches).length > before, 'more matches after Load more');
    await header.hover();
    await header.locator('.action-label[aria-label="Clear Conversations Filter"]').click();
    await waitUntil(async () => (await rowLabels(page)).includes('Seeded conversation 45'), 'every row back');
    assert.equal(await message.filter({ hasText: 'Filtered' }).count(), 0);
  });

  it('deletes from the context menu after the confirmation', async function () {
    await contextMenu(page, row(page, /^Seeded conversation 42$/), 'Delete Conversation…');
    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /Delete the conversation “Seeded conversation 42”\?/);
    await screenshot(page, 'conversations-delete-confirm');
    await dialog(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await row(page, /^Seeded conversation 42$/).waitFor({ state: 'detached' });
  });

  it('keyboard: F2 renames, Enter opens, Delete deletes; two selected rows are deleted with one confirmation', async function () {
    await row(page, /^Seeded conversation 41$/).click();
    await page.keyboard.press('F2');
    const input = quickInput(page).locator('input.input');
    await input.waitFor();
    await input.fill('Renamed with F2');
    await page.keyboard.press('Enter');
    await row(page, 'Renamed with F2').waitFor();

    // A click opens the row it lands on; the arrow keys move the focus to a row no click opened; Enter opens it.
    await row(page, /^Seeded conversation 44$/).click();
    const chat = await waitForChatWebview(page);
    await chat.locator('#conversation-name', { hasText: 'Seeded conversation 44' }).waitFor();
    await focusRowByKeyboard(page, 'Renamed with F2');
    await page.keyboard.press('Enter');
    await chat.locator('#conversation-name', { hasText: 'Renamed with F2' }).waitFor();

    await row(page, /^Seeded conversation 39$/).click();
    await row(page, /^Seeded conversation 38$/).click({ modifiers: ['Control'] });
    await page.keyboard.press('Delete');
    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /Delete 2 conversations\?/);
    await screenshot(page, 'conversations-delete-two');
    await dialog(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await row(page, /^Seeded conversation 39$/).waitFor({ state: 'detached' });
    await row(page, /^Seeded conversation 38$/).waitFor({ state: 'detached' });
    assert.ok(!(await rowLabels(page)).includes('Seeded conversation 38'));
  });

  it('a long conversation opens at its newest answer, its turns in order; Load earlier reaches its first; another opens at its newest', async function () {
    // 45 turns of ~2 KB answers: the newest page (20) reaches the panel in two messages (newest turns first),
    // then two older pages, each in front of what is shown.
    const words = 'Some words of a long answer, to make it a few screens tall. '.repeat(34);
    wb.sim!.seedMessages('chat', USER, 30, undefined, { name: 'Another long one', answer: (i) => `Another answer ${i + 1}. ${words}` });
    wb.sim!.seedMessages('chat', USER, 45, undefined, { name: 'Long conversation', answer: (i) => `Answer ${i + 1}. ${words}` });
    await runCommand(page, 'Dify: Refresh Conversations');
    await row(page, /^Long conversation$/).click();
    const chat = await waitForChatWebview(page);
    await chat.locator('#conversation-name', { hasText: 'Long conversation' }).waitFor();
    const answers = chat.locator('article.answer');
    await waitUntil(async () => ((await answers.count()) === 20 ? true : undefined), 'the newest page of 20 turns');
    const newest = answers.last();
    assert.match((await newest.textContent()) ?? '', /^\s*Answer 45\./);
    const onScreen = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    };
    await waitUntil(async () => ((await newest.evaluate(onScreen)) ? true : undefined), 'the newest answer in view');
    const older = chat.getByRole('button', { name: 'Load earlier messages' });
    for (const count of [40, 45]) {
      await chat.locator('.load-older:not([disabled])').click();
      await waitUntil(async () => ((await answers.count()) === count ? true : undefined), `${count} turns`);
    }
    await older.waitFor({ state: 'hidden' });
    // textContent: innerText is empty for the turns off screen (content-visibility skips their layout).
    const questions = await chat.getByRole('article', { name: 'Question' }).allTextContents();
    assert.deepEqual(questions.map((q) => q.trim()), Array.from({ length: 45 }, (_, i) => `Question ${i + 1}`), 'every turn once, in order');
    await chat.locator('main.scroller').evaluate((el) => (el.scrollTop = 0));
    const first = answers.first();
    await waitUntil(async () => ((await first.evaluate(onScreen)) && /^\s*Answer 1\./.test((await first.textContent()) ?? '') ? true : undefined), 'the first answer, rendered, in view');

    // Read up there, another conversation opens at its newest answer all the same.
    await row(page, /^Another long one$/).click();
    await chat.locator('#conversation-name', { hasText: 'Another long one' }).waitFor();
    await waitUntil(async () => ((await answers.count()) === 20 ? true : undefined), 'its newest page');
    assert.match((await answers.last().textContent()) ?? '', /^\s*Another answer 30\./);
    await waitUntil(async () => ((await answers.last().evaluate(onScreen)) ? true : undefined), 'its newest answer in view');
  });

  it('reloads the window mid-answer: the conversation is back, the answer marked interrupted, Refresh shows it once Dify finished', async function () {
    let chat = await waitForChatWebview(page);
    await chat.getByRole('button', { name: 'New chat' }).click();
    const box = chat.getByRole('textbox', { name: 'Message Dify' });
    await box.click();
    // `park` keeps Dify busy with the answer after three frames, whether or not the window is there.
    await box.fill('Show me some markdown /fault park:3');
    await box.press('Enter');
    await chat.getByRole('button', { name: 'Stop' }).waitFor();
    await waitUntil(async () => (await chat.locator('article.answer').last().innerText()).trim().length > 0, 'some answer text');
    // The new conversation is in the tree at once, under Dify's first name for it.
    await waitUntil(async () => (await rowLabels(page)).slice(0, 3).includes('Show me some markdow…'), 'the new conversation on top');
    await panelShot(page, 'conversations-reload-before');

    await page.keyboard.press('F1');
    await quickInput(page).locator('input.input').fill('>Developer: Reload Window');
    const reloaded = page.waitForEvent('load');
    await acceptQuickPickItem(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await difyActivityItem(page).waitFor({ timeout: 60_000 });
    // The workbench brings back the side bar as it was (the Dify container): wait for it rather than click the
    // activity bar entry, which would hide a container that is just coming back.
    await waitUntil(async () => isDifyContainerShown(page), 'the Dify container to be restored', 60_000);
    chat = await waitForChatWebview(page, 60_000);
    const answer = chat.locator('article.answer').last();
    await answer.locator('.error-text', { hasText: 'reloaded' }).waitFor({ timeout: 30_000 });
    assert.equal((await chat.getByRole('article', { name: 'Question' }).last().innerText()).trim(), 'Show me some markdown /fault park:3');
    const refresh = answer.getByRole('button', { name: 'Refresh' });
    await refresh.waitFor();
    assert.equal(await answer.getByRole('button', { name: 'Retry' }).isVisible(), false, 'Refresh, not Retry');
    await panelShot(page, 'conversations-reload-after');
    await screenshot(page, 'conversations-reload-after-workbench');

    // Dify finishes the answer (no client is reading it), then Refresh shows it.
    await fetch(`${wb.sim!.origin}/__sim/release`, { method: 'POST' });
    await waitUntil(async () => (wb.sim!.stats.activeStreams === 0 ? true : undefined), 'Dify to finish the answer', 90_000);
    await refresh.click();
    await chat.locator('article.answer[data-status="done"]').last().waitFor();
    const text = await chat.locator('article.answer').last().innerText();
    assert.match(text, /\w{3,}/);
    assert.equal(await chat.locator('article.answer').last().locator('.answer-error').isVisible(), false);
    await panelShot(page, 'conversations-reload-refreshed');
  });
});
