import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ConversationRow } from '../../chat/conversationList';
import { conversationMarkdown, exportFileName, fetchWholeConversation } from '../../chat/exportMarkdown';
import type { DifyClient } from '../../dify/client';
import type { WorkflowState } from '../../shared/answer';
import type { ClientProvider } from '../clientProvider';
import { errorText, translate } from '../messages';
import type { Prompter } from '../prompts';
import { exportWords, formatDateTime } from './exportWords';
import { displayName } from './nodes';

export interface ExporterDeps {
  clients: ClientProvider;
  prompter: Prompter;
  /** A chatflow answer's steps, as the chat panel saw them stream (Dify's history does not keep them). */
  workflowOf: (messageId: string) => WorkflowState | undefined;
  now?: () => number;
}

/** Where an export went; undefined when the person cancelled. */
export type ExportOutcome = { target: 'editor'; document: vscode.TextDocument } | { target: 'file'; uri: vscode.Uri } | undefined;

type Target = vscode.QuickPickItem & { target: 'editor' | 'file' };

/**
 * Export as Markdown: the whole conversation read from Dify (every page of its history), turned into one
 * document ({@link conversationMarkdown}), opened in a new untitled editor or saved to a file the person picks.
 * The document holds what Dify stored and nothing of the connection (no key, no server address).
 */
export class ConversationExporter {
  constructor(private readonly deps: ExporterDeps) {}

  async export(c: ConversationRow): Promise<ExportOutcome> {
    const { prompter } = this.deps;
    const name = displayName(c, translate);
    const targets: Target[] = [
      { label: `$(go-to-file) ${vscode.l10n.t('Open in a New Editor')}`, description: vscode.l10n.t('Untitled Markdown'), target: 'editor' },
      { label: `$(save) ${vscode.l10n.t('Save to a File…')}`, target: 'file' },
    ];
    const picked = await prompter.quickPick(targets, { title: vscode.l10n.t('Export “{0}” as Markdown', name), placeHolder: vscode.l10n.t('Where should the Markdown go?') });
    if (!picked) return undefined;
    const now = (this.deps.now ?? Date.now)();
    let uri: vscode.Uri | undefined;
    if (picked.target === 'file') {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
      const defaultUri = vscode.Uri.joinPath(folder, exportFileName(name, c.updatedAt > 0 ? c.updatedAt : Math.floor(now / 1000)));
      uri = await prompter.saveDialog({ defaultUri, filters: { Markdown: ['md'] }, saveLabel: vscode.l10n.t('Export'), title: vscode.l10n.t('Export “{0}” as Markdown', name) });
      if (!uri) return undefined;
    }
    const client = await this.deps.clients.getClient();
    if (!client) {
      void prompter.error(vscode.l10n.t('Profile “{0}” has no API key. Set the key first.', this.deps.clients.profileName));
      return undefined;
    }
    let progress: vscode.CancellationToken | undefined;
    try {
      const markdown = await prompter.progress(vscode.l10n.t('Exporting “{0}”…', name), (token) => {
        progress = token;
        return this.markdown(client, c, now, token);
      });
      if (markdown === undefined) return undefined;
      if (uri) {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(markdown));
        void prompter.info(vscode.l10n.t('Exported “{0}” to {1}.', name, uri.path.slice(uri.path.lastIndexOf('/') + 1)));
        return { target: 'file', uri };
      }
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
      return { target: 'editor', document };
    } catch (e) {
      if (!progress?.isCancellationRequested) void prompter.error(errorText(e, vscode.l10n.t('“{0}” could not be exported.', name)));
      return undefined;
    }
  }

  /** The document, or undefined when the export was cancelled. */
  private async markdown(client: DifyClient, c: ConversationRow, now: number, token: vscode.CancellationToken): Promise<string | undefined> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const [info, messages] = await Promise.all([
        client.info(abort.signal),
        fetchWholeConversation((firstId) => client.messages({ conversationId: c.id, limit: 100, ...(firstId ? { firstId } : {}) }, abort.signal)),
      ]);
      if (token.isCancellationRequested) return undefined;
      return conversationMarkdown({
        appName: info.name,
        conversation: { id: c.id, name: c.name, ...(c.createdAt > 0 ? { createdAt: c.createdAt } : {}), ...(c.updatedAt > 0 ? { updatedAt: c.updatedAt } : {}) },
        messages,
        exportedAt: now,
        workflowOf: this.deps.workflowOf,
        formatDate: formatDateTime,
        words: exportWords(),
      });
    } finally {
      sub.dispose();
    }
  }
}
