import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatAppLoader } from '../../../../src/host/chat/chatAppLoader';
import { TurnBackends } from '../../../../src/host/chat/turnBackend';
import type { TurnInputs } from '../../../../src/host/chat/turnBackend';
import { isDifyError } from '../../../../src/dify/errors';
import type { DifyClient } from '../../../../src/dify/client';
import type { Problem } from '../../../../src/dify/problems';
import type { InputValues } from '../../../../src/shared/chatState';
import { APP_PARAMETERS, deferred, fakeClient, FakeClients, silentLog } from '../clientFakes';
import { englishWords } from '../messages/english';

/** FakeClients whose getClient waits for the test to open the gate (the profile or key being resolved). */
class GatedClients extends FakeClients {
  gate = deferred<void>();
  readonly asked: Array<{ interactive?: boolean } | undefined> = [];
  override async getClient(options?: { interactive?: boolean }): Promise<DifyClient | undefined> {
    this.asked.push(options);
    await this.gate.promise;
    return super.getClient();
  }
}

class Inputs implements TurnInputs {
  inputs: InputValues = {};
  inputsLocked = false;
  setInputs(values: InputValues): boolean {
    this.inputs = values;
    return true;
  }
}

function setup(timeoutMs = 60_000) {
  const clients = new GatedClients();
  const loader = new ChatAppLoader({ clients, log: silentLog, words: englishWords, signal: () => new AbortController().signal, onLoading: () => undefined, onLoaded: () => undefined });
  const session = new Inputs();
  const backends = new TurnBackends({ clients, appLoader: loader, session, resolveTimeoutMs: () => timeoutMs });
  return { clients, loader, session, backends };
}

async function problemOf(p: Promise<unknown>): Promise<Problem> {
  try {
    await p;
  } catch (e) {
    assert.ok(isDifyError(e), `not a DifyError: ${String(e)}`);
    return e.problem;
  }
  assert.fail('it did not fail');
}

describe('TurnBackends: a question sent while the app is being resolved', () => {
  test('waits for the app being loaded, then goes out with its client and its input defaults', async () => {
    const { clients, loader, session, backends } = setup();
    const loading = loader.refresh();
    let settled = false;
    const backend = backends.source('hello', {})().finally(() => (settled = true));
    await Promise.resolve();
    assert.deepEqual(backends.waiting, { question: 'hello', options: {} });
    assert.equal(settled, false, 'it did not go out before the app was resolved');
    clients.gate.resolve();
    await loading;
    assert.equal(await backend, clients.client);
    assert.equal(backends.waiting, undefined);
    assert.deepEqual({ ...session.inputs }, { topic: 'VS Code' }, "the app's defaults apply");
    assert.deepEqual(clients.asked, [{ interactive: false }, undefined], 'the load is quiet; the question (the user sent it) may ask');
  });

  test('an app never loaded is loaded first', async () => {
    const { clients, loader, backends } = setup();
    assert.equal(loader.wantsLoad, true);
    const backend = backends.source('hello', {})();
    clients.gate.resolve();
    assert.equal(await backend, clients.client);
    assert.equal(loader.connection.status, 'ready');
  });

  test('nothing to resolve: it goes out at once', async () => {
    const { clients, loader, backends } = setup();
    clients.gate.resolve();
    await loader.refresh();
    assert.equal(await backends.source('hello', {})(), clients.client);
  });

  test('a newer load (another profile) replaces the one waited for: it waits for the newest', async () => {
    const { clients, loader, backends } = setup();
    const first = deferred<void>();
    const second = deferred<void>();
    clients.gate = first;
    void loader.refresh();
    const backend = backends.source('hello', {})();
    clients.gate = second;
    clients.profileName = 'Simulator';
    void loader.refresh();
    first.resolve();
    let settled = false;
    void backend.finally(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(settled, false, 'went out before the newest load landed');
    second.resolve();
    assert.equal(await backend, clients.client);
    assert.equal(loader.connection.profileName, 'Simulator');
  });

  test('Stop ends the wait: the wait fails as cancelled, nothing goes out', async () => {
    const { clients, loader, backends } = setup();
    void loader.refresh();
    const backend = backends.source('hello', {})();
    await Promise.resolve();
    backends.cancel();
    assert.deepEqual(await problemOf(backend), { id: 'request.cancelled' });
    assert.equal(backends.waiting, undefined);
    assert.equal(clients.asked.length, 1, 'only the load asked for a client');
  });

  test('longer than the connect timeout: one sentence (app.notReady), for Retry', async () => {
    const { loader, backends } = setup(20);
    void loader.refresh();
    assert.deepEqual(await problemOf(backends.source('hello', {})()), { id: 'app.notReady', profileName: 'Local', ms: 20 });
  });

  test('resolved without a key: no key for the profile resolved; a key not sent: not sent', async () => {
    const { clients, loader, backends } = setup();
    clients.gate.resolve();
    clients.client = undefined;
    clients.connectionState = { status: 'noKey' };
    clients.profileName = 'Simulator';
    await loader.refresh();
    assert.deepEqual(await problemOf(backends.source('hello', {})()), { id: 'apiKey.missing', profileName: 'Simulator' });
    clients.connectionState = { status: 'needsConfirmation', detail: 'not sent' };
    assert.deepEqual(await problemOf(backends.source('hello', {})()), { id: 'apiKey.notSent', profileName: 'Simulator' });
  });

  test('the resolved app needs an input the question has not got: one sentence naming it', async () => {
    const { clients, loader, backends } = setup();
    clients.gate.resolve();
    clients.client = fakeClient({
      parameters: () => Promise.resolve({ ...APP_PARAMETERS, userInputForm: [{ type: 'text-input', label: 'Ticket', variable: 'ticket', required: true }] }),
    });
    await loader.refresh();
    assert.deepEqual(await problemOf(backends.source('hello', {})()), { id: 'inputs.missing', fields: ['Ticket'] });
  });
});
