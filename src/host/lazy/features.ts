import * as vscode from 'vscode';
import type { AskFeature } from '../ask/askFeature';
import type { CommandId } from '../commands';
import { Command, ContextKey, FOCUS_CHAT_VIEW, registerCommand, setContext } from '../commands';
import type { Connection } from '../connection/connection';
import type { ConversationNode, ConversationsTree } from '../conversations/conversationsTree';
import type { BuilderHost, Builders, BuiltFeatures, ChatFeature, FeatureName, LensFeature } from './builders';
import { CommandRouter } from './commandRouter';
import { CONVERSATIONS_VIEW_ID, LazyChatView, LazyCodeLenses, LazyTreeData } from './lazyViews';

export type { BuiltFeatures, ChatFeature, FeatureName, LensFeature } from './builders';

/** The features' root module (dist/esm/extension.mjs, src/host/lazy/builders.ts) as import() returns it. */
export interface BuildersModule {
  createBuilders(host: BuilderHost): Builders;
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

/**
 * What activate() sets up, and the features it builds on first use. At activation: every command (routed, see
 * {@link CommandRouter}), the chat view's provider, the Conversations tree view, the code lens provider and the
 * tree's welcome state; nothing that reads a key, sends a request or loads a feature's code. Each feature is
 * built, once, by the first thing that needs it: a command, the chat view resolved, the tree shown, a lens asked
 * for. Every object is pushed to `context.subscriptions`. This runs in activation's CommonJS bundle; the
 * features' code is ES modules, whose root (`load`) is imported on the first build, so activate() itself loads no
 * ES module (in the extension host the first import() alone costs more than the rest of activation).
 */
export class LazyFeatures {
  /** The features whose building has begun (their modules are being or have been loaded). */
  readonly started = new Set<FeatureName>();
  private readonly treeData: LazyTreeData<ConversationNode>;
  private readonly treeView: vscode.TreeView<ConversationNode>;
  private readonly builders: () => Promise<Builders>;

  constructor(
    context: vscode.ExtensionContext,
    /** How long activate() took (written to the log once there is one). */
    activationMs: () => number | undefined,
    /** Imports the features' root module. */
    load: () => Promise<BuildersModule>,
  ) {
    const subscriptions = context.subscriptions;
    const router = new CommandRouter((id) => (id === Command.focusChat ? Promise.resolve() : this.build(OWNER[id])));
    subscriptions.push(router);
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
    const host: BuilderHost = {
      context,
      started: this.started,
      treeView: this.treeView,
      attachTree: (tree) => this.treeData.attach(tree),
      route: (id, handler) => router.set(id, handler),
      activationMs,
    };
    let builders: Promise<Builders> | undefined;
    this.builders = () => (builders ??= load().then((m) => m.createBuilders(host)));
  }

  /** Starts building `name` (said at once in `started`) once the features' root is loaded. */
  private feature<T>(name: FeatureName, build: (b: Builders) => Promise<T>): Promise<T> {
    this.started.add(name);
    return this.builders().then(build);
  }

  readonly connection = (): Promise<Connection> => this.feature('connection', (b) => b.connection());
  readonly chat = (): Promise<ChatFeature> => this.feature('chat', (b) => b.chat());
  readonly tree = (): Promise<ConversationsTree> => this.feature('tree', (b) => b.tree());
  readonly lenses = (): Promise<LensFeature> => this.feature('lenses', (b) => b.lenses());
  readonly ask = (): Promise<AskFeature> => this.feature('ask', (b) => b.ask());

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
}
