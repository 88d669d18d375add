import type { Words } from '../messages/words';
import type { ClientProvider } from '../clientProvider';
import type { ChatLog } from './chatLog';
import { findConversationName } from './conversationNaming';
import { lastInputs, turnFromHistory } from '../../chat/storedTurns';
import type { ChatSession } from '../../chat/session';
import type { DifyClient } from '../../dify/client';
import { isDifyError } from '../../dify/errors';
import type { InputValues, Turn } from '../../shared/chatState';

export interface ConversationHistoryOptions {
  clients: ClientProvider;
  session: ChatSession;
  log: ChatLog;
  /** How errors are worded (the host's messages table, in the display language). */
  words: Words;
  signal: () => AbortSignal;
  /** Messages per page (Dify's default is 20). */
  pageSize?: number;
  /** Tells the user, in the panel, why history could not be loaded. */
  notifyError: (message: string) => void;
  /** The session now holds another conversation: the panel needs the full state (older pages post only themselves). */
  onLoaded: () => void;
}

/**
 * The stored conversations the panel shows: opening one (its newest page of messages) and loading older
 * pages on demand, backwards with `first_id`. Only the conversation still shown takes a page: whatever
 * replaces it (New chat, another conversation, another app) calls {@link supersede} first.
 */
export class ConversationHistory {
  private generation = 0;
  /** Input values per conversation id, so reopening a conversation shows (and sends) what it started with. */
  private readonly inputsByConversation = new Map<string, InputValues>();

  constructor(private readonly options: ConversationHistoryOptions) {}

  /** Another conversation replaces the one shown: a page still on its way for that one is dropped. */
  supersede(): void {
    this.generation++;
  }

  /** A conversation started here: its inputs, for when it is reopened. */
  rememberInputs(conversationId: string, inputs: InputValues): void {
    this.inputsByConversation.set(conversationId, { ...inputs });
  }

  /**
   * Shows a stored conversation (stopping an answer in flight); `name` saves looking it up. `adjust` may mark
   * its turns before they are shown; with `onGone`, a conversation Dify no longer has (404) calls it instead
   * of telling the user. Resolves to true when it was loaded (and is still the one shown).
   */
  async open(id: string, name?: string, opts: { adjust?: (turns: Turn[]) => Turn[]; onGone?: () => void } = {}): Promise<boolean> {
    const { adjust, onGone } = opts;
    this.supersede();
    const generation = this.generation;
    const client = await this.clientOrNotice();
    if (!client || generation !== this.generation) return false;
    try {
      const signal = this.options.signal();
      const [page, conversationName] = await Promise.all([
        client.messages({ conversationId: id, limit: this.pageSize }, signal),
        name !== undefined ? Promise.resolve(name) : findConversationName(client, id, signal),
      ]);
      if (generation !== this.generation) return false;
      const inputs = this.inputsByConversation.get(id) ?? lastInputs(page.data);
      this.inputsByConversation.set(id, inputs);
      const conversation = { id, ...(conversationName !== undefined ? { name: conversationName } : {}) };
      const turns = page.data.map((m) => turnFromHistory(m, this.options.words.problemText));
      this.options.session.load(conversation, adjust ? adjust(turns) : turns, page.hasMore, inputs);
      this.options.onLoaded();
      return true;
    } catch (e) {
      if (onGone && isDifyError(e) && e.kind === 'notFound') onGone();
      else this.options.notifyError(this.options.words.errorText(e, this.options.words.t('The conversation could not be loaded.')));
      this.options.log.error(`chat: opening conversation failed`, e);
      return false;
    }
  }

  /** Loads the page before the oldest message shown (once at a time). */
  async loadOlder(): Promise<void> {
    const session = this.options.session;
    const id = session.conversationId;
    const firstId = session.oldestMessageId;
    if (id === undefined || firstId === undefined || session.loadingOlder) return;
    const generation = this.generation;
    const client = await this.clientOrNotice();
    if (!client) return;
    session.setLoadingOlder(true);
    try {
      const page = await client.messages({ conversationId: id, firstId, limit: this.pageSize }, this.options.signal());
      if (generation !== this.generation) return;
      // The session posts the page itself (olderTurns): the panel keeps the turns it shows.
      session.prependOlder(page.data.map((m) => turnFromHistory(m, this.options.words.problemText)), page.hasMore);
    } catch (e) {
      if (generation === this.generation) session.setLoadingOlder(false);
      this.options.notifyError(this.options.words.errorText(e, this.options.words.t('Earlier messages could not be loaded.')));
    }
  }

  private get pageSize(): number {
    return this.options.pageSize ?? 20;
  }

  private async clientOrNotice(): Promise<DifyClient | undefined> {
    const clients = this.options.clients;
    const client = await clients.getClient();
    if (!client) this.options.notifyError(this.options.words.t('Profile “{0}” has no API key. Set the key first.', clients.profileName));
    return client;
  }
}
