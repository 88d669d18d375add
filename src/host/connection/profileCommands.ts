import * as vscode from 'vscode';
import { validateProfileName, validateUserId } from '../../dify/validate';
import type { CommandContext, ConnectionActions } from './commandInputs';
import { askBaseUrl, profileOrActive, toInputMessage } from './commandInputs';
import { reportKeyringError } from './keyringErrors';
import { appModeName } from '../messages';
import type { Profile } from './profileModel';
import { DEFAULT_BASE_URL } from './profileModel';
import { Setting } from '../settingKeys';
import * as settings from '../settings';

/** A quick-pick row that does something when picked. */
type ActionItem = vscode.QuickPickItem & { action: () => Promise<unknown> };

/** Switch / Add / Edit / Remove App. */
export class ProfileCommands {
  constructor(
    private readonly ctx: CommandContext,
    private readonly actions: ConnectionActions,
  ) {}

  /** The app picker: every profile, then Add / Edit / Set key / Test. */
  async switchProfile(): Promise<void> {
    const { store, appInfo } = this.ctx;
    const active = store.active;
    const items: ActionItem[] = store.profiles.map((p) => {
      const learned = appInfo.get(p.id);
      return {
        label: `${p.id === active.id ? '$(check) ' : ''}${p.name}`,
        description: p.baseUrl,
        ...(learned ? { detail: `${learned.name} · ${appModeName(learned.mode)}` } : {}),
        action: () => (p.id === active.id ? Promise.resolve() : store.switchTo(p.id)),
      };
    });
    items.push(
      { label: '', kind: vscode.QuickPickItemKind.Separator, action: () => Promise.resolve() },
      { label: `$(add) ${vscode.l10n.t('Add App…')}`, action: () => this.actions.addProfile() },
      { label: `$(edit) ${vscode.l10n.t('Edit "{0}"…', active.name)}`, action: () => this.actions.editProfile(active.id) },
      { label: `$(key) ${vscode.l10n.t('Set API Key for "{0}"…', active.name)}`, action: () => this.actions.setApiKey(active.id) },
      { label: `$(pulse) ${vscode.l10n.t('Test Connection')}`, action: () => this.actions.testConnection(active.id) },
    );
    const picked = await this.ctx.prompter.quickPick(items, { title: vscode.l10n.t('Dify: Switch App'), placeHolder: vscode.l10n.t('Choose the Dify app to chat with') });
    if (picked) await picked.action();
  }

  /** Name, base URL, then key. The new app becomes active. */
  async addProfile(): Promise<Profile | undefined> {
    const { store, prompter } = this.ctx;
    const name = await prompter.inputBox({
      title: vscode.l10n.t('Add Dify App (1/3): name'),
      prompt: vscode.l10n.t('A name for this app, shown in the status bar.'),
      placeHolder: vscode.l10n.t('Code reviewer'),
      ignoreFocusOut: true,
      validateInput: (v) => {
        const r = validateProfileName(v);
        if (r.ok && store.profiles.some((p) => !p.implicit && p.name.toLowerCase() === r.value.toLowerCase())) {
          return { message: vscode.l10n.t('An app with this name exists already; pick another name.'), severity: vscode.InputBoxValidationSeverity.Error };
        }
        return toInputMessage(r);
      },
    });
    if (name === undefined) return undefined;
    const checkedName = validateProfileName(name);
    if (!checkedName.ok) return undefined;
    const baseUrl = await askBaseUrl(prompter, vscode.l10n.t('Add Dify App (2/3): base URL'), settings.userValue<string>(Setting.baseUrl) ?? DEFAULT_BASE_URL);
    if (baseUrl === undefined) return undefined;
    const profile = await store.add({ name: checkedName.value, baseUrl });
    await store.switchTo(profile.id);
    await this.actions.setApiKey(profile.id);
    return profile;
  }

