import * as vscode from 'vscode';
import { isChatAppMode } from '../dify/types';
import { diagnosisText, validationError, validationWarning } from './messages';
import { Setting } from './settingKeys';
import { Command, registerCommand } from './commands';
import type { DifyClient } from '../dify/client';
import { diagnose, diagnoseError, modeLabel } from '../dify/diagnose';
import type { Diagnosis } from '../dify/diagnose';
import { isDifyError } from '../dify/errors';
import type { Validation } from '../dify/validate';
import { hostPortOf, validateApiKey, validateBaseUrl, validateProfileName, validateUserId } from '../dify/validate';
import type { DifyLog } from './log';
import type { Profile } from './profileModel';
import type { ProfileManager } from './profiles';
import type { Prompter } from './prompts';
import { KEYRING_DOCS_URL, SecretStorageUnavailableError } from './secrets';
import * as settings from './settings';

/** How a Set API Key run ended (returned for tests; the user sees messages). */
export type SetKeyOutcome = 'saved' | 'cancelled' | 'rejected' | 'failed';

const SAVE_ANYWAY = 'Save Anyway';
const SET_KEY = 'Set API Key';
const SHOW_LOG = 'Show Log';
const OPEN_TROUBLESHOOTING = 'Open Troubleshooting';

/** Turns a Validation into what `showInputBox`'s `validateInput` expects. */
function toInputMessage(v: Validation): string | vscode.InputBoxValidationMessage | undefined {
  const error = validationError(v);
  if (error !== undefined) return { message: error, severity: vscode.InputBoxValidationSeverity.Error };
  const warning = validationWarning(v);
  if (warning !== undefined) return { message: warning, severity: vscode.InputBoxValidationSeverity.Warning };
  return undefined;
}

/** A cancellation token as an AbortSignal (the client speaks AbortSignal). */
function signalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/**
 * The connection commands: Set / Clear API Key, Test Connection, Switch / Add / Edit / Remove App, Show Log.
 * Each command is also a method returning its outcome, so integration tests drive the same code the palette
 * does, with the dialogs answered through the {@link Prompter}.
 */
export class ConnectionCommands {
  constructor(
    private readonly profiles: ProfileManager,
    private readonly prompter: Prompter,
    private readonly log: DifyLog,
  ) {}

  register(): vscode.Disposable {
    const id = (arg: unknown): string | undefined => (typeof arg === 'string' ? arg : undefined);
    return vscode.Disposable.from(
      registerCommand(Command.setApiKey, (arg?: unknown) => this.setApiKey(id(arg))),
      registerCommand(Command.clearApiKey, (arg?: unknown) => this.clearApiKey(id(arg))),
      registerCommand(Command.testConnection, (arg?: unknown) => this.testConnection(id(arg))),
      registerCommand(Command.switchProfile, () => this.switchProfile()),
      registerCommand(Command.addProfile, () => this.addProfile()),
      registerCommand(Command.editProfile, (arg?: unknown) => this.editProfile(id(arg))),
      registerCommand(Command.removeProfile, (arg?: unknown) => this.removeProfile(id(arg))),
      registerCommand(Command.showLog, () => this.log.show()),
    );
  }

  // ---- keys -------------------------------------------------------------------------------------------

