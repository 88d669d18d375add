import { describe, test } from 'node:test';
import { englishWords, say } from '../messages/english';
import assert from 'node:assert/strict';
import { ConversationHistory } from '../../../../src/host/chat/conversationHistory';
import { ChatSession } from '../../../../src/chat/session';
import type { HistoryMessage, Page } from '../../../../src/dify/types';
import type { HostMessage } from '../../../../src/protocol';
import { conversation, deferred, fakeClient, FakeClients, silentLog, storedMessage } from '../clientFakes';
import type { FakeClientScript } from '../clientFakes';

function page(ids: string[], hasMore: boolean): Page<HistoryMessage> {
  return { limit: 2, hasMore, data: ids.map((id) => storedMessage(id)) };
}

function setup(script: FakeClientScript) {
  const clients = new FakeClients();
  clients.client = fakeClient(script);
  const posted: HostMessage[] = [];
  const session = new ChatSession({ post: (m) => posted.push(m), describe: say });
  const errors: string[] = [];
  let loaded = 0;
  const history = new ConversationHistory({
    words: englishWords,
    clients,
    session,
    log: silentLog,
    signal: () => new AbortController().signal,
    pageSize: 2,
    notifyError: (m) => errors.push(m),
    onLoaded: () => loaded++,
  });
  return { history, session, clients, errors, posted, loaded: () => loaded };
}

describe('ConversationHistory: opening stored conversations and paging back', () => {
  test('open shows the newest page with its name and stored inputs; older pages go in front', async () => {
    const asked: Array<string | undefined> = [];
    const { history, session, loaded, posted } = setup({
      messages: (q) => (asked.push(q.firstId), Promise.resolve(q.firstId === undefined ? page(['m3', 'm4'], true) : page(['m1', 'm2'], false))),
      conversations: () => Promise.resolve({ limit: 20, hasMore: false, data: [conversation('c-1', 'Stored chat')] }),
    });
    await history.open('c-1');
    assert.equal(session.conversationId, 'c-1');
    assert.equal(session.conversationName, 'Stored chat', 'the name was looked up');
    assert.deepEqual(session.turns.map((t) => t.id), ['m3', 'm4']);
    assert.deepEqual({ ...session.inputs }, { topic: 'stored' });
    assert.equal(session.snapshot().conversation.hasOlder, true);
    await history.loadOlder();
    assert.deepEqual(session.turns.map((t) => t.id), ['m1', 'm2', 'm3', 'm4']);
    assert.deepEqual(asked, [undefined, 'm3'], 'paged backwards from the oldest shown');
    assert.equal(session.loadingOlder, false);
    assert.equal(loaded(), 1, 'opening asks for the full state; an older page does not');
    const older = posted.filter((m) => m.type === 'olderTurns');
    assert.deepEqual(older.map((m) => m.turns.map((t) => t.id)), [['m1', 'm2']], 'the older page went to the panel on its own');
  });

  test('inputs remembered for a conversation started here win over the stored ones', async () => {
    const { history, session } = setup({ messages: () => Promise.resolve(page(['m1'], false)) });
    history.rememberInputs('c-1', { topic: 'typed here' });
    await history.open('c-1', 'Known name');
    assert.deepEqual({ ...session.inputs }, { topic: 'typed here' });
    assert.equal(session.conversationName, 'Known name');
  });

  test('a page for a conversation that was superseded meanwhile is dropped', async () => {
    const slow = deferred<Page<HistoryMessage>>();
    const { history, session, loaded } = setup({ messages: () => slow.promise });
    const opening = history.open('c-1', 'Old');
    history.supersede();
    slow.resolve(page(['m1'], false));
    await opening;
    assert.equal(session.conversationId, undefined);
    assert.equal(loaded(), 0);
  });

  test('one older page at a time; a failure says so and can be tried again', async () => {
    const older = deferred<Page<HistoryMessage>>();
    const olderAsked = deferred<void>();
    let calls = 0;
    const { history, session, errors } = setup({
      messages: (q) => {
        calls++;
        if (q.firstId === undefined) return Promise.resolve(page(['m3'], true));
        olderAsked.resolve();
        return older.promise;
      },
    });
    await history.open('c-1', 'Chat');
    const first = history.loadOlder();
    await olderAsked.promise;
    assert.equal(session.loadingOlder, true);
    await history.loadOlder();
    assert.equal(calls, 2, 'the second click did not ask again');
    older.reject(new TypeError('network down'));
    await first;
    assert.equal(session.loadingOlder, false, 'the button works again');
    assert.deepEqual(errors, ['Earlier messages could not be loaded.']);
  });

  test('no key: one sentence, nothing loaded', async () => {
    const { history, session, clients, errors } = setup({});
    clients.client = undefined;
    await history.open('c-1');
    assert.equal(session.conversationId, undefined);
    assert.deepEqual(errors, ['Profile “Local” has no API key. Set the key first.']);
  });
});
