import * as vscode from 'vscode';
import type { BuiltInTemplateId } from '../../context/templates';
import { Command, registerCommand } from '../commands';
import type { CommandId } from '../commands';
import { DisposableStore } from '../disposables';
import type { Prompter } from '../prompts';
import type { AskSelection } from './askSelection';
import { isLensTarget, lensRange } from './askCodeLens';
import type { DocumentSymbols } from './documentSymbols';
import { editorContexts, symbolContexts } from './editorContext';

/** The context menu's entries: one built-in template each, sent without the pick. */
const TEMPLATE_COMMANDS: ReadonlyArray<[CommandId, BuiltInTemplateId]> = [
  [Command.askExplain, 'explain'],
  [Command.askFindBugs, 'findBugs'],
  [Command.askWriteTests, 'writeTests'],
  [Command.askAddDocs, 'addDocs'],
  [Command.askOptimize, 'optimize'],
];

/** "Ask About Selection" (the pick), its template entries, and the two code lens commands. */
export function registerAskCommands(ask: AskSelection, symbols: DocumentSymbols, prompter: Prompter): DisposableStore {
  const store = new DisposableStore();
  const fromEditor = async (template?: BuiltInTemplateId): Promise<boolean> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void prompter.info(vscode.l10n.t('Open a file and select the code to ask Dify about.'));
      return false;
    }
    const contexts = await editorContexts(editor, symbols);
    if ('none' in contexts) {
      const message =
        contexts.none === 'emptyDocument'
          ? vscode.l10n.t('This document is empty, so there is no code to ask Dify about.')
          : vscode.l10n.t('Nothing is selected and the cursor is on an empty line; select the code to ask Dify about.');
      void prompter.info(message);
      return false;
    }
    return ask.run(template === undefined ? { contexts } : { contexts, template });
  };
  const fromLens = async (arg: unknown, template?: BuiltInTemplateId): Promise<boolean> => {
    if (!isLensTarget(arg)) return false;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.uri);
    if (!document) return false;
    const contexts = symbolContexts(document, document.validateRange(lensRange(arg)));
    return ask.run(template === undefined ? { contexts } : { contexts, template });
  };
  store.add(registerCommand(Command.askAboutSelection, () => fromEditor()));
  for (const [id, template] of TEMPLATE_COMMANDS) store.add(registerCommand(id, () => fromEditor(template)));
  store.add(registerCommand(Command.askAboutSymbol, (arg: unknown) => fromLens(arg)));
  store.add(registerCommand(Command.explainSymbol, (arg: unknown) => fromLens(arg, 'explain')));
  return store;
}
