import * as vscode from 'vscode';
import type { AppInfoCache } from './appInfoCache';
import { Command } from '../commands';
import type { ConnectionHealth } from './connectionHealth';
import { Disposable } from '../disposables';
import type { HealthStatus } from './healthState';
import type { ProfileStore } from './profileStore';

const LABELS: Record<HealthStatus, { suffix: string; icon?: string; warn?: boolean }> = {
  checking: { suffix: 'checking…', icon: '$(sync~spin)' },
  connected: { suffix: '' },
  noKey: { suffix: 'no key', warn: true },
  unreachable: { suffix: 'unreachable', warn: true },
  rejected: { suffix: 'key rejected', warn: true },
  needsConfirmation: { suffix: 'key not sent', warn: true },
  keyringError: { suffix: 'keyring error', warn: true },
  invalidUrl: { suffix: 'bad URL', warn: true },
  notChatApp: { suffix: 'not a chat app', warn: true },
  unknown: { suffix: '' },
};

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
    this.item.name = 'Dify Connection';
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
    const look = LABELS[state.status];
    this.item.text = `${look.icon ?? '$(comment-discussion)'} ${name}${look.suffix ? ` · ${look.suffix}` : ''}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(`Dify app: ${profile.name}\n\n${profile.baseUrl}\n\n`);
    if (state.detail) tooltip.appendText(`${state.detail}\n\n`);
    tooltip.appendText('Click to switch apps.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = look.warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `Dify app ${name}${look.suffix ? `, ${look.suffix}` : ''}. Click to switch apps.` };
  }
}
