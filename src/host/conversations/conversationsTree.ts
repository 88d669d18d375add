import * as vscode from 'vscode';
import { errorText } from '../messages';
import { Command, registerCommand } from '../commands';
import { ConversationList, relativeTime } from '../../chat/conversationList';
import type { Conversation } from '../../dify/types';
import type { ClientProvider } from '../clientProvider';
import type { Prompter } from '../prompts';
import { Disposable } from '../disposables';
import type { ConversationChange } from '../chat/chatController';

/** The slice of the chat controller the tree uses: open a conversation, hear of new and renamed ones. */
export interface ConversationOpener {
  readonly conversationId: string | undefined;
  openConversation(id: string, name?: string): Promise<void>;
  newChat(): void;
  readonly onDidChangeConversations: vscode.Event<ConversationChange>;
}

/** A row of the tree: a conversation, or the "Load more…" row after the last page shown. */
export type ConversationNode = { type: 'conversation'; conversation: Conversation } | { type: 'loadMore' };

const PAGE_SIZE = 30;

/** A command argument as a tree node: VS Code passes the clicked node, the palette passes nothing. */
function asNode(arg: unknown): ConversationNode | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const type = (arg as { type?: unknown }).type;
  return type === 'conversation' || type === 'loadMore' ? (arg as ConversationNode) : undefined;
}

/**
 * The Conversations view: the active app's conversations for this user, newest first, paged with
 * Dify's `last_id` cursor ("Load more…" at the end). Clicking one opens it in the chat panel; the
 * context menu renames (by hand or Dify's auto-generated title) and deletes.
 */
export class ConversationsTree extends Disposable implements vscode.TreeDataProvider<ConversationNode> {
  static readonly viewId = 'dify.conversations';

