// The two panels the workbench benchmarks drive in one workbench: the extension's chat panel (typed into as a
// user does) and the naive baseline panel (test/bench/naivePanel, asked through its page's naiveAsk).
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { extensionId } from '../../harness/paths';
import { chatWebview, openDifyContainer, runCommand, viewHeader, waitForAnswerDone, waitForChatWebview } from '../../ui/lib';
import { webviewFrame } from './frames';
import { NAIVE_EXTENSION_ID } from './naiveVsix';

export interface BenchPanel {
  readonly name: string;
  /** The panel's document, for scripts (listeners, observers, clocks). */
  readonly frame: Frame;
  /** Sends a question as this panel's user would. */
  ask(query: string): Promise<void>;
  /** Resolves once the panel shows the answer as finished (call after the simulator ended the stream). */
  waitDone(): Promise<void>;
}

/** The extension's chat panel in the side bar, given its full height. */
export async function openRealPanel(page: Page): Promise<BenchPanel> {
  await openDifyContainer(page);
  await viewHeader(page, 'Conversations').click();
  const locator: FrameLocator = await waitForChatWebview(page);
  await locator.getByRole('heading', { name: 'Sim Chatbot' }).waitFor();
  const frame = await webviewFrame(page, extensionId);
  return {
    name: 'extension panel',
    frame,
    async ask(query) {
      const box = chatWebview(page).getByRole('textbox', { name: 'Message Dify' });
      await box.fill(query);
      await box.press('Enter');
    },
    waitDone: () => waitForAnswerDone(chatWebview(page)),
  };
}

/** The naive panel, in the bottom panel area (so both panels are visible at once). */
export async function openNaivePanel(page: Page): Promise<BenchPanel> {
  await runCommand(page, 'Naive Bench: Open the Naive Panel');
  const frame = await webviewFrame(page, NAIVE_EXTENSION_ID, 60_000);
  await frame.waitForFunction(() => typeof window.naiveAsk === 'function');
  return {
    name: 'naive panel',
    frame,
    ask: (query) => frame.evaluate((q) => window.naiveAsk(q), query),
    waitDone: async () => {
      await frame.waitForSelector('body[data-done="1"]', { state: 'attached', timeout: 120_000 });
    },
  };
}

declare global {
  interface Window {
    naiveAsk(query: string): void;
  }
}
