import * as vscode from 'vscode';
import { ConnectionCommands } from './connectionCommands';
import { DifyLog } from './log';
import { ProfileManager } from './profiles';
import type { Prompter } from './prompts';
import { vscodePrompter } from './prompts';
import { KeyStore } from './secrets';
import { ConnectionStatusBar } from './statusBar';
import { ensureDefaultUserId } from './userId';

/** The connection layer as activate() exposes it (to the chat panel, the tree and the integration tests). */
export interface Connection {
  profiles: ProfileManager;
  log: DifyLog;
  /** Replaceable dialogs: tests answer them by swapping methods. */
  prompter: Prompter;
  statusBar: ConnectionStatusBar;
  /** The commands as methods (Set API Key, Test Connection, ...), returning their outcome. */
  commands: ConnectionCommands;
  /**
   * The extension's own state, for the leak tests to inspect (development and test runs only: a published
   * extension does not hand its mementos to other extensions).
   */
  storage?: { globalState: vscode.Memento; workspaceState: vscode.Memento; logUri: vscode.Uri; globalStorageUri: vscode.Uri };
}

/**
 * Builds the connection objects (log, key store, profiles, status bar), registers them for disposal, and
 * in development (`npm start`) seeds a "Simulator" profile from DIFY_DEV_BASE_URL / DIFY_DEV_API_KEY.
 */
export function createConnection(context: vscode.ExtensionContext): Connection {
  const log = new DifyLog();
  const keys = new KeyStore(context.secrets);
  const prompter = vscodePrompter();
  const profiles = new ProfileManager({
    globalState: context.globalState,
    keys,
    log,
    prompter,
    defaultUserId: ensureDefaultUserId(context.globalState),
  });
  const statusBar = new ConnectionStatusBar(profiles);
  const commands = new ConnectionCommands(profiles, prompter, log);
  context.subscriptions.push(log, keys, profiles, statusBar, commands.register());

  const devUrl = process.env['DIFY_DEV_BASE_URL'];
  const devKey = process.env['DIFY_DEV_API_KEY'];
  const seed =
    context.extensionMode === vscode.ExtensionMode.Development && devUrl && devKey
      ? profiles.seedDevProfile(devUrl, devKey).catch((e: unknown) => log.error('Development seed failed', e))
      : Promise.resolve();
  void seed.then(() => profiles.refreshStatus());
  const storage =
    context.extensionMode === vscode.ExtensionMode.Production
      ? undefined
      : { globalState: context.globalState, workspaceState: context.workspaceState, logUri: context.logUri, globalStorageUri: context.globalStorageUri };
  return { profiles, log, prompter, statusBar, commands, ...(storage ? { storage } : {}) };
}
