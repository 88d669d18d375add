import { Command, registerCommand } from '../commands';
import { DisposableStore } from '../disposables';
import type { IDisposable } from '../disposables';
import type { ChatController } from './chatController';
import type { ChatViewProvider } from './chatView';

/** The chat panel's commands: New Chat (view title, palette) and Stop (while an answer streams). */
export function registerChatCommands(controller: ChatController, view: ChatViewProvider): IDisposable {
  const commands = new DisposableStore();
  commands.add(
    registerCommand(Command.newChat, async () => {
      controller.newChat();
      await view.reveal();
    }),
  );
  commands.add(registerCommand(Command.stop, () => controller.stop()));
  return commands;
}
