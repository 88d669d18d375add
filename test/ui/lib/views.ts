// The Dify view container and its two views as the workbench draws them.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { difyActivityItem, extensionWebviewSelector } from './workbench';

/** The side bar as a whole (whatever container it shows). */
export function sideBar(page: Page): Locator {
  return page.locator('.part.sidebar');
}

/** The header of a view section in the side bar, by its name ("Chat", "Conversations"). */
export function viewHeader(page: Page, name: string): Locator {
  return sideBar(page).locator(`.pane-header[aria-label="${name} Section"]`);
}

/** A whole view section (header and body) in the side bar. */
export function viewPane(page: Page, name: string): Locator {
  // `has` is matched inside each candidate, so the inner locator must not start from the side bar again.
  return sideBar(page).locator('.pane', { has: page.locator(`.pane-header[aria-label="${name} Section"]`) });
}

/** The body of a view section (the part under its header). */
export function viewBody(page: Page, name: string): Locator {
  return viewPane(page, name).locator('.pane-body');
}

/** Whether the side bar currently shows the Dify container. */
export async function isDifyContainerShown(page: Page): Promise<boolean> {
  const title = sideBar(page).locator('.composite.title h2');
  return (await sideBar(page).isVisible()) && /dify/i.test((await title.textContent().catch(() => '')) ?? '');
}

/** The two views' names as the manifest gives them in each display language the tests run in. */
export const VIEW_NAMES = {
  en: { chat: 'Chat', conversations: 'Conversations' },
  'zh-cn': { chat: '对话', conversations: '会话' },
} as const;

/** Clicks the Dify entry in the activity bar (unless the container is already showing) and waits for both views. */
export async function openDifyContainer(page: Page, language: keyof typeof VIEW_NAMES = 'en'): Promise<void> {
  const names = VIEW_NAMES[language];
  if (!(await viewHeader(page, names.chat).isVisible())) await difyActivityItem(page).click();
  await viewHeader(page, names.chat).waitFor();
  await viewHeader(page, names.conversations).waitFor();
}

/**
 * The chat view's webview document. A webview is two frames deep: the workbench's `iframe.webview` (tagged with
 * our extension id) and `#active-frame`, which holds the extension's HTML. VS Code keeps hidden webviews in the
 * page (and only tags the first creation of a view with `purpose=webviewView`), so the visible one is taken.
 */
export function chatWebview(page: Page): FrameLocator {
  return page
    .locator(extensionWebviewSelector)
    .filter({ visible: true })
    .first()
    .contentFrame()
    .frameLocator('#active-frame');
}

/** Waits until the chat webview has rendered the extension's page (its body has content) and returns it. */
export async function waitForChatWebview(page: Page, timeout = 30_000): Promise<FrameLocator> {
  const frame = chatWebview(page);
  await frame.locator('body > *').first().waitFor({ state: 'attached', timeout });
  return frame;
}
