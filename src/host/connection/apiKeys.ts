import * as vscode from 'vscode';
import { originOf } from '../../dify/validate';
import { Disposable } from '../disposables';
import type { OriginBinding } from './originBinding';
import type { KeyStore } from './secrets';

/**
 * The profiles' API keys as the rest of the host uses them: read, stored (bound to the origin they were
 * entered for) and cleared through the {@link KeyStore}, with a change event that fires only for a real
 * change, and the set of every key seen in this session, which the log redacts even after a key is replaced.
 */
export class ApiKeys extends Disposable {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<string>());
  /** Fires with the profile id whose key changed, here or in another window. */
  readonly onDidChange = this._onDidChange.event;
  /** Keys read or entered in this session. */
  private readonly seen = new Set<string>();
  /** profile id -> key as last read (undefined = none); lets a SecretStorage event tell a real change. */
  private readonly lastRead = new Map<string, string | undefined>();

  constructor(
    private readonly secrets: KeyStore,
    private readonly origins: OriginBinding,
  ) {
    super();
    this.register(secrets.onDidChange((id) => void this.onStoreChanged(id)));
  }

  /** The key of a profile, or undefined when none is set. Throws SecretStorageUnavailableError. */
  async read(profileId: string): Promise<string | undefined> {
    const key = await this.secrets.get(profileId);
    if (key !== undefined) this.seen.add(key);
    this.lastRead.set(profileId, key);
    return key;
  }

  /** Whether a profile has a key (false when SecretStorage cannot be read). */
  async has(profileId: string): Promise<boolean> {
    try {
      return (await this.read(profileId)) !== undefined;
    } catch {
      return false;
    }
  }

  /** Stores a key and binds it to the origin it was entered for. Throws SecretStorageUnavailableError. */
  async save(profileId: string, key: string, baseUrl: string): Promise<void> {
    this.seen.add(key);
    await this.secrets.store(profileId, key);
    this.lastRead.set(profileId, key);
    const origin = originOf(baseUrl);
    if (origin !== undefined) await this.origins.bind(profileId, origin);
    this._onDidChange.fire(profileId);
  }

  /** Removes a profile's key and its origin binding. Throws SecretStorageUnavailableError. */
  async clear(profileId: string): Promise<void> {
    await this.secrets.delete(profileId);
    this.lastRead.set(profileId, undefined);
    await this.origins.forget(profileId);
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
      after = await this.read(profileId);
    } catch {
      after = undefined;
    }
    // A read that failed leaves no entry: a key that could never be read counts as changed.
    if (before !== after || !this.lastRead.has(profileId)) this._onDidChange.fire(profileId);
  }
}
