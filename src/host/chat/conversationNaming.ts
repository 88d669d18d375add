import type { ClientProvider } from '../clientProvider';
import type { ChatLog } from './chatLog';
import type { DifyClient } from '../../dify/client';
import { isDifyError } from '../../dify/errors';

/** The conversation being named, as the chat session holds it. */
export interface NamedConversation {
  readonly conversationId: string | undefined;
  readonly conversationName: string | undefined;
  setName(conversationId: string, name: string): void;
}

export interface ConversationNamingOptions {
  clients: ClientProvider;
  conversation: NamedConversation;
  log: ChatLog;
  signal: () => AbortSignal;
  sleep: (ms: number) => Promise<void>;
  /** Delays before each look for Dify's auto-generated name (it arrives about 1 s after the first answer). */
  delaysMs?: readonly number[];
  /** Dify's name replaced the one shown. */
  onRenamed: (id: string, name: string) => void;
}

const DEFAULT_DELAYS_MS: readonly number[] = [1_200, 2_000, 4_000];

/** Dify's name for a conversation, from the most recently updated ones (where a conversation being named is). */
export async function findConversationName(client: DifyClient, id: string, signal: AbortSignal): Promise<string | undefined> {
  const page = await client.conversations({ limit: 20 }, signal);
  return page.data.find((c) => c.id === id)?.name;
}

/**
 * Picks up the name Dify gives a conversation started here. Dify names a new conversation with its first 20
 * characters, then replaces that with an LLM-generated title about a second after the first answer: after
 * that answer, look a few times (GET /conversations) until the name changes.
 */
export class ConversationNaming {
  /** Conversations started here whose auto-generated name has not been looked for yet. */
  private readonly awaiting = new Set<string>();
  private disposed = false;

  constructor(private readonly options: ConversationNamingOptions) {}

  /** A conversation got its id from its first answer: its name is worth looking for once that answer ends. */
  started(id: string): void {
    this.awaiting.add(id);
  }

  /** A turn of conversation `id` ended: looks for the name if this conversation awaits one. */
  async answerFinished(id: string | undefined): Promise<void> {
    if (id === undefined || !this.awaiting.delete(id)) return;
    await this.refresh(id);
  }

  dispose(): void {
    this.disposed = true;
  }

  private async refresh(id: string): Promise<void> {
    const { conversation, clients } = this.options;
    const provisional = conversation.conversationName;
    for (const delay of this.options.delaysMs ?? DEFAULT_DELAYS_MS) {
      await this.options.sleep(delay);
      if (this.disposed || conversation.conversationId !== id) return;
      try {
        const client = await clients.getClient({ interactive: false });
        if (!client) return;
        const name = await findConversationName(client, id, this.options.signal());
        if (name === undefined || conversation.conversationId !== id) continue;
        if (name !== conversation.conversationName) {
          conversation.setName(id, name);
          this.options.onRenamed(id, name);
        }
        if (name !== provisional) return;
      } catch (e) {
        this.options.log.debug(`chat: conversation name refresh failed (${isDifyError(e) ? e.kind : 'error'})`);
      }
    }
  }
}
