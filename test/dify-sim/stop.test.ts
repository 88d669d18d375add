// Stop (§3.2): always 200; a running answer really stops, ends per mode, and its partial answer is kept.
// Streams are held with the `hold` fault, so the test decides when the stop happens (no timing races).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDifySim } from './index';
import type { DifySim } from './index';
import { CHATFLOW_INPUTS, answerOf, call, events, openChat } from './testUtil';
import type { SseFrame } from './testUtil';

let sim: DifySim;
before(async () => {
  sim = await startDifySim();
});
after(() => sim.close());

const hasDelta = (f: SseFrame[]) => f.some((x) => x.data?.['event'] === 'message' || x.data?.['event'] === 'agent_message');

async function stopAfterFirstDelta(key: string, query: string, inputs: Record<string, unknown> = {}) {
  // Hold right after the first answer delta, whichever frame number that is.
  const probe = openChat(sim, key, { query, inputs });
  const all = (await probe.done).frames;
  const firstDelta = all.findIndex((f) => f.data?.['event'] === 'message' || f.data?.['event'] === 'agent_message');
  const s = openChat(sim, key, { query, inputs }, { 'X-Dify-Sim-Fault': `hold:${firstDelta + 1}` });
  const before = await s.until(hasDelta);
  const taskId = before[0]?.data?.['task_id'] as string;
  const stop = await call(sim, 'POST', `/chat-messages/${taskId}/stop`, key, { user: 'tester' });
  assert.equal(stop.status, 200);
  assert.equal(stop.text, '{"result": "success"}\n');
  const done = await s.done;
  assert.equal(done.complete, true, 'the stream ends normally');
  const conv = done.frames[0]?.data?.['conversation_id'] as string;
  const history = (await call(sim, 'GET', `/messages?user=tester&conversation_id=${conv}`, key)).json()['data'] as Array<Record<string, unknown>>;
  return { done, full: answerOf(all), stored: history[history.length - 1]?.['answer'] as string };
}

describe('stop', () => {
  test('chat: ends with message_end; the partial answer is persisted', async () => {
    const { done, full, stored } = await stopAfterFirstDelta(sim.keys.chat, 'Explain closures');
    const evs = events(done.frames);
    assert.equal(evs[evs.length - 1], 'message_end');
    assert.ok(!evs.includes('error'));
    const partial = answerOf(done.frames);
    assert.ok(partial.length > 0 && partial.length < full.length, `${partial.length} < ${full.length}`);
    assert.equal(stored, partial);
  });

  test('agent: ends with message_end', async () => {
    const { done, full, stored } = await stopAfterFirstDelta(sim.keys.agent, 'tell me about lighthouses');
    const evs = events(done.frames);
    assert.equal(evs[evs.length - 1], 'message_end');
    assert.ok(answerOf(done.frames).length < full.length);
    assert.equal(stored, answerOf(done.frames));
  });

  test('chatflow: workflow_finished {stopped, "Stopped by user."} then message_end', async () => {
    const { done, stored } = await stopAfterFirstDelta(sim.keys.chatflow, 'Explain closures', CHATFLOW_INPUTS);
    const evs = events(done.frames);
    assert.deepEqual(evs.slice(-2), ['workflow_finished', 'message_end']);
    const wf = done.frames.find((f) => f.data?.['event'] === 'workflow_finished')?.data?.['data'] as Record<string, unknown>;
    assert.equal(wf['status'], 'stopped');
    assert.equal(wf['error'], 'Stopped by user.');
    assert.equal(stored, answerOf(done.frames));
  });

  test('unknown task ids and other users get 200 and change nothing', async () => {
    const unknown = await call(sim, 'POST', '/chat-messages/no-such-task/stop', sim.keys.chat, { user: 'tester' });
    assert.equal(unknown.status, 200);
    const s = openChat(sim, sim.keys.chat, { query: 'hello' }, { 'X-Dify-Sim-Fault': 'hold:1' });
    const first = await s.until((f) => f.length > 0);
    const taskId = first[0]?.data?.['task_id'] as string;
    const other = await call(sim, 'POST', `/chat-messages/${taskId}/stop`, sim.keys.chat, { user: 'someone-else' });
    assert.equal(other.status, 200);
    // Still held (a held stream only ends on a stop from its owner): the real owner stops it.
    assert.equal(sim.stats.activeStreams, 1);
    const mine = await call(sim, 'POST', `/chat-messages/${taskId}/stop`, sim.keys.chat, { user: 'tester' });
    assert.equal(mine.status, 200);
    const done = await s.done;
    assert.equal(events(done.frames).pop(), 'message_end');
    assert.equal(sim.stats.stops >= 3, true);
  });

  test('a held stream released through the admin API goes on to the same full answer', async () => {
    const full = answerOf((await openChat(sim, sim.keys.chat, { query: 'Explain closures' }).done).frames);
    const s = openChat(sim, sim.keys.chat, { query: 'Explain closures' }, { 'X-Dify-Sim-Fault': 'hold:2' });
    await s.until((f) => f.length >= 2);
    let released = 0;
    // The hold starts just after frame 2 is written: ask until the stream is waiting (bounded, not timed).
    for (let i = 0; i < 200 && released === 0; i++) {
      const r = await fetch(`${sim.origin}/__sim/release`, { method: 'POST' });
      released = ((await r.json()) as { released: number }).released;
      if (released === 0) await new Promise((r2) => setImmediate(r2));
    }
    assert.equal(released, 1);
    const done = await s.done;
    assert.equal(done.complete, true);
    assert.equal(events(done.frames).pop(), 'message_end');
    assert.equal(answerOf(done.frames), full);
  });

  test('stop needs the user and a JSON body like any JSON route', async () => {
    const r = await call(sim, 'POST', '/chat-messages/x/stop', sim.keys.chat, {});
    assert.equal(r.status, 400);
    assert.equal(r.json()['message'], 'Arg user must be provided.');
  });
});
