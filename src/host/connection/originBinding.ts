/**
 * Which server each API key was entered for. The key's origin is not secret; it lets the extension notice that a
 * key would now go somewhere else (a changed base URL, a redirect) or has no recorded server at all, and ask
 * first. It is kept with the key, in the same secret (storedKey.ts), so nothing can separate the two: a reset
 * global state or another VS Code profile reading the secret sees the binding the key was stored with. Behind
 * this interface, the consent dialogs never learn where it lives. No vscode import.
 */
import type { StoredKey } from './storedKey';

/** The origin each profile's key is bound to. */
export interface OriginBinding {
  /** The origin the profile's key was entered for, or undefined when none is recorded (or there is no key). */
  boundOrigin(profileId: string): Promise<string | undefined>;
  /** Binds the profile's stored key to `origin` (nothing to bind without a key). */
  bind(profileId: string, origin: string): Promise<void>;
}

/** Where keys are read and written with their origins (the host's ApiKeys over SecretStorage). */
export interface StoredKeys {
  readStored(profileId: string): Promise<StoredKey | undefined>;
  writeStored(profileId: string, stored: StoredKey): Promise<void>;
}

/** globalState: profile id -> origin, where versions before the secret held the origin. Read by nothing; removed. */
export const LEGACY_KEY_ORIGINS_STATE_KEY = 'dify.keyOrigins';

/** The binding kept inside each key's secret: rebinding rewrites the secret with the same key. */
export class SecretOriginBinding implements OriginBinding {
  constructor(private readonly keys: StoredKeys) {}

  async boundOrigin(profileId: string): Promise<string | undefined> {
    return (await this.keys.readStored(profileId))?.origin;
  }

  async bind(profileId: string, origin: string): Promise<void> {
    const stored = await this.keys.readStored(profileId);
    if (stored === undefined || stored.origin === origin) return;
    await this.keys.writeStored(profileId, { key: stored.key, origin });
  }
}
