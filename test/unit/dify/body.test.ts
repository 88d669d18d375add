// The one body reader: whole bodies under a bound (JSON answers, error bodies, a chat answer that is not a
// stream), chunk by chunk under the exchange's timeouts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readBody, readChunk } from '../../../src/dify/body';
import { Exchange } from '../../../src/dify/exchange';

const CLOCK = { connectTimeoutMs: 60_000, idleTimeoutMs: 60_000, now: () => performance.now() };

/** A body that hands out `chunks` one pull at a time, recording pulls and whether it was cancelled. */
function body(chunks: number[][]): { stream: ReadableStream<Uint8Array>; pulls: () => number; cancelled: () => boolean } {
  let i = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        const next = chunks[i++];
        if (next === undefined) c.close();
        else c.enqueue(new Uint8Array(next));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => i, cancelled: () => cancelled };
}

async function withExchange<T>(clock: typeof CLOCK, run: (ex: Exchange) => Promise<T>): Promise<T> {
  const ex = new Exchange(clock, undefined);
  try {
    return await run(ex);
  } finally {
    ex.finish();
  }
}

describe('readBody', () => {
  test('joins the chunks of a body under the bound', async () => {
    const b = body([[1, 2], [3], [4, 5, 6]]);
    const r = await withExchange(CLOCK, (ex) => readBody(b.stream, ex, 100));
    assert.deepEqual([...r.bytes], [1, 2, 3, 4, 5, 6]);
    assert.equal(r.overflow, false);
  });

  test('a body of exactly the bound is whole, not an overflow', async () => {
    const r = await withExchange(CLOCK, (ex) => readBody(body([[1, 2], [3, 4]]).stream, ex, 4));
    assert.deepEqual([...r.bytes], [1, 2, 3, 4]);
    assert.equal(r.overflow, false);
  });

  test('past the bound: the first bytes up to it, overflow, and the rest is neither read nor kept', async () => {
    const b = body([[1, 2], [3, 4, 5], [6], [7]]);
    const r = await withExchange(CLOCK, (ex) => readBody(b.stream, ex, 4));
    assert.deepEqual([...r.bytes], [1, 2, 3, 4]);
    assert.equal(r.overflow, true);
    assert.equal(b.pulls(), 2, 'stopped at the chunk that crossed the bound');
    assert.equal(b.cancelled(), true);
  });

  test('a single chunk comes back as it is (no copy)', async () => {
    const only = new Uint8Array([9, 8, 7]);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(only);
        c.close();
      },
    });
    const r = await withExchange(CLOCK, (ex) => readBody(stream, ex, 10));
    assert.equal(r.bytes, only);
  });

  test('no body (204, HEAD) reads as empty and ends the connect phase', async () => {
    await withExchange(CLOCK, async (ex) => {
      const r = await readBody(null, ex, 10);
      assert.equal(r.bytes.length, 0);
      assert.equal(r.overflow, false);
    });
  });

  test('an empty body reads as empty', async () => {
    const r = await withExchange(CLOCK, (ex) => readBody(body([]).stream, ex, 10));
    assert.equal(r.bytes.length, 0);
    assert.equal(r.overflow, false);
  });

  test('a stalled body is cut by the idle timeout: the exchange aborts and says why', async () => {
    const ex = new Exchange({ ...CLOCK, idleTimeoutMs: 20 }, undefined);
    // The body is tied to the exchange's signal, as fetch ties a response body to its request's.
    const stalled = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([1]));
        ex.controller.signal.addEventListener('abort', () => c.error(ex.controller.signal.reason), { once: true });
      },
    });
    try {
      await assert.rejects(readBody(stalled, ex, 100), /idle timeout/);
      assert.equal(ex.timedOut, 'idle');
    } finally {
      ex.finish();
    }
  });
});

describe('readChunk', () => {
  test('the next chunk, then undefined at the end', async () => {
    const reader = body([[1], [2]]).stream.getReader();
    await withExchange(CLOCK, async (ex) => {
      assert.deepEqual([...((await readChunk(reader, ex)) ?? [])], [1]);
      assert.deepEqual([...((await readChunk(reader, ex)) ?? [])], [2]);
      assert.equal(await readChunk(reader, ex), undefined);
    });
  });
});
