/**
 * Which server each API key was entered for. The key's origin is not secret; it lets the extension notice
 * that a key would now go somewhere else (a changed base URL, a redirect) and ask first. Kept behind this
 * interface so where it lives can change (today global state; later the secret itself) without touching
 * the consent dialogs or the key store's callers. No vscode import.
 */
import type { GlobalStore, StateMap } from '../globalStore';
import { parseNonEmptyString } from '../globalStore';

/** The origin each profile's key is bound to. */
export interface OriginBinding {
  /** The origin the profile's key was entered for, or undefined when none is recorded. */
  boundOrigin(profileId: string): Promise<string | undefined>;
  /** Binds the profile's key to `origin`. */
  bind(profileId: string, origin: string): Promise<void>;
  /** Forgets the binding (the key was cleared or the profile removed). */
  forget(profileId: string): Promise<void>;
}

/** globalState: profile id -> the origin its key was entered for. */
export const KEY_ORIGINS_STATE_KEY = 'dify.keyOrigins';

/** The binding kept in global state, one entry per profile id. */
export class StateOriginBinding implements OriginBinding {
  private readonly origins: StateMap<string>;

  constructor(store: GlobalStore) {
    this.origins = store.map(KEY_ORIGINS_STATE_KEY, parseNonEmptyString);
  }

  async boundOrigin(profileId: string): Promise<string | undefined> {
    return this.origins.get(profileId);
  }

  async bind(profileId: string, origin: string): Promise<void> {
    if (this.origins.get(profileId) === origin) return;
    await this.origins.set(profileId, origin);
  }

  async forget(profileId: string): Promise<void> {
    await this.origins.delete(profileId);
  }
}
