import { randomUUID } from 'node:crypto';
import { GlobalStore, parseNonEmptyString } from '../globalStore';
import type { StateMemento } from '../globalStore';
import { syncKeys } from '../syncedKeys';
import type { SyncableState } from '../syncedKeys';

/** globalState key of the generated end-user id; synced by Settings Sync so history follows the person. */
export const USER_ID_STATE_KEY = 'dify.userId';

/**
 * The default end-user id (`user` in every Dify request, which scopes conversations): a random id made once
 * and kept in globalState, registered with `setKeysForSync` so Settings Sync carries it to the person's other
 * machines. It is never derived from the OS user name or the machine (that would leak identity and split
 * history per machine). `dify.user` in settings, or a profile's own `user`, override it.
 */
export function ensureDefaultUserId(state: StateMemento & SyncableState): string {
  syncKeys(state, USER_ID_STATE_KEY);
  const cell = new GlobalStore(state).cell<string | undefined>(USER_ID_STATE_KEY, undefined, parseNonEmptyString);
  const existing = cell.get();
  if (existing !== undefined) return existing;
  const id = `vscode-${randomUUID()}`;
  void cell.set(id);
  return id;
}
