import * as vscode from 'vscode';
import { Command, registerCommand } from '../commands';
import { Disposable } from '../disposables';
import type { ConversationRow } from '../../chat/conversationList';
import { isDifyError } from '../../dify/errors';
import type { ExportOutcome } from './conversationExporter';
import type { ConversationsTree } from './conversationsTree';
import { conversationsOf, displayName } from './nodes';
import { translate } from '../messages';

/**
 * The Conversations view's commands: open, rename (by hand or by Dify), delete (one or several, with one
 * confirmation), pin and unpin, export as Markdown (a row, or the conversation open in the panel), filter,
 * refresh and "Load more…". A context menu passes the clicked row and the selection; F2 and Delete pass
 * nothing, so the view's selection counts.
 */
export class ConversationCommands extends Disposable {
  constructor(private readonly tree: ConversationsTree) {
    super();
    const reg = (id: Parameters<typeof registerCommand>[0], run: (...args: unknown[]) => unknown): void => {
      this.register(registerCommand(id, run));
    };
    reg(Command.conversationsRefresh, () => tree.refresh());
    reg(Command.conversationsLoadMore, () => tree.loadMore());
    reg(Command.conversationsOpen, (id) => this.open(id));
    reg(Command.conversationsRename, (node, nodes) => this.rename(this.targets(node, nodes)[0]));
    reg(Command.conversationsAutoName, (node, nodes) => this.autoName(this.targets(node, nodes)[0]));
    reg(Command.conversationsDelete, (node, nodes) => this.delete(this.targets(node, nodes)));
    reg(Command.conversationsPin, (node, nodes) => this.pin(this.targets(node, nodes)));
    reg(Command.conversationsUnpin, (node, nodes) => this.unpin(this.targets(node, nodes)));
    reg(Command.conversationsExport, (node, nodes) => this.export(this.targets(node, nodes)[0]));
    reg(Command.exportConversation, () => this.exportOpen());
    reg(Command.conversationsFilter, (text) => (typeof text === 'string' ? tree.filter.set(text) : tree.filter.prompt()));
    reg(Command.conversationsClearFilter, () => tree.filter.clear());
  }

  private targets(node: unknown, nodes: unknown): ConversationRow[] {
    return conversationsOf(node, nodes, this.tree.selection);
  }

  private async open(id: unknown): Promise<void> {
    if (typeof id !== 'string') return;
    // Opened, its row and the one open before redraw (the panel says so: ConversationsTree.conversationChanged).
    await this.tree.chat.openConversation(id, this.tree.find(id)?.name);
  }

  private async rename(c: ConversationRow | undefined): Promise<void> {
    if (!c) return;
    const name = await this.tree.prompter.inputBox({
      title: vscode.l10n.t('Rename conversation'),
      value: c.name,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name, or use “Let Dify Name It”.')),
    });
    if (name === undefined) return;
    await this.renamed(c, { name: name.trim() });
  }

  private async autoName(c: ConversationRow | undefined): Promise<void> {
    if (c) await this.renamed(c, { autoGenerate: true });
  }

  private async renamed(c: ConversationRow, how: { name: string } | { autoGenerate: true }): Promise<void> {
    await this.tree.guard(async () => {
      const client = await this.tree.clients.getClient();
      if (!client) return;
      const renamed = await client.renameConversation(c.id, how);
      this.tree.list.rename(c.id, renamed.name);
      await this.tree.pins.store.rename(c.id, renamed.name);
    }, vscode.l10n.t('The conversation could not be renamed.'), [c.id]);
  }

  private async delete(targets: readonly ConversationRow[]): Promise<void> {
    const first = targets[0];
    if (!first) return;
    const one = targets.length === 1;
    const choice = await this.tree.prompter.confirm(
      one ? vscode.l10n.t('Delete the conversation “{0}”?', displayName(first, translate)) : vscode.l10n.t('Delete {0} conversations?', targets.length),
      one ? vscode.l10n.t('It is deleted in Dify for this user and cannot be restored.') : vscode.l10n.t('They are deleted in Dify for this user and cannot be restored.'),
      { id: 'delete', title: vscode.l10n.t('Delete') },
    );
    if (choice !== 'delete') return;
    await this.tree.guard(async () => {
      const client = await this.tree.clients.getClient();
      if (!client) return;
      const deleted: string[] = [];
      let failure: unknown;
      for (const c of targets) {
        try {
          await client.deleteConversation(c.id);
          deleted.push(c.id);
        } catch (e) {
          // Already gone (deleted elsewhere): what the person wanted.
          if (isDifyError(e) && e.kind === 'notFound') deleted.push(c.id);
          else failure ??= e;
        }
      }
      for (const id of deleted) this.tree.list.remove(id);
      await this.tree.pins.store.unpin(deleted);
      const open = this.tree.chat.conversationId;
      if (open !== undefined && deleted.includes(open)) this.tree.chat.newChat();
      if (failure !== undefined) throw failure;
    }, one ? vscode.l10n.t('The conversation could not be deleted.') : vscode.l10n.t('Some conversations could not be deleted.'));
  }

  private async pin(targets: readonly ConversationRow[]): Promise<void> {
    if (!targets.length) return;
    await this.tree.pins.store.pin(targets, Date.now());
    this.tree.changed();
  }

  private async unpin(targets: readonly ConversationRow[]): Promise<void> {
    if (!targets.length) return;
    await this.tree.pins.store.unpin(targets.map((c) => c.id));
    this.tree.changed();
  }

  private async export(c: ConversationRow | undefined): Promise<ExportOutcome> {
    return c ? this.tree.exporter.export(c) : undefined;
  }

  /** "Dify: Export Conversation": the conversation open in the chat panel. */
  private async exportOpen(): Promise<ExportOutcome> {
    const id = this.tree.chat.conversationId;
    if (id === undefined) {
      void this.tree.prompter.info(vscode.l10n.t('The chat panel has no saved conversation yet: ask something first, or open one from the Conversations view.'));
      return undefined;
    }
    const row = this.tree.find(id) ?? { id, name: this.tree.chat.conversationName ?? '', createdAt: 0, updatedAt: 0 };
    return this.tree.exporter.export(row);
  }
}
