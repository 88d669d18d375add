// Cursor pagination (§3.5, §3.7): conversations by last_id with strict `<`/`>`, history by first_id.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startDifySim } from './index';
import type { DifySim } from './index';
import { call } from './testUtil';

let sim: DifySim;
let newest: DifySim;
before(async () => {
  sim = await startDifySim();
  newest = await startDifySim({ version: 'newest' });
});
beforeEach(() => {
  sim.reset();
  newest.reset();
});
after(async () => {
  await sim.close();
  await newest.close();
});

type Item = Record<string, unknown>;

async function page(s: DifySim, query: string) {
  const r = await call(s, 'GET', `/conversations?user=walker&${query}`, s.keys.chat);
  assert.equal(r.status, 200, r.text);
  const body = r.json();
  return { hasMore: body['has_more'] as boolean, limit: body['limit'] as number, data: body['data'] as Item[] };
}

async function walk(s: DifySim, limit: number, sortBy = '-updated_at'): Promise<Item[]> {
  const seen: Item[] = [];
  let lastId = '';
  for (let i = 0; i < 1000; i++) {
    const p = await page(s, `limit=${limit}&sort_by=${sortBy}${lastId ? `&last_id=${lastId}` : ''}`);
    seen.push(...p.data);
    if (!p.hasMore) return seen;
    lastId = p.data[p.data.length - 1]?.['id'] as string;
  }
  throw new Error('walk did not end');
}

describe('GET /conversations', () => {
  test('250 conversations walked 20 at a time: no loss, no repeat, newest first', async () => {
    const ids = sim.seedConversations('chat', 'walker', 250);
    const seen = await walk(sim, 20);
    assert.equal(seen.length, 250);
    assert.equal(new Set(seen.map((c) => c['id'])).size, 250);
    assert.deepEqual(new Set(seen.map((c) => c['id'])), new Set(ids));
    const times = seen.map((c) => c['updated_at'] as number);
    for (let i = 1; i < times.length; i++) assert.ok((times[i] as number) <= (times[i - 1] as number));
  });

  test('strict `<`: a page boundary inside identical timestamps skips rows (as Dify does)', async () => {
    const ids = sim.seedConversations('chat', 'walker', 5);
    const seen = await walk(sim, 1);
    // The two newest share one timestamp: the cursor on the first skips the second.
    assert.equal(seen.length, 4);
    assert.ok(!seen.some((c) => c['id'] === ids[1]));
    const distinct = sim.seedConversations('chat', 'other', 3, { ties: 0 });
    assert.equal(distinct.length, 3);
  });

  test('whole seconds, as Dify stores them: conversations made in one second tie, and the cursor skips the tie', async () => {
    const fixed = await startDifySim({ now: () => 1_700_000_000_500 });
    try {
      const made: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await call(fixed, 'POST', '/chat-messages', fixed.keys.chat, { user: 'walker', inputs: {}, query: `hi ${i}` });
        made.push(r.json()['conversation_id'] as string);
      }
      const all = await page(fixed, 'limit=100');
      assert.deepEqual(new Set(all.data.map((c) => c['updated_at'])), new Set([1_700_000_000]), 'one second, integer seconds');
      assert.deepEqual(new Set(all.data.map((c) => c['created_at'])), new Set([1_700_000_000]));
      const first = await page(fixed, 'limit=1');
      const next = await page(fixed, `limit=1&last_id=${String(first.data[0]?.['id'])}`);
      assert.equal(next.data.length, 0, 'strict < on the second: the two others are skipped');
      assert.equal(first.hasMore, false, 'has_more counts strictly older rows only');
      assert.equal(made.length, 3);
    } finally {
      await fixed.close();
    }
  });

  test('perSecond seeding ties every group: Dify\'s own cursor loses rows at page boundaries inside a second', async () => {
    const ids = sim.seedConversations('chat', 'walker', 250, { perSecond: 4 });
    const seen = await walk(sim, 30);
    assert.ok(seen.length < 250, `a client trusting the cursor sees ${seen.length} of 250`);
    const all = await page(sim, 'limit=100');
    const times = all.data.map((c) => c['updated_at'] as number);
    assert.equal(times[0], times[3]);
    assert.notEqual(times[3], times[4]);
    assert.equal(new Set(ids).size, 250);
  });

  test('each sort order, ascending and descending, on both fields', async () => {
    sim.seedConversations('chat', 'walker', 12, { ties: 0 });
    for (const sort of ['created_at', '-created_at', 'updated_at', '-updated_at']) {
      const seen = await walk(sim, 5, sort);
      assert.equal(seen.length, 12, sort);
      const field = sort.replace('-', '');
      const vals = seen.map((c) => c[field] as number);
      const sorted = [...vals].sort((a, b) => (sort.startsWith('-') ? b - a : a - b));
      assert.deepEqual(vals, sorted, sort);
    }
  });

  test('has_more only when the page is full and more rows exist', async () => {
    sim.seedConversations('chat', 'walker', 4, { ties: 0 });
    assert.equal((await page(sim, 'limit=4')).hasMore, false);
    assert.equal((await page(sim, 'limit=3')).hasMore, true);
    assert.equal((await page(sim, 'limit=100')).data.length, 4);
  });

  test('validation: limit 1..100, sort_by values, unknown last_id 404', async () => {
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'sort_by=name']) {
      const r = await call(sim, 'GET', `/conversations?user=walker&${q}`, sim.keys.chat);
      assert.equal(r.status, 400, q);
      assert.equal(r.json()['code'], 'invalid_param');
    }
    const r = await call(sim, 'GET', '/conversations?user=walker&last_id=8c1b2a4e-1111-4a2b-9c3d-0123456789ab', sim.keys.chat);
    assert.equal(r.status, 404);
    assert.match(r.json()['message'] as string, /^Last Conversation Not Exists\./);
  });

  test('empty last_id: 400 on 1.11.2, accepted on newest', async () => {
    assert.equal((await call(sim, 'GET', '/conversations?user=walker&last_id=', sim.keys.chat)).status, 400);
    assert.equal((await call(newest, 'GET', '/conversations?user=walker&last_id=', newest.keys.chat)).status, 200);
  });

  test("another user's conversations are not listed; a conversation's turn bumps updated_at", async () => {
    const [oldest] = sim.seedConversations('chat', 'walker', 3, { ties: 0 }).slice(-1);
    sim.seedConversations('chat', 'someone-else', 2);
    assert.equal((await page(sim, 'limit=100')).data.length, 3);
    const turn = await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: 'walker', inputs: {}, query: 'hi', conversation_id: oldest });
    assert.equal(turn.status, 200);
    assert.equal((await page(sim, 'limit=1')).data[0]?.['id'], oldest);
  });
});

