// The decoder on real bytes: answers recorded from the simulator over loopback (CJK and emoji, both JSON
// encodings, all three app modes), re-fed in every chunk size and split at every byte offset. Whatever the
// network does to the bytes, the events must be the same.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DifyEvent } from '../../../src/dify/events';
import { DifyStreamDecoder } from '../../../src/dify/stream';
import { startDifySim } from '../../dify-sim/index';
import type { DifySim } from '../../dify-sim/index';
import { prng } from '../../dify-sim/tokens';

let spaced: DifySim;
let compact: DifySim;
before(async () => {
  spaced = await startDifySim({ json: 'spaced' });
  compact = await startDifySim({ json: 'compact', version: 'newest' });
});
after(async () => {
  await spaced.close();
  await compact.close();
});

async function record(sim: DifySim, key: string, query: string, inputs: Record<string, unknown> = {}): Promise<Uint8Array> {
  const res = await fetch(`${sim.baseUrl}/chat-messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, inputs, user: 'chunker', response_mode: 'streaming' }),
  });
  assert.equal(res.status, 200);
  return new Uint8Array(await res.arrayBuffer());
}

function decode(parts: Uint8Array[]): DifyEvent[] {
  const d = new DifyStreamDecoder();
  const out: DifyEvent[] = [];
  for (const p of parts) out.push(...d.push(p));
  assert.equal(d.end(), false, 'no unfinished frame at the end');
  return out;
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** Deterministic random splits of 1..97 bytes. */
function randomSplits(bytes: Uint8Array, seed: number): Uint8Array[] {
  const rnd = prng(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rnd() * 97);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

const textOf = (evs: DifyEvent[]): string => evs.map((e) => ('answer' in e && typeof e.answer === 'string' && e.event !== 'message_replace' ? e.answer : '')).join('');

describe('decoder on simulator bytes', () => {
  const cases: Array<[string, () => DifySim, (s: DifySim) => string, string, Record<string, unknown>?]> = [
    ['chat, spaced JSON with \\u escapes', () => spaced, (s) => s.keys.chat, '用中文回答 with emoji'],
    ['chat, compact raw UTF-8', () => compact, (s) => s.keys.chat, '用中文回答 with emoji'],
    ['agent, compact', () => compact, (s) => s.keys.agent, '中文 tool'],
    ['chatflow, spaced', () => spaced, (s) => s.keys.chatflow, '中文', { topic: 'streams' }],
  ];
  for (const [name, sim, key, query, inputs] of cases) {
    test(`${name}: every chunk size and random splits give the same events`, async () => {
      const s = sim();
      const bytes = await record(s, key(s), query, inputs ?? {});
      const whole = decode([bytes]);
      assert.ok(whole.some((e) => e.event === 'message_end'), 'the recording is a complete answer');
      assert.match(textOf(whole), /[\u4e00-\u9fff]/, 'the answer has Chinese text');
      for (const size of [1, 2, 3, 7, 64, 1024]) assert.deepEqual(decode(chunked(bytes, size)), whole, `chunks of ${size}`);
      for (const seed of [1, 2, 3, 4, 5]) assert.deepEqual(decode(randomSplits(bytes, seed)), whole, `random splits, seed ${seed}`);
    });
  }

  test('a split at every byte offset of a CJK/emoji answer gives the same events', async () => {
    const bytes = await record(compact, compact.keys.chat, '用中文回答 with emoji');
    const whole = decode([bytes]);
    assert.match(textOf(whole), /\p{Extended_Pictographic}/u, 'the answer has an emoji');
    for (let i = 1; i < bytes.length; i++) {
      assert.deepEqual(decode([bytes.subarray(0, i), bytes.subarray(i)]), whole, `split at byte ${i}`);
    }
  });
});
