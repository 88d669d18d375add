import { describe, test } from 'node:test';
import { englishWords, say } from '../messages/english';
import assert from 'node:assert/strict';
import { ChatAppLoader } from '../../../../src/host/chat/chatAppLoader';
import { DifyError } from '../../../../src/dify/errors';
import type { AppInfo } from '../../../../src/dify/types';
import { APP_INFO, deferred, fakeClient, FakeClients, silentLog } from '../clientFakes';

function setup(clients = new FakeClients()) {
  const events: string[] = [];
  const warnings: string[] = [];
  const loader = new ChatAppLoader({
    words: englishWords,
    clients,
    log: { ...silentLog, warn: (m: string) => void warnings.push(m) },
    signal: () => new AbortController().signal,
    onLoading: () => events.push(`loading:${loader.connection.status}`),
    onLoaded: () => events.push(`loaded:${loader.connection.status}`),
  });
  return { loader, clients, events, warnings };
}

describe('ChatAppLoader: the app and the connection as the panel shows them', () => {
  test('starts loading; a load finds the app and says ready', async () => {
    const { loader, events } = setup();
    assert.deepEqual(loader.connection, { status: 'loading', profileName: 'Local' });
    const before = loader.app;
    assert.equal(before, undefined, 'no app before the first load');
    assert.equal(loader.wantsLoad, true, 'never loaded');
    await loader.refresh();
    assert.deepEqual(events, ['loading:loading', 'loaded:ready']);
    assert.deepEqual(loader.connection, { status: 'ready', profileName: 'Local' });
    assert.equal(loader.app?.name, 'Helper');
    assert.equal(loader.app?.openingStatement, 'Hello');
    assert.deepEqual(loader.app?.inputForm.map((f) => f.variable), ['topic']);
    assert.equal(loader.wantsLoad, false, 'loaded and ready: a new view does not reload');
  });

  test('no key: noKey, no app, and a view asking again gets another load', async () => {
    const clients = new FakeClients();
    clients.client = undefined;
    clients.connectionState = { status: 'noKey' };
    const { loader } = setup(clients);
    await loader.refresh();
    assert.deepEqual(loader.connection, { status: 'noKey', profileName: 'Local' });
    assert.equal(loader.app, undefined);
    assert.equal(loader.wantsLoad, true);
  });

  test('a key that was not sent: an error with the connection layer\'s sentence, or a default one', async () => {
    const clients = new FakeClients();
    clients.client = undefined;
    clients.connectionState = { status: 'needsConfirmation', detail: 'The key was not sent to the new server.' };
    const { loader } = setup(clients);
    await loader.refresh();
    assert.deepEqual(loader.connection, { status: 'error', profileName: 'Local', message: 'The key was not sent to the new server.' });
    clients.connectionState = { status: 'keyringError' };
    await loader.refresh();
    assert.equal(loader.connection.message, 'The API key was not sent. Run “Dify: Test Connection” to see why.');
    assert.equal(loader.wantsLoad, true);
  });

  test('a failed load: one sentence (Dify\'s, or the fallback), a warning without details', async () => {
    const clients = new FakeClients();
    const refused = { id: 'net.refused', host: '127.0.0.1:5001' } as const;
    clients.client = fakeClient({ info: () => Promise.reject(new DifyError({ kind: 'network', problem: refused })) });
    const { loader, warnings } = setup(clients);
    await loader.refresh();
    assert.deepEqual(loader.connection, { status: 'error', profileName: 'Local', message: say(refused) });
    assert.deepEqual(warnings, ['chat: loading the app failed (network)']);
    clients.client = fakeClient({ parameters: () => Promise.reject(new TypeError('a bug')) });
    await loader.refresh();
    assert.equal(loader.connection.message, 'The Dify app could not be reached. Check the connection, then try again.');
    assert.equal(loader.wantsLoad, true, 'a view asking again retries');
  });

  test('only the newest load lands; none is wanted while one is in flight', async () => {
    const clients = new FakeClients();
    const slow = deferred<AppInfo>();
    clients.client = fakeClient({ info: () => slow.promise });
    const { loader, events } = setup(clients);
    const first = loader.refresh();
    assert.equal(loader.wantsLoad, false, 'a load is in flight');
    clients.client = fakeClient({ info: () => Promise.resolve({ ...APP_INFO, name: 'Newer' }) });
    await loader.refresh();
    slow.resolve({ ...APP_INFO, name: 'Stale' });
    await first;
    assert.equal(loader.app?.name, 'Newer', 'the superseded load did not land');
    assert.deepEqual(events, ['loading:loading', 'loading:loading', 'loaded:ready']);
  });

  test('invalidate: the next view reloads; another app forgets the app until then', async () => {
    const { loader } = setup();
    await loader.refresh();
    loader.invalidate(false);
    assert.equal(loader.wantsLoad, true);
    assert.equal(loader.app?.name, 'Helper', 'the same app stays shown meanwhile');
    loader.invalidate(true);
    assert.equal(loader.app, undefined);
  });

  test('after dispose a load in flight does not land', async () => {
    const clients = new FakeClients();
    const slow = deferred<AppInfo>();
    clients.client = fakeClient({ info: () => slow.promise });
    const { loader, events } = setup(clients);
    const loading = loader.refresh();
    loader.dispose();
    slow.resolve(APP_INFO);
    await loading;
    assert.deepEqual(events, ['loading:loading']);
    assert.equal(loader.app, undefined);
  });
});
