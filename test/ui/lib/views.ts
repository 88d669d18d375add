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

/** The body of a view section (the part under its header). */
export function viewBody(page: Page, name: string): Locator {
  return sideBar(page).locator('.split-view-view', { has: viewHeader(page, name) }).locator('.pane-body');
}

/** Whether the side bar currently shows the Dify container. */
export async function isDifyContainerShown(page: Page): Promise<boolean> {
  const title = sideBar(page).locator('.composite.title h2');
  return (await sideBar(page).isVisible()) && /dify/i.test((await title.textContent().catch(() => '')) ?? '');
}

/** Clicks the Dify entry in the activity bar (unless the container is already showing) and waits for both views. */
export async function openDifyContainer(page: Page): Promise<void> {
  if (!(await isDifyContainerShown(page))) await difyActivityItem(page).click();
  await viewHeader(page, 'Chat').waitFor();
  await viewHeader(page, 'Conversations').waitFor();
}

/**
 * The chat view's webview document. A webview is two frames deep: the workbench's `iframe.webview` (tagged with
 * our extension id; `purpose=webviewView` marks a side-bar view as opposed to an editor panel) and `#active-frame`,
 * which holds the extension's HTML.
 */
export function chatWebview(page: Page): FrameLocator {
  return page
    .locator(`${extensionWebviewSelector}[src*="purpose=webviewView"]`)
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
