import * as vscode from 'vscode';
import type { ApplyFeature } from '../apply/applyFeature';
import type { AskFeature } from '../ask/askFeature';
import type { AskCodeLensProvider } from '../ask/askCodeLens';
import type { DocumentSymbols } from '../ask/documentSymbols';
import type { ChatPanel } from '../chat/chatPanel';
import type { CommandId } from '../commands';
import { Command, ContextKey, FOCUS_CHAT_VIEW, registerCommand, setContext } from '../commands';
import type { Connection } from '../connection/connection';
import type { ConversationNode, ConversationsTree } from '../conversations/conversationsTree';
import { CommandRouter } from './commandRouter';
import { CONVERSATIONS_VIEW_ID, LazyChatView, LazyCodeLenses, LazyTreeData } from './lazyViews';

/** The features built on first use, each from its own module (esbuild puts each behind an `import()`). */
export type FeatureName = 'connection' | 'chat' | 'tree' | 'lenses' | 'ask';

/** The chat panel and Apply, which follows each question's code from the moment the panel asks it. */
export interface ChatFeature extends ChatPanel {
  apply: ApplyFeature;
}

/** The lenses and the documents' symbols they read (shared with Ask About Selection and the context chips). */
export interface LensFeature {
  lenses: AskCodeLensProvider;
  symbols: DocumentSymbols;
}

/** Every feature, built (what the test seam hands out). */
export interface BuiltFeatures {
  connection: Connection;
  chat: ChatFeature;
  tree: ConversationsTree;
  ask: AskFeature;
}

/** The feature that registers each command (focusChat belongs to activation itself). */
const OWNER: Record<Exclude<CommandId, typeof Command.focusChat>, FeatureName> = {
  [Command.setApiKey]: 'connection',
  [Command.clearApiKey]: 'connection',
  [Command.testConnection]: 'connection',
  [Command.switchProfile]: 'connection',
  [Command.addProfile]: 'connection',
  [Command.editProfile]: 'connection',
  [Command.removeProfile]: 'connection',
  [Command.showLog]: 'connection',
  [Command.newChat]: 'chat',
  [Command.stop]: 'chat',
  [Command.applyAccept]: 'chat',
  [Command.applyReject]: 'chat',
  [Command.conversationsRefresh]: 'tree',
  [Command.conversationsLoadMore]: 'tree',
  [Command.conversationsOpen]: 'tree',
  [Command.conversationsRename]: 'tree',
  [Command.conversationsAutoName]: 'tree',
  [Command.conversationsDelete]: 'tree',
  [Command.conversationsPin]: 'tree',
  [Command.conversationsUnpin]: 'tree',
  [Command.conversationsExport]: 'tree',
  [Command.exportConversation]: 'tree',
  [Command.conversationsFilter]: 'tree',
  [Command.conversationsClearFilter]: 'tree',
  [Command.askAboutSelection]: 'ask',
  [Command.askExplain]: 'ask',
  [Command.askFindBugs]: 'ask',
  [Command.askWriteTests]: 'ask',
  [Command.askAddDocs]: 'ask',
  [Command.askOptimize]: 'ask',
  [Command.askAboutSymbol]: 'ask',
  [Command.explainSymbol]: 'ask',
  [Command.addSelectionToChat]: 'ask',
  [Command.addFileToChat]: 'ask',
};

/** A memoised async factory: the first call builds, every call gets the same promise. */
function once<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
}

/**
 * What activate() sets up, and the features it builds on first use. At activation: every command (routed, see
 * {@link CommandRouter}), the chat view's provider, the Conversations tree view, the code lens provider and the
 * tree's welcome state; nothing that reads a key, sends a request or loads a feature's code. Each feature is
 * built, once, by the first thing that needs it: a command, the chat view resolved, the tree shown, a lens asked
 * for. Every object is pushed to `context.subscriptions`.
 */
