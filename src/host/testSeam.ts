import * as vscode from 'vscode';
import type { ApplyFeature } from './apply/applyFeature';
import type { AskFeature } from './ask/askFeature';
import type { ChatController } from './chat/chatController';
import type { ChatPanel } from './chat/chatPanel';
import type { ChatViewProvider } from './chat/chatView';
import type { Connection } from './connection/connection';
import type { ConnectionCommands } from './connection/connectionCommands';
import type { ConversationsTree } from './conversations/conversationsTree';
import type { DifyLog } from './log';
import type { ProfileManager } from './connection/profiles';
import type { Prompter } from './prompts';
import type { ConnectionStatusBar } from './connection/statusBar';

/** The extension's own storage, for the leak tests to search (development and test runs only). */
export interface ExtensionStorage {
  globalState: vscode.Memento;
  workspaceState: vscode.Memento;
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
  /** Absent in production: a published extension does not hand its mementos to other extensions. */
  storage?: ExtensionStorage;
}

/** What activate() returns: the objects the integration tests drive. */
export interface DifyExtensionExports {
  /** The ClientProvider the chat panel and the tree use. */
  profiles: ProfileManager;
  /** Log, dialogs seam, status bar, commands. */
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
}

/**
 * The one place that decides what activate() hands out. Everything the integration tests reach goes
 * through here, so it can be narrowed (or built only into the test bundle) without touching the parts.
 */
export function extensionExports(
  context: vscode.ExtensionContext,
  connection: Connection,
  chat: ChatPanel,
  conversations: ConversationsTree,
  ask: AskFeature,
  apply: ApplyFeature,
): DifyExtensionExports {
  const storage: ExtensionStorage | undefined =
    context.extensionMode === vscode.ExtensionMode.Production
      ? undefined
      : { globalState: context.globalState, workspaceState: context.workspaceState, logUri: context.logUri, globalStorageUri: context.globalStorageUri };
  const { profiles, log, prompter, statusBar, commands } = connection;
  return {
    profiles,
    connection: { profiles, log, prompter, statusBar, commands, ...(storage ? { storage } : {}) },
    chat: chat.controller,
    chatView: chat.view,
    conversations,
    ask,
    apply,
  };
}
