import * as vscode from 'vscode';
import { Disposable } from '../disposables';
import { translate } from '../messages';
import type { StateMemento } from '../globalStore';
import type { ChatSession } from '../../chat/session';
import type { HostMessage } from '../../protocol';
import type { Turn } from '../../shared/chatState';
import type { ConversationHistory } from './conversationHistory';
import { OpenConversationMemory } from './openConversationMemory';

/**
 * A conversation was created (its first answer named it), continued (a turn ended: Dify moved it to the top),
 * renamed (Dify's auto-generated name arrived), opened in the panel (from the tree, or after a restart) or
 * closed there (New chat, or another app: the panel no longer shows it).
 */
export interface ConversationChange {
  kind: 'created' | 'continued' | 'renamed' | 'opened' | 'closed';
  id: string;
  name?: string;
}

export interface OpenConversationDeps {
  session: ChatSession;
  history: ConversationHistory;
  profileId: () => string;
  /** A webview is showing. */
  hasView: () => boolean;
  post: (message: HostMessage) => void;
  /** Workspace state (none: nothing is remembered). */
  memento: StateMemento | undefined;
}

/**
 * What happens to the conversation open in the chat panel, in one place: the tree hears of it
 * ({@link onDidChange}), and it is remembered per window and profile so a restart reopens it
 * ({@link OpenConversationMemory}). The controller calls one method per event.
 */
export class OpenConversation extends Disposable {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<ConversationChange>());
  /** Fires when a conversation is created, continued, renamed or opened. */
  readonly onDidChange = this._onDidChange.event;
  private readonly memory: OpenConversationMemory;

  constructor(private readonly deps: OpenConversationDeps) {
    super();
    this.memory = new OpenConversationMemory(deps.memento, {
      get profileId() {
        return deps.profileId();
      },
      get conversationId() {
        return deps.session.conversationId;
      },
      get hasView() {
        return deps.hasView();
      },
      open: (id, name, adjust) => this.load(id, name, { adjust, onGone: () => this.memory.gone() }),
      post: deps.post,
    }, translate);
  }

  /** Shows a stored conversation (the tree's click). */
  async open(id: string, name?: string): Promise<void> {
    await this.load(id, name);
  }

  /** Reopens what was open before the window or the extension host restarted. */
  reopen(): Promise<void> {
    return this.memory.reopen();
  }

  /** A question went out: until its answer ends, it is pending (a restart shows what Dify stored of it). */
  sending(question: string): void {
    const s = this.deps.session;
    this.memory.sending(question, s.conversationId, s.conversationName);
  }

  /** The first answer gave the conversation its id. */
  started(id: string): void {
    this.memory.started(id, this.deps.session.conversationName);
    // With Dify's first name for it (the question's first 20 characters), until its generated name arrives.
    this._onDidChange.fire({ kind: 'created', id, ...this.nameOf() });
  }

  /** A turn ended; Dify bumped the conversation's `updated_at`, so it is the newest now. */
  finished(): void {
    const s = this.deps.session;
    this.memory.finished(s.conversationId, s.conversationName);
    if (s.conversationId !== undefined) this._onDidChange.fire({ kind: 'continued', id: s.conversationId, ...this.nameOf() });
  }

  renamed(id: string, name: string): void {
    this.memory.renamed(id, name);
    this._onDidChange.fire({ kind: 'renamed', id, name });
  }

  /** New chat: nothing is open (`closed` is the conversation that was). */
  cleared(closed: string | undefined): void {
    this.memory.cleared();
    if (closed !== undefined) this._onDidChange.fire({ kind: 'closed', id: closed });
  }

  /** The webview (re)appeared and has the state. */
  ready(): void {
    this.memory.ready();
  }

  /** Retry on a turn restored mid-answer reads the conversation again (true: handled here). */
  retry(turn: Turn): boolean {
    if (!this.memory.isRefreshable(turn)) return false;
    void this.memory.refresh();
    return true;
  }

  private async load(id: string, name: string | undefined, opts: Parameters<ConversationHistory['open']>[2] = {}): Promise<boolean> {
    const loaded = await this.deps.history.open(id, name, opts);
    if (loaded) {
      this.memory.opened(id, this.deps.session.conversationName);
      this._onDidChange.fire({ kind: 'opened', id, ...this.nameOf() });
    }
    return loaded;
  }

  private nameOf(): { name?: string } {
    const name = this.deps.session.conversationName;
    return name !== undefined ? { name } : {};
  }
}
