/**
 * The global state keys Settings Sync carries. VS Code's `setKeysForSync` replaces the whole set each time it is
 * called, so every part that syncs a key adds it here and the set is sent whole. No vscode import: a memento
 * with `setKeysForSync` is all it needs.
 */

/** The part of VS Code's global state memento that registers keys for sync. */
export interface SyncableState {
  setKeysForSync(keys: readonly string[]): void;
}

const registered = new WeakMap<SyncableState, Set<string>>();

/** Adds `keys` to the keys Settings Sync carries for `state` (and keeps the ones added before). */
export function syncKeys(state: SyncableState, ...keys: string[]): void {
  const all = registered.get(state) ?? new Set<string>();
  for (const k of keys) all.add(k);
  registered.set(state, all);
  state.setKeysForSync([...all]);
}