  /**
   * Asks for a key, checks it against the server (GET /info) and stores it only if Dify accepts it, or if
   * the server cannot be reached and the user chooses "Save Anyway".
   */
  async setApiKey(profileId?: string): Promise<SetKeyOutcome> {
    const profile = this.profileOrActive(profileId);
    if (!profile) return 'failed';
    const url = validateBaseUrl(profile.baseUrl);
    if (!url.ok) {
      await this.prompter.error(`The base URL of "${profile.name}" is not usable: ${validationError(url)}`);
      return 'failed';
    }
    const typed = await this.prompter.inputBox({
      title: `API key for "${profile.name}"`,
      prompt: `The key from the app's "API Access" page in Dify, for ${url.value}. It is kept in VS Code's secret storage.`,
      placeHolder: 'app-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => toInputMessage(validateApiKey(value)),
    });
    if (typed === undefined) return 'cancelled';
    const checked = validateApiKey(typed);
    if (!checked.ok) {
      await this.prompter.error(validationError(checked) ?? '');
      return 'failed';
    }
    const key = checked.value;
    this.profiles.noteSecret(key);

    const client = await this.profiles.candidateClient(profile, url.value, key);
    if (!client) return 'cancelled';
    let verdict: { kind: 'ok'; name: string; mode: string } | { kind: 'error'; error: unknown };
    try {
      verdict = await this.prompter.progress(`Checking the key with ${hostPortOf(url.value)}…`, async (token) => {
        try {
          const info = await client.info(signalOf(token));
          return { kind: 'ok' as const, name: info.name, mode: info.mode };
        } catch (error) {
          return { kind: 'error' as const, error };
        }
      });
    } catch (error) {
      verdict = { kind: 'error', error };
    }

    if (verdict.kind === 'ok') {
      if (!isChatAppMode(verdict.mode)) {
        const choice = await this.prompter.warn(
          `"${verdict.name}" is a ${modeLabel(verdict.mode)} app; this extension chats with Chatbot, Agent or Chatflow apps. Save the key anyway?`,
          SAVE_ANYWAY,
        );
        if (choice !== SAVE_ANYWAY) return 'cancelled';
      }
      if (!(await this.store(profile, key, url.value))) return 'failed';
      await this.profiles.rememberAppInfo(profile.id, { name: verdict.name, mode: verdict.mode, description: '', tags: [], authorName: '' });
      void this.prompter.info(`API key saved: "${profile.name}" is connected to "${verdict.name}" (${modeLabel(verdict.mode)}).`);
      return 'saved';
    }

    const error = verdict.error;
    if (isDifyError(error) && error.kind === 'aborted') return 'cancelled';
    const d = diagnoseError(error, { baseUrl: url.value, timeoutSeconds: settings.requestTimeoutSeconds() }, 'info');
    this.log.warn(`Key check for "${profile.name}" failed: ${d.kind}: ${diagnosisText(d)}`);
    if (d.kind === 'keyRejected') {
      await this.prompter.error(`Dify rejected this key (401), so it was not saved; copy the key again from the app's "API Access" page.`);
      return 'rejected';
    }
    const question =
      d.kind === 'appUnavailable' || d.kind === 'badRequest' || d.kind === 'rateLimited' || d.kind === 'serverError'
        ? `The key could not be confirmed: ${diagnosisText(d)} Save it anyway?`
        : `The key could not be checked: ${diagnosisText(d)} Save it anyway?`;
    const choice = await this.prompter.warn(this.log.redact(question), SAVE_ANYWAY, 'Cancel');
    if (choice !== SAVE_ANYWAY) return 'cancelled';
    if (!(await this.store(profile, key, url.value))) return 'failed';
    void this.prompter.info(`API key saved for "${profile.name}" (not checked).`);
    return 'saved';
  }

  /** Removes a profile's key from SecretStorage after a modal confirmation. */
  async clearApiKey(profileId?: string): Promise<boolean> {
    const profile = this.profileOrActive(profileId);
    if (!profile) return false;
    if (!(await this.profiles.hasKey(profile.id))) {
      void this.prompter.info(`"${profile.name}" has no API key set.`);
      return false;
    }
    const choice = await this.prompter.confirm(
      `Remove the API key of "${profile.name}" from this machine?`,
      'You will need to copy it again from Dify to chat with this app.',
      'Clear Key',
    );
    if (choice !== 'Clear Key') return false;
    try {
      await this.profiles.clearKey(profile.id);
    } catch (e) {
      await this.reportKeyring(e);
      return false;
    }
    void this.prompter.info(`The API key of "${profile.name}" was removed.`);
    return true;
  }

  // ---- Test Connection --------------------------------------------------------------------------------

