import * as vscode from 'vscode';
import { ApiKeys } from './apiKeys';
import { AppInfoCache } from './appInfoCache';
import type { CreateClient } from './clientCache';
import { ClientCache } from './clientCache';
import { ConnectionCommands } from './connectionCommands';
import { ConnectionHealth } from './connectionHealth';
import { Disposable } from '../disposables';
import type { StateMemento } from '../globalStore';
import { GlobalStore } from '../globalStore';
import { HealthCheck } from './healthCheck';
import { DifyLog } from '../log';
import { translate } from '../messages';
import { LEGACY_KEY_ORIGINS_STATE_KEY, SecretOriginBinding } from './originBinding';
import { OriginConsent } from './originConsent';
import { ProfileClients } from './profileClients';
import { ProfileManager } from './profiles';
import { ProfileStore } from './profileStore';
import type { Prompter } from '../prompts';
import { vscodePrompter } from '../prompts';
import { KeyStore } from './secrets';
import { ConnectionStatusBar } from './statusBar';
import { ensureDefaultUserId } from './userId';
import { readYourWrites } from '../readYourWrites';

/** What the connection layer is built from (the extension's context in production; stand-ins in tests). */
export interface ConnectionDeps {
  globalState: StateMemento;
  secrets: vscode.SecretStorage;
  /** Replaceable dialogs: tests answer them by swapping methods. */
  prompter: Prompter;
  /** The default end-user id (generated once, synced). */
  defaultUserId: string;
  /** The log to write to; the connection owns it. Default: the "Dify" output channel. */
  log?: DifyLog;
  createClient?: CreateClient;
}

/**
 * The connection layer: the profiles, their keys and clients, the connection's health and the status bar,
 * and the commands that manage them. It owns every part and disposes them together.
 */
export class Connection extends Disposable {
  readonly log: DifyLog;
  readonly prompter: Prompter;
  /** The ClientProvider the chat panel and the tree use (and the integration tests drive). */
  readonly profiles: ProfileManager;
  readonly statusBar: ConnectionStatusBar;
  /** The commands as methods (Set API Key, Test Connection, ...), returning their outcome. */
  readonly commands: ConnectionCommands;

  constructor(deps: ConnectionDeps) {
    super();
    const log = (this.log = this.register(deps.log ?? new DifyLog()));
    const prompter = (this.prompter = deps.prompter);
    const state = new GlobalStore(deps.globalState);
    const keys = this.register(new ApiKeys(this.register(new KeyStore(deps.secrets))));
    const origins = new SecretOriginBinding(keys);
    // Origins live in the keys' secrets now; the old record is read by nothing (and never held a key).
    if (deps.globalState.get(LEGACY_KEY_ORIGINS_STATE_KEY) !== undefined) void deps.globalState.update(LEGACY_KEY_ORIGINS_STATE_KEY, undefined);
    log.setSecretSource(() => keys.knownSecrets());
    const appInfo = this.register(new AppInfoCache(state));
    const store = this.register(new ProfileStore({ log, defaultUserId: deps.defaultUserId, owners: [keys, appInfo] }));
    const health = this.register(new ConnectionHealth());
    const consent = new OriginConsent(origins, state, prompter, translate);
    const cache = new ClientCache({ store, health, log, ...(deps.createClient ? { createClient: deps.createClient } : {}) });
    const clients = this.register(new ProfileClients({ store, keys, consent, cache, health, log, prompter }));
    const check = this.register(new HealthCheck({ store, keys, clients, appInfo, health }));
    this.profiles = new ProfileManager({ store, keys, clients, health, check, log });
    this.statusBar = this.register(new ConnectionStatusBar(store, health, appInfo));
    this.commands = new ConnectionCommands({ store, keys, clients, appInfo, check, prompter, log });
  }

  /** Registers the commands with VS Code (once per extension host: the ids are global). */
  registerCommands(): void {
    this.register(this.commands.register());
  }
}

/** What {@link createConnection} takes from the extension's context. */
export type ConnectionContext = Pick<vscode.ExtensionContext, 'globalState' | 'secrets' | 'extensionMode' | 'subscriptions'>;

/**
 * Builds the connection from the extension's context, registers it for disposal, and in development
 * (`npm start`) seeds a "Simulator" profile from DIFY_DEV_BASE_URL / DIFY_DEV_API_KEY. Its commands are
 * registered by the caller ({@link Connection.registerCommands}).
 */
export function createConnection(context: ConnectionContext, ownLog?: DifyLog): Connection {
  const connection = new Connection({
    globalState: readYourWrites(context.globalState),
    secrets: context.secrets,
    prompter: vscodePrompter(),
    defaultUserId: ensureDefaultUserId(readYourWrites(context.globalState)),
    ...(ownLog ? { log: ownLog } : {}),
  });
  context.subscriptions.push(connection);

  const { profiles, log } = connection;
  const devUrl = process.env['DIFY_DEV_BASE_URL'];
  const devKey = process.env['DIFY_DEV_API_KEY'];
  const seed =
    context.extensionMode === vscode.ExtensionMode.Development && devUrl && devKey
      ? profiles.seedDevProfile(devUrl, devKey).catch((e: unknown) => log.error('Development seed failed', e))
      : Promise.resolve();
  profiles.resolveAfter(seed);
  // No status check here: it reads the key and asks Dify, which waits until a view or command needs them.
  return connection;
}
