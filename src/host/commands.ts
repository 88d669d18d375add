import * as vscode from 'vscode';

/**
 * Every command id the extension registers, in one place, and the one way to register them. An integration
 * test compares this list with `contributes.commands` in package.json (commands that are not for the palette
 * are declared there too, hidden with `"when": "false"`), so the two cannot drift apart.
 */
export const Command = {
  focusChat: 'dify.focusChat',
  newChat: 'dify.newChat',
  stop: 'dify.stop',
  setApiKey: 'dify.setApiKey',
  clearApiKey: 'dify.clearApiKey',
  testConnection: 'dify.testConnection',
  switchProfile: 'dify.switchProfile',
  addProfile: 'dify.addProfile',
  editProfile: 'dify.editProfile',
  removeProfile: 'dify.removeProfile',
  showLog: 'dify.showLog',
  conversationsRefresh: 'dify.conversations.refresh',
  conversationsLoadMore: 'dify.conversations.loadMore',
  conversationsOpen: 'dify.conversations.open',
  conversationsRename: 'dify.conversations.rename',
  conversationsAutoName: 'dify.conversations.autoName',
  conversationsDelete: 'dify.conversations.delete',
  askAboutSelection: 'dify.askAboutSelection',
  askExplain: 'dify.askExplain',
  askFindBugs: 'dify.askFindBugs',
  askWriteTests: 'dify.askWriteTests',
  askAddDocs: 'dify.askAddDocs',
  askOptimize: 'dify.askOptimize',
  askAboutSymbol: 'dify.askAboutSymbol',
  explainSymbol: 'dify.explainSymbol',
  addSelectionToChat: 'dify.addSelectionToChat',
  addFileToChat: 'dify.addFileToChat',
  applyAccept: 'dify.applyAccept',
  applyReject: 'dify.applyReject',
  conversationsPin: 'dify.conversations.pin',
  conversationsUnpin: 'dify.conversations.unpin',
  conversationsExport: 'dify.conversations.export',
  conversationsFilter: 'dify.conversations.filter',
  conversationsClearFilter: 'dify.conversations.clearFilter',
  exportConversation: 'dify.exportConversation',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];

/** Every id in {@link Command}. */
export const COMMAND_IDS: readonly CommandId[] = Object.values(Command);

/** Context keys the extension sets (menus, welcome views and enablement read them). */
export const ContextKey = {
  hasApiKey: 'dify.hasApiKey',
  chatStreaming: 'dify.chat.streaming',
  /** The active editor tab is an Apply diff (Accept and Reject are offered). */
  applyDiffActive: 'dify.applyDiffActive',
  /** What the Conversations view's welcome shows when it has no rows (see conversations/treeState.ts). */
  conversationsState: 'dify.conversations.state',
  /** The Conversations view is narrowed by a filter (its title bar offers Clear Filter). */
  conversationsFiltered: 'dify.conversations.filtered',
} as const;

export type ContextKeyId = (typeof ContextKey)[keyof typeof ContextKey];

/** The command VS Code derives from the chat view's id: reveals and focuses the view. */
export const FOCUS_CHAT_VIEW = 'dify.chatView.focus';

/** Takes a command's handler in place of VS Code (see {@link routeCommandsThrough}). */
export type CommandRoute = (id: CommandId, handler: (...args: unknown[]) => unknown) => vscode.Disposable;

let route: CommandRoute | undefined;

/**
 * From now on {@link registerCommand} hands handlers to `next` rather than to VS Code. activate() registers every
 * id with VS Code at once (the workbench needs them) and builds a feature when one of its commands first runs;
 * the feature's handlers then arrive here. There is one copy of this module at runtime (see esbuild.js).
 */
export function routeCommandsThrough(next: CommandRoute | undefined): void {
  route = next;
}

/** Registers one of the extension's commands. The returned disposable unregisters it. */
export function registerCommand(id: CommandId, handler: (...args: unknown[]) => unknown): vscode.Disposable {
  return route ? route(id, handler) : vscode.commands.registerCommand(id, handler);
}

/** Sets one of the extension's context keys. */
export function setContext(key: ContextKeyId, value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
