// How an answer ends (issue 9, items 6 and 7): at message_end, even when the server keeps the connection
// open (the rest drains in the background and still reaches onLateEvent), and at a limit (text, steps,
// events), with what arrived kept, one sentence that says which limit, and Dify told to stop.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnswerLimits } from '../../../src/chat/answerLimits';
import type { DifyEvent } from '../../../src/dify/events';
import { applyTurnUpdate } from '../../../src/protocol';
import { emptyAnswer } from '../../../src/shared/answer';
import { delta, end, settle, setupSession as setup } from './fakes';

/** A session with the given limits (the rest as in `fakes.ts`). */
function limited(limits: Partial<AnswerLimits>) {
  return setup({ limits: () => ({ maxTextBytes: Infinity, maxSteps: Infinity, maxEvents: Infinity, ...limits }) });
}

function node(id: string, event: 'node_started' | 'node_finished' = 'node_started'): DifyEvent {
  const data = { id, nodeId: `n-${id}`, nodeType: 'llm', title: id };
  return event === 'node_started'
    ? { event, workflowRunId: 'run', taskId: 'task-1', conversationId: 'c-1', data }
    : { event, workflowRunId: 'run', taskId: 'task-1', conversationId: 'c-1', data: { ...data, status: 'succeeded' } };
}

describe('ChatSession: the turn ends at message_end', () => {
  test('a server that keeps the stream open after message_end: not busy, the next question goes, the tail still drains', { timeout: 10_000 }, async () => {
    const late: Array<[string, string]> = [];
    const { session, backend, of, finished, source } = setup({ onLateEvent: (turnId, ev) => late.push([turnId, ev.event]) });
    const first = backend.next();
    const turn = session.send('hi', source)!;
    await settle();
    first.push(delta('Hello'), end());
    // The stream is not ended: a proxy keeps the connection open. The turn is over all the same.
    await session.whenIdle();
    assert.equal(session.busy, false);
    assert.deepEqual(of('busy').map((m) => m.busy), [true, false]);
    assert.deepEqual(finished, [turn.id]);
    assert.equal(session.turns[0]!.answer.status, 'done');
    // Speech follows message_end: it still arrives, for the turn it belongs to.
    first.push({ event: 'tts_message', taskId: 'task-1', audio: 'SUQz' }, { event: 'tts_message_end', taskId: 'task-1', audio: '' });
    await settle();
    assert.deepEqual(late, [
      [turn.id, 'tts_message'],
      [turn.id, 'tts_message_end'],
    ]);
    // The next question goes while the first stream still drains.
    const second = backend.next();
    const next = session.send('again', source);
    assert.ok(next, 'a second question is accepted');
    await settle();
    second.push(delta('Again'), end());
    second.end();
    await session.whenIdle();
    assert.equal(session.turns[1]!.answer.text, 'Again');
    // Late events of the first answer never touch it.
    assert.equal(session.turns[0]!.answer.text, 'Hello');
    first.end();
    await session.whenDrained();
  });

  test('New chat closes the stream of an answer that ended but still drains', { timeout: 10_000 }, async () => {
    const { session, backend, source } = setup();
    const first = backend.next();
    session.send('hi', source);
    await settle();
    first.push(delta('x'), end());
    await session.whenIdle();
    session.reset();
    await session.whenDrained();
    assert.deepEqual(backend.stops, [], 'an ended answer is not stopped');
  });
});

