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
    benchAnswer: (q) => (q.startsWith('bench') ? { text: TEXT, tokensPerSecond: 200 } : undefined),
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
    await chat(hooked, hooked.keys.chat, { query: 'bench paced' });
    const text = seen.filter((f) => f.event === 'message');
    const span = (text.at(-1) as SimFrame).at - (text[0] as SimFrame).at;
    // Never faster than the pace (timers only run late), so the lower bound is safe on any machine.
    assert.ok(span >= ((text.length - 1) * 1000) / 200 - 1, `${text.length} tokens in ${span.toFixed(1)} ms`);
  });

  test('a query the hook passes on is answered as scripted, byte for byte as without hooks', async () => {
    const a = await chat(plain, plain.keys.chat, { query: 'hello there' });
    const b = await chat(hooked, hooked.keys.chat, { query: 'hello there' });
    const strip = (s: string): string => s.replace(/"(conversation_id|message_id|id|task_id)": "[^"]+"/g, '"$1": ""').replace(/"(latency|time_to_first_token|time_to_generate)": [\d.e-]+/g, '"$1": 0');
    assert.equal(strip(b.body.toString('utf8')), strip(a.body.toString('utf8')));
  });
});
