import { validateBaseUrl } from '../../dify/validate';
import type { ApiKeys } from './apiKeys';
import type { DifyLog } from '../log';
import { validationError } from '../messages';
import type { ProfileStore } from './profileStore';

/** The profile `npm start` connects to the Dify simulator through. */
export const DEV_PROFILE = { id: 'simulator', name: 'Simulator' } as const;

/**
 * Development seed (`npm start`): a "Simulator" profile pointing at the Dify simulator, its key in
 * SecretStorage, made active.
 */
export async function seedDevProfile(store: ProfileStore, keys: ApiKeys, log: DifyLog, baseUrl: string, apiKey: string): Promise<void> {
  const url = validateBaseUrl(baseUrl);
  if (!url.ok) {
    log.warn(`Development seed ignored: ${validationError(url)}`);
    return;
  }
  await store.put({ ...DEV_PROFILE, baseUrl: url.value });
  await keys.save(DEV_PROFILE.id, apiKey, url.value);
  await store.activate(DEV_PROFILE.id);
  log.info(`Development: using the "Simulator" profile at ${url.value}.`);
}
