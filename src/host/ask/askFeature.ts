import type * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import type { Connection } from '../connection/connection';
import { USER_ID_STATE_KEY } from '../connection/userId';
import { DisposableStore } from '../disposables';
import { GlobalStore, parseNonEmptyString } from '../globalStore';
import { syncKeys } from '../syncedKeys';
import type { AskCodeLensProvider } from './askCodeLens';
import { registerAskCommands } from './askCommands';
import { AskSelection } from './askSelection';
import type { DocumentSymbols } from './documentSymbols';
import { registerContextFeature } from '../context/contextFeature';
import { readYourWrites } from '../readYourWrites';

/** globalState: the label of the template chosen last in the pick (synced: it follows the person). */
const LAST_TEMPLATE_KEY = 'dify.ask.lastTemplate';

/** "Ask About Selection" as activate() builds it: the flow, its commands and the code lenses. */
export interface AskFeature extends vscode.Disposable {
  ask: AskSelection;
  lenses: AskCodeLensProvider;
  /** The documents' symbols (shared with the context chips). */
  symbols: DocumentSymbols;
}

/**
 * Builds "Ask About Selection" (its commands and the context chips' commands) on the connection, the chat panel
 * and the code lenses (built before it, when the first lens was asked for; they share the documents' symbols).
 */
export function createAskFeature(
  context: vscode.ExtensionContext,
  connection: Connection,
  chat: ChatController,
  { lenses, symbols }: { lenses: AskCodeLensProvider; symbols: DocumentSymbols },
): AskFeature {
  const store = new DisposableStore();
  // Added to the synced keys, not replacing them (the pins and the user id sync too; see syncedKeys.ts).
  syncKeys(readYourWrites(context.globalState), USER_ID_STATE_KEY, LAST_TEMPLATE_KEY);
  const { profiles, prompter } = connection;
  const ask = new AskSelection({
    prompter,
    ask: (question, options) => chat.ask(question, options),
    conversationStarted: () => chat.inputsLocked,
    notice: (message) => chat.showNotice('info', message),
    ensureKey: async () => {
      if (await profiles.hasKey(profiles.profileId)) return true;
      await connection.commands.setApiKey();
      return profiles.hasKey(profiles.profileId);
    },
    lastTemplate: new GlobalStore(readYourWrites(context.globalState)).cell(LAST_TEMPLATE_KEY, '', parseNonEmptyString),
  });
  store.add(registerAskCommands(ask, symbols, prompter));
  store.add(registerContextFeature({ chat, prompter, symbols, reveal: () => chat.reveal() }));
  return { ask, lenses, symbols, dispose: () => store.dispose() };
}
