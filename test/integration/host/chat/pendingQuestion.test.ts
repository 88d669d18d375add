// A question asked while the app is still being resolved, in the real extension host against the simulator: a
// chat controller of its own, over a connection stand-in whose client lookup waits for the test to open a gate
// (the profile or its key being resolved, as right after `npm start`). The question is shown pending, Stop ends
// it, and once the app is resolved it goes to the app the header shows; too long a wait is one sentence and Retry.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DifyClient } from '../../../../src/dify/client';
import { ChatController } from '../../../../src/host/chat/chatController';
import type { ClientProvider } from '../../../../src/host/clientProvider';
import type { HostMessage } from '../../../../src/protocol';
import type { ChatState, Turn } from '../../../../src/shared/chatState';
import type { SimEnv } from '../../support';
import { admin, nextMessage, simEnv } from '../../support';

/** The start-up of `npm start`: the default "Dify" profile (no key) is active until the seed makes "Simulator" active. */
class ResolvingClients implements ClientProvider {
  profileId = 'default';
  profileName = 'Dify';
  connectionState: { status: string; detail?: string } = { status: 'noKey' };
  private client: DifyClient | undefined;
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  async getClient(): Promise<DifyClient | undefined> {
    await this.gate;
    return this.client;
  }

  /** What the development seed does: another profile, with its key, becomes active. */
  switchTo(id: string, name: string, client: DifyClient | undefined): void {
    Object.assign(this, { profileId: id, profileName: name, client, connectionState: { status: client ? 'connected' : 'noKey' } });
    this.emitter.fire();
  }

  /** The same profile, its key found (no change event: nothing about the profile changed). */
  provide(client: DifyClient): void {
    Object.assign(this, { client, connectionState: { status: 'connected' } });
  }

  /** The profile and its key are resolved: client lookups answer from now on. */
  resolve(): void {
    this.open();
  }

  async promptForKey(): Promise<void> {}

  dispose(): void {
    this.resolve();
    this.emitter.dispose();
  }
}

const silentLog = { debug: (): void => undefined, warn: (): void => undefined, error: (): void => undefined };

describe('Chat panel: a question asked while the app is being resolved', function () {
  let sim: SimEnv;
  let clients: ResolvingClients;
  let chat: ChatController;
  let posted: HostMessage[];

  const lastTurn = (s: ChatState = chat.getState()): Turn | undefined => s.turns.at(-1);
  const simulatorClient = (): DifyClient => new DifyClient({ baseUrl: sim.baseUrl, apiKey: sim.keys.chat, user: 'pending-question-it' });
  const chatPosts = async (): Promise<number> => (await admin<{ chatPosts: number }>('GET', 'stats')).chatPosts;

  function open(resolveTimeoutMs?: number): void {
    clients = new ResolvingClients();
    chat = new ChatController(clients, { log: silentLog, ...(resolveTimeoutMs !== undefined ? { resolveTimeoutMs } : {}) });
    posted = [];
    chat.onDidPostMessage((m) => posted.push(m));
    // A view appears and asks for the app: "Connecting to Dify…" until the client lookup answers.
    chat.receive({ type: 'ready' });
    assert.deepEqual(chat.getState().connection, { status: 'loading', profileName: 'Dify' });
  }

  /** Sends a question the way the composer does, and waits until its pending turn is shown. */
  async function send(text: string): Promise<Turn> {
    const added = nextMessage(chat, 'turnAdded');
    chat.receive({ type: 'send', text, inputs: {} });
    return (await added).turn;
  }

  before(() => {
    sim = simEnv();
  });

  beforeEach(async () => {
    await admin('POST', 'reset');
  });

  afterEach(async () => {
    clients.resolve();
    await chat.stop();
    await chat.whenIdle();
    chat.dispose();
    clients.dispose();
  });

  it('right after start-up: shown pending, then sent to the profile that became active (not "no API key")', async () => {
    open();
    const turn = await send('What can you do?');
    assert.equal(turn.answer.status, 'waiting');
    assert.equal(chat.busy, true, 'pending: Stop is offered');
    assert.equal(await chatPosts(), 0, 'nothing went out before the app was resolved');

    // The seed makes "Simulator" active, then the lookup answers.
    clients.switchTo('simulator', 'Simulator', simulatorClient());
    const carried = lastTurn();
    assert.equal(carried?.question, 'What can you do?', 'the question waits for the new app');
    assert.equal(carried?.answer.status, 'waiting');
    clients.resolve();
    await chat.whenIdle();

    const state = chat.getState();
    assert.equal(state.connection.status, 'ready');
    assert.equal(state.app?.name, 'Sim Chatbot', 'the header shows the app the question went to');
    assert.equal(state.turns.length, 1);
    assert.equal(lastTurn(state)?.answer.status, 'done');
    assert.ok((lastTurn(state)?.answer.text.length ?? 0) > 0);
    assert.equal(await chatPosts(), 1);
    const log = (await admin<{ log: Array<{ path: string; body: string }> }>('GET', 'stats')).log;
    assert.ok(log.some((l) => l.path === '/v1/chat-messages' && l.body.includes('What can you do?')));
    assert.ok(!JSON.stringify(posted).includes('has no API key'), 'no "no API key" sentence was shown on the way');
  });

  it('Stop ends a pending question at once: stopped, nothing sent, even once the app is resolved', async () => {
    open();
    await send('Never mind');
    const idle = nextMessage(chat, 'busy', (m) => !m.busy);
    await chat.stop();
    await idle;
    assert.equal(chat.busy, false);
    assert.equal(lastTurn()?.answer.status, 'stopped');
    clients.switchTo('simulator', 'Simulator', simulatorClient());
    clients.resolve();
    await nextMessage(chat, 'state', (m) => m.state.connection.status === 'ready');
    assert.equal(await chatPosts(), 0);
  });

  it('resolved to a profile without a key: one sentence for that profile, with Retry', async () => {
    open();
    const turn = await send('Hello?');
    clients.resolve();
    await chat.whenIdle();
    const failed = lastTurn();
    assert.equal(failed?.id, turn.id);
    assert.equal(failed?.answer.status, 'failed');
    assert.equal(failed?.answer.error?.message, 'Profile “Dify” has no API key. Set the key, then Retry.');
  });

  it('longer than the connect timeout: one sentence and Retry; Retry sends it once the app is there', async () => {
    open(300);
    await send('Are you there?');
    await chat.whenIdle();
    const failed = lastTurn();
    assert.equal(failed?.answer.status, 'failed');
    assert.equal(failed?.answer.error?.message, 'The app of “Dify” was not ready within 300 ms, so the question was not sent; check the connection (Dify: Test Connection), then Retry.');
    assert.equal(await chatPosts(), 0);

    // The server was only slow: its app arrives, and Retry sends the question (a new turn; the failed one stays).
    clients.provide(simulatorClient());
    clients.resolve();
    await nextMessage(chat, 'state', (m) => m.state.connection.status === 'ready');
    const retried = nextMessage(chat, 'turnAdded');
    chat.receive({ type: 'retry', turnId: failed?.id ?? '' });
    const retry = (await retried).turn;
    await chat.whenIdle();
    assert.equal(retry.retryOf, failed?.id);
    assert.equal(chat.getState().turns.length, 2);
    assert.equal(lastTurn()?.answer.status, 'done');
    assert.equal(await chatPosts(), 1);
  });
});
