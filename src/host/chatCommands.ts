import * as vscode from 'vscode';
import { Command, registerCommand } from './commands';
import type { ChatController } from './chatController';
import type { ChatViewProvider } from './chatView';

/** The chat panel's commands: New Chat (view title, palette) and Stop (while an answer streams). */
export function registerChatCommands(controller: ChatController, view: ChatViewProvider): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(Command.newChat, async () => {
      controller.newChat();
      await view.reveal();
    }),
    registerCommand(Command.stop, () => controller.stop()),
  );
}