export class LazyFeatures {
  /** The features whose building has begun (their modules are being or have been loaded). */
  readonly started = new Set<FeatureName>();
  private readonly treeData: LazyTreeData<ConversationNode>;
  private readonly treeView: vscode.TreeView<ConversationNode>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    /** How long activate() took (written to the log once there is one). */
    private readonly activationMs: () => number | undefined,
  ) {
    const subscriptions = context.subscriptions;
    subscriptions.push(new CommandRouter((id) => (id === Command.focusChat ? Promise.resolve() : this.build(OWNER[id]))));
    subscriptions.push(registerCommand(Command.focusChat, () => vscode.commands.executeCommand(FOCUS_CHAT_VIEW)));
    subscriptions.push(new LazyChatView(async () => (await this.chat()).view));
    this.treeData = new LazyTreeData<ConversationNode>(() => this.tree());
    this.treeView = vscode.window.createTreeView(CONVERSATIONS_VIEW_ID, { treeDataProvider: this.treeData, showCollapseAll: false, canSelectMany: true });
    subscriptions.push(this.treeData, this.treeView);
    // Load on first sight, not at activation: the view may never be opened.
    subscriptions.push(this.treeView.onDidChangeVisibility((e) => e.visible && void this.tree()));
    // The welcome the tree shows until it has rows (the tree keeps it from then on).
    void setContext(ContextKey.conversationsState, 'loading');
    subscriptions.push(new LazyCodeLenses(async () => (await this.lenses()).lenses));
  }

  /** Builds a feature by name. */
  build(name: FeatureName): Promise<unknown> {
    return this[name]();
  }

  /** Every feature, built in the order activate() used to build them. */
  async all(): Promise<BuiltFeatures> {
    const connection = await this.connection();
    const chat = await this.chat();
    const tree = await this.tree();
    const ask = await this.ask();
    return { connection, chat, tree, ask };
  }

  readonly connection = once(async () => {
    this.started.add('connection');
    const { createConnection } = await import('../connection/connection');
    const connection = createConnection(this.context);
    connection.registerCommands();
    const ms = this.activationMs();
    if (ms !== undefined) connection.log.info(`activate() took ${ms.toFixed(1)} ms`);
    return connection;
  });

  readonly chat = once(async (): Promise<ChatFeature> => {
    this.started.add('chat');
    const [connection, { createChatPanel }, { createApplyFeature }] = await Promise.all([this.connection(), import('../chat/chatPanel'), import('../apply/applyFeature')]);
    const panel = createChatPanel(this.context, connection.profiles, connection.log);
    panel.controller.files.dialogs = connection.prompter;
    const apply = createApplyFeature(panel.controller, connection.prompter);
    this.context.subscriptions.push(apply);
    return { ...panel, apply };
  });

  readonly tree = once(async () => {
    this.started.add('tree');
    const [connection, chat, { ConversationsTree }] = await Promise.all([this.connection(), this.chat(), import('../conversations/conversationsTree')]);
    const { profiles, prompter } = connection;
    const userId = (): string => profiles.userFor(profiles.activeProfile);
    const tree = new ConversationsTree({ clients: profiles, chat: chat.controller, prompter, state: this.context.globalState, userId, view: this.treeView });
    this.context.subscriptions.push(tree);
    this.treeData.attach(tree);
    return tree;
  });

  readonly lenses = once(async (): Promise<LensFeature> => {
    this.started.add('lenses');
    const [{ AskCodeLensProvider }, { DocumentSymbols }] = await Promise.all([import('../ask/askCodeLens'), import('../ask/documentSymbols')]);
    const symbols = new DocumentSymbols();
    const lenses = new AskCodeLensProvider(symbols);
    this.context.subscriptions.push(lenses);
    return { lenses, symbols };
  });

  readonly ask = once(async () => {
    this.started.add('ask');
    const [connection, chat, lens, { createAskFeature }] = await Promise.all([this.connection(), this.chat(), this.lenses(), import('../ask/askFeature')]);
    const ask = createAskFeature(this.context, connection, chat.controller, lens);
    this.context.subscriptions.push(ask);
    return ask;
  });
}
