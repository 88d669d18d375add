// Changing settings at run time the way a user does. code-server does not notice edits made to settings.json
// on disk behind its back, so the file is edited in the workbench's own JSON editor and saved.
import * as fs from 'node:fs';
import { acceptQuickPickItem, openCommandPalette, quickInput, runCommand } from './commands';
import { waitUntil } from './wait';
import type { Workbench } from './workbench';

/** The user settings as currently saved. */
export function readUserSettings(wb: Workbench): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(wb.settingsFile, 'utf8')) as Record<string, unknown>;
}

/**
 * Merges `patch` into the user settings (`undefined` removes a key) through "Preferences: Open User Settings
 * (JSON)": replaces the text, saves, closes the editor, and waits until the file on disk holds the change.
 * (For settings needed from the very start, pass `userSettings` to openWorkbench instead.)
 */
export async function updateUserSettings(wb: Workbench, patch: Record<string, unknown>): Promise<void> {
  const { page } = wb;
  const next = readUserSettings(wb);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  const text = JSON.stringify(next, null, 2);
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor();
  await editor.click();
  // The harness's "[jsonc]" defaults turn off auto-closing/indenting, so the text lands verbatim.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+S');
  // Saved when the file holds the patch: VS Code writes settings of its own into the same file at any time (a
  // theme chosen in an earlier test lands there asynchronously), so its text need not be ours to the byte.
  const holdsPatch = (): boolean => {
    let saved: Record<string, unknown>;
    try {
      saved = readUserSettings(wb);
    } catch {
      return false; // in the middle of a write
    }
    return Object.entries(patch).every(([k, v]) => (v === undefined ? !(k in saved) : JSON.stringify(saved[k]) === JSON.stringify(v)));
  };
  await waitUntil(async () => holdsPatch(), 'settings.json to be saved with the change');
  await runCommand(page, 'View: Close Editor');
}

/** The built-in themes: their label in the theme picker and the class VS Code gives the workbench and webview bodies. */
export const themes = {
  dark: { label: 'Dark Modern', workbenchClass: 'vs-dark', webviewClass: 'vscode-dark' },
  light: { label: 'Light Modern', workbenchClass: 'vs', webviewClass: 'vscode-light' },
  highContrast: { label: 'Dark High Contrast', workbenchClass: 'hc-black', webviewClass: 'vscode-high-contrast' },
  highContrastLight: { label: 'Light High Contrast', workbenchClass: 'hc-light', webviewClass: 'vscode-high-contrast-light' },
} as const;

export type ThemeKind = keyof typeof themes;

/** The workbench's current theme kind, from the class on its root element. */
export async function currentThemeKind(wb: Workbench): Promise<ThemeKind | undefined> {
  const classes = ((await wb.page.locator('.monaco-workbench').getAttribute('class')) ?? '').split(/\s+/);
  return (Object.keys(themes) as ThemeKind[]).find((k) => classes.includes(themes[k].workbenchClass));
}

/** Picks a color theme with "Preferences: Color Theme" and waits until the workbench shows it. */
export async function setColorTheme(wb: Workbench, kind: ThemeKind): Promise<void> {
  const theme = themes[kind];
  const { page } = wb;
  const input = quickInput(page).locator('input.input');
  await openCommandPalette(page);
  await input.fill('>Preferences: Color Theme');
  await acceptQuickPickItem(page, 'Preferences: Color Theme');
  // The theme list replaces the commands in the same widget: wait for its entries before filtering them.
  await quickInput(page).locator('.monaco-list-row[aria-label^="Dark Modern"]').waitFor();
  await input.fill(theme.label);
  await acceptQuickPickItem(page, theme.label);
  await quickInput(page).waitFor({ state: 'hidden' });
  await waitUntil(async () => (await currentThemeKind(wb)) === kind, `the ${theme.label} theme to apply`);
}
