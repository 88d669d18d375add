import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConversationNaming, findConversationName } from '../../../../src/host/chat/conversationNaming';
import type { NamedConversation } from '../../../../src/host/chat/conversationNaming';
import { conversation, fakeClient, FakeClients, silentLog } from '../clientFakes';

/** The conversation as a session holds it. */
class Conversation implements NamedConversation {
  constructor(
    public conversationId: string | undefined,
    public conversationName: string | undefined,
  ) {}
  setName(id: string, name: string): void {
    if (id === this.conversationId) this.conversationName = name;
  }
}

/** Dify's conversation list, answering each GET /conversations with the next name for `c-1`. */
function namesInTurn(clients: FakeClients, names: string[]): { calls: () => number } {
  let calls = 0;
  clients.client = fakeClient({
    conversations: () => {
      const name = names[Math.min(calls, names.length - 1)] ?? '';
      calls++;
      return Promise.resolve({ limit: 20, hasMore: false, data: [conversation('c-0', 'other'), conversation('c-1', name)] });
    },
  });
  return { calls: () => calls };
}

function setup(names: string[], delaysMs: number[] = [10, 20, 40]) {
  const clients = new FakeClients();
  const dify = namesInTurn(clients, names);
  const convo = new Conversation('c-1', 'Hello from the integ…');
  const slept: number[] = [];
  const renamed: Array<[string, string]> = [];
  const naming = new ConversationNaming({
    clients,
    conversation: convo,
    log: silentLog,
    signal: () => new AbortController().signal,
    sleep: (ms) => (slept.push(ms), Promise.resolve()),
    delaysMs,
    onRenamed: (id, name) => renamed.push([id, name]),
  });
  return { naming, convo, dify, slept, renamed };
}

describe('ConversationNaming: Dify\'s auto-generated name reaches the panel', () => {
  test('after the first answer it looks until the name changes, then stops', async () => {
    const { naming, convo, dify, slept, renamed } = setup(['Hello from the integ…', 'Greeting and capabilities']);
    naming.started('c-1');
    await naming.answerFinished('c-1');
    assert.deepEqual(slept, [10, 20], 'two looks: the provisional name, then the generated one');
    assert.equal(dify.calls(), 2);
    assert.equal(convo.conversationName, 'Greeting and capabilities');
    assert.deepEqual(renamed, [['c-1', 'Greeting and capabilities']]);
  });

  test('only conversations started here, and only once', async () => {
    const { naming, dify } = setup(['New name']);
    await naming.answerFinished('c-1');
    await naming.answerFinished(undefined);
    assert.equal(dify.calls(), 0, 'not started here: no look');
    naming.started('c-1');
    await naming.answerFinished('c-1');
    const after = dify.calls();
    await naming.answerFinished('c-1');
    assert.equal(dify.calls(), after, 'the second answer does not look again');
  });

  test('gives up after the last delay when the name never changes', async () => {
    const { naming, slept, renamed } = setup(['Hello from the integ…']);
    naming.started('c-1');
    await naming.answerFinished('c-1');
    assert.deepEqual(slept, [10, 20, 40]);
    assert.deepEqual(renamed, []);
  });

  test('stops when the panel moved to another conversation, or was disposed', async () => {
    const moved = setup(['New name']);
    moved.naming.started('c-1');
    moved.convo.conversationId = 'c-2';
    await moved.naming.answerFinished('c-1');
    assert.equal(moved.dify.calls(), 0);

    const disposed = setup(['New name']);
    disposed.naming.started('c-1');
    disposed.naming.dispose();
    await disposed.naming.answerFinished('c-1');
    assert.equal(disposed.dify.calls(), 0);
  });

  test('findConversationName: the name among the recently updated conversations, or undefined', async () => {
    const clients = new FakeClients();
    namesInTurn(clients, ['Named']);
    const client = await clients.getClient();
    assert.ok(client);
    const signal = new AbortController().signal;
    assert.equal(await findConversationName(client, 'c-1', signal), 'Named');
    assert.equal(await findConversationName(client, 'c-404', signal), undefined);
  });
});
