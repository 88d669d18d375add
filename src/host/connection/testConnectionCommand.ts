import * as vscode from 'vscode';
import type { DifyClient } from '../../dify/client';
import type { Diagnosis, DiagnosisKind } from '../../dify/diagnose';
import { diagnose } from '../../dify/diagnose';
import { hostPortOf, validateBaseUrl } from '../../dify/validate';
import type { CommandContext, ConnectionActions } from './commandInputs';
import { profileOrActive, signalOf } from './commandInputs';
import { diagnosisText } from '../messages';
import type { Profile } from './profileModel';
import { unusableBaseUrlText } from './profileClients';
import * as settings from '../settings';
import type { PromptAction } from '../prompts';

/** The buttons of a failed diagnosis, by id. */
type Fix = 'useSuggestion' | 'setKey' | 'editApp' | 'showLog';

/** Test Connection: the diagnosis in one sentence, with the actions that fix what it found. */
export class TestConnectionCommand {
  constructor(
    private readonly ctx: CommandContext,
    private readonly actions: ConnectionActions,
  ) {}

  /** Runs the diagnosis for a profile (default: the active one) and tells the user in one sentence. */
  async testConnection(profileId?: string): Promise<Diagnosis | undefined> {
    const { store, keys, clients, appInfo, check, prompter, log } = this.ctx;
    const profile = profileOrActive(this.ctx, profileId);
    if (!profile) return undefined;
    const url = validateBaseUrl(profile.baseUrl);
    if (!url.ok) {
      await this.offerFixes('notApi', unusableBaseUrlText(profile, url), profile, url.suggestion);
      return { ok: false, kind: 'notApi', problem: url.error };
    }
    let keyed: DifyClient | undefined;
    let hasKey = false;
    try {
      hasKey = await keys.has(profile.id);
      keyed = hasKey ? await clients.getClientFor(profile, { interactive: true }) : undefined;
    } catch (e) {
      log.error('Test Connection could not prepare a client', e);
    }
    const tested = await this.run(profile, url.value, keyed);
    // A key exists but was not sent (the user declined a new origin or plain http): say that, not "set a key".
    const diagnosis = hasKey && !keyed && tested.kind === 'noKey' ? keyNotSent(tested, profile, url.value) : tested;
    const message = log.redact(diagnosisText(diagnosis));
    log.info(`Test Connection "${profile.name}" (${url.value}): ${diagnosis.kind}${diagnosis.status !== undefined ? ` ${diagnosis.status}` : ''}${diagnosis.causeCode ? ` ${diagnosis.causeCode}` : ''}: ${message}`);
    if (diagnosis.app) await appInfo.remember(profile.id, diagnosis.app);
    if (profile.id === store.active.id) void check.refresh();
    if (diagnosis.kind === 'cancelled') return diagnosis;
    if (diagnosis.ok) void prompter.info(message);
    else void this.offerFixes(diagnosis.kind, message, profile, diagnosis.suggestedBaseUrl);
    return diagnosis;
  }

  /** The diagnosis under a cancellable notification, with the key when there is a client for it. */
  private run(profile: Profile, baseUrl: string, keyed: DifyClient | undefined): Promise<Diagnosis> {
    const { clients, prompter } = this.ctx;
    const anonymous = clients.anonymousClient(profile, baseUrl);
    return prompter.progress(vscode.l10n.t('Testing the connection to {0}…', hostPortOf(baseUrl)), async (token) => {
      const signal = signalOf(token);
      return diagnose({
        baseUrl,
        timeoutSeconds: settings.requestTimeoutSeconds(),
        root: () => (keyed ?? anonymous).root(signal),
        ...(keyed ? { info: () => keyed.info(signal) } : {}),
        probeRoot: (candidate) => clients.anonymousClient(profile, candidate).root(signal),
      });
    });
  }

  /** Shows a failed diagnosis (`text`, already redacted) with the actions that fix it. */
  private async offerFixes(kind: DiagnosisKind, text: string, profile: Profile, suggestion: string | undefined): Promise<void> {
    const { prompter, log } = this.ctx;
    const actions: Array<PromptAction<Fix>> = [];
    if (suggestion !== undefined) actions.push({ id: 'useSuggestion', title: vscode.l10n.t('Use {0}', suggestion) });
    if (kind === 'noKey' || kind === 'keyNotSent' || kind === 'keyRejected' || kind === 'notChatApp') actions.push({ id: 'setKey', title: vscode.l10n.t('Set API Key') });
    if (suggestion === undefined && (kind === 'unreachable' || kind === 'dns' || kind === 'notApi')) actions.push({ id: 'editApp', title: vscode.l10n.t('Edit App') });
    actions.push({ id: 'showLog', title: vscode.l10n.t('Show Log') });
    const show = kind === 'noKey' || kind === 'keyNotSent' || kind === 'timeout' ? prompter.warn.bind(prompter) : prompter.error.bind(prompter);
    const choice = await show(text, ...actions);
    if (choice === undefined) return;
    if (choice === 'useSuggestion' && suggestion !== undefined) {
      await this.ctx.store.update(profile.id, { baseUrl: suggestion });
      await this.actions.testConnection(profile.id);
    } else if (choice === 'setKey') {
      await this.actions.setApiKey(profile.id);
    } else if (choice === 'editApp') {
      await this.actions.editProfile(profile.id);
    } else if (choice === 'showLog') {
      log.show();
    }
  }
}

/** The diagnosis when a key exists but was not sent to the server it was tested against. */
function keyNotSent(tested: Diagnosis, profile: Profile, baseUrl: string): Diagnosis {
  return { ...tested, kind: 'keyNotSent', problem: { id: 'diagnosis.keyNotSent', serverVersion: tested.serverVersion, baseUrl, profileName: profile.name } };
}
