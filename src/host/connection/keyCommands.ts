import * as vscode from 'vscode';
import type { DifyClient } from '../../dify/client';
import { diagnoseError } from '../../dify/diagnose';
import { isDifyError } from '../../dify/errors';
import { isChatAppMode } from '../../dify/types';
import { hostPortOf, validateApiKey, validateBaseUrl } from '../../dify/validate';
import type { AppSummary } from './appInfoCache';
import type { CommandContext, SetKeyOutcome } from './commandInputs';
import { profileOrActive, signalOf, toInputMessage } from './commandInputs';
import { reportKeyringError } from './keyringErrors';
import { appModeName, diagnosisText, validationError } from '../messages';
import type { Profile } from './profileModel';
import { unusableBaseUrlText } from './profileClients';
import * as settings from '../settings';
import type { PromptAction } from '../prompts';


/** What the server said about a key being checked. */
type Verdict = { kind: 'ok'; app: AppSummary } | { kind: 'error'; error: unknown };

/** Set API Key (checked with the server before it is stored) and Clear API Key. */
export class KeyCommands {
  constructor(private readonly ctx: CommandContext) {}

  /**
   * Asks for a key, checks it against the server (GET /info) and stores it only if Dify accepts it, or if
   * the server cannot be reached and the user chooses "Save Anyway".
   */
  async setApiKey(profileId?: string): Promise<SetKeyOutcome> {
    const profile = profileOrActive(this.ctx, profileId);
    if (!profile) return 'failed';
    const url = validateBaseUrl(profile.baseUrl);
    if (!url.ok) {
      await this.ctx.prompter.error(unusableBaseUrlText(profile, url));
      return 'failed';
    }
    const typed = await this.askKey(profile, url.value);
    if (!typed.ok) return typed.outcome;
    const key = typed.key;
    const client = await this.ctx.clients.candidateClient(profile, url.value, key);
    if (!client) return 'cancelled';
    const verdict = await this.check(client, url.value);
    return verdict.kind === 'ok' ? this.saveChecked(profile, key, url.value, verdict.app) : this.saveUnchecked(profile, key, url.value, verdict.error);
  }

  /** Removes a profile's key from SecretStorage after a modal confirmation. */
  async clearApiKey(profileId?: string): Promise<boolean> {
    const { prompter } = this.ctx;
    const profile = profileOrActive(this.ctx, profileId);
    if (!profile) return false;
    if (!(await this.ctx.keys.has(profile.id))) {
      void prompter.info(vscode.l10n.t('"{0}" has no API key set.', profile.name));
      return false;
    }
    const choice = await prompter.confirm(
      vscode.l10n.t('Remove the API key of "{0}" from this machine?', profile.name),
      vscode.l10n.t('You will need to copy it again from Dify to chat with this app.'),
      { id: 'clear', title: vscode.l10n.t('Clear Key') },
    );
    if (choice !== 'clear') return false;
    try {
      await this.ctx.keys.clear(profile.id);
    } catch (e) {
      await reportKeyringError(e, this.ctx.log, prompter);
      return false;
    }
    void prompter.info(vscode.l10n.t('The API key of "{0}" was removed.', profile.name));
    return true;
  }

  /** The key typed (normalised), or how asking ended without one. */
  private async askKey(profile: Profile, baseUrl: string): Promise<{ ok: true; key: string } | { ok: false; outcome: 'cancelled' | 'failed' }> {
    const typed = await this.ctx.prompter.inputBox({
      title: vscode.l10n.t('API key for "{0}"', profile.name),
      prompt: vscode.l10n.t('The key from the app\'s "API Access" page in Dify, for {0}. It is kept in VS Code\'s secret storage.', baseUrl),
      placeHolder: 'app-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => toInputMessage(validateApiKey(value)),
    });
    if (typed === undefined) return { ok: false, outcome: 'cancelled' };
    const checked = validateApiKey(typed);
    if (!checked.ok) {
      await this.ctx.prompter.error(validationError(checked) ?? '');
      return { ok: false, outcome: 'failed' };
    }
    this.ctx.keys.noteSecret(checked.value);
    return { ok: true, key: checked.value };
  }

  private async check(client: DifyClient, baseUrl: string): Promise<Verdict> {
    try {
      return await this.ctx.prompter.progress(vscode.l10n.t('Checking the key with {0}…', hostPortOf(baseUrl)), async (token): Promise<Verdict> => {
        try {
          const info = await client.info(signalOf(token));
          return { kind: 'ok', app: { name: info.name, mode: info.mode } };
        } catch (error) {
          return { kind: 'error', error };
        }
      });
    } catch (error) {
      return { kind: 'error', error };
    }
  }

  private async saveChecked(profile: Profile, key: string, baseUrl: string, app: AppSummary): Promise<SetKeyOutcome> {
    if (!isChatAppMode(app.mode)) {
      const choice = await this.ctx.prompter.warn(
        vscode.l10n.t('"{0}" is a {1} app; this extension chats with Chatbot, Agent or Chatflow apps. Save the key anyway?', app.name, appModeName(app.mode)),
        saveAnyway(),
      );
      if (choice !== 'save') return 'cancelled';
    }
    if (!(await this.save(profile, key, baseUrl))) return 'failed';
    await this.ctx.appInfo.remember(profile.id, app);
    void this.ctx.prompter.info(vscode.l10n.t('API key saved: "{0}" is connected to "{1}" ({2}).', profile.name, app.name, appModeName(app.mode)));
    return 'saved';
  }

  private async saveUnchecked(profile: Profile, key: string, baseUrl: string, error: unknown): Promise<SetKeyOutcome> {
    const { prompter, log } = this.ctx;
    if (isDifyError(error) && error.kind === 'aborted') return 'cancelled';
    const d = diagnoseError(error, { baseUrl, timeoutSeconds: settings.requestTimeoutSeconds() }, 'info');
    log.warn(`Key check for "${profile.name}" failed: ${d.kind}: ${diagnosisText(d)}`);
    if (d.kind === 'keyRejected') {
      await prompter.error(vscode.l10n.t('Dify rejected this key (401), so it was not saved; copy the key again from the app\'s "API Access" page.'));
      return 'rejected';
    }
    const question =
      d.kind === 'appUnavailable' || d.kind === 'badRequest' || d.kind === 'rateLimited' || d.kind === 'serverError'
        ? vscode.l10n.t('The key could not be confirmed: {0} Save it anyway?', diagnosisText(d))
        : vscode.l10n.t('The key could not be checked: {0} Save it anyway?', diagnosisText(d));
    const choice = await prompter.warn(log.redact(question), saveAnyway(), { id: 'cancel', title: vscode.l10n.t('Cancel') });
    if (choice !== 'save') return 'cancelled';
    if (!(await this.save(profile, key, baseUrl))) return 'failed';
    void prompter.info(vscode.l10n.t('API key saved for "{0}" (not checked).', profile.name));
    return 'saved';
  }

  private async save(profile: Profile, key: string, baseUrl: string): Promise<boolean> {
    try {
      await this.ctx.keys.save(profile.id, key, baseUrl);
      return true;
    } catch (e) {
      await reportKeyringError(e, this.ctx.log, this.ctx.prompter);
      return false;
    }
  }
}

const saveAnyway = (): PromptAction<'save'> => ({ id: 'save', title: vscode.l10n.t('Save Anyway') });
