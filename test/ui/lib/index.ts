// Helpers for UI tests (test/ui/*.test.ts): import from './lib'.
export { openWorkbench, openWorkbenches, difyActivityItem, extensionWebviewSelector } from './workbench';
export type { Workbench, WorkbenchOptions } from './workbench';
export { openDifyContainer, isDifyContainerShown, viewHeader, viewPane, viewBody, sideBar, chatWebview, waitForChatWebview, VIEW_NAMES } from './views';
export { runCommand, openCommandPalette, acceptQuickPickItem, quickInput, notifications } from './commands';
export { screenshot, screenshotDir } from './screenshots';
export { updateUserSettings, readUserSettings, setColorTheme, currentThemeKind, themes } from './settings';
export { waitUntil } from './wait';
export type { ThemeKind } from './settings';
export { answerCount, openFile, waitForAnswerAt, waitForAnswerDone } from './answers';
