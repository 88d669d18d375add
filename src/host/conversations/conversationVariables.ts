import * as vscode from 'vscode';
import type { ConversationVariable } from '../../dify/types';
import type { ClientProvider } from '../clientProvider';
import { errorText } from '../messages';
import type { ConversationNode } from './nodes';

/** Variables read per conversation at most (Dify pages them 100 at a time). */
const MAX_VARIABLES = 1_000;

/**
 * A chatflow conversation's variables for the tree (`GET /conversations/:id/variables`, every page), read
 * when its row is expanded and kept until the conversation changes or the tree is refreshed. A failure
 * is one row with the sentence, and is asked again on the next expand.
 */
export class ConversationVariables {
  private readonly cache = new Map<string, Promise<ConversationNode[]>>();

  constructor(private readonly clients: ClientProvider) {}

  children(conversationId: string): Promise<ConversationNode[]> {
    let found = this.cache.get(conversationId);
    if (!found) {
      found = this.load(conversationId);
      this.cache.set(conversationId, found);
    }
    return found;
  }

  /** Forgets one conversation's variables (a turn may have changed them), or every conversation's. */
  forget(conversationId?: string): void {
    if (conversationId === undefined) this.cache.clear();
    else this.cache.delete(conversationId);
  }

  private async load(conversationId: string): Promise<ConversationNode[]> {
    try {
      const client = await this.clients.getClient();
      if (!client) return [];
      const all: ConversationVariable[] = [];
      let lastId: string | undefined;
      while (all.length < MAX_VARIABLES) {
        const page = await client.conversationVariables(conversationId, { limit: 100, ...(lastId ? { lastId } : {}) });
        all.push(...page.data);
        const last = page.data[page.data.length - 1];
        if (!page.hasMore || !last) break;
        lastId = last.id;
      }
      if (all.length === 0) return [{ type: 'note', conversationId, kind: 'empty', text: vscode.l10n.t('No variables') }];
      return all.map((variable) => ({ type: 'variable', conversationId, variable }));
    } catch (e) {
      this.cache.delete(conversationId);
      return [{ type: 'note', conversationId, kind: 'error', text: errorText(e, vscode.l10n.t('The variables could not be read.')) }];
    }
  }
}
