import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UPDATE_INTERVAL_MS } from '../../../src/chat/coalescer';
import { provisionalName } from '../../../src/chat/session';
import { DifyError } from '../../../src/dify/errors';
import { applyTurnUpdate } from '../../../src/protocol';
import { emptyAnswer } from '../../../src/shared/answer';
import { delta, end, errorFrame, settle, setupSession as setup } from './fakes';

describe('ChatSession coalescing (injected clock)', () => {
  test('1,000 deltas within one window: the first text goes at once, the rest of the burst is one update; the final state is flushed at once', async () => {
    const { session, backend, scheduler, of, source } = setup();
    const stream = backend.next();
    const turn = session.send('hi', source)!;
    await settle();
    for (let i = 0; i < 1000; i++) stream.push(delta(`t${i} `));
    await settle();
    // The first token is not held back by the window: the wait for it is what a user feels most.
    assert.equal(of('turnUpdate').length, 1);
    assert.equal(of('turnUpdate')[0]!.append, 't0 ');
    // The other 999 deltas are in, but the window has not closed: nothing more went out yet.
    scheduler.advance(UPDATE_INTERVAL_MS - 1);
    assert.equal(of('turnUpdate').length, 1);
    scheduler.advance(1);
    assert.equal(of('turnUpdate').length, 2, 'one message for the rest of the burst');
    const expected = Array.from({ length: 999 }, (_, i) => `t${i + 1} `).join('');
    const second = of('turnUpdate')[1]!;
    assert.equal(second.turnId, turn.id);
    assert.equal(second.append, expected);
    // The end arrives: sent immediately, no timer needed.
    stream.push(end());
    stream.end();
    await session.whenIdle();
    const updates = of('turnUpdate');
    assert.equal(updates.length, 3);
    assert.equal(updates[2]!.patch.status, 'done');
    assert.equal(scheduler.pending, 0, 'no timer left behind');
    // Replaying the updates on the webview side gives exactly the host's answer.
    let a = emptyAnswer();
    for (const u of updates) a = applyTurnUpdate(a, u);
    assert.deepEqual(a, session.turns[0]!.answer);
  });

  test('steady streaming sends at most one update per window (and the first text at once)', async () => {
    const { session, backend, scheduler, of, source } = setup();
    const stream = backend.next();
    session.send('hi', source);
    await settle();
    for (let i = 0; i < 300; i++) {
      stream.push(delta('x'));
      await settle();
      scheduler.advance(5); // 300 deltas over 1.5 s
    }
    const count = of('turnUpdate').length;
    assert.ok(count <= Math.ceil(1500 / UPDATE_INTERVAL_MS) + 1, `sent ${count}`);
    assert.ok(count >= (1500 / UPDATE_INTERVAL_MS) * 0.8, `sent ${count}: updates must keep flowing while streaming`);
    stream.push(end());
    stream.end();
    await session.whenIdle();
    assert.equal(session.turns[0]!.answer.text, 'x'.repeat(300));
  });

  test('a full snapshot resets the baseline: the next update is relative to it', async () => {
    const { session, backend, scheduler, of, source } = setup();
    const stream = backend.next();
    session.send('hi', source);
    await settle();
    stream.push(delta('Hello'));
    await settle();
    assert.equal(of('turnUpdate').length, 1, 'the first text goes at once');
    stream.push(delta(' there'));
    await settle();
    const snap = session.snapshot();
    assert.equal(snap.turns[0]!.answer.text, 'Hello there');
    assert.equal(snap.busy, true);
    stream.push(delta(', world'));
    await settle();
    scheduler.advance(UPDATE_INTERVAL_MS);
    const updates = of('turnUpdate').slice(1);
    assert.equal(updates.length, 1);
    assert.equal(updates[0]!.append, ', world');
    stream.end();
    await session.whenIdle();
  });

  test('a snapshot not sent (markSent false) leaves the baseline alone', async () => {
    const { session, backend, scheduler, of, source } = setup();
    const stream = backend.next();
    session.send('hi', source);
    await settle();
    stream.push(delta('Hello'));
    await settle();
    stream.push(delta(' there'));
    await settle();
    session.snapshot(false);
    scheduler.advance(UPDATE_INTERVAL_MS);
    assert.equal(of('turnUpdate')[0]!.append, 'Hello');
    assert.equal(of('turnUpdate')[1]!.append, ' there');
    stream.end();
    await session.whenIdle();
  });
});

