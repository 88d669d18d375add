import * as vscode from 'vscode';
import { originOf } from '../../dify/validate';
import { Disposable } from '../disposables';
import type { StoredKeys } from './originBinding';
import type { KeyStore } from './secrets';
import type { StoredKey } from './storedKey';
import { decodeStoredKey, encodeStoredKey } from './storedKey';

/**
 * The profiles' API keys as the rest of the host uses them: read, stored (with the origin they were entered
 * for, in the same secret) and cleared through the {@link KeyStore}, with a change event that fires only for a
 * real change (another key, or the same key bound elsewhere), and the set of every key seen in this session,
 * which the log redacts even after a key is replaced.
 */
export class ApiKeys extends Disposable implements StoredKeys {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<string>());
  /** Fires with the profile id whose key (or its origin) changed, here or in another window. */
  readonly onDidChange = this._onDidChange.event;
  /** Keys read or entered in this session. */
  private readonly seen = new Set<string>();
  /**
   * profile id -> the stored value as last read or written (undefined = none): what reads are served from, and
   * what lets a SecretStorage event tell a real change.
   */
  private readonly lastRead = new Map<string, string | undefined>();

  constructor(private readonly secrets: KeyStore) {
    super();
    this.register(secrets.onDidChange((id) => void this.onStoreChanged(id)));
  }

  /** The key of a profile, or undefined when none is set. Throws SecretStorageUnavailableError. */
  async read(profileId: string): Promise<string | undefined> {
    return (await this.readStored(profileId))?.key;
  }

  /**
   * The key of a profile with the origin it is bound to. Throws SecretStorageUnavailableError. Read from
   * SecretStorage once, then served from what was last read or written here: every change (here, or in another
   * window through SecretStorage.onDidChange) reads it again. In code-server each read is a round trip to the
   * browser's renderer, which is busiest just when a request is made (a conversation opened from the tree).
   * A read that failed is not kept, so the next one asks the keyring again.
   */
  async readStored(profileId: string): Promise<StoredKey | undefined> {
    if (this.lastRead.has(profileId)) return decodeStoredKey(this.lastRead.get(profileId));
    return this.readFromStore(profileId);
  }

  private async readFromStore(profileId: string): Promise<StoredKey | undefined> {
    const stored = await this.secrets.get(profileId);
    if (stored !== undefined) this.seen.add(stored.key);
    this.lastRead.set(profileId, stored && encodeStoredKey(stored));
    return stored;
  }

  /** Whether a profile has a key (false when SecretStorage cannot be read). */
  async has(profileId: string): Promise<boolean> {
    try {
      return (await this.read(profileId)) !== undefined;
    } catch {
      return false;
    }
  }

  /** Stores a key bound to the origin it was entered for. Throws SecretStorageUnavailableError. */
  async save(profileId: string, key: string, baseUrl: string): Promise<void> {
    this.seen.add(key);
    const origin = originOf(baseUrl);
    await this.writeStored(profileId, origin === undefined ? { key } : { key, origin });
  }

  /** Stores a key as given (a new key, or the same key bound to another origin). Throws SecretStorageUnavailableError. */
  async writeStored(profileId: string, stored: StoredKey): Promise<void> {
    await this.secrets.store(profileId, stored);
    this.lastRead.set(profileId, encodeStoredKey(stored));
    this._onDidChange.fire(profileId);
  }

  /** Removes a profile's key, and with it its origin. Throws SecretStorageUnavailableError. */
  async clear(profileId: string): Promise<void> {
    await this.secrets.delete(profileId);
    this.lastRead.set(profileId, undefined);
    this._onDidChange.fire(profileId);
  }

  /** A removed profile takes its key with it. */
  forget(profileId: string): Promise<void> {
    return this.clear(profileId);
  }

  /** Remembers a candidate key (before it is checked) so that it is redacted from the log too. */
  noteSecret(key: string): void {
    if (key !== '') this.seen.add(key);
  }

  /** Values the log must never contain. */
  knownSecrets(): Iterable<string> {
    return this.seen;
  }

  private async onStoreChanged(profileId: string): Promise<void> {
    const before = this.lastRead.get(profileId);
    let after: string | undefined;
    try {
      const stored = await this.readFromStore(profileId);
      after = stored && encodeStoredKey(stored);
    } catch {
      this.lastRead.delete(profileId);
      after = undefined;
    }
    // A read that failed leaves no entry: a key that could never be read counts as changed.
    if (before !== after || !this.lastRead.has(profileId)) this._onDidChange.fire(profileId);
  }
}
