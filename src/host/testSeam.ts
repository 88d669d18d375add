/**
 * The integration suites' handle on the host: what activate() returns in the test build, and only there.
 * esbuild compiles this file into the test build alone (`DIFY_TEST_SEAM`, see esbuild.js and extension.ts):
 * a production activate() returns nothing, because any installed extension can call it and read the result,
 * and these objects reach the keys (the key store, the clients, the dialogs a test answers).
 */
import type * as vscode from 'vscode';
import type { ApplyFeature } from './apply/applyFeature';
import type { AskFeature } from './ask/askFeature';
import type { ChatController } from './chat/chatController';
import type { ChatViewProvider } from './chat/chatView';
import type { ConnectionCommands } from './connection/connectionCommands';
import type { ConversationsTree } from './conversations/conversationsTree';
import type { BuiltFeatures, FeatureName, LazyFeatures } from './lazy/features';
import type { DifyLog } from './log';
import type { ProfileManager } from './connection/profiles';
import type { Prompter } from './prompts';
import type { ConnectionStatusBar } from './connection/statusBar';

/**
 * Written to the log when the seam is handed out. `npm run package` looks for it in the packaged bundle: found
 * there, the seam (and a way to the keys) would ship.
 */
export const TEST_SEAM_NOTICE = 'Test build: activate() returns the integration test seam.';

/** The extension's own storage, for the leak and key-format tests to search and seed. */
export interface ExtensionStorage {
  globalState: vscode.Memento;
  workspaceState: vscode.Memento;
  /** The extension's SecretStorage (the keys as stored, e.g. a key in the format of an older version). */
  secrets: vscode.SecretStorage;
  logUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
}

/** The parts of the connection layer the integration tests reach. */
export interface ConnectionSeam {
  profiles: ProfileManager;
  log: DifyLog;
  /** Replaceable dialogs: tests answer them by swapping methods. */
  prompter: Prompter;
  statusBar: ConnectionStatusBar;
  /** The commands as methods (Set API Key, Test Connection, ...), returning their outcome. */
  commands: ConnectionCommands;
  storage: ExtensionStorage;
}

/**
 * What activate() returns in the test build: the objects the integration tests drive. activate() builds no
 * feature, so the suites call {@link DifyExtensionExports.ready} first (test/integration/support does), which
 * builds them all; the other members throw before that.
 */
export interface DifyExtensionExports {
  /** Builds every feature (as their first use would) and resolves when they are all built. */
  ready(): Promise<void>;
  /** The features whose building has begun, i.e. whose modules were asked for (for the laziness test). */
  readonly startedFeatures: ReadonlySet<FeatureName>;
  /** The ClientProvider the chat panel and the tree use. */
  profiles: ProfileManager;
  /** Log, dialogs seam, status bar, commands, storage. */
  connection: ConnectionSeam;
  /** The chat panel's controller: newChat, ask, openConversation, stop, onDidChangeConversations. */
  chat: ChatController;
  /** The chat webview view provider. */
  chatView: ChatViewProvider;
  /** The Conversations tree. */
  conversations: ConversationsTree;
  /** Ask About Selection: its flow and the code lens provider. */
  ask: AskFeature;
  /** Apply: answers' code blocks back into the code. */
  apply: ApplyFeature;
  /** How long activate() took, in ms (set by activate() itself). */
  activationMs?: number;
}

/** The seam (test build only): everything the integration tests reach goes through here. */
export function extensionExports(context: vscode.ExtensionContext, features: LazyFeatures, activationMs: number): DifyExtensionExports {
  let built: BuiltFeatures | undefined;
  let connectionSeam: ConnectionSeam | undefined;
  const get = (): BuiltFeatures => {
    if (!built) throw new Error('The test seam is not ready: await ready() first (test/integration/support does).');
    return built;
  };
  const { globalState, workspaceState, secrets, logUri, globalStorageUri } = context;
  return {
    activationMs,
    startedFeatures: features.started,
    async ready() {
      if (built) return;
      const all = await features.all();
      if (!built) all.connection.log.info(TEST_SEAM_NOTICE);
      built = all;
    },
    get profiles() {
      return get().connection.profiles;
    },
    get connection() {
      if (!connectionSeam) {
        const { profiles, log, prompter, statusBar, commands } = get().connection;
        connectionSeam = { profiles, log, prompter, statusBar, commands, storage: { globalState, workspaceState, secrets, logUri, globalStorageUri } };
      }
      return connectionSeam;
    },
    get chat() {
      return get().chat.controller;
    },
    get chatView() {
      return get().chat.view;
    },
    get conversations() {
      return get().tree;
    },
    get ask() {
      return get().ask;
    },
    get apply() {
      return get().chat.apply;
    },
  };
}