  /** Rename, change the base URL or user id, set the key, or remove. */
  async editProfile(profileId?: string): Promise<void> {
    const profile = profileOrActive(this.ctx, profileId);
    if (!profile) return;
    const items: ActionItem[] = [
      { label: `$(edit) ${vscode.l10n.t('Rename')}`, description: profile.name, action: () => this.rename(profile) },
      { label: `$(globe) ${vscode.l10n.t('Change Base URL')}`, description: profile.baseUrl, action: () => this.changeBaseUrl(profile) },
      { label: `$(person) ${vscode.l10n.t('Change User Id')}`, description: this.ctx.store.userFor(profile), action: () => this.changeUser(profile) },
      { label: `$(key) ${vscode.l10n.t('Set API Key')}`, action: () => this.actions.setApiKey(profile.id) },
      { label: `$(close) ${vscode.l10n.t('Clear API Key')}`, action: () => this.actions.clearApiKey(profile.id) },
    ];
    if (!profile.implicit) items.push({ label: `$(trash) ${vscode.l10n.t('Remove App')}`, action: () => this.actions.removeProfile(profile.id) });
    const picked = await this.ctx.prompter.quickPick(items, { title: vscode.l10n.t('Edit "{0}"', profile.name) });
    if (picked) await picked.action();
  }

  async removeProfile(profileId?: string): Promise<boolean> {
    const { store, prompter } = this.ctx;
    const profile = (profileId ? store.find(profileId) : undefined) ?? (await this.pickRemovable());
    if (!profile || profile.implicit) return false;
    const choice = await prompter.confirm(vscode.l10n.t('Remove the app "{0}" and its API key?', profile.name), profile.baseUrl, { id: 'remove', title: vscode.l10n.t('Remove') });
    if (choice !== 'remove') return false;
    try {
      await store.remove(profile.id);
    } catch (e) {
      await reportKeyringError(e, this.ctx.log, prompter);
      return false;
    }
    return true;
  }

  /** Asks which added app to remove (there is nothing to ask when there is none). */
  private async pickRemovable(): Promise<Profile | undefined> {
    const { store, prompter } = this.ctx;
    const removable = store.profiles.filter((p) => !p.implicit);
    if (removable.length === 0) {
      void prompter.info(vscode.l10n.t('There is no added app to remove.'));
      return undefined;
    }
    const picked = await prompter.quickPick(
      removable.map((p) => ({ label: p.name, description: p.baseUrl, id: p.id })),
      { title: vscode.l10n.t('Dify: Remove App') },
    );
    return picked ? removable.find((p) => p.id === picked.id) : undefined;
  }

  private async rename(profile: Profile): Promise<void> {
    const name = await this.ctx.prompter.inputBox({
      title: vscode.l10n.t('Rename "{0}"', profile.name),
      value: profile.name,
      ignoreFocusOut: true,
      validateInput: (v) => toInputMessage(validateProfileName(v)),
    });
    const r = name === undefined ? undefined : validateProfileName(name);
    if (r?.ok) await this.ctx.store.update(profile.id, { name: r.value });
  }

  private async changeBaseUrl(profile: Profile): Promise<void> {
    const url = await askBaseUrl(this.ctx.prompter, vscode.l10n.t('Base URL of "{0}"', profile.name), profile.baseUrl);
    if (url !== undefined && url !== profile.baseUrl) await this.ctx.store.update(profile.id, { baseUrl: url });
  }

  private async changeUser(profile: Profile): Promise<void> {
    const user = await this.ctx.prompter.inputBox({
      title: vscode.l10n.t('End-user id for "{0}"', profile.name),
      prompt: vscode.l10n.t('Dify keeps conversations per user id. Leave empty to use the default (dify.user, or the id made for you).'),
      value: profile.user ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? undefined : toInputMessage(validateUserId(v))),
    });
    if (user === undefined) return;
    if (user.trim() === '') {
      await this.ctx.store.update(profile.id, { user: undefined });
      return;
    }
    const r = validateUserId(user);
    if (r.ok) await this.ctx.store.update(profile.id, { user: r.value });
  }
}