  /** Runs the diagnosis for a profile (default: the active one) and tells the user in one sentence. */
  async testConnection(profileId?: string): Promise<Diagnosis | undefined> {
    const profile = this.profileOrActive(profileId);
    if (!profile) return undefined;
    const url = validateBaseUrl(profile.baseUrl);
    if (!url.ok) {
      await this.offerFixes({ ok: false, kind: 'notApi', problem: { id: 'baseUrl.unusable', profileName: profile.name, reason: url.error } }, profile, url.suggestion);
      return { ok: false, kind: 'notApi', problem: url.error };
    }
    let client: DifyClient | undefined;
    let hasKey = false;
    try {
      hasKey = await this.profiles.hasKey(profile.id);
      client = hasKey ? await this.profiles.getClientFor(profile, { interactive: true }) : undefined;
    } catch (e) {
      this.log.error('Test Connection could not prepare a client', e);
    }
    const anonymous = this.profiles.anonymousClient(profile, url.value);
    const keyed = client;
    const tested = await this.prompter.progress(`Testing the connection to ${hostPortOf(url.value)}…`, async (token) => {
      const signal = signalOf(token);
      return diagnose({
        baseUrl: url.value,
        timeoutSeconds: settings.requestTimeoutSeconds(),
        root: () => (keyed ?? anonymous).root(signal),
        ...(keyed ? { info: () => keyed.info(signal) } : {}),
        probeRoot: (candidate) => this.profiles.anonymousClient(profile, candidate).root(signal),
      });
    });
    // A key exists but was not sent (the user declined a new origin or plain http): say that, not "set a key".
    const diagnosis: Diagnosis =
      hasKey && !client && tested.kind === 'noKey'
        ? {
            ...tested,
            kind: 'keyNotSent',
            problem: { id: 'diagnosis.keyNotSent', serverVersion: tested.serverVersion, baseUrl: url.value, profileName: profile.name },
          }
        : tested;
    const message = this.log.redact(diagnosisText(diagnosis));
    this.log.info(`Test Connection "${profile.name}" (${url.value}): ${diagnosis.kind}${diagnosis.status !== undefined ? ` ${diagnosis.status}` : ''}${diagnosis.causeCode ? ` ${diagnosis.causeCode}` : ''}: ${message}`);
    if (diagnosis.app) {
      await this.profiles.rememberAppInfo(profile.id, { ...diagnosis.app, description: '', tags: [], authorName: '' });
    }
    if (profile.id === this.profiles.activeProfile.id) void this.profiles.refreshStatus();
    if (diagnosis.kind === 'cancelled') return diagnosis;
    if (diagnosis.ok) {
      void this.prompter.info(message);
    } else {
      void this.offerFixes(diagnosis, profile, diagnosis.suggestedBaseUrl, message);
    }
    return diagnosis;
  }

  /** Shows a failed diagnosis with the actions that fix it. */
  private async offerFixes(d: Diagnosis, profile: Profile, suggestion: string | undefined, text = diagnosisText(d)): Promise<void> {
    const actions: string[] = [];
    const useSuggestion = suggestion !== undefined ? `Use ${suggestion}` : undefined;
    if (useSuggestion) actions.push(useSuggestion);
    if (d.kind === 'noKey' || d.kind === 'keyNotSent' || d.kind === 'keyRejected' || d.kind === 'notChatApp') actions.push(SET_KEY);
    if (!useSuggestion && (d.kind === 'unreachable' || d.kind === 'dns' || d.kind === 'notApi')) actions.push('Edit App');
    actions.push(SHOW_LOG);
    const show = d.kind === 'noKey' || d.kind === 'keyNotSent' || d.kind === 'timeout' ? this.prompter.warn.bind(this.prompter) : this.prompter.error.bind(this.prompter);
    const choice = await show(text, ...actions);
    if (choice === undefined) return;
    if (choice === useSuggestion && suggestion !== undefined) {
      await this.profiles.updateProfile(profile.id, { baseUrl: suggestion });
      await this.testConnection(profile.id);
    } else if (choice === SET_KEY) {
      await this.setApiKey(profile.id);
    } else if (choice === 'Edit App') {
      await this.editProfile(profile.id);
    } else if (choice === SHOW_LOG) {
      this.log.show();
    }
  }

  // ---- profiles ---------------------------------------------------------------------------------------

