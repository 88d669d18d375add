import * as vscode from 'vscode';
import { errorText, translate } from '../messages';
import { formatNumber } from '../locale';
import { ContextKey, setContext } from '../commands';
import { ConversationList } from '../../chat/conversationList';
import type { ConversationRow } from '../../chat/conversationList';
import { applyFilter } from '../../chat/conversationFilter';
import type { ClientProvider } from '../clientProvider';
import type { Prompter } from '../prompts';
import { Disposable } from '../disposables';
import { ConversationCommands } from './conversationCommands';
import { ConversationExporter } from './conversationExporter';
import { ConversationVariables } from './conversationVariables';
import { formatDateTime } from './exportWords';
import { FilterInput } from './filterInput';
import type { ConversationNode } from './nodes';
import { displayName } from './nodes';
import { PinnedConversations } from './pinnedConversations';
import { RowNodes } from './rowNodes';
import type { ConversationChange, ConversationOpener, ConversationsTreeDeps } from './treeDeps';
import { conversationItem, conversationTooltip, loadMoreItem, noteItem, pinnedGroupItem, variableItem } from './treeItems';
import type { TreeState } from './treeState';
import { failureState, loadedState } from './treeState';

export type { ConversationNode } from './nodes';
export type { ConversationOpener, ConversationsTreeDeps } from './treeDeps';

const PAGE_SIZE = 30;
/** The window getting focus re-reads the newest page, but not more often than this (alt-tab is frequent). */
const SYNC_INTERVAL_MS = 3_000;

/**
 * The Conversations view: the active app's conversations for this user, newest first, paged with Dify's
 * `last_id` cursor without losing rows that share a second ("Load more…" at the end); pinned ones in a Pinned
 * group above; a chatflow conversation expands to its variables. Clicking (or Enter) opens one in the chat
 * panel; the context menu, F2 and Delete rename, pin, export and delete (see {@link ConversationCommands}).
 * When it has no rows, the `dify.conversations.state` context key picks the welcome that says why.
 */
export class ConversationsTree extends Disposable implements vscode.TreeDataProvider<ConversationNode> {
  static readonly viewId = 'dify.conversations';

