import type { ConversationRow } from '../../chat/conversationList';
import type { PinCheck, PinMemento } from '../../chat/pins';
import { PINS_STATE_KEY, PinStore, pinScope, pruneGonePins } from '../../chat/pins';
import { isDifyError } from '../../dify/errors';
import type { ClientProvider } from '../clientProvider';
import type { SyncableState } from '../syncedKeys';
import { syncKeys } from '../syncedKeys';
import { readYourWrites } from '../readYourWrites';

/**
 * The Pinned group's data: the pin store of the active profile and its end user (kept in global state and
 * carried by Settings Sync), and the check that prunes a pin whose conversation Dify no longer has.
 */
export class PinnedConversations {
  readonly store: PinStore;

  constructor(
    state: PinMemento & SyncableState,
    private readonly clients: ClientProvider,
    userId: () => string,
  ) {
    // The view every other part of the extension uses too: one set of synced keys, one record of pending writes.
    const shared = readYourWrites(state);
    syncKeys(shared, PINS_STATE_KEY);
    this.store = new PinStore(shared, () => pinScope(clients.profileId, userId()));
  }

  /** The pinned conversations, as loaded rows where they are loaded, else as the pin remembers them. */
  rows(loaded: (id: string) => ConversationRow | undefined): ConversationRow[] {
    return this.store.list().map((p) => loaded(p.id) ?? { id: p.id, name: p.name, createdAt: 0, updatedAt: 0 });
  }

  ids(): Set<string> {
    return new Set(this.store.list().map((p) => p.id));
  }

  /**
   * Prunes the pins whose conversation is gone; those in `known` exist (they are on a loaded page). A pin is
   * only dropped on Dify's 404 for its history; any other failure keeps it. Returns the ids pruned.
   */
  async prune(known: ReadonlySet<string>, signal?: AbortSignal): Promise<string[]> {
    // The scope before the client: a client of the app switched to afterwards must not judge the old app's pins.
    const scope = this.store.currentScope();
    const client = await this.clients.getClient();
    if (!client) return [];
    const check = async (id: string): Promise<PinCheck> => {
      try {
        await client.messages({ conversationId: id, limit: 1 }, signal);
        return 'exists';
      } catch (e) {
        return isDifyError(e) && e.kind === 'notFound' ? 'gone' : 'unknown';
      }
    };
    return pruneGonePins(this.store, known, check, scope);
  }
}