  /** The app picker: every profile, then Add / Edit / Set key / Test. */
  async switchProfile(): Promise<void> {
    type Item = vscode.QuickPickItem & { action: () => Promise<unknown> };
    const active = this.profiles.activeProfile;
    const items: Item[] = this.profiles.profiles.map((p) => {
      const learned = this.profiles.appInfo(p.id);
      return {
        label: `${p.id === active.id ? '$(check) ' : ''}${p.name}`,
        description: p.baseUrl,
        ...(learned ? { detail: `${learned.name} · ${modeLabel(learned.mode)}` } : {}),
        action: () => (p.id === active.id ? Promise.resolve() : this.profiles.switchTo(p.id)),
      };
    });
    items.push(
      { label: '', kind: vscode.QuickPickItemKind.Separator, action: () => Promise.resolve() },
      { label: '$(add) Add App…', action: () => this.addProfile() },
      { label: `$(edit) Edit "${active.name}"…`, action: () => this.editProfile(active.id) },
      { label: `$(key) Set API Key for "${active.name}"…`, action: () => this.setApiKey(active.id) },
      { label: '$(pulse) Test Connection', action: () => this.testConnection(active.id) },
    );
    const picked = await this.prompter.quickPick(items, { title: 'Dify: Switch App', placeHolder: 'Choose the Dify app to chat with' });
    if (picked) await picked.action();
  }

