import type { DifyClient } from '../../dify/client';
import type { ApiKeys } from './apiKeys';
import type { AppInfoCache } from './appInfoCache';
import { ContextKey, setContext } from '../commands';
import type { ConnectionHealth } from './connectionHealth';
import { Disposable } from '../disposables';
import type { HealthState } from './healthState';
import type { ProfileClients } from './profileClients';
import type { ProfileStore } from './profileStore';

export interface HealthCheckDeps {
  store: ProfileStore;
  keys: ApiKeys;
  clients: ProfileClients;
  appInfo: AppInfoCache;
  health: ConnectionHealth;
}

/**
 * The quiet check of the active app: `GET /info` without any dialog, whenever the active app, its
 * settings or its key change (and when asked). Only the newest check may set the state, so a slow answer
 * about the app before a switch cannot overwrite the one after it.
 */
export class HealthCheck extends Disposable {
  private generation = 0;

  constructor(private readonly deps: HealthCheckDeps) {
    super();
    this.register(deps.clients.onDidChange(() => void this.refresh()));
  }

  /** Checks the active app and updates the health; the context key `dify.hasApiKey` follows. Returns the state reached. */
  async refresh(): Promise<HealthState> {
    const { store, keys, clients, appInfo, health } = this.deps;
    const generation = ++this.generation;
    const profile = store.active;
    void setContext(ContextKey.hasApiKey, await keys.has(profile.id));
    let client: DifyClient | undefined;
    try {
      client = await clients.getClientFor(profile, { interactive: false });
    } catch {
      return health.state;
    }
    if (!client) return health.state;
    if (generation === this.generation) health.set({ status: 'checking' });
    try {
      const info = await client.info();
      if (generation !== this.generation) return health.state;
      await appInfo.remember(profile.id, { name: info.name, mode: info.mode });
      health.setApp(info);
    } catch (e) {
      if (generation !== this.generation) return health.state;
      health.setError(e);
    }
    return health.state;
  }
}
