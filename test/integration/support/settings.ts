// Saving and restoring the user settings the suites change.
import * as vscode from 'vscode';
import type { SettingKey } from '../../../src/host/settingKeys';
import { CONNECTION_SETTINGS, SECTION } from '../../../src/host/settingKeys';

/** Saves the user's connection settings; `restore()` puts them back (the other suites expect theirs). */
export function saveUserSettings(): { restore(): Promise<void> } {
  const config = vscode.workspace.getConfiguration(SECTION);
  const saved = CONNECTION_SETTINGS.map((k) => [k, config.inspect(k)?.globalValue] as const);
  return {
    async restore() {
      const c = vscode.workspace.getConfiguration(SECTION);
      for (const [k, v] of saved) await c.update(k, v, vscode.ConfigurationTarget.Global);
    },
  };
}

export async function setUserSetting(key: SettingKey, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Resolves when `check()` holds, re-checking on every configuration change (no polling, no sleeps). */
export function whenConfiguration(check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const d = vscode.workspace.onDidChangeConfiguration(() => {
      if (check()) {
        d.dispose();
        resolve();
      }
    });
  });
}