  /** Name, base URL, then key. The new app becomes active. */
  async addProfile(): Promise<Profile | undefined> {
    const name = await this.prompter.inputBox({
      title: 'Add Dify App (1/3): name',
      prompt: 'A name for this app, shown in the status bar.',
      placeHolder: 'Code reviewer',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const r = validateProfileName(v);
        if (r.ok && this.profiles.profiles.some((p) => !p.implicit && p.name.toLowerCase() === r.value.toLowerCase())) {
          return { message: 'An app with this name exists already; pick another name.', severity: vscode.InputBoxValidationSeverity.Error };
        }
        return toInputMessage(r);
      },
    });
    if (name === undefined) return undefined;
    const checkedName = validateProfileName(name);
    if (!checkedName.ok) return undefined;
    const baseUrl = await this.askBaseUrl('Add Dify App (2/3): base URL', settings.userValue<string>(Setting.baseUrl) ?? 'http://localhost/v1');
    if (baseUrl === undefined) return undefined;
    const profile = await this.profiles.addProfile({ name: checkedName.value, baseUrl });
    await this.profiles.switchTo(profile.id);
    await this.setApiKey(profile.id);
    return profile;
  }

  /** Rename, change the base URL or user id, set the key, or remove. */
  async editProfile(profileId?: string): Promise<void> {
    const profile = this.profileOrActive(profileId);
    if (!profile) return;
    type Item = vscode.QuickPickItem & { action: () => Promise<unknown> };
    const items: Item[] = [
      { label: '$(edit) Rename', description: profile.name, action: () => this.rename(profile) },
      { label: '$(globe) Change Base URL', description: profile.baseUrl, action: () => this.changeBaseUrl(profile) },
      { label: '$(person) Change User Id', description: this.profiles.userFor(profile), action: () => this.changeUser(profile) },
      { label: '$(key) Set API Key', action: () => this.setApiKey(profile.id) },
      { label: '$(close) Clear API Key', action: () => this.clearApiKey(profile.id) },
    ];
    if (!profile.implicit) items.push({ label: '$(trash) Remove App', action: () => this.removeProfile(profile.id) });
    const picked = await this.prompter.quickPick(items, { title: `Edit "${profile.name}"` });
    if (picked) await picked.action();
  }

  async removeProfile(profileId?: string): Promise<boolean> {
    let profile = profileId ? this.profiles.profiles.find((p) => p.id === profileId) : undefined;
    if (!profile) {
      const removable = this.profiles.profiles.filter((p) => !p.implicit);
      if (removable.length === 0) {
        void this.prompter.info('There is no added app to remove.');
        return false;
      }
      const picked = await this.prompter.quickPick(
        removable.map((p) => ({ label: p.name, description: p.baseUrl, id: p.id })),
        { title: 'Dify: Remove App' },
      );
      profile = picked ? removable.find((p) => p.id === picked.id) : undefined;
    }
    if (!profile || profile.implicit) return false;
    const choice = await this.prompter.confirm(`Remove the app "${profile.name}" and its API key?`, profile.baseUrl, 'Remove');
    if (choice !== 'Remove') return false;
    try {
      await this.profiles.removeProfile(profile.id);
    } catch (e) {
      await this.reportKeyring(e);
      return false;
    }
    return true;
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  private async rename(profile: Profile): Promise<void> {
    const name = await this.prompter.inputBox({
      title: `Rename "${profile.name}"`,
      value: profile.name,
      ignoreFocusOut: true,
      validateInput: (v) => toInputMessage(validateProfileName(v)),
    });
    const r = name === undefined ? undefined : validateProfileName(name);
    if (r?.ok) await this.profiles.updateProfile(profile.id, { name: r.value });
  }

  private async changeBaseUrl(profile: Profile): Promise<void> {
    const url = await this.askBaseUrl(`Base URL of "${profile.name}"`, profile.baseUrl);
    if (url !== undefined && url !== profile.baseUrl) await this.profiles.updateProfile(profile.id, { baseUrl: url });
  }

  private async changeUser(profile: Profile): Promise<void> {
    const user = await this.prompter.inputBox({
      title: `End-user id for "${profile.name}"`,
      prompt: 'Dify keeps conversations per user id. Leave empty to use the default (dify.user, or the id made for you).',
      value: profile.user ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? undefined : toInputMessage(validateUserId(v))),
    });
    if (user === undefined) return;
    if (user.trim() === '') {
      await this.profiles.updateProfile(profile.id, { user: undefined });
      return;
    }
    const r = validateUserId(user);
    if (r.ok) await this.profiles.updateProfile(profile.id, { user: r.value });
  }

  /** Asks for a base URL; a URL without /v1 gets a choice between the suggestion and what was typed. */
  private async askBaseUrl(title: string, value: string): Promise<string | undefined> {
    const typed = await this.prompter.inputBox({
      title,
      prompt: "The Service API address shown on the app's API Access page, e.g. http://localhost/v1 or https://api.dify.ai/v1.",
      value,
      ignoreFocusOut: true,
      validateInput: (v) => toInputMessage(validateBaseUrl(v)),
    });
    if (typed === undefined) return undefined;
    const r = validateBaseUrl(typed);
    if (!r.ok) {
      await this.prompter.error(validationError(r) ?? '');
      return undefined;
    }
    if (r.warning && r.suggestion) {
      const picked = await this.prompter.quickPick(
        [
          { label: r.suggestion, description: 'recommended', value: r.suggestion },
          { label: r.value, description: 'as typed', value: r.value },
        ],
        { title: validationWarning(r) },
      );
      return picked?.value;
    }
    return r.value;
  }

  private async store(profile: Profile, key: string, baseUrl: string): Promise<boolean> {
    try {
      await this.profiles.storeKey(profile.id, key, baseUrl);
      return true;
    } catch (e) {
      await this.reportKeyring(e);
      return false;
    }
  }

  private async reportKeyring(e: unknown): Promise<void> {
    this.log.error('Secret storage failed', e);
    const message = e instanceof SecretStorageUnavailableError ? e.message : this.log.redact(e instanceof Error ? e.message : String(e));
    const choice = await this.prompter.error(message, ...(e instanceof SecretStorageUnavailableError ? [OPEN_TROUBLESHOOTING] : []));
    if (choice === OPEN_TROUBLESHOOTING) await this.prompter.openExternal(KEYRING_DOCS_URL);
  }

  private profileOrActive(profileId: string | undefined): Profile | undefined {
    if (profileId === undefined) return this.profiles.activeProfile;
    const p = this.profiles.profiles.find((x) => x.id === profileId);
    if (!p) void this.prompter.error(`There is no Dify app with the id "${profileId}".`);
    return p;
  }
}
