import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import type { IDisposable } from '../disposables';
import type { StoredKey } from './storedKey';
import { decodeStoredKey, encodeStoredKey } from './storedKey';

/** VS Code's page on keyring problems (shown when SecretStorage cannot be used). */
export const KEYRING_DOCS_URL = 'https://code.visualstudio.com/docs/editor/settings-sync#_troubleshooting-keychain-issues';

const PREFIX = 'dify.apiKey.';

/**
 * SecretStorage failed (typically: no OS keyring on Linux). The message says so in one sentence and never
 * carries the underlying error text, which could in theory echo what was being stored.
 */
export class SecretStorageUnavailableError extends Error {
  override readonly name = 'SecretStorageUnavailableError';
  readonly docsUrl = KEYRING_DOCS_URL;
  constructor(action: 'read' | 'store' | 'delete', cause: unknown) {
    super(keyringSentence(action), { cause });
  }
}

/**
 * Where API keys live: VS Code's SecretStorage (the OS keyring), one entry per profile holding the key and the
 * origin it is bound to, and nowhere else.
 * SecretStorage is shared by every window, so changes made elsewhere arrive through {@link onDidChange}.
 */
export class KeyStore implements IDisposable {
  // Not the Disposable base class: its `store` would clash with this class's own `store()`.
  private readonly disposables = new DisposableStore();
  private readonly _onDidChange = this.disposables.add(new vscode.EventEmitter<string>());
  /** Fires with the profile id whose key was stored or deleted (in this window or another one). */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.disposables.add(
      secrets.onDidChange((e) => {
        if (e.key.startsWith(PREFIX)) this._onDidChange.fire(e.key.slice(PREFIX.length));
      }),
    );
  }

  /** The SecretStorage key for a profile's API key. */
  static storageKey(profileId: string): string {
    return PREFIX + profileId;
  }

  /** The profile's key and the origin it is bound to, or undefined when none is stored. */
  async get(profileId: string): Promise<StoredKey | undefined> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(KeyStore.storageKey(profileId));
    } catch (e) {
      throw new SecretStorageUnavailableError('read', e);
    }
    return decodeStoredKey(raw);
  }

  /** Stores the profile's key with its origin, as one value (see storedKey.ts). */
  async store(profileId: string, stored: StoredKey): Promise<void> {
    try {
      await this.secrets.store(KeyStore.storageKey(profileId), encodeStoredKey(stored));
    } catch (e) {
      throw new SecretStorageUnavailableError('store', e);
    }
  }

  async delete(profileId: string): Promise<void> {
    try {
      await this.secrets.delete(KeyStore.storageKey(profileId));
    } catch (e) {
      throw new SecretStorageUnavailableError('delete', e);
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function keyringSentence(action: 'read' | 'store' | 'delete'): string {
  switch (action) {
    case 'read':
      return vscode.l10n.t('VS Code could not read the API key in its secret storage (the OS keyring may be missing or locked); see "Troubleshooting keychain issues" in VS Code\'s docs.');
    case 'store':
      return vscode.l10n.t('VS Code could not store the API key in its secret storage (the OS keyring may be missing or locked); see "Troubleshooting keychain issues" in VS Code\'s docs.');
    case 'delete':
      return vscode.l10n.t('VS Code could not delete the API key in its secret storage (the OS keyring may be missing or locked); see "Troubleshooting keychain issues" in VS Code\'s docs.');
  }
}
