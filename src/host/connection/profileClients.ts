import * as vscode from 'vscode';
import type { Problem, ValidationProblem } from '../../dify/problems';
import type { DifyClient } from '../../dify/client';
import { DifyError } from '../../dify/errors';
import type { Validation } from '../../dify/validate';
import { isInsecureForKey, originOf, validateBaseUrl } from '../../dify/validate';
import type { ApiKeys } from './apiKeys';
import type { ClientCache } from './clientCache';
import type { ConnectionHealth } from './connectionHealth';
import { Disposable } from '../disposables';
import { reportKeyringError } from './keyringErrors';
import type { DifyLog } from '../log';
import { problemText, validationError } from '../messages';
import type { OriginConsent } from './originConsent';
import type { Profile } from './profileModel';
import type { ProfileStore } from './profileStore';
import type { Prompter } from '../prompts';
import { SecretStorageUnavailableError } from './secrets';

/** What `getClientFor` may do when the key's origin needs the user's consent. */
export interface ClientRequestOptions {
  /**
   * Ask (modal) when consent is needed: only for something the user does (a message, Test Connection, opening
   * the tree). Otherwise (background work) report `needsConfirmation` and return undefined.
   */
  interactive: boolean;
}

export interface ProfileClientsDeps {
  store: ProfileStore;
  keys: ApiKeys;
  consent: OriginConsent;
  cache: ClientCache;
  health: ConnectionHealth;
  log: DifyLog;
  prompter: Prompter;
}

/** Why the active app's key was not sent (the status bar's tooltip, the chat panel's header). */
export function keyNotSentText(): string {
  return vscode.l10n.t('The key was not sent: this server is not confirmed for it yet. Send a message or run "Dify: Test Connection" to be asked.');
}

/** The sentence for a profile whose base URL cannot work. */
export function unusableBaseUrlText(profile: Profile, url: Validation): string {
  return url.ok ? '' : problemText(unusableBaseUrl(profile, url.error));
}

/** The problem of a profile whose base URL cannot work. */
export function unusableBaseUrl(profile: Profile, reason: ValidationProblem): Problem {
  return { id: 'baseUrl.unusable', profileName: profile.name, reason };
}

function keyringDetail(e: unknown): string {
  return e instanceof SecretStorageUnavailableError ? e.message : vscode.l10n.t('VS Code could not read the API key from its secret storage.');
}

/**
 * A client for a profile, once its base URL, its key and the user's consent allow one; and news of when
 * the active app's client changes (another app, its settings or its key). Why there is no client is
 * recorded in the connection health when it concerns the active app.
 */
export class ProfileClients extends Disposable {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<void>());
  /** Fires when the active app, its settings or its key changed: a client obtained before may be stale. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly deps: ProfileClientsDeps) {
    super();
    this.register(deps.store.onDidChangeActive(() => this.activeChanged()));
    this.register(
      deps.keys.onDidChange((profileId) => {
        if (profileId === deps.store.active.id) this.activeChanged();
      }),
    );
  }

  /**
   * A client for `profile`, or undefined when there is no key, or the user declined to send the key to a
   * new origin or over plain http. Throws a DifyError for a base URL that cannot work, and reports (when
   * interactive) a keyring that cannot be read.
   */
  async getClientFor(profile: Profile, options: ClientRequestOptions): Promise<DifyClient | undefined> {
    const isActive = profile.id === this.deps.store.active.id;
    const url = validateBaseUrl(profile.baseUrl);
    if (!url.ok) {
      if (isActive) this.deps.health.set({ status: 'invalidUrl', detail: validationError(url) });
      throw new DifyError({ kind: 'badRequest', code: 'invalid_base_url', problem: unusableBaseUrl(profile, url.error) });
    }
    let key: string | undefined;
    try {
      key = await this.deps.keys.read(profile.id);
    } catch (e) {
      if (isActive) this.deps.health.set({ status: 'keyringError', detail: keyringDetail(e) });
      if (options.interactive) await reportKeyringError(e, this.deps.log, this.deps.prompter);
      return undefined;
    }
    if (key === undefined) {
      if (isActive) this.deps.health.set({ status: 'noKey', detail: vscode.l10n.t('No API key is set for this app.') });
      return undefined;
    }
    if (!(await this.deps.consent.consentToSend(profile, url.value, options.interactive))) {
      if (isActive) {
        this.deps.health.set({ status: 'needsConfirmation', detail: keyNotSentText() });
      }
      return undefined;
    }
    return this.deps.cache.clientFor(profile, url.value, key);
  }

  /**
   * A client with a key that is not stored (checking a key before saving it). Asks before sending it over
   * plain http to a public host; undefined when declined.
   */
  async candidateClient(profile: Profile, baseUrl: string, key: string): Promise<DifyClient | undefined> {
    this.deps.keys.noteSecret(key);
    const origin = originOf(baseUrl);
    if (origin !== undefined && isInsecureForKey(baseUrl) && !(await this.deps.consent.allowInsecure(origin, true))) return undefined;
    return this.deps.cache.oneOff(profile, baseUrl, key);
  }

  /** A client without a usable key, for the unauthenticated `GET /` (diagnosis of a profile with no key). */
  anonymousClient(profile: Profile, baseUrl: string): DifyClient {
    return this.deps.cache.oneOff(profile, baseUrl, '');
  }

  private activeChanged(): void {
    this.deps.cache.clear();
    this._onDidChange.fire();
  }
}
