import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { previewOf } from '../../chat/contextChips';
import type { ContextChip } from '../../chat/contextChips';
import { isBinary } from '../../context/fileText';
import type { CodeContext } from '../../shared/codeContext';
import type { ChatController } from '../chat/chatController';
import { Command, registerCommand } from '../commands';
import { DisposableStore } from '../disposables';
import type { Prompter } from '../prompts';
import type { DocumentSymbols } from '../ask/documentSymbols';
import { documentName, editorContexts } from '../ask/editorContext';
import { pickWorkspaceFile } from './filePick';

/** What the context chips need from the rest of the extension. */
export interface ContextFeatureDeps {
  chat: ChatController;
  prompter: Prompter;
  symbols: DocumentSymbols;
  /** Brings the chat panel into sight. */
  reveal(): Promise<void>;
}

function chipOf(c: CodeContext): ContextChip {
  return { id: randomUUID(), uri: c.uri, fileName: c.fileName, languageId: c.languageId, range: c.range, preview: previewOf(c.text) };
}

/** A whole file as a chip, or the sentence that says why it cannot be one (binary, unreadable). */
async function fileChip(uri: vscode.Uri): Promise<ContextChip | string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const name = open ? documentName(open) : vscode.workspace.asRelativePath(uri, false);
  let text: string;
  let languageId = open?.languageId ?? 'plaintext';
  if (open) text = open.getText();
  else {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return vscode.l10n.t('{0} could not be read, so it was not added to the chat.', name);
    }
    if (isBinary(bytes)) return vscode.l10n.t('{0} is not a text file (it looks binary), so it was not added to the chat.', name);
    text = new TextDecoder().decode(bytes);
    languageId = (await vscode.workspace.openTextDocument(uri)).languageId;
  }
  return { id: randomUUID(), uri: uri.toString(), fileName: name, languageId, preview: previewOf(text) };
}

/**
 * "Add Selection to Chat", "Add File to Chat" and the panel's `@` file pick: each puts a chip above the message
 * box, and the question that is sent next carries its code (read at send time).
 */
export function registerContextFeature(deps: ContextFeatureDeps): DisposableStore {
  const store = new DisposableStore();
  const { chat, prompter } = deps;
  const addChips = async (chips: ContextChip[]): Promise<void> => {
    await deps.reveal();
    for (const c of chips) chat.addChip(c);
    chat.focusComposer();
  };
  store.add(
    registerCommand(Command.addSelectionToChat, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void prompter.info(vscode.l10n.t('Open a file and select the code to add to the chat.'));
        return;
      }
      const contexts = await editorContexts(editor, deps.symbols);
      if ('none' in contexts) {
        void prompter.info(vscode.l10n.t('There is no code here to add to the chat; select some first.'));
        return;
      }
      await addChips(contexts.map(chipOf));
    }),
  );
  store.add(
    registerCommand(Command.addFileToChat, async (arg?: unknown, all?: unknown) => {
      // The explorer passes the clicked file and every selected one; an editor tab its file; the palette nothing.
      const uris = Array.isArray(all) && all.every((u) => u instanceof vscode.Uri) ? (all as vscode.Uri[]) : arg instanceof vscode.Uri ? [arg] : [];
      if (uris.length === 0) {
        const active = vscode.window.activeTextEditor?.document.uri;
        const picked = active ?? (await pickWorkspaceFile(prompter));
        if (!picked) return;
        uris.push(picked);
      }
      const chips: ContextChip[] = [];
      for (const uri of uris) {
        const chip = await fileChip(uri);
        if (typeof chip === 'string') void prompter.error(chip);
        else chips.push(chip);
      }
      if (chips.length > 0) await addChips(chips);
    }),
  );
  chat.setFilePicker(async () => {
    const uri = await pickWorkspaceFile(prompter);
    if (!uri) return undefined;
    const chip = await fileChip(uri);
    if (typeof chip === 'string') {
      void prompter.error(chip);
      return undefined;
    }
    return chip;
  });
  return store;
}