describe('GET /messages', () => {
  async function history(query: string) {
    const r = await call(sim, 'GET', `/messages?user=walker&${query}`, sim.keys.chat);
    assert.equal(r.status, 200, r.text);
    const b = r.json();
    return { hasMore: b['has_more'] as boolean, data: b['data'] as Item[] };
  }

  test('first_id pages backwards; each page is oldest→newest; has_more means older exist', async () => {
    const { conversationId, messageIds } = sim.seedMessages('chat', 'walker', 45);
    const pages: Item[][] = [];
    let firstId = '';
    for (;;) {
      const p = await history(`conversation_id=${conversationId}&limit=20${firstId ? `&first_id=${firstId}` : ''}`);
      pages.push(p.data);
      for (let i = 1; i < p.data.length; i++) {
        assert.ok((p.data[i]?.['created_at'] as number) > (p.data[i - 1]?.['created_at'] as number), 'ascending inside a page');
      }
      if (!p.hasMore) break;
      firstId = p.data[0]?.['id'] as string;
    }
    assert.deepEqual(pages.map((p) => p.length), [20, 20, 5]);
    const all = pages.reverse().flat().map((m) => m['id']);
    assert.deepEqual(all, messageIds);
  });

  test('message items carry the documented keys and the fixed parent_message_id', async () => {
    const { conversationId } = sim.seedMessages('chat', 'walker', 1);
    const [m] = (await history(`conversation_id=${conversationId}`)).data;
    assert.deepEqual(Object.keys(m as Item), [
      'id', 'conversation_id', 'parent_message_id', 'inputs', 'query', 'answer', 'message_files', 'feedback',
      'retriever_resources', 'created_at', 'agent_thoughts', 'status', 'error',
    ]);
    assert.equal(m?.['parent_message_id'], '00000000-0000-0000-0000-000000000000');
  });

  test('404s: unknown conversation, unknown first_id; empty first_id is 400 on 1.11.2', async () => {
    const { conversationId } = sim.seedMessages('chat', 'walker', 2);
    const unknownConv = await call(sim, 'GET', '/messages?user=walker&conversation_id=8c1b2a4e-1111-4a2b-9c3d-0123456789ab', sim.keys.chat);
    assert.equal(unknownConv.status, 404);
    const otherUser = await call(sim, 'GET', `/messages?user=intruder&conversation_id=${conversationId}`, sim.keys.chat);
    assert.equal(otherUser.status, 404);
    const unknownFirst = await call(sim, 'GET', `/messages?user=walker&conversation_id=${conversationId}&first_id=8c1b2a4e-1111-4a2b-9c3d-0123456789ab`, sim.keys.chat);
    assert.equal(unknownFirst.status, 404);
    assert.match(unknownFirst.json()['message'] as string, /^First Message Not Exists\./);
    const empty = await call(sim, 'GET', `/messages?user=walker&conversation_id=${conversationId}&first_id=`, sim.keys.chat);
    assert.equal(empty.status, 400);
  });
});
