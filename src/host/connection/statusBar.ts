import * as vscode from 'vscode';
import type { AppInfoCache } from './appInfoCache';
import { Command } from '../commands';
import type { ConnectionHealth } from './connectionHealth';
import { Disposable } from '../disposables';
import type { HealthStatus } from './healthState';
import type { ProfileStore } from './profileStore';

/** How each state looks, in the display language (asked each time: the words are VS Code's l10n). */
function lookOf(status: HealthStatus): { suffix: string; icon?: string; warn?: boolean } {
  switch (status) {
    case 'checking':
      return { suffix: vscode.l10n.t('checking…'), icon: '$(sync~spin)' };
    case 'connected':
    case 'unknown':
      return { suffix: '' };
    case 'noKey':
      return { suffix: vscode.l10n.t('no key'), warn: true };
    case 'unreachable':
      return { suffix: vscode.l10n.t('unreachable'), warn: true };
    case 'rejected':
      return { suffix: vscode.l10n.t('key rejected'), warn: true };
    case 'needsConfirmation':
      return { suffix: vscode.l10n.t('key not sent'), warn: true };
    case 'keyringError':
      return { suffix: vscode.l10n.t('keyring error'), warn: true };
    case 'invalidUrl':
      return { suffix: vscode.l10n.t('bad URL'), warn: true };
    case 'notChatApp':
      return { suffix: vscode.l10n.t('not a chat app'), warn: true };
  }
}

/**
 * `$(comment-discussion) <app> · <state>` in the status bar; a click switches apps. The name shown is the
 * profile's, or for the implicit default profile the app name Dify reported.
 */
export class ConnectionStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('dify.connection', vscode.StatusBarAlignment.Right, 100));

  constructor(
    private readonly profiles: ProfileStore,
    private readonly health: ConnectionHealth,
    private readonly appInfo: AppInfoCache,
  ) {
    super();
    this.item.name = vscode.l10n.t('Dify Connection');
    this.item.command = Command.switchProfile;
    this.register(profiles.onDidChange(() => this.render()));
    this.register(health.onDidChange(() => this.render()));
    this.register(appInfo.onDidChange(() => this.render()));
    this.render();
    this.item.show();
  }

  /** The text currently shown (for tests). */
  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const profile = this.profiles.active;
    const state = this.health.state;
    const learned = this.appInfo.get(profile.id)?.name;
    const name = profile.implicit && learned ? learned : profile.name;
    const look = lookOf(state.status);
    this.item.text = `${look.icon ?? '$(comment-discussion)'} ${name}${look.suffix ? ` · ${look.suffix}` : ''}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(`${vscode.l10n.t('Dify app: {0}', profile.name)}\n\n${profile.baseUrl}\n\n`);
    if (state.detail) tooltip.appendText(`${state.detail}\n\n`);
    tooltip.appendText(vscode.l10n.t('Click to switch apps.'));
    this.item.tooltip = tooltip;
    this.item.backgroundColor = look.warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = {
      label: look.suffix ? vscode.l10n.t('Dify app {0}, {1}. Click to switch apps.', name, look.suffix) : vscode.l10n.t('Dify app {0}. Click to switch apps.', name),
    };
  }
}
