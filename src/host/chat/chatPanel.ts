import type * as vscode from 'vscode';
import type { ClientProvider } from '../clientProvider';
import { registerChatCommands } from './chatCommands';
import { ChatController } from './chatController';
import type { ChatLog } from './chatLog';
import { ChatViewProvider } from './chatView';
import { readYourWrites } from '../readYourWrites';

/** The chat panel as activate() exposes it: the controller (the API other features and tests use) and the view. */
export interface ChatPanel {
  controller: ChatController;
  view: ChatViewProvider;
}

/** Builds the chat panel (controller, webview view, commands) and registers everything for disposal. */
export function createChatPanel(context: vscode.ExtensionContext, clients: ClientProvider, log: ChatLog): ChatPanel {
  // The controller reveals the view and the view talks to the controller: tie the knot through a holder.
  const holder: { view?: ChatViewProvider } = {};
  const controller = new ChatController(clients, { log, reveal: () => holder.view?.reveal() ?? Promise.resolve(), memory: readYourWrites(context.workspaceState) });
  const view = new ChatViewProvider(context.extensionUri, controller);
  holder.view = view;
  context.subscriptions.push(controller, view, registerChatCommands(controller, view));
  return { controller, view };
}
