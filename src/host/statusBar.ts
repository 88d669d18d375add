import * as vscode from 'vscode';
import { Command } from './commands';
import type { ConnectionState, ProfileManager } from './profiles';

const LABELS: Record<ConnectionState['status'], { suffix: string; icon?: string; warn?: boolean }> = {
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
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly profiles: ProfileManager) {
    this.item = vscode.window.createStatusBarItem('dify.connection', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Dify Connection';
    this.item.command = Command.switchProfile;
    this.subscriptions.push(
      profiles.onDidChangeState(() => this.render()),
      profiles.onDidChange(() => this.render()),
    );
    this.render();
    this.item.show();
  }

  /** The text currently shown (for tests). */
  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const profile = this.profiles.activeProfile;
    const state = this.profiles.connectionState;
    const learned = this.profiles.appInfo(profile.id)?.name;
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

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