describe('ChatSession: answer limits', () => {
  test('text: the answer is cut at the limit (never inside a character), what arrived is kept, Dify is told to stop', async () => {
    const { session, backend, posted, finished, source } = limited({ maxTextBytes: 10 });
    const stream = backend.next();
    const turn = session.send('hi', source)!;
    await settle();
    stream.push(delta('字字'), delta('字字'), delta('never shown'));
    await session.whenIdle();
    const a = session.turns[0]!.answer;
    assert.equal(a.text, '字字字', '9 of the 10 bytes: a fourth 字 would not fit');
    assert.equal(a.status, 'interrupted');
    assert.equal(a.error?.kind, 'tooLarge');
    assert.equal(
      a.error?.message,
      'The answer was cut off at 10 bytes, the answer size limit (setting dify.chat.maxAnswerSizeMiB); the part that arrived is kept, so ask for a shorter answer or raise the limit, then Retry.',
    );
    assert.deepEqual(finished, [turn.id]);
    await session.whenDrained();
    assert.deepEqual(backend.stops, ['task-1']);
    // What the webview was told adds up to the same answer.
    let shown = emptyAnswer();
    for (const m of posted) if (m.type === 'turnUpdate') shown = applyTurnUpdate(shown, m);
    assert.deepEqual(shown, a);
  });

  test('text: a replacement (moderation) longer than the limit is cut too', async () => {
    const { session, backend, source } = limited({ maxTextBytes: 4 });
    const stream = backend.next();
    session.send('hi', source);
    await settle();
    stream.push(delta('ab'), { event: 'message_replace', taskId: 'task-1', answer: 'abcdefgh', reason: 'output_moderation' });
    await session.whenIdle();
    assert.equal(session.turns[0]!.answer.text, 'abcd');
    assert.equal(session.turns[0]!.answer.error?.kind, 'tooLarge');
  });

  test('steps: a workflow with more steps than the limit ends with its own sentence; updates of known steps go on', async () => {
    const { session, backend, source } = limited({ maxSteps: 2 });
    const stream = backend.next();
    session.send('hi', source);
    await settle();
    stream.push(node('a'), node('b'), node('a', 'node_finished'), node('b', 'node_finished'), node('c'));
    await session.whenIdle();
    const a = session.turns[0]!.answer;
    assert.deepEqual(a.workflow?.steps.map((s) => `${s.id}:${s.status}`), ['a:succeeded', 'b:succeeded']);
    assert.equal(a.status, 'interrupted');
    assert.equal(
      a.error?.message,
      'The answer was cut off after 2 workflow steps, agent thoughts or files, the most one answer may hold; the part that arrived is kept, so check the app in Dify, then Retry.',
    );
  });

  test('files and agent thoughts count against the step limit too', async () => {
    const file = (id: string): DifyEvent => ({ event: 'message_file', form: 'file', id, type: 'image', url: `https://x/${id}`, belongsTo: 'assistant', taskId: 'task-1' });
    const thought = (id: string): DifyEvent => ({ event: 'agent_thought', id, position: 1, thought: id, tool: '', toolInput: '', observation: '', toolLabels: {}, messageFiles: [], taskId: 'task-1' });
    for (const [make, what] of [
      [file, 'files'],
      [thought, 'thoughts'],
    ] as const) {
      const { session, backend, source } = limited({ maxSteps: 2 });
      const stream = backend.next();
      session.send('hi', source);
      await settle();
      stream.push(make('1'), make('1'), make('2'), make('3'));
      await session.whenIdle();
      const a = session.turns[0]!.answer;
      assert.equal((what === 'files' ? a.files : a.thoughts).length, 2, what);
      assert.equal(a.error?.kind, 'tooLarge', what);
    }
  });

  test('events: a stream of more events than the limit ends, pings included', async () => {
    const { session, backend, source } = limited({ maxEvents: 5 });
    const stream = backend.next();
    session.send('hi', source);
    await settle();
    stream.push(delta('a'), { event: 'ping' }, { event: 'ping' }, delta('b'), { event: 'ping' }, delta('c'));
    await session.whenIdle();
    const a = session.turns[0]!.answer;
    assert.equal(a.text, 'ab');
    assert.equal(
      a.error?.message,
      'The answer was cut off after 5 stream events, the most one answer may take; the part that arrived is kept, so check the app in Dify, then Retry.',
    );
  });

  test('the defaults: 4 MiB of text, 2,000 steps, 200,000 events', async () => {
    const { DEFAULT_LIMITS } = await import('../../../src/chat/answerLimits');
    assert.deepEqual(DEFAULT_LIMITS, { maxTextBytes: 4 * 1024 * 1024, maxSteps: 2000, maxEvents: 200_000 });
  });
});
