import * as vscode from 'vscode';
import { Command, FOCUS_CHAT_VIEW, registerCommand } from './host/commands';
import type { Connection } from './host/connection';
import { createConnection } from './host/connection';
import type { ProfileManager } from './host/profiles';
import type { ChatController } from './host/chatController';
import type { ChatViewProvider } from './host/chatView';
import { createChatPanel } from './host/chatPanel';
import { ConversationsTree } from './host/conversationsTree';

/** What activate() returns: the objects integration tests (and other extensions) may reach. */
export interface DifyExtensionExports {
  /** The ClientProvider the chat panel and the tree use. */
  profiles: ProfileManager;
  /** Log, dialogs seam, status bar. */
  connection: Connection;
  /** The chat panel's controller: newChat, ask, openConversation, stop, onDidChangeConversations. */
  chat: ChatController;
  /** The chat webview view provider. */
  chatView: ChatViewProvider;
  /** The Conversations tree. */
  conversations: ConversationsTree;
}

/**
 * The composition root: builds the host objects and registers them. No logic of its own; every
 * disposable it creates is pushed to `context.subscriptions`.
 */
export function activate(context: vscode.ExtensionContext): DifyExtensionExports {
  const connection = createConnection(context);
  context.subscriptions.push(
    registerCommand(Command.focusChat, () => vscode.commands.executeCommand(FOCUS_CHAT_VIEW)),
  );
  const chat = createChatPanel(context, connection.profiles, connection.log);
  const conversations = new ConversationsTree(connection.profiles, chat.controller, connection.prompter);
  context.subscriptions.push(conversations);
  return { profiles: connection.profiles, connection, chat: chat.controller, chatView: chat.view, conversations };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
