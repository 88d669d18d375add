import * as vscode from 'vscode';
import { isChatAppMode } from '../dify/types';
import { errorText, validationError } from './messages';
import { Command, ContextKey, setContext } from './commands';
import { randomBytes } from 'node:crypto';
import { DifyClient } from '../dify/client';
import { DifyError, isDifyError } from '../dify/errors';
import type { AppInfo } from '../dify/types';
import { isInsecureForKey, originOf, validateBaseUrl } from '../dify/validate';
import type { ClientProvider } from './clientProvider';
import type { DifyLog, RequestLogEvent } from './log';
import type { Profile } from './profileModel';
import { newProfileId, toSetting } from './profileModel';
import type { Prompter } from './prompts';
import type { KeyStore } from './secrets';
import { SecretStorageUnavailableError } from './secrets';
import * as settings from './settings';

/** globalState: profile id -> the origin its key was entered for (not secret; lets us notice a redirect). */
const ORIGINS_KEY = 'dify.keyOrigins';
/** globalState: http origins (public hosts) the user agreed to send a key to in clear text. */
const INSECURE_OK_KEY = 'dify.insecureOriginsAccepted';
/** globalState: profile id -> the app's name and mode as /info last reported them (for the status bar). */
const APP_INFO_KEY = 'dify.appInfo';

/** What the status bar shows about the active app. */
export type ConnectionStatus =
  | 'checking'
  | 'connected'
  | 'noKey'
  | 'unreachable'
  | 'rejected'
  | 'needsConfirmation'
  | 'keyringError'
  | 'invalidUrl'
  | 'notChatApp'
  | 'unknown';

export interface ConnectionState {
  status: ConnectionStatus;
  /** One sentence for the tooltip. */
  detail?: string;
}

/** The options the manager builds a DifyClient from (a seam for tests). */
export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  user: string;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  onRequest: (e: RequestLogEvent) => void;
}

export interface ProfileManagerDeps {
  globalState: vscode.Memento;
  keys: KeyStore;
  log: DifyLog;
  prompter: Prompter;
  /** The default end-user id (generated once, synced). */
  defaultUserId: string;
  createClient?: (options: ClientOptions) => DifyClient;
}

/** What `getClientFor` may do when the key's origin needs the user's consent. */
export interface ClientRequestOptions {
  /** Ask (modal) when consent is needed; otherwise report `needsConfirmation` and return undefined. */
  interactive: boolean;
}

/**
 * The apps (profiles) the user has set up, the active one, and its client. Implements {@link ClientProvider}
 * for the chat panel and the tree. Keys live only in SecretStorage (through {@link KeyStore}); what is kept
 * in globalState is not secret: the origin each key was entered for, accepted insecure origins, app names.
 */
