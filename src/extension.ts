import * as vscode from 'vscode';
import { Command, FOCUS_CHAT_VIEW, registerCommand } from './host/commands';
import { createConnection } from './host/connection/connection';
import { createChatPanel } from './host/chat/chatPanel';
import { ConversationsTree } from './host/conversations/conversationsTree';
import type { DifyExtensionExports } from './host/testSeam';
import { extensionExports } from './host/testSeam';

export type { DifyExtensionExports } from './host/testSeam';

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
  const { profiles, prompter } = connection;
  const userId = (): string => profiles.userFor(profiles.activeProfile);
  const conversations = new ConversationsTree({ clients: profiles, chat: chat.controller, prompter, state: context.globalState, userId });
  context.subscriptions.push(conversations);
  return extensionExports(context, connection, chat, conversations);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