  private readonly _onDidChangeTreeData = this.register(new vscode.EventEmitter<ConversationNode | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  private readonly list: ConversationList;
  private readonly view: vscode.TreeView<ConversationNode>;
  private loading: Promise<void> | undefined;
  /** The load in progress was started by a change, not by the user: it gets no client that needs a question. */
  private quietLoad = false;

  constructor(
    private readonly clients: ClientProvider,
    private readonly chat: ConversationOpener,
    private readonly prompter: Prompter,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.list = new ConversationList(async (lastId) => {
      const client = await this.clients.getClient({ interactive: !this.quietLoad });
      if (!client) return { limit: PAGE_SIZE, hasMore: false, data: [] };
      return client.conversations({ limit: PAGE_SIZE, ...(lastId ? { lastId } : {}) });
    });
    this.view = this.register(vscode.window.createTreeView(ConversationsTree.viewId, { treeDataProvider: this, showCollapseAll: false }));
    this.register(
      // Load on first sight, not at activation: the view may never be opened.
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && !this.list.isLoaded) void this.refresh();
      }),
    );
    this.register(
      this.clients.onDidChange(() => {
        // Another app or key: a load in flight asked the old one, so it must not be joined.
        this.loading = undefined;
        if (this.view.visible) {
          // Nobody asked for this load: it must not ask about the key (opening the tree or Refresh does).
          this.quietLoad = true;
          void this.refresh().finally(() => (this.quietLoad = false));
        } else {
          this.list.clear();
          this.changed();
        }
      }),
    );
    this.register(this.chat.onDidChangeConversations((change) => this.conversationChanged(change)));
    this.register(registerCommand(Command.conversationsRefresh, () => this.refresh()));
    this.register(registerCommand(Command.conversationsLoadMore, () => this.loadMore()));
    this.register(registerCommand(Command.conversationsOpen, (id: unknown) => this.open(id)));
    this.register(registerCommand(Command.conversationsRename, (node?: unknown) => this.rename(asNode(node))));
    this.register(registerCommand(Command.conversationsAutoName, (node?: unknown) => this.autoName(asNode(node))));
    this.register(registerCommand(Command.conversationsDelete, (node?: unknown) => this.delete(asNode(node))));
  }

  getTreeItem(node: ConversationNode): vscode.TreeItem {
    if (node.type === 'loadMore') {
      const item = new vscode.TreeItem('Load more…');
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: Command.conversationsLoadMore, title: 'Load more' };
      item.contextValue = 'dify.loadMore';
      return item;
    }
    const c = node.conversation;
    const item = new vscode.TreeItem(c.name.trim() || 'New conversation');
    item.id = c.id;
    item.description = relativeTime(c.updatedAt, this.now());
    item.tooltip = new vscode.MarkdownString().appendText(c.name || 'New conversation').appendMarkdown(`\n\nUpdated ${new Date(c.updatedAt * 1000).toLocaleString()}`);
    const open = c.id === this.chat.conversationId;
    item.iconPath = new vscode.ThemeIcon(open ? 'comment-discussion' : 'comment');
    item.contextValue = 'dify.conversation';
    item.command = { command: Command.conversationsOpen, title: 'Open Conversation', arguments: [c.id] };
    item.accessibilityInformation = { label: `${item.label as string}, ${item.description}${open ? ', open in chat' : ''}` };
    return item;
  }

  getChildren(node?: ConversationNode): ConversationNode[] {
    if (node) return [];
    const nodes: ConversationNode[] = this.list.conversations.map((conversation) => ({ type: 'conversation', conversation }));
    if (this.list.hasMore) nodes.push({ type: 'loadMore' });
    return nodes;
  }

  /** The sentence shown above the tree after a failed load or edit, if any. */
  get errorMessage(): string | undefined {
    return this.view.message;
  }

  /**
   * Reloads the first page. Concurrent calls share one load; and since a change of app or key starts a
   * newer load that supersedes the one in flight, this resolves only once the newest load has landed.
   */
  async refresh(): Promise<void> {
    if (!this.loading) {
      const loading: Promise<void> = this.guard(() => this.list.reload()).finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    let current: Promise<void> | undefined;
    while (this.loading !== undefined && this.loading !== current) {
      current = this.loading;
      await current;
    }
  }

  /** A conversation was created in the chat panel, or Dify named it: shown at once, without a reload. */
  private conversationChanged(change: ConversationChange): void {
    if (change.kind === 'created') {
      const t = Math.floor(this.now() / 1000);
      const existing = this.list.get(change.id);
      this.list.upsert(existing ?? { id: change.id, name: change.name ?? '', inputs: {}, status: 'normal', introduction: '', createdAt: t, updatedAt: t });
      if (change.name !== undefined) this.list.rename(change.id, change.name);
    } else if (change.name !== undefined) {
      this.list.rename(change.id, change.name);
    }
    this.changed();
  }

  private async loadMore(): Promise<void> {
    await this.guard(() => this.list.loadMore());
  }

  private async open(id: unknown): Promise<void> {
    if (typeof id !== 'string') return;
    await this.chat.openConversation(id, this.list.get(id)?.name);
    this.changed();
  }

  private async rename(node?: ConversationNode): Promise<void> {
    const c = this.target(node);
    if (!c) return;
    const name = await this.prompter.inputBox({
      title: 'Rename conversation',
      value: c.name,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter a name, or use “Let Dify Name It”.'),
    });
    if (name === undefined) return;
    await this.guard(async () => {
      const client = await this.clients.getClient();
      if (!client) return;
      const renamed = await client.renameConversation(c.id, { name: name.trim() });
      this.list.rename(c.id, renamed.name);
    });
  }

  private async autoName(node?: ConversationNode): Promise<void> {
    const c = this.target(node);
    if (!c) return;
    await this.guard(async () => {
      const client = await this.clients.getClient();
      if (!client) return;
      const renamed = await client.renameConversation(c.id, { autoGenerate: true });
      this.list.rename(c.id, renamed.name);
    });
  }

  private async delete(node?: ConversationNode): Promise<void> {
    const c = this.target(node);
    if (!c) return;
    const choice = await this.prompter.confirm(
      `Delete the conversation “${c.name || 'New conversation'}”?`,
      'It is deleted in Dify for this user and cannot be restored.',
      'Delete',
    );
    if (choice !== 'Delete') return;
    await this.guard(async () => {
      const client = await this.clients.getClient();
      if (!client) return;
      await client.deleteConversation(c.id);
      this.list.remove(c.id);
      if (this.chat.conversationId === c.id) this.chat.newChat();
    });
  }

  private target(node?: ConversationNode): Conversation | undefined {
    if (node?.type === 'conversation') return node.conversation;
    const selected = this.view.selection[0];
    return selected?.type === 'conversation' ? selected.conversation : undefined;
  }

  /** Runs a load or an edit; a failure becomes one sentence above the tree, never a thrown error. */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.view.message = undefined;
    } catch (e) {
      this.view.message = errorText(e, 'The conversations could not be loaded. Run “Dify: Test Connection” to see why.');
    }
    this.changed();
  }

  private changed(): void {
    this._onDidChangeTreeData.fire(undefined);
  }
}
