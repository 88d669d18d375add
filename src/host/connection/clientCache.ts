import { DifyClient } from '../../dify/client';
import type { ConnectionHealth } from './connectionHealth';
import type { DifyLog, RequestLogEvent } from '../log';
import type { Profile } from './profileModel';
import type { ProfileStore } from './profileStore';
import * as settings from '../settings';

/** The options a DifyClient is built from (a seam for tests). */
export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  user: string;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  onRequest: (e: RequestLogEvent) => void;
}

export type CreateClient = (options: ClientOptions) => DifyClient;

export interface ClientCacheDeps {
  store: ProfileStore;
  health: ConnectionHealth;
  log: DifyLog;
  createClient?: CreateClient;
}

/**
 * Builds DifyClients from a profile and a key (every request logged), and keeps the active profile's one
 * while nothing that shapes it (base URL, key, user id, timeouts) changed. The active app's traffic tells
 * the connection health how it goes.
 */
export class ClientCache {
  private cached: { signature: string; client: DifyClient } | undefined;
  private readonly createClient: CreateClient;

  constructor(private readonly deps: ClientCacheDeps) {
    this.createClient = deps.createClient ?? ((o) => new DifyClient(o));
  }

  /** The client for `profile` with its stored key; the active profile's one is reused while it fits. */
  clientFor(profile: Profile, baseUrl: string, key: string): DifyClient {
    const signature = this.signature(profile, baseUrl, key);
    if (this.cached?.signature === signature) return this.cached.client;
    const client = this.createClient(this.options(profile, baseUrl, key, true));
    if (profile.id === this.deps.store.active.id) this.cached = { signature, client };
    return client;
  }

  /** A client that is not kept and does not speak for the connection's health (a key being checked, no key). */
  oneOff(profile: Profile, baseUrl: string, key: string): DifyClient {
    return this.createClient(this.options(profile, baseUrl, key, false));
  }

  /** Forgets the kept client (the active app, its key or its settings changed). */
  clear(): void {
    this.cached = undefined;
  }

  private signature(profile: Profile, baseUrl: string, key: string): string {
    // The key itself never goes into a string that lives on: a short hash is enough to tell keys apart.
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
    return JSON.stringify([profile.id, baseUrl, this.deps.store.userFor(profile), h, settings.requestTimeoutSeconds(), settings.idleTimeoutSeconds()]);
  }

  private options(profile: Profile, baseUrl: string, apiKey: string, tracksHealth: boolean): ClientOptions {
    return {
      baseUrl,
      apiKey,
      user: this.deps.store.userFor(profile),
      connectTimeoutMs: settings.requestTimeoutSeconds() * 1000,
      idleTimeoutMs: settings.idleTimeoutSeconds() * 1000,
      onRequest: (e) => {
        this.deps.log.request(e);
        if (tracksHealth && profile.id === this.deps.store.active.id) this.deps.health.noteTraffic(e);
      },
    };
  }
}
