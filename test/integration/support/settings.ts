// Saving and restoring the user settings the suites change.
import * as vscode from 'vscode';

const CONNECTION_KEYS = ['baseUrl', 'profiles', 'activeProfile', 'user', 'requestTimeoutSeconds', 'idleTimeoutSeconds'] as const;

/** Saves the user's connection settings; `restore()` puts them back (the other suites expect theirs). */
export function saveUserSettings(): { restore(): Promise<void> } {
  const config = vscode.workspace.getConfiguration('dify');
  const saved = CONNECTION_KEYS.map((k) => [k, config.inspect(k)?.globalValue] as const);
  return {
    async restore() {
      const c = vscode.workspace.getConfiguration('dify');
      for (const [k, v] of saved) await c.update(k, v, vscode.ConfigurationTarget.Global);
    },
  };
}

export async function setUserSetting(key: (typeof CONNECTION_KEYS)[number], value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dify').update(key, value, vscode.ConfigurationTarget.Global);
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
