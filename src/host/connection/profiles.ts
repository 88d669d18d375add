import * as vscode from 'vscode';
import type { DifyClient } from '../../dify/client';
import type { ApiKeys } from './apiKeys';
import type { ClientProvider } from '../clientProvider';
import { Command } from '../commands';
import type { ConnectionHealth } from './connectionHealth';
import { seedDevProfile } from './devSeed';
import type { HealthCheck } from './healthCheck';
import type { HealthState } from './healthState';
import type { DifyLog } from '../log';
import type { Profile } from './profileModel';
import type { ProfileClients } from './profileClients';
import type { ProfileStore } from './profileStore';

export interface ProfileManagerParts {
  store: ProfileStore;
  keys: ApiKeys;
  clients: ProfileClients;
  health: ConnectionHealth;
  check: HealthCheck;
  log: DifyLog;
}

/**
 * The connection layer seen from one object: the {@link ClientProvider} the chat panel and the tree use,
 * plus the profile and key operations the integration tests drive. It only forwards to the parts that own
 * each job (profile storage, keys, clients, health); it keeps no state and decides nothing.
 */
export class ProfileManager implements ClientProvider {
  /** Settles once the active profile is the one to use (the development seed may still be choosing it). */
  private resolved: Promise<void> = Promise.resolve();
  /** The first quiet status check, once started (see {@link start}). */
  private first: Promise<HealthState> | undefined;

  constructor(private readonly parts: ProfileManagerParts) {}

  /**
   * Clients wait for `work` (the development seed at start-up) before they look at the active profile, so
   * nobody gets "no key" for the default profile that is about to be replaced.
   */
  resolveAfter(work: Promise<unknown>): void {
    this.resolved = work.then(
      () => undefined,
      () => undefined,
    );
  }

  // ---- ClientProvider ---------------------------------------------------------------------------------

  get profileId(): string {
    return this.parts.store.active.id;
  }

  get profileName(): string {
    return this.parts.store.active.name;
  }

  get connectionState(): HealthState {
    return this.parts.health.state;
  }

  get onDidChange(): vscode.Event<void> {
    return this.parts.clients.onDidChange;
  }

  /**
   * The active profile's client. Asks for consent if its key would go somewhere new, unless `interactive` is
   * false (background work), which gets undefined instead and leaves the question for the user's next act.
   * Waits for the profile to be resolved first (see {@link resolveAfter}).
   */
  async getClient(options: { interactive?: boolean } = {}): Promise<DifyClient | undefined> {
    void this.start();
    await this.resolved;
    return this.parts.clients.getClientFor(this.parts.store.active, { interactive: options.interactive ?? true });
  }

  async promptForKey(): Promise<void> {
    await vscode.commands.executeCommand(Command.setApiKey);
  }

  // ---- profiles ---------------------------------------------------------------------------------------

  get activeProfile(): Profile {
    return this.parts.store.active;
  }

  get profiles(): readonly Profile[] {
    return this.parts.store.profiles;
  }

  userFor(profile: Profile): string {
    return this.parts.store.userFor(profile);
  }

  switchTo(profileId: string): Promise<void> {
    return this.parts.store.switchTo(profileId);
  }

  addProfile(p: { name: string; baseUrl: string; user?: string }, id?: string): Promise<Profile> {
    return this.parts.store.add(p, id);
  }

  updateProfile(profileId: string, changes: Partial<Pick<Profile, 'name' | 'baseUrl' | 'user'>>): Promise<void> {
    return this.parts.store.update(profileId, changes);
  }

  removeProfile(profileId: string): Promise<void> {
    return this.parts.store.remove(profileId);
  }

  reload(): void {
    this.parts.store.reload();
  }

  seedDevProfile(baseUrl: string, apiKey: string): Promise<void> {
    return seedDevProfile(this.parts.store, this.parts.keys, this.parts.log, baseUrl, apiKey);
  }

  // ---- keys and health --------------------------------------------------------------------------------

  hasKey(profileId: string): Promise<boolean> {
    return this.parts.keys.has(profileId);
  }

  storeKey(profileId: string, key: string, baseUrl: string): Promise<void> {
    return this.parts.keys.save(profileId, key, baseUrl);
  }

  clearKey(profileId: string): Promise<void> {
    return this.parts.keys.clear(profileId);
  }

  refreshStatus(): Promise<HealthState> {
    const check = this.parts.check.refresh();
    this.first ??= check;
    return check;
  }

  /**
   * The first quiet status check (`dify.hasApiKey`, the status bar), once the profile is resolved. Activation
   * reads no key and sends nothing: this runs when something first needs the connection (a Dify view shown, a
   * command asking for a client); later checks follow changes of the app, its settings or its key. Idempotent:
   * returns the state the first check reached.
   */
  start(): Promise<HealthState> {
    this.first ??= this.resolved.then(() => this.parts.check.refresh());
    return this.first;
  }
}