  private readonly _onDidChangeTreeData = this.register(new vscode.EventEmitter<ConversationNode | ConversationNode[] | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  readonly list: ConversationList;
  readonly pins: PinnedConversations;
  readonly filter: FilterInput;
  readonly exporter: ConversationExporter;
  readonly commands: ConversationCommands;
  private readonly variables: ConversationVariables;
  private readonly rows = new RowNodes();
  /** The conversation the rows last showed as open in the chat panel. */
  private openRow: string | undefined;
  private readonly view: vscode.TreeView<ConversationNode>;
  private readonly now: () => number;
  private loading: Promise<void> | undefined;
  /** The load in progress was started by a change, not by the user: it gets no client that needs a question. */
  private quietLoad = false;
  private syncing: Promise<void> | undefined;
  private lastSync = 0;
  private treeState: TreeState | undefined;
  private lastError: string | undefined;
  /** The profile the rows belong to: another one means another app, so nothing of the old one may show. */
  private shownProfile: string;
  private appMode: string | undefined;

  constructor(readonly deps: ConversationsTreeDeps) {
    super();
    const { clients, chat, prompter } = deps;
    this.now = deps.now ?? Date.now;
    // Built on first sight, maybe after the panel opened one: that row is drawn as open, and is redrawn when it closes.
    this.openRow = chat.conversationId;
    this.shownProfile = clients.profileId;
    this.list = new ConversationList(async (q) => {
      const client = await clients.getClient({ interactive: !this.quietLoad });
      if (!client) return { limit: q.limit, hasMore: false, data: [] };
      return client.conversations(q);
    }, { pageSize: deps.pageSize ?? PAGE_SIZE });
    this.pins = new PinnedConversations(deps.state, clients, deps.userId);
    this.variables = new ConversationVariables(clients);
    this.filter = this.register(new FilterInput());
    this.exporter = new ConversationExporter({ clients, prompter, workflowOf: (id) => chat.workflowOf(id), now: this.now });
    this.view = deps.view ?? this.register(vscode.window.createTreeView(ConversationsTree.viewId, { treeDataProvider: this, showCollapseAll: false, canSelectMany: true }));
    this.commands = this.register(new ConversationCommands(this));
    this.setState('loading');
    this.register(
      // Load on first sight, not at activation: the view may never be opened. Coming back: the newest page again.
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) void (this.list.isLoaded ? this.sync(false) : this.refresh());
      }),
    );
    this.register(
      vscode.window.onDidChangeWindowState((e) => {
        if (e.focused && this.view.visible && this.list.isLoaded) void this.sync(true);
      }),
    );
    this.register(clients.onDidChange(() => this.connectionChanged()));
    this.register(chat.onDidChangeConversations((change) => this.conversationChanged(change)));
    this.register(this.filter.onDidChange(() => this.changed()));
    // Built because the view came into sight: that first sight is the one the listener above missed.
    if (this.view.visible) void this.refresh();
  }

  // ---- TreeDataProvider ------------------------------------------------------------------------------

  getTreeItem(node: ConversationNode): vscode.TreeItem {
    switch (node.type) {
      case 'loadMore':
        return loadMoreItem();
      case 'pinnedGroup':
        return pinnedGroupItem(this.pinnedRows().length);
      case 'variable':
        return variableItem(node.conversationId, node.variable);
      case 'note':
        return noteItem(node.conversationId, node.text, node.kind);
      case 'conversation': {
        const pinned = node.pinned ?? this.pins.store.has(node.conversation.id);
        return conversationItem(node.conversation, { open: node.conversation.id === this.deps.chat.conversationId, pinned, expandable: this.chatflow, nowMs: this.now() });
      }
    }
  }

  /** The hover is made when asked for, so thousands of rows carry no tooltip. */
  resolveTreeItem(item: vscode.TreeItem, node: ConversationNode): vscode.TreeItem {
    if (node.type === 'conversation') item.tooltip = conversationTooltip(node.conversation, node.pinned ?? false, formatDateTime);
    return item;
  }

  getChildren(node?: ConversationNode): ConversationNode[] | Promise<ConversationNode[]> {
    if (node?.type === 'pinnedGroup') return this.rows.inPinnedGroup(this.pinnedRows());
    if (node?.type === 'conversation') return this.chatflow ? this.variables.children(node.conversation.id) : [];
    return node ? [] : this.rootNodes();
  }

  /** The top-level rows: the Pinned group (when there are pins), the other conversations, "Load more…". */
  rootNodes(): ConversationNode[] {
    if (!this.list.isLoaded) return [];
    const pinned = this.pins.ids();
    const nodes: ConversationNode[] = this.pinnedRows().length ? [{ type: 'pinnedGroup' }] : [];
    nodes.push(...this.rows.topLevel(this.filtered(this.list.conversations).filter((c) => !pinned.has(c.id))));
    if (this.list.hasMore) nodes.push({ type: 'loadMore' });
    return nodes;
  }

  // ---- what the commands and the tests use -----------------------------------------------------------

  /** The sentence of the last failed load or edit, if any (above the rows, or the welcome's reason). */
  get errorMessage(): string | undefined {
    return this.lastError;
  }

  /** What the welcome shows when there are no rows (the `dify.conversations.state` context key). */
  get state(): TreeState | undefined {
    return this.treeState;
  }

  /** The message line above the tree (the filter, or a failure while rows are shown). */
  get message(): string | undefined {
    return this.view.message;
  }

  get selection(): readonly ConversationNode[] {
    return this.view.selection;
  }

  get clients(): ClientProvider {
    return this.deps.clients;
  }

  get chat(): ConversationOpener {
    return this.deps.chat;
  }

  get prompter(): Prompter {
    return this.deps.prompter;
  }

  /** True when the active app is a chatflow: conversations expand to their variables. */
  get chatflow(): boolean {
    return this.appMode === 'advanced-chat';
  }

  /** A conversation by id: a loaded row, else what its pin remembers. */
  find(id: string): ConversationRow | undefined {
    return this.list.get(id) ?? this.allPinnedRows().find((r) => r.id === id);
  }

  /**
   * Reloads the first page (and the app's mode, and prunes pins whose conversation is gone). Concurrent calls
   * share one load; since a change of app or key starts a newer load that supersedes the one in flight, this
   * resolves only once the newest load has landed.
   */
  async refresh(): Promise<void> {
    if (!this.loading) {
      const loading: Promise<void> = this.load().finally(() => {
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

  async loadMore(): Promise<void> {
    await this.guard(() => this.list.loadMore());
  }

  /**
   * Re-reads the newest page without dropping the pages below it: renames, deletes and turns made in another
   * window (or another client) show. Runs when the view comes back into sight (the user looking at it: it may ask
   * about the key, as opening the tree does), and when the window gets focus (`throttled`: background work, not
   * again within a few seconds, never asking; without a client it may use unasked, the rows stay as they are).
   */
  async sync(throttled = false): Promise<void> {
    if (this.syncing) return this.syncing;
    if (throttled && this.now() - this.lastSync < SYNC_INTERVAL_MS) return;
    const syncing = this.guard(async () => {
      if (throttled && !(await this.deps.clients.getClient({ interactive: false }))) return;
      this.quietLoad = throttled;
      const gone = await this.list.syncHead().finally(() => (this.quietLoad = false));
      const pinned = this.pins.ids();
      const check = gone.filter((id) => pinned.has(id));
      if (check.length) await this.pins.prune(new Set([...pinned].filter((id) => !check.includes(id))));
    }).finally(() => {
      this.lastSync = this.now();
      this.syncing = undefined;
    });
    this.syncing = syncing;
    return syncing;
  }

  /**
   * Runs a load or an edit; a failure becomes one sentence (above the rows, or the welcome), never a throw.
   * An edit of some rows that changes nothing else (`only`: their ids) redraws just those when it succeeds.
   */
  async guard(work: () => Promise<void>, fallback = vscode.l10n.t('The conversations could not be loaded. Run “Dify: Test Connection” to see why.'), only?: readonly string[]): Promise<void> {
    const hadError = this.lastError !== undefined;
    try {
      await work();
      this.lastError = undefined;
      if (this.list.isLoaded) this.setState(loadedState(this.list.conversations.length + this.allPinnedRows().length));
    } catch (e) {
      this.lastError = errorText(e, fallback);
      if (!this.list.isLoaded || this.list.conversations.length === 0) this.setState(failureState(e));
    }
    if (only && !hadError && this.lastError === undefined) this.redraw([...only]);
    else this.changed();
  }

  /** Something shown changed (a row, a pin, the filter): redraw, and say above the rows what narrows them. */
  changed(): void {
    const filter = this.filter.active ? this.filterMessage() : undefined;
    const showError = this.lastError !== undefined && this.list.conversations.length > 0;
    const message = [showError ? this.lastError : undefined, filter].filter((m) => m !== undefined).join(' ');
    this.view.message = message || undefined;
    this._onDidChangeTreeData.fire(undefined);
  }

  /** The filter, as the tree applies it to rows. */
  filtered(rows: readonly ConversationRow[]): ConversationRow[] {
    return applyFilter(rows, this.filter.value, (c) => displayName(c, translate));
  }

  // ---- loading ----------------------------------------------------------------------------------------

  private async load(): Promise<void> {
    const { clients } = this.deps;
    if (clients.profileId !== this.shownProfile) this.switchedApp();
    this.variables.forget();
    const client = await clients.getClient({ interactive: !this.quietLoad });
    if (!client) {
      this.list.clear();
      const state = clients.connectionState;
      this.lastError = state.status === 'noKey' ? undefined : state.detail;
      this.setState(state.status === 'noKey' ? 'noKey' : 'failed');
      this.changed();
      return;
    }
    await this.guard(async () => {
      const [mode] = await Promise.all([
        client.info().then(
          (info) => info.mode,
          () => this.appMode,
        ),
        this.list.reload(),
      ]);
      this.appMode = mode;
    });
    if (this.lastError === undefined) void this.prunePins();
  }

  private async prunePins(): Promise<void> {
    try {
      const pruned = await this.pins.prune(new Set(this.list.conversations.map((c) => c.id)));
      if (pruned.length) this.changed();
    } catch {
      // Pins are only pruned on a definite 404; anything else leaves them for the next refresh.
    }
  }

  private connectionChanged(): void {
    // Another app or key: a load in flight asked the old one, so it must not be joined.
    this.loading = undefined;
    if (this.deps.clients.profileId !== this.shownProfile) this.switchedApp();
    if (this.view.visible) {
      // Nobody asked for this load: it must not ask about the key (opening the tree or Refresh does).
      this.quietLoad = true;
      void this.refresh().finally(() => (this.quietLoad = false));
    } else {
      this.list.clear();
      this.setState('loading');
      this.changed();
    }
  }

  /** Another app: its rows, mode, variables, pins and filter replace the old ones at once. */
  private switchedApp(): void {
    this.shownProfile = this.deps.clients.profileId;
    this.list.clear();
    this.rows.clear();
    this.variables.forget();
    this.appMode = undefined;
    this.lastError = undefined;
    this.setState('loading');
    this.changed();
  }

  /**
   * A conversation was created, continued or named in the chat panel: shown at once, without a reload. One
   * opened or closed there, or named by Dify, redraws only its rows (and the row that showed as open before).
   */
  private conversationChanged(change: ConversationChange): void {
    const t = Math.floor(this.now() / 1000);
    const existing = this.find(change.id);
    const wasOpen = this.openRow;
    this.openRow = this.deps.chat.conversationId;
    switch (change.kind) {
      case 'created':
      case 'continued':
        this.list.upsert({ id: change.id, name: change.name ?? existing?.name ?? '', createdAt: existing?.createdAt || t, updatedAt: t });
        this.variables.forget(change.id);
        if (this.list.isLoaded) this.setState('ready');
        return this.changed();
      case 'renamed':
        if (change.name !== undefined) {
          this.list.rename(change.id, change.name);
          void this.pins.store.rename(change.id, change.name);
        }
        return this.redraw([wasOpen, change.id]);
      case 'opened':
      case 'closed':
        return this.redraw([wasOpen, change.id]);
    }
  }

  /** Redraws the rows of these conversations alone; with a filter on, a new name may hide or show a row, so all. */
  private redraw(ids: Array<string | undefined>): void {
    if (this.filter.active) return this.changed();
    const nodes = this.rows.showing(ids, (id) => this.find(id));
    if (nodes.length) this._onDidChangeTreeData.fire(nodes);
  }

  /** The pinned conversations as the Pinned group shows them (the filter applies there too). */
  private pinnedRows(): ConversationRow[] {
    return this.filtered(this.allPinnedRows());
  }

  private allPinnedRows(): ConversationRow[] {
    return this.pins.rows((id) => this.list.get(id));
  }

  private filterMessage(): string {
    const shown = this.filtered(this.list.conversations).length;
    return vscode.l10n.t('Filtered by “{0}”: {1} of {2} loaded. Clear it with ✕ in the title bar.', this.filter.value.trim(), formatNumber(shown), formatNumber(this.list.conversations.length));
  }

  private setState(state: TreeState): void {
    if (state === this.treeState) return;
    this.treeState = state;
    void setContext(ContextKey.conversationsState, state);
  }
}
