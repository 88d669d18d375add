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

/** True only in the test build (an esbuild `define`, see esbuild.js); false in every bundle that ships. */
declare const DIFY_TEST_SEAM: boolean;

/**
 * The composition root: builds the host objects and registers them. No logic of its own; every
 * disposable it creates is pushed to `context.subscriptions`. Returns nothing in production: any installed
 * extension can call activate() and read its result, so only the test build returns the test seam.
 */
export function activate(context: vscode.ExtensionContext): DifyExtensionExports | undefined {
  const started = performance.now();
  const connection = createConnection(context);
  connection.registerCommands();
  context.subscriptions.push(
    registerCommand(Command.focusChat, () => vscode.commands.executeCommand(FOCUS_CHAT_VIEW)),
  );
  const chat = createChatPanel(context, connection.profiles, connection.log);
  const { profiles, prompter } = connection;
  chat.controller.files.dialogs = prompter;
  const userId = (): string => profiles.userFor(profiles.activeProfile);
  const conversations = new ConversationsTree({ clients: profiles, chat: chat.controller, prompter, state: context.globalState, userId });
  const ask = createAskFeature(context, connection, chat.controller);
  const apply = createApplyFeature(chat.controller, connection.prompter);
  context.subscriptions.push(conversations, ask, apply);
  // Activation reads no key and sends nothing (the first status check waits for a view or a command); its cost
  // is in the log, and `npm run bench` reports it.
  const activationMs = performance.now() - started;
  connection.log.info(`activate() took ${activationMs.toFixed(1)} ms`);
  return DIFY_TEST_SEAM ? { ...extensionExports(context, connection, chat, conversations, ask, apply), activationMs } : undefined;
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