describe('ChatSession turns, stop, retry, errors', () => {
  test('a send adds a visible waiting turn, marks busy, keeps the conversation id and names it provisionally', async () => {
    const { session, backend, of, started, finished, source } = setup();
    const stream = backend.next();
    const turn = session.send('What is the capital of France, please?', source)!;
    assert.equal(of('turnAdded').length, 1);
    assert.equal(of('turnAdded')[0]!.turn.question, 'What is the capital of France, please?');
    assert.equal(of('turnAdded')[0]!.turn.answer.status, 'waiting');
    assert.deepEqual(of('busy').map((b) => b.busy), [true]);
    assert.equal(session.send('another', source), undefined, 'sending is blocked while streaming');
    await settle();
    stream.push(delta('Paris.'), end());
    stream.end();
    await session.whenIdle();
    assert.equal(turn.answer.status, 'done');
    assert.equal(session.conversationId, 'c-1');
    assert.equal(session.conversationName, provisionalName('What is the capital of France, please?'));
    assert.equal(session.conversationName, 'What is the capital \u2026');
    assert.deepEqual(started, ['c-1']);
    assert.deepEqual(finished, [turn.id]);
    assert.deepEqual(of('busy').map((b) => b.busy), [true, false]);
    assert.equal(of('conversation').at(-1)!.conversation.id, 'c-1');
    assert.equal(session.inputsLocked, true);
    assert.equal(backend.streams[0]!.request!.conversationId, undefined, 'the first question starts a conversation');
    // The next question continues it.
    const second = backend.next();
    session.send('And Germany?', source);
    await settle();
    assert.equal(second.request!.conversationId, 'c-1');
    second.push(delta('Berlin.', { messageId: 'm-2', taskId: 'task-2' }), end({ messageId: 'm-2', taskId: 'task-2' }));
    second.end();
    await session.whenIdle();
    assert.equal(session.turns.length, 2);
    assert.equal(started.length, 1, 'started only once');
  });

  test('Stop aborts the request, calls the stop route with the task id, keeps the partial text, marks stopped', async () => {
    const { session, backend, of, source } = setup();
    const stream = backend.next();
    const turn = session.send('long answer please', source)!;
    await settle();
    stream.push(delta('Partial ', { taskId: 'task-9' }), delta('answer', { taskId: 'task-9' }));
    await settle();
    await session.stop();
    await session.whenIdle();
    assert.deepEqual(backend.stops, ['task-9']);
    assert.equal(turn.answer.status, 'stopped');
    assert.equal(turn.answer.text, 'Partial answer');
    assert.equal(session.busy, false);
    assert.equal(of('busy').at(-1)!.busy, false);
    assert.equal(of('turnUpdate').at(-1)!.patch.status, 'stopped', 'the stopped state reached the webview without waiting for a timer');
    // Stop again is a no-op.
    await session.stop();
    assert.deepEqual(backend.stops, ['task-9']);
  });

  test('Stop before the first event aborts without a stop call (no task id yet)', async () => {
    const { session, backend, source } = setup();
    backend.next();
    const turn = session.send('q', source)!;
    await settle();
    await session.stop();
    await session.whenIdle();
    assert.deepEqual(backend.stops, []);
    assert.equal(turn.answer.status, 'stopped');
  });

  test('an HTTP/network error fails the turn with one sentence; the question stays; Retry adds a new turn that completes', async () => {
    const { session, backend, of, source } = setup();
    const failing = backend.next();
    const turn = session.send('Explain monads', source)!;
    await settle();
    failing.fail(new DifyError({ kind: 'network', problem: { id: 'net.refused', host: '127.0.0.1:5001' } }));
    await session.whenIdle();
    assert.equal(turn.answer.status, 'failed');
    assert.equal(turn.answer.error?.kind, 'network');
    assert.equal(turn.answer.error?.message, 'Could not connect to 127.0.0.1:5001 (connection refused); check that Dify is running and the base URL’s host and port are right.');
    assert.equal(turn.question, 'Explain monads', 'the question is kept');
    assert.equal(session.busy, false);

    const ok = backend.next();
    const retry = session.retry(turn.id, source)!;
    assert.notEqual(retry.id, turn.id);
    assert.equal(retry.question, 'Explain monads');
    assert.equal(retry.retryOf, turn.id);
    assert.equal(of('turnAdded').length, 2, 'the retry is visible as a new turn');
    await settle();
    ok.push(delta('A monad is…'), end());
    ok.end();
    await session.whenIdle();
    assert.equal(retry.answer.status, 'done');
    assert.deepEqual(session.turns.map((t) => t.answer.status), ['failed', 'done']);
  });

  test('an error frame inside the stream fails the turn with its message', async () => {
    const { session, backend, source } = setup();
    const stream = backend.next();
    const turn = session.send('q', source)!;
    await settle();
    stream.push(delta('Par'), errorFrame('The model is overloaded.'));
    stream.end();
    await session.whenIdle();
    assert.equal(turn.answer.status, 'failed');
    assert.ok(turn.answer.error?.message, 'a sentence is shown');
    assert.equal(turn.answer.text, 'Par');
  });

  test('a stream cut off (interrupted) keeps the partial text and can be retried', async () => {
    const { session, backend, source } = setup();
    const stream = backend.next();
    const turn = session.send('q', source)!;
    await settle();
    stream.push(delta('Half an answ'));
    await settle();
    stream.fail(new DifyError({ kind: 'interrupted', problem: { id: 'stream.broken', host: '127.0.0.1:5001' } }));
    await session.whenIdle();
    assert.equal(turn.answer.status, 'interrupted');
    assert.equal(turn.answer.text, 'Half an answ');
    assert.equal(turn.answer.error?.message, 'The connection to 127.0.0.1:5001 broke before the answer was complete; the partial answer is kept, so try again.');
  });

  test('a stream that simply ends without message_end is interrupted, not done', async () => {
    const { session, backend, source } = setup();
    const stream = backend.next();
    const turn = session.send('q', source)!;
    await settle();
    stream.push(delta('abc'));
    stream.end();
    await session.whenIdle();
    assert.equal(turn.answer.status, 'interrupted');
    assert.ok(turn.answer.error?.message);
  });

  test('no backend (e.g. no key): the turn fails with the provider\'s sentence, and Retry works once there is one', async () => {
    const { session, backend, source } = setup();
    const turn = session.send('q', () => Promise.reject(new DifyError({ kind: 'auth', problem: { id: 'apiKey.missing', profileName: 'Default' } })))!;
    await session.whenIdle();
    assert.equal(turn.answer.status, 'failed');
    assert.equal(turn.answer.error?.message, 'Profile “Default” has no API key. Set the key, then Retry.');
    const s = backend.next();
    const retry = session.retry(turn.id, source)!;
    await settle();
    s.push(delta('ok'), end());
    s.end();
    await session.whenIdle();
    assert.equal(retry.answer.status, 'done');
  });

  test('a non-Dify error still becomes one sentence (never a stack trace)', async () => {
    const { session, backend, source } = setup();
    const stream = backend.next();
    const turn = session.send('q', source)!;
    await settle();
    stream.fail(new TypeError('x is not a function'));
    await session.whenIdle();
    assert.equal(turn.answer.status, 'failed');
    assert.doesNotMatch(turn.answer.error!.message, /not a function|TypeError/);
  });

  test('New chat during a stream discards it: the stop route is called and nothing more is posted for it', async () => {
    const { session, backend, posted, source } = setup();
    const stream = backend.next();
    session.send('q', source);
    await settle();
    stream.push(delta('abc'));
    await settle();
    session.reset({ topic: 'x' });
    const after = posted.length;
    stream.push(delta('more'));
    await settle();
    await session.whenIdle();
    assert.equal(posted.length, after, 'no message for a discarded turn');
    assert.deepEqual(backend.stops, ['task-1']);
    assert.equal(session.turns.length, 0);
    assert.equal(session.conversationId, undefined);
    assert.equal(session.busy, false);
    assert.deepEqual({ ...session.inputs }, { topic: 'x' });
  });

  test('dispose during a stream (a window reload) drops the request but does not stop Dify: it finishes and stores the answer', async () => {
    const { session, backend, posted, source } = setup();
    const stream = backend.next();
    session.send('q', source);
    await settle();
    stream.push(delta('abc'));
    await settle();
    session.dispose();
    const after = posted.length;
    stream.push(delta('more'));
    await settle();
    await session.whenIdle();
    assert.deepEqual(backend.stops, [], 'no stop call');
    assert.equal(stream.signal?.aborted, true, 'the request is aborted');
    assert.equal(posted.length, after, 'nothing more is posted');
  });

  test('suggestions belong to the latest turn only and are cleared by the next send', async () => {
    const { session, backend, of, source } = setup();
    const s1 = backend.next();
    const t1 = session.send('q1', source)!;
    await settle();
    s1.push(delta('a'), end());
    s1.end();
    await session.whenIdle();
    session.setSuggestions(t1.id, ['f1', 'f2']);
    assert.deepEqual(of('turnMeta').at(-1), { type: 'turnMeta', turnId: t1.id, suggestions: ['f1', 'f2'] });
    backend.next();
    const t2 = session.send('q2', source)!;
    assert.deepEqual(t1.suggestions, []);
    session.setSuggestions(t1.id, ['late']);
    assert.deepEqual(t1.suggestions, [], 'a late answer for an older turn is dropped');
    await session.stop();
    await session.whenIdle();
    assert.equal(t2.answer.status, 'stopped');
  });

  test('feedback toggles and posts turnMeta; inputs lock once the conversation exists', async () => {
    const { session, backend, of, source } = setup();
    assert.equal(session.setInputs({ a: 'x' }), true);
    const s = backend.next();
    const t = session.send('q', source)!;
    await settle();
    assert.deepEqual(s.request!.inputs, { a: 'x' });
    s.push(delta('a'), end());
    s.end();
    await session.whenIdle();
    assert.equal(session.setInputs({ a: 'y' }), false);
    session.setFeedback(t.id, 'like');
    session.setFeedback(t.id, 'like');
    session.setFeedback(t.id, null);
    assert.deepEqual(of('turnMeta').map((m) => m.feedback), ['like', null]);
  });

  test('history: load, prepend older pages, oldest message id', () => {
    const { session, of } = setup();
    const turn = (id: string) => ({ id, question: id, answer: { ...emptyAnswer(), status: 'done' as const, messageId: id }, feedback: null, suggestions: [] });
    session.load({ id: 'c-9', name: 'Old chat' }, [turn('m3'), turn('m4')], true, { a: 1 });
    assert.equal(session.conversationId, 'c-9');
    assert.equal(session.oldestMessageId, 'm3');
    session.prependOlder([turn('m1'), turn('m2')], false);
    assert.deepEqual(session.turns.map((t) => t.id), ['m1', 'm2', 'm3', 'm4']);
    const older = of('olderTurns');
    assert.equal(older.length, 1, 'an older page posts only itself');
    assert.deepEqual(older[0]!.turns.map((t) => t.id), ['m1', 'm2']);
    assert.deepEqual(older[0]!.conversation, { id: 'c-9', name: 'Old chat', hasOlder: false, loadingOlder: false });
    const snap = session.snapshot();
    assert.equal(snap.conversation.hasOlder, false);
    assert.equal(snap.conversation.name, 'Old chat');
    assert.equal(snap.inputsLocked, true);
  });
});

describe('provisionalName', () => {
  test('20 characters plus an ellipsis, like Dify', () => {
    assert.equal(provisionalName('short'), 'short');
    assert.equal(provisionalName('12345678901234567890'), '12345678901234567890');
    assert.equal(provisionalName('123456789012345678901'), '12345678901234567890\u2026');
    assert.equal(provisionalName('你好世界你好世界你好世界你好世界你好世界你好'), '你好世界你好世界你好世界你好世界你好世界\u2026');
  });
});
