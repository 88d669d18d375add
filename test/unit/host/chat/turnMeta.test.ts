import { describe, test } from 'node:test';
import { englishWords, say } from '../messages/english';
import assert from 'node:assert/strict';
import { TurnMeta } from '../../../../src/host/chat/turnMeta';
import { ChatSession } from '../../../../src/chat/session';
import { turnFromHistory } from '../../../../src/chat/storedTurns';
import { DifyError } from '../../../../src/dify/errors';
import type { HostMessage } from '../../../../src/protocol';
import { fakeClient, FakeClients, silentLog, storedMessage } from '../clientFakes';
import type { FakeClientScript } from '../clientFakes';

function setup(script: FakeClientScript = {}) {
  const clients = new FakeClients();
  clients.client = fakeClient(script);
  const posted: HostMessage[] = [];
  const errors: string[] = [];
  const debug: string[] = [];
  const session = new ChatSession({ post: (m) => posted.push(m), describe: say });
  session.load({ id: 'c-1' }, [turnFromHistory(storedMessage('m1'), say), turnFromHistory(storedMessage('m2'), say)], false, {});
  const meta = new TurnMeta({
    words: englishWords,
    clients,
    session,
    log: { ...silentLog, debug: (m: string) => void debug.push(m) },
    signal: () => new AbortController().signal,
    notifyError: (m) => errors.push(m),
  });
  return { meta, session, clients, posted, errors, debug };
}

describe('TurnMeta: ratings and follow-up questions', () => {
  test('a rating shows at once and reaches Dify; the same rating again does nothing', async () => {
    const sent: Array<[string, string | null]> = [];
    const { meta, session, posted } = setup({ feedback: (id, rating) => (sent.push([id, rating]), Promise.resolve()) });
    await meta.rate('m1', 'like');
    assert.equal(session.findTurn('m1')?.feedback, 'like');
    assert.deepEqual(sent, [['m1', 'like']]);
    await meta.rate('m1', 'like');
    assert.deepEqual(sent, [['m1', 'like']], 'no second request');
    await meta.rate('m1', null);
    assert.deepEqual(sent, [['m1', 'like'], ['m1', null]]);
    assert.deepEqual(posted.map((m) => (m.type === 'turnMeta' ? m.feedback : m.type)), ['like', null]);
  });

  test('a refused rating goes back, with one sentence', async () => {
    const serverError = { id: 'http.serverError', status: 500 } as const;
    const { meta, session, errors } = setup({ feedback: () => Promise.reject(new DifyError({ kind: 'server', problem: serverError })) });
    await meta.rate('m1', 'dislike');
    assert.equal(session.findTurn('m1')?.feedback, null, 'back to no rating');
    assert.deepEqual(errors, [say(serverError)]);
  });

  test('no key: the rating goes back and says to set it', async () => {
    const { meta, session, clients, errors } = setup();
    clients.client = undefined;
    await meta.rate('m1', 'like');
    assert.equal(session.findTurn('m1')?.feedback, null);
    assert.deepEqual(errors, ['Set the API key to rate answers.']);
  });

  test('an unknown turn is not rated', async () => {
    const { meta, errors, posted } = setup();
    await meta.rate('nope', 'like');
    assert.deepEqual(errors, []);
    assert.deepEqual(posted, []);
  });

  test('follow-ups: non-blank ones, at most five, on the latest turn only; a failure just means none', async () => {
    const { meta, session, debug } = setup({ suggested: () => Promise.resolve(['One', ' ', 'Two', 'Three', 'Four', 'Five', 'Six']) });
    await meta.loadSuggestions('m2', 'm2');
    assert.deepEqual(session.findTurn('m2')?.suggestions, ['One', 'Two', 'Three', 'Four', 'Five']);
    await meta.loadSuggestions('m1', 'm1');
    assert.deepEqual(session.findTurn('m1')?.suggestions, [], 'an older turn gets none');

    const failing = setup({ suggested: () => Promise.reject(new DifyError({ kind: 'notFound', problem: { id: 'http.notFound', target: 'message' } })) });
    await failing.meta.loadSuggestions('m2', 'm2');
    assert.deepEqual(failing.session.findTurn('m2')?.suggestions, []);
    assert.deepEqual(failing.errors, [], 'nothing shown to the user');
    assert.deepEqual(failing.debug, ['chat: suggestions unavailable (notFound)']);
    assert.deepEqual(debug, []);
  });
});