export class ProfileManager implements ClientProvider, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeState = new vscode.EventEmitter<ConnectionState>();
  /** Fires when the active app's connection state changes (status bar). */
  readonly onDidChangeState = this._onDidChangeState.event;

  private profileList: Profile[];
  private active: Profile;
  private state: ConnectionState = { status: 'unknown' };
  /** Keys read or entered in this session: redacted from every log line even after they are replaced. */
  private readonly seenKeys = new Set<string>();
  /** profile id -> key as last read (undefined = none); lets a SecretStorage event tell a real change. */
  private readonly keyCache = new Map<string, string | undefined>();
  private cachedClient: { signature: string; client: DifyClient } | undefined;
  private pendingConsent: Promise<boolean> | undefined;
  private statusGeneration = 0;
  /** The last `dify.user` problem shown, so each is shown once. */
  private lastUserProblem: string | undefined;
  /** What identifies how the active app is reached (not its key); a change fires onDidChange. */
  private lastReach: string;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly createClient: (options: ClientOptions) => DifyClient;

  constructor(private readonly deps: ProfileManagerDeps) {
    this.createClient = deps.createClient ?? ((o) => new DifyClient(o));
    const { profiles, active } = settings.readProfiles();
    this.profileList = profiles;
    this.active = active;
    this.lastReach = this.reachSignature(active);
    this.warnAboutUserSetting();
    deps.log.setSecretSource(() => this.seenKeys);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.affectsConnection(e)) this.reload();
      }),
      deps.keys.onDidChange((id) => void this.onKeyChanged(id)),
      this._onDidChange,
      this._onDidChangeState,
    );
  }

  // ---- ClientProvider ---------------------------------------------------------------------------------

  get profileId(): string {
    return this.active.id;
  }

  get profileName(): string {
    return this.active.name;
  }

  /** The active profile's client, asking for consent if its key would go somewhere new. */
  getClient(): Promise<DifyClient | undefined> {
    return this.getClientFor(this.active, { interactive: true });
  }

  async promptForKey(): Promise<void> {
    await vscode.commands.executeCommand(Command.setApiKey);
  }

  // ---- profiles ---------------------------------------------------------------------------------------

  get activeProfile(): Profile {
    return this.active;
  }

  get profiles(): readonly Profile[] {
    return this.profileList;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** The last app name/mode /info reported for a profile. */
  appInfo(profileId: string): { name: string; mode: string } | undefined {
    return this.deps.globalState.get<Record<string, { name: string; mode: string }>>(APP_INFO_KEY, {})[profileId];
  }

  /** The end-user id requests for this profile carry. */
  userFor(profile: Profile): string {
    return profile.user ?? settings.userIdSetting() ?? this.deps.defaultUserId;
  }

  /** Makes a profile active (writes `dify.activeProfile`; the configuration event does the rest). */
  async switchTo(profileId: string): Promise<void> {
    if (!this.profileList.some((p) => p.id === profileId)) throw new Error(`No app with id ${profileId}.`);
    await settings.writeActiveProfile(profileId);
    this.reload();
  }

  /** Adds a profile (the implicit default is written into the list first so it stays selectable). */
  async addProfile(p: { name: string; baseUrl: string; user?: string }, id?: string): Promise<Profile> {
    const list = this.listForWriting();
    const newId = id ?? newProfileId(list.map((x) => x.id), () => randomBytes(4).toString('hex'));
    const profile: Profile = { ...p, id: newId, implicit: false };
    const existing = list.findIndex((x) => x.id === newId);
    if (existing >= 0) list[existing] = profile;
    else list.push(profile);
    await settings.writeProfiles(list);
    this.reload();
    return profile;
  }

  /** Changes a profile's name, base URL or user id. */
  async updateProfile(profileId: string, changes: Partial<Pick<Profile, 'name' | 'baseUrl' | 'user'>>): Promise<void> {
    const current = this.profileList.find((p) => p.id === profileId);
    if (!current) throw new Error(`No app with id ${profileId}.`);
    if (current.implicit && changes.name === undefined && changes.user === undefined && changes.baseUrl !== undefined) {
      // The implicit profile is `dify.baseUrl` itself.
      await settings.writeBaseUrl(changes.baseUrl);
    } else {
      const list = this.listForWriting().map((p) => (p.id === profileId ? { ...p, ...changes, implicit: false } : p));
      await settings.writeProfiles(list);
    }
    this.reload();
  }

  /** Removes a profile, its key and its remembered origin. The implicit default cannot be removed. */
  async removeProfile(profileId: string): Promise<void> {
    const current = this.profileList.find((p) => p.id === profileId);
    if (!current) return;
    if (current.implicit) throw new Error('The default app cannot be removed; clear its key instead.');
    await this.clearKey(profileId);
    const list = this.profileList.filter((p) => p.id !== profileId && !p.implicit);
    await settings.writeProfiles(list);
    if (this.active.id === profileId && list[0]) await settings.writeActiveProfile(list[0].id);
    await this.forgetAppInfo(profileId);
    this.reload();
  }

  /**
   * Development seed (`npm start`): a "Simulator" profile pointing at the Dify simulator, its key in
   * SecretStorage, made active.
   */
  async seedDevProfile(baseUrl: string, apiKey: string): Promise<void> {
    const url = validateBaseUrl(baseUrl);
    if (!url.ok) {
      this.deps.log.warn(`Development seed ignored: ${validationError(url)}`);
      return;
    }
    const list = this.profileList.filter((p) => !p.implicit).map(toSetting);
    const seeded = { id: 'simulator', name: 'Simulator', baseUrl: url.value };
    const i = list.findIndex((p) => p.id === seeded.id);
    if (i >= 0) list[i] = seeded;
    else list.push(seeded);
    await settings.writeProfiles(list);
    await this.storeKey(seeded.id, apiKey, url.value);
    await settings.writeActiveProfile(seeded.id);
    this.reload();
    this.deps.log.info(`Development: using the "Simulator" profile at ${url.value}.`);
  }

  // ---- keys -------------------------------------------------------------------------------------------

  /** Whether a profile has a key (false when SecretStorage cannot be read). */
  async hasKey(profileId: string): Promise<boolean> {
    try {
      return (await this.readKey(profileId)) !== undefined;
    } catch {
      return false;
    }
  }

  /** Stores a key and binds it to the origin it was entered for. Throws SecretStorageUnavailableError. */
  async storeKey(profileId: string, key: string, baseUrl: string): Promise<void> {
    this.seenKeys.add(key);
    await this.deps.keys.store(profileId, key);
    this.keyCache.set(profileId, key);
    const origin = originOf(baseUrl);
    if (origin !== undefined) await this.bindOrigin(profileId, origin);
    this.afterKeyChange(profileId);
  }

  async clearKey(profileId: string): Promise<void> {
    await this.deps.keys.delete(profileId);
    this.keyCache.set(profileId, undefined);
    const origins = { ...this.deps.globalState.get<Record<string, string>>(ORIGINS_KEY, {}) };
    delete origins[profileId];
    await this.deps.globalState.update(ORIGINS_KEY, origins);
    this.afterKeyChange(profileId);
  }

  /** Remembers a candidate key (before it is checked) so that it is redacted from the log too. */
  noteSecret(key: string): void {
    if (key !== '') this.seenKeys.add(key);
  }

  /** Values the log must never contain. */
  knownSecrets(): Iterable<string> {
    return this.seenKeys;
  }

  // ---- clients ----------------------------------------------------------------------------------------

  /**
   * A client for `profile`, or undefined when there is no key, or the user declined to send the key to a
   * new origin or over plain http. Throws a DifyError for a base URL that cannot work, and
   * SecretStorageUnavailableError (after telling the user) when the keyring cannot be read.
   */
  async getClientFor(profile: Profile, options: ClientRequestOptions): Promise<DifyClient | undefined> {
    const url = validateBaseUrl(profile.baseUrl);
    if (!url.ok) {
      if (profile.id === this.active.id) this.setState({ status: 'invalidUrl', detail: validationError(url) });
      throw new DifyError({ kind: 'badRequest', code: 'invalid_base_url', problem: { id: 'baseUrl.unusable', profileName: profile.name, reason: url.error } });
    }
    let key: string | undefined;
    try {
      key = await this.readKey(profile.id);
    } catch (e) {
      if (profile.id === this.active.id) this.setState({ status: 'keyringError', detail: (e as Error).message });
      if (options.interactive) await this.reportKeyringError(e);
      return undefined;
    }
    if (key === undefined) {
      if (profile.id === this.active.id) this.setState({ status: 'noKey', detail: 'No API key is set for this app.' });
      return undefined;
    }
    if (!(await this.consentToSend(profile, url.value, options.interactive))) {
      if (profile.id === this.active.id) {
        this.setState({ status: 'needsConfirmation', detail: 'The key was not sent: the server changed, or it uses plain http. Run "Dify: Test Connection" to review.' });
      }
      return undefined;
    }
    return this.clientFor(profile, url.value, key);
  }

  /**
   * A client with a key that is not stored (checking a key before saving it). Asks before sending it over
   * plain http to a public host; undefined when declined.
   */
  async candidateClient(profile: Profile, baseUrl: string, key: string): Promise<DifyClient | undefined> {
    this.noteSecret(key);
    const origin = originOf(baseUrl);
    if (origin !== undefined && isInsecureForKey(baseUrl) && !(await this.askInsecure(origin, true))) return undefined;
    return this.createClient(this.clientOptions(profile, baseUrl, key, false));
  }

  /** A client without a usable key, for the unauthenticated `GET /` (diagnosis of a profile with no key). */
  anonymousClient(profile: Profile, baseUrl: string): DifyClient {
    return this.createClient(this.clientOptions(profile, baseUrl, '', false));
  }

  /** Re-reads the settings; fires onDidChange when the active app (or how to reach it) changed. */
  reload(): void {
    this.warnAboutUserSetting();
    const { profiles, active } = settings.readProfiles();
    this.profileList = profiles;
    this.active = active;
    const signature = this.reachSignature(active);
    if (signature !== this.lastReach) {
      this.lastReach = signature;
      this.cachedClient = undefined;
      this._onDidChange.fire();
      void this.refreshStatus();
    } else {
      // Only the list changed (names, other apps): the status bar and pickers may show them.
      this._onDidChangeState.fire(this.state);
    }
  }

  /** An unusable `dify.user` falls back to the default id; say so once per value, not silently. */
  private warnAboutUserSetting(): void {
    const problem = settings.userIdSettingProblem();
    if (problem === undefined || problem === this.lastUserProblem) return;
    this.lastUserProblem = problem;
    this.deps.log.warn(problem);
    void vscode.window.showWarningMessage(problem);
  }

  /**
   * Checks the active app quietly (GET /info, no dialogs) and updates the state; the context key
   * `dify.hasApiKey` follows. Returns the state reached.
   */
  async refreshStatus(): Promise<ConnectionState> {
    const generation = ++this.statusGeneration;
    const profile = this.active;
    const hasKey = await this.hasKey(profile.id);
    void setContext(ContextKey.hasApiKey, hasKey);
    let client: DifyClient | undefined;
    try {
      client = await this.getClientFor(profile, { interactive: false });
    } catch {
      return this.state;
    }
    if (!client) return this.state;
    if (generation === this.statusGeneration) this.setState({ status: 'checking' });
    try {
      const info = await client.info();
      if (generation !== this.statusGeneration) return this.state;
      await this.rememberAppInfo(profile.id, info);
      this.setState(
        isChatAppMode(info.mode)
          ? { status: 'connected', detail: `Connected to "${info.name}" (${info.mode}).` }
          : { status: 'notChatApp', detail: `"${info.name}" is a ${info.mode} app, not a chat app.` },
      );
    } catch (e) {
      if (generation !== this.statusGeneration) return this.state;
      this.setState(stateForError(e));
    }
    return this.state;
  }

  /** Stores what /info said about an app (name, mode), for the status bar and the quick pick. */
  async rememberAppInfo(profileId: string, info: AppInfo): Promise<void> {
    const all = { ...this.deps.globalState.get<Record<string, { name: string; mode: string }>>(APP_INFO_KEY, {}) };
    const prev = all[profileId];
    if (prev?.name === info.name && prev.mode === info.mode) return;
    all[profileId] = { name: info.name, mode: info.mode };
    await this.deps.globalState.update(APP_INFO_KEY, all);
    if (profileId === this.active.id) this._onDidChangeState.fire(this.state);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  // ---- internals --------------------------------------------------------------------------------------

  private async readKey(profileId: string): Promise<string | undefined> {
    const key = await this.deps.keys.get(profileId);
    if (key !== undefined) this.seenKeys.add(key);
    this.keyCache.set(profileId, key);
    return key;
  }

  private async onKeyChanged(profileId: string): Promise<void> {
    const before = this.keyCache.get(profileId);
    let after: string | undefined;
    try {
      after = await this.readKey(profileId);
    } catch {
      after = undefined;
    }
    if (before !== after || !this.keyCache.has(profileId)) this.afterKeyChange(profileId);
  }

  private afterKeyChange(profileId: string): void {
    if (profileId !== this.active.id) return;
    this.cachedClient = undefined;
    this._onDidChange.fire();
    void this.refreshStatus();
  }

  private clientFor(profile: Profile, baseUrl: string, key: string): DifyClient {
    const signature = this.signature({ ...profile, baseUrl }, key);
    if (this.cachedClient?.signature === signature) return this.cachedClient.client;
    const client = this.createClient(this.clientOptions(profile, baseUrl, key, true));
    if (profile.id === this.active.id) this.cachedClient = { signature, client };
    return client;
  }

  private reachSignature(profile: Profile): string {
    return JSON.stringify([profile.id, profile.name, profile.baseUrl, this.userFor(profile), settings.requestTimeoutSeconds(), settings.idleTimeoutSeconds()]);
  }

  private signature(profile: Profile, key: string): string {
    // The key itself never goes into a string that lives on: a short hash is enough to tell keys apart.
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
    return JSON.stringify([profile.id, profile.baseUrl, this.userFor(profile), h, settings.requestTimeoutSeconds(), settings.idleTimeoutSeconds()]);
  }

  private clientOptions(profile: Profile, baseUrl: string, apiKey: string, tracksState: boolean): ClientOptions {
    return {
      baseUrl,
      apiKey,
      user: this.userFor(profile),
      connectTimeoutMs: settings.requestTimeoutSeconds() * 1000,
      idleTimeoutMs: settings.idleTimeoutSeconds() * 1000,
      onRequest: (e) => {
        this.deps.log.request(e);
        if (tracksState && profile.id === this.active.id) this.noteTraffic(e);
      },
    };
  }

  /** Real traffic is the best health check: a chat that works means "connected", a refused one means not. */
  private noteTraffic(e: RequestLogEvent): void {
    if (e.errorKind === undefined && e.status !== undefined && e.status < 400) {
      if (this.state.status !== 'connected' && this.state.status !== 'notChatApp') this.setState({ status: 'connected' });
    } else if (e.errorKind === 'network' || e.errorKind === 'tls' || e.errorKind === 'timeout' || e.errorKind === 'notDify') {
      this.setState({ status: 'unreachable', detail: 'The last request did not reach Dify. Run "Dify: Test Connection" to see why.' });
    } else if (e.errorKind === 'auth' || e.errorKind === 'forbidden') {
      this.setState({ status: 'rejected', detail: 'Dify refused the key or the app. Run "Dify: Test Connection" to see why.' });
    }
  }

  private setState(state: ConnectionState): void {
    if (state.status === this.state.status && state.detail === this.state.detail) return;
    this.state = state;
    this._onDidChangeState.fire(state);
  }

  /** Origin binding and the plain-http check, one dialog at a time. */
  private async consentToSend(profile: Profile, baseUrl: string, interactive: boolean): Promise<boolean> {
    const origin = originOf(baseUrl);
    if (origin === undefined) return false;
    const origins = this.deps.globalState.get<Record<string, string>>(ORIGINS_KEY, {});
    const bound = origins[profile.id];
    if (bound === undefined) {
      // A key stored before origins were recorded (or by another window): bind it to where it is used now.
      await this.bindOrigin(profile.id, origin);
    } else if (bound !== origin) {
      if (!interactive) return false;
      const ok = await this.serialized(async () => {
        const again = this.deps.globalState.get<Record<string, string>>(ORIGINS_KEY, {})[profile.id];
        if (again === origin) return true;
        const choice = await this.deps.prompter.confirm(
          `The API key of "${profile.name}" was entered for ${bound}. Send it to ${origin}?`,
          'The app\'s base URL changed since the key was saved. The new server will receive the key: continue only if you trust it. Otherwise set a new key for it.',
          'Send Key',
        );
        return choice === 'Send Key';
      });
      if (!ok) return false;
      await this.bindOrigin(profile.id, origin);
    }
    if (isInsecureForKey(baseUrl)) return this.askInsecure(origin, interactive);
    return true;
  }

  private async askInsecure(origin: string, interactive: boolean): Promise<boolean> {
    const accepted = this.deps.globalState.get<string[]>(INSECURE_OK_KEY, []);
    if (accepted.includes(origin)) return true;
    if (!interactive) return false;
    return this.serialized(async () => {
      if (this.deps.globalState.get<string[]>(INSECURE_OK_KEY, []).includes(origin)) return true;
      const choice = await this.deps.prompter.confirm(
        `${origin} uses plain http: the API key would cross the network unencrypted.`,
        'Use https:// if the server supports it. Send the key anyway only on a network you trust; you will not be asked again for this server.',
        'Send Anyway',
      );
      if (choice !== 'Send Anyway') return false;
      await this.deps.globalState.update(INSECURE_OK_KEY, [...this.deps.globalState.get<string[]>(INSECURE_OK_KEY, []), origin]);
      return true;
    });
  }

  /** Runs dialogs one after another so two callers never stack the same question. */
  private serialized(task: () => Promise<boolean>): Promise<boolean> {
    const run = (this.pendingConsent ?? Promise.resolve(true)).then(task, task);
    this.pendingConsent = run.catch(() => false);
    return run;
  }

  private async bindOrigin(profileId: string, origin: string): Promise<void> {
    const origins = { ...this.deps.globalState.get<Record<string, string>>(ORIGINS_KEY, {}) };
    if (origins[profileId] === origin) return;
    origins[profileId] = origin;
    await this.deps.globalState.update(ORIGINS_KEY, origins);
  }

  private async forgetAppInfo(profileId: string): Promise<void> {
    const all = { ...this.deps.globalState.get<Record<string, { name: string; mode: string }>>(APP_INFO_KEY, {}) };
    delete all[profileId];
    await this.deps.globalState.update(APP_INFO_KEY, all);
  }

  private listForWriting(): Profile[] {
    return this.profileList.map((p) => ({ ...p, implicit: false }));
  }

  private async reportKeyringError(e: unknown): Promise<void> {
    this.deps.log.error('Secret storage failed', e);
    const message = e instanceof SecretStorageUnavailableError ? e.message : 'VS Code could not read the API key from its secret storage.';
    const choice = await this.deps.prompter.error(message, 'Open Troubleshooting');
    if (choice === 'Open Troubleshooting') await this.deps.prompter.openExternal(new SecretStorageUnavailableError('read', undefined).docsUrl);
  }
}

/** The status-bar state a failed quiet check leads to. */
export function stateForError(e: unknown): ConnectionState {
  if (!isDifyError(e)) return { status: 'unknown', detail: 'The connection check failed. Run "Dify: Test Connection" to see why.' };
  switch (e.kind) {
    case 'auth':
    case 'forbidden':
      return { status: 'rejected', detail: errorText(e, '') };
    case 'network':
    case 'tls':
    case 'timeout':
    case 'notDify':
    case 'notFound':
      return { status: 'unreachable', detail: errorText(e, '') };
    default:
      return { status: 'unknown', detail: errorText(e, '') };
  }
}

