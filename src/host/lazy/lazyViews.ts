import * as vscode from 'vscode';
import { LENS_SCHEMES } from '../ask/lensSchemes';
import { Disposable } from '../disposables';

/** The chat webview view's id (ChatViewProvider.viewType; that module is not loaded at activation). */
export const CHAT_VIEW_ID = 'dify.chatView';
/** The Conversations view's id (ConversationsTree.viewId). */
export const CONVERSATIONS_VIEW_ID = 'dify.conversations';

/**
 * The chat view's provider as activate() registers it: the first resolve builds the chat panel and every
 * resolve goes to its ChatViewProvider.
 */
export class LazyChatView extends Disposable implements vscode.WebviewViewProvider {
  constructor(private readonly provider: () => Promise<vscode.WebviewViewProvider>) {
    super();
    this.register(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, this, { webviewOptions: { retainContextWhenHidden: false } }));
  }

  async resolveWebviewView(view: vscode.WebviewView, context: vscode.WebviewViewResolveContext, token: vscode.CancellationToken): Promise<void> {
    await (await this.provider()).resolveWebviewView(view, context, token);
  }
}

/**
 * The Conversations view's data as activate() registers it (the tree view is created at once, so its menus,
 * welcome and visibility work from the start): nothing until the tree is built, which the view being shown or
 * asked for rows starts; from then on every call goes to the tree, and the tree's changes come out here.
 */
export class LazyTreeData<T> extends Disposable implements vscode.TreeDataProvider<T> {
  private tree: vscode.TreeDataProvider<T> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<T | T[] | undefined | null | void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly build: () => Promise<unknown>) {
    super();
  }

  /** Hands over to the built tree: VS Code asks it for the rows again. */
  attach(tree: vscode.TreeDataProvider<T>): void {
    this.tree = tree;
    if (tree.onDidChangeTreeData) this.register(tree.onDidChangeTreeData((e) => this.changed.fire(e)));
    this.changed.fire();
  }

  getTreeItem(node: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    // Nodes come only from the tree's own getChildren, so the tree exists when VS Code asks about one.
    if (!this.tree) throw new Error('the Conversations tree is not built yet');
    return this.tree.getTreeItem(node);
  }

  getChildren(node?: T): vscode.ProviderResult<T[]> {
    if (this.tree) return this.tree.getChildren(node);
    void this.build();
    return [];
  }

  resolveTreeItem(item: vscode.TreeItem, node: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.tree?.resolveTreeItem ? this.tree.resolveTreeItem(item, node, token) : item;
  }
}

/** The code lenses as activate() registers them: the first request loads the lens provider, which answers all. */
export class LazyCodeLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  private provider: Promise<vscode.CodeLensProvider> | undefined;

  constructor(private readonly load: () => Promise<vscode.CodeLensProvider>) {
    super();
    this.register(vscode.languages.registerCodeLensProvider(LENS_SCHEMES.map((scheme) => ({ scheme })), this));
  }

  private real(): Promise<vscode.CodeLensProvider> {
    this.provider ??= this.load().then((p) => {
      if (p.onDidChangeCodeLenses) this.register(p.onDidChangeCodeLenses(() => this.changed.fire()));
      return p;
    });
    return this.provider;
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    return (await (await this.real()).provideCodeLenses(document, token)) ?? [];
  }
}
