// The extension in a Chinese VS Code: code-server started with `--locale zh-cn` and a language pack, so VS Code
// itself loads package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json, as on a user's Chinese desktop. The
// panel (its words, <html lang>, a streamed answer with its usage figures), the Conversations tree (its
// relative time), a notification, Ask About Selection's template pick and a Test Connection diagnosis all
// speak Chinese; each is screenshotted (test-results/screenshots/zh-cn-*.png).
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { answerCount, acceptQuickPickItem, notifications, openDifyContainer, openWorkbench, quickInput, runCommand, screenshot, VIEW_NAMES, viewBody, waitForAnswerAt, waitForAnswerDone, waitForChatWebview } from './lib';
import type { Workbench } from './lib';

const SOURCE = ['export function total(prices: number[]): number {', '  return prices.reduce((sum, p) => sum + p, 0);', '}', ''].join('\n');

const CONVERSATIONS = VIEW_NAMES['zh-cn'].conversations;

describe('the extension in a Chinese (zh-cn) VS Code', function () {
  let wb: Workbench;
  let frame: FrameLocator;

  before(async function () {
    // Besides the usual workbench: the language pack is packaged (once per machine) and installed.
    this.timeout(Math.max(this.timeout(), 300_000));
    wb = await openWorkbench({ locale: 'zh-cn', sim: { tokenDelayMs: 8 }, workspaceFiles: { 'src/cart.ts': SOURCE } });
    await openDifyContainer(wb.page, 'zh-cn');
    frame = await waitForChatWebview(wb.page);
    await frame.getByRole('heading', { name: 'Sim Chatbot' }).waitFor();
  });

  after(async function () {
    await wb?.close();
  });

  it('the panel: <html lang="zh-cn">, Chinese controls, and a streamed answer with Chinese usage figures', async function () {
    assert.equal(await frame.locator(':root').getAttribute('lang'), 'zh-cn', "the page's language follows VS Code's");
    const box = frame.getByRole('textbox', { name: '给 Dify 发消息' });
    await box.waitFor();
    assert.equal(await box.getAttribute('placeholder'), '向 Dify 提问…');
    assert.ok(await frame.getByRole('button', { name: '新对话' }).isVisible(), 'the header’s New Chat button');
    await box.fill('你好');
    const answers = await answerCount(frame);
    await box.press('Enter');
    const answer = await waitForAnswerAt(frame, answers, 60_000, '发送');
    const actions = answer.getByRole('group', { name: '回答操作' });
    await actions.waitFor();
    for (const name of ['复制', '赞', '踩']) assert.ok(await actions.getByRole('button', { name, exact: true }).isVisible(), `the ${name} button`);
    assert.match(await answer.innerText(), /\d[\d,]* 个 Token/, 'the usage figures in Chinese');
    await screenshot(wb.page, 'zh-cn-panel');
  });

  it('the Conversations tree: the new conversation, "刚刚" as its time', async function () {
    const page = wb.page;
    const tree = viewBody(page, CONVERSATIONS);
    const row = tree.locator('.monaco-list-row', { hasText: '刚刚' }).first();
    await row.waitFor({ timeout: 30_000 });
    await screenshot(page, 'zh-cn-tree');
  });

  it('a notification: Dify: 导出会话… in a new chat says there is nothing to export yet, in Chinese', async function () {
    const page = wb.page;
    await runCommand(page, 'Dify: 新建对话');
    await runCommand(page, 'Dify: 导出会话…');
    await notifications(page).filter({ hasText: '对话面板中还没有已保存的会话：请先提问，或从“会话”视图中打开一个会话。' }).waitFor();
    await screenshot(page, 'zh-cn-notification');
  });

  it('Ask About Selection: the template pick is Chinese, and the question goes with the Chinese instruction', async function () {
    const page = wb.page;
    await page.keyboard.press('Control+P');
    const input = quickInput(page).locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill('cart.ts');
    await quickInput(page).locator('.monaco-list-row[aria-label^="cart.ts "]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab[aria-label^="cart.ts"]').waitFor();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+A');
    const questions = frame.getByRole('article', { name: '问题' });
    const before = await questions.count();
    await runCommandKeepingPick(page, 'Dify: 询问所选代码');
    const title = quickInput(page).locator('.quick-input-title');
    await title.filter({ hasText: '向 Dify 询问这段代码' }).waitFor();
    const labels = await quickInput(page).locator('.monaco-list-row .label-name').allInnerTexts();
    for (const label of ['解释', '查找 Bug', '编写测试', '添加文档', '优化', '自定义问题…']) assert.ok(labels.includes(label), `the template ${label} (saw ${labels.join(', ')})`);
    await screenshot(page, 'zh-cn-ask-template-pick');
    await acceptQuickPickItem(page, '解释');
    const question = questions.nth(before);
    await question.waitFor();
    assert.equal((await question.locator('.question-text').innerText()).trim(), '解释这段代码做了什么以及它是如何工作的。');
    assert.equal((await question.locator('details.code-context summary').innerText()).trim(), 'src/cart.ts · 第 1–3 行');
    await waitForAnswerDone(frame, 60_000, '发送');
    await screenshot(page, 'zh-cn-ask-answer');
  });

  it('Test Connection: the diagnosis in Chinese', async function () {
    const page = wb.page;
    await runCommand(page, 'Dify: 测试连接');
    const toast = notifications(page).filter({ hasText: '已连接到' });
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /已连接到 .+ 上 Dify .+ 中的“Sim Chatbot”（聊天助手）。/);
    await screenshot(page, 'zh-cn-test-connection');
  });
});

/** Runs a command whose quick pick stays open (runCommand waits for the palette to close). */
async function runCommandKeepingPick(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await acceptQuickPickItem(page, title);
}
