// The benchmarks' hooks (DifySimOptions.benchAnswer, onFrame): the answer text and its pace for a query, and a
// stamp for every frame written; the stream's bytes are the ones the same answer would have without them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDifySim } from './index';
import type { DifySim, SimFrame } from './index';
import { answerOf, chat, events, sseFrames } from './testUtil';

const FIXED_MS = Date.UTC(2025, 0, 16, 12, 0, 0);
const TEXT = 'One two three four five six seven eight nine ten.';

let plain: DifySim;
let hooked: DifySim;
const seen: SimFrame[] = [];
before(async () => {
  plain = await startDifySim({ now: () => FIXED_MS });
  hooked = await startDifySim({
    now: () => FIXED_MS,
    benchAnswer: (q) => (q.startsWith('bench') ? { text: TEXT, tokensPerSecond: 200, ...(q.includes('slow start') ? { firstTokenAfterMs: 300 } : {}) } : undefined),
    onFrame: (f) => seen.push(f),
  });
});
after(async () => {
  await Promise.all([plain.close(), hooked.close()]);
});

describe('bench hooks', () => {
  test('benchAnswer gives the text; onFrame sees every data frame with its delta, in order, after it was written', async () => {
    seen.length = 0;
    const r = await chat(hooked, hooked.keys.chat, { query: 'bench please' });
    const frames = sseFrames(r.body.toString('utf8'));
    assert.equal(answerOf(frames), TEXT);
    assert.deepEqual(seen.map((f) => f.event), events(frames));
    assert.equal(seen.filter((f) => f.event === 'message').map((f) => f.answer).join(''), TEXT);
    assert.ok(seen.every((f, i) => i === 0 || f.at >= (seen[i - 1] as SimFrame).at));
    assert.equal(new Set(seen.map((f) => f.taskId)).size, 1);
  });

  test('tokensPerSecond paces the deltas: n tokens take about (n - 1) / rate', async () => {
    seen.length = 0;
    const sent = performance.now();
    await chat(hooked, hooked.keys.chat, { query: 'bench paced' });
    const text = seen.filter((f) => f.event === 'message');
    // Frames are stamped once written, so the first stamp can be late and the span between stamps short: the
    // bound is from the request (the pace starts after it). A delta less than 0.5 ms early is written at once
    // and a timer may fire up to 1 ms early: 2 ms of slack. Never faster than the pace, on any machine.
    const last = (text.at(-1) as SimFrame).at - sent;
    assert.ok(text.length > 1 && last >= ((text.length - 1) * 1000) / 200 - 2, `${text.length} tokens, the last ${last.toFixed(1)} ms after the request`);
  });

  test('firstTokenAfterMs holds the first text frame back from the request, then the pace goes on', async () => {
    seen.length = 0;
    const sent = performance.now();
    await chat(hooked, hooked.keys.chat, { query: 'bench slow start' });
    const text = seen.filter((f) => f.event === 'message');
    // The simulator runs in this process: its frame stamps and this clock are one clock (slack as above).
    const first = (text[0] as SimFrame).at - sent;
    const last = (text.at(-1) as SimFrame).at - sent;
    assert.ok(first >= 299, `first text ${first.toFixed(1)} ms after the request`);
    assert.ok(text.length > 1 && last >= 300 + ((text.length - 1) * 1000) / 200 - 2, `${text.length} tokens, the last ${last.toFixed(1)} ms after the request`);
  });

  test('a query the hook passes on is answered as scripted, byte for byte as without hooks', async () => {
    const a = await chat(plain, plain.keys.chat, { query: 'hello there' });
    const b = await chat(hooked, hooked.keys.chat, { query: 'hello there' });
    const strip = (s: string): string => s.replace(/"(conversation_id|message_id|id|task_id)": "[^"]+"/g, '"$1": ""').replace(/"(latency|time_to_first_token|time_to_generate)": [\d.e-]+/g, '"$1": 0');
    assert.equal(strip(b.body.toString('utf8')), strip(a.body.toString('utf8')));
  });
});
