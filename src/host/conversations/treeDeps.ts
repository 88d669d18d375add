import type * as vscode from 'vscode';
import type { PinMemento } from '../../chat/pins';
import type { WorkflowState } from '../../shared/answer';
import type { ConversationChange } from '../chat/chatController';
import type { ClientProvider } from '../clientProvider';
import type { Prompter } from '../prompts';
import type { SyncableState } from '../syncedKeys';
import type { ConversationNode } from './nodes';

export type { ConversationChange } from '../chat/chatController';

/** The slice of the chat controller the tree uses: open a conversation, hear of new, continued, renamed, opened and closed ones. */
export interface ConversationOpener {
  readonly conversationId: string | undefined;
  readonly conversationName: string | undefined;
  openConversation(id: string, name?: string): Promise<void>;
  newChat(): void;
  readonly onDidChangeConversations: vscode.Event<ConversationChange>;
  /** A chatflow answer's steps as the panel saw them stream (for the export; Dify's history lacks them). */
  workflowOf(messageId: string): WorkflowState | undefined;
}

/** What the tree is built from. */
export interface ConversationsTreeDeps {
  clients: ClientProvider;
  chat: ConversationOpener;
  prompter: Prompter;
  /** The extension's global state: pins live there (synced). */
  state: PinMemento & SyncableState;
  /** The active profile's end-user id (pins are kept per profile and user). */
  userId: () => string;
  now?: () => number;
  pageSize?: number;
  /**
   * The view to show the rows in, created at activation with a provider that hands on to this tree (see
   * src/host/lazy/lazyViews.ts); its owner disposes it. Without one, the tree creates and owns its own.
   */
  view?: vscode.TreeView<ConversationNode>;
}
