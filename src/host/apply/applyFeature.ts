import * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import { Command, registerCommand } from '../commands';
import { DisposableStore } from '../disposables';
import type { Prompter } from '../prompts';
import { ApplyService } from './applyService';

/** Apply as activate() builds it: the service (tests drive it) and what it registers. */
export interface ApplyFeature extends vscode.Disposable {
  service: ApplyService;
}

/** A command argument as a URI (the editor title passes the diff's resource; the palette, nothing). */
function uriArg(arg: unknown): vscode.Uri | undefined {
  return arg instanceof vscode.Uri ? arg : undefined;
}

/** Builds Apply on the chat panel: the answer's Apply button, Accept and Reject, and the targets it follows. */
export function createApplyFeature(chat: ChatController, prompter: Prompter): ApplyFeature {
  const store = new DisposableStore();
  const service = store.add(new ApplyService(prompter, (id) => chat.findTurn(id)));
  chat.setApplier(async (turnId, code) => {
    await service.apply(turnId, code);
  });
  // Follow each question's code from the moment it is asked, so edits made while Dify answers are followed too.
  store.add(
    chat.onDidPostMessage((m) => {
      if (m.type === 'turnAdded') service.targets.follow(m.turn);
      else if (m.type === 'state') for (const t of m.state.turns) service.targets.follow(t);
      else if (m.type === 'olderTurns') for (const t of m.turns) service.targets.follow(t);
    }),
  );
  store.add(registerCommand(Command.applyAccept, (arg?: unknown) => service.accept(uriArg(arg))));
  store.add(registerCommand(Command.applyReject, (arg?: unknown) => service.reject(uriArg(arg))));
  return { service, dispose: () => store.dispose() };
}
