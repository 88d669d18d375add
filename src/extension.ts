import * as vscode from 'vscode';
import { Command, FOCUS_CHAT_VIEW, registerCommand } from './host/commands';
import { createConnection } from './host/connection/connection';
import { createApplyFeature } from './host/apply/applyFeature';
import { createAskFeature } from './host/ask/askFeature';
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
  const conversations = new ConversationsTree(connection.profiles, chat.controller, connection.prompter);
  const ask = createAskFeature(context, connection, chat.controller);
  const apply = createApplyFeature(chat.controller, connection.prompter);
  context.subscriptions.push(conversations, ask, apply);
  return extensionExports(context, connection, chat, conversations, ask, apply);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
