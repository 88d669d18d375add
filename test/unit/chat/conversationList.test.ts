import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConversationList, MAX_PAGE_SIZE, relativeTime, tieSafeCursor, toRow } from '../../../src/chat/conversationList';
import type { ConversationRow, PageRequest } from '../../../src/chat/conversationList';
import type { Conversation, Page } from '../../../src/dify/types';
import { DifyError } from '../../../src/dify/errors';

function conv(i: number, updatedAt = 1_700_000_000 + i): Conversation {
  return { id: `c${i}`, name: `Conversation ${i}`, inputs: {}, status: 'normal', introduction: '', createdAt: updatedAt, updatedAt };
}

/**
 * A cursor source with Dify's semantics: -updated_at (ties in insertion order), strictly older than the
 * last_id's updated_at, has_more counted strictly below the page's last row, only when the page is full.
 */
function source(all: Conversation[], pageLimit?: number) {
  const calls: Array<string | undefined> = [];
  const limits: number[] = [];
  const fetch = async (q: PageRequest): Promise<Page<Conversation>> => {
    calls.push(q.lastId);
    limits.push(q.limit);
    assert.ok(q.limit >= 1 && q.limit <= 100, `limit ${q.limit} is within Dify's 1..100`);
    const limit = pageLimit ?? q.limit;
    // Read at each request: a test may change the data between pages (a delete or a turn elsewhere).
    const sorted = [...all].sort((a, b) => b.updatedAt - a.updatedAt);
    let rows = sorted;
    if (q.lastId !== undefined) {
      const last = sorted.find((c) => c.id === q.lastId);
      if (!last) throw new DifyError({ kind: 'notFound', status: 404, problem: { id: 'http.notFound', target: 'conversationList' } });
      rows = sorted.filter((c) => c.updatedAt < last.updatedAt);
    }
    const data = rows.slice(0, limit);
    const tail = data[data.length - 1];
    const hasMore = data.length === limit && tail !== undefined && rows.some((c) => c.updatedAt < tail.updatedAt);
    return { limit, hasMore, data };
  };
  return { fetch, calls, limits };
}

/** Conversations where every `group` consecutive ones share one second (newest first: c0 is newest). */
function tied(count: number, group: number): Conversation[] {
  return Array.from({ length: count }, (_, i) => conv(i, 1_700_000_000 - Math.floor(i / group) * 60));
}

async function walk(list: ConversationList): Promise<void> {
  let guard = 0;
  while (list.hasMore && guard++ < 200) await list.loadMore();
}

describe('ConversationList', () => {
  test('walks 250 conversations page by page with none lost or repeated', async () => {
    const all = Array.from({ length: 250 }, (_, i) => conv(i));
    const src = source(all);
    const list = new ConversationList(src.fetch, { pageSize: 30 });
    await list.reload();
    assert.equal(list.conversations.length, 30);
    await walk(list);
    assert.equal(list.hasMore, false);
    const ids = list.conversations.map((c) => c.id);
    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    assert.deepEqual(ids, all.map((c) => c.id).reverse());
    assert.equal(src.calls[0], undefined, 'the first page is asked for without a cursor');
    // Not the last row shown (c220): rows sharing its second would be skipped. The row before its second.
    assert.equal(src.calls[1], 'c221', 'the cursor is the last row of an earlier second than the last one shown');
    assert.equal(src.limits[1], 31, 'the page is one larger, for the row that comes back again');
    assert.equal(src.calls.length, 9);
  });

  test('250 conversations sharing seconds four by four: nothing lost or repeated at any page boundary', async () => {
    const all = tied(250, 4);
    const src = source(all);
    const list = new ConversationList(src.fetch, { pageSize: 30 });
    await list.reload();
    await walk(list);
    const ids = list.conversations.map((c) => c.id);
    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    assert.deepEqual(new Set(ids), new Set(all.map((c) => c.id)));
    const times = list.conversations.map((c) => c.updatedAt);
    for (let i = 1; i < times.length; i++) assert.ok((times[i] as number) <= (times[i - 1] as number), 'newest first');
    // A client that trusts the cursor loses the rest of the second the first page ends in.
    const naive = await source(all).fetch({ lastId: all[29]?.id as string, limit: 30 });
    assert.ok(!naive.data.some((c) => c.id === 'c30' || c.id === 'c31'), 'Dify\'s own cursor skips c30 and c31');
  });

  test('a whole page in one second: asked again larger (from the top, no cursor reaches it), nothing lost', async () => {
    const all = [...tied(45, 45), ...Array.from({ length: 10 }, (_, i) => conv(100 + i, 1_600_000_000 - i))];
    const src = source(all);
    const list = new ConversationList(src.fetch, { pageSize: 30 });
    await list.reload();
    assert.equal(list.conversations.length, 30);
    assert.equal(list.hasMore, true);
    await walk(list);
    assert.equal(list.conversations.length, 55);
    assert.equal(new Set(list.conversations.map((c) => c.id)).size, 55);
    assert.deepEqual(src.calls.slice(0, 2), [undefined, undefined], 'no row of an earlier second: the first page again');
    assert.ok((src.limits[1] ?? 0) > 30, `a larger page was asked for: ${src.limits.join(', ')}`);
    assert.ok(src.limits.every((l) => l <= MAX_PAGE_SIZE));
  });

  test('the last page full while Dify says there is no more: the rest of its second is still asked for', async () => {
    // 32 rows, the last 4 in one second: a 30-row page ends inside it, and has_more is false (nothing older).
    const all = [...Array.from({ length: 28 }, (_, i) => conv(i, 1_700_000_000 - i * 60)), ...Array.from({ length: 4 }, (_, i) => conv(50 + i, 1_600_000_000))];
    const src = source(all);
    const list = new ConversationList(src.fetch, { pageSize: 30 });
    await list.reload();
    assert.equal(list.conversations.length, 32, 'all 32 after the first load');
    assert.equal(list.hasMore, false);
  });

  test('more than 100 rows in one second: steps past them with Dify\'s cursor rather than loop', async () => {
    const all = [...tied(130, 130), ...Array.from({ length: 5 }, (_, i) => conv(500 + i, 1_600_000_000 - i))];
    const src = source(all);
    const list = new ConversationList(src.fetch, { pageSize: 30 });
    await list.reload();
    await walk(list);
    const ids = list.conversations.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'nothing repeated');
    for (let i = 0; i < 5; i++) assert.ok(ids.includes(`c${500 + i}`), 'the older rows are reached');
    assert.ok(src.limits.includes(MAX_PAGE_SIZE), `pages grew to 100: ${src.limits.join(', ')}`);
    assert.ok(src.calls.length < 40, `bounded: ${src.calls.length} requests`);
  });

  test('loadMore without more pages does not fetch', async () => {
    const src = source([conv(1), conv(2)]);
    const list = new ConversationList(src.fetch);
    await list.reload();
    await list.loadMore();
    assert.equal(src.calls.length, 1);
  });

  test('a conversation seen on an earlier page is not shown twice', async () => {
    let n = 0;
    const list = new ConversationList(
      async () => {
        n++;
        return n === 1 ? { limit: 2, hasMore: true, data: [conv(5), conv(4)] } : { limit: 2, hasMore: false, data: [conv(4), conv(3)] };
      },
      { pageSize: 2 },
    );
    await list.reload();
    await list.loadMore();
    assert.deepEqual(
      list.conversations.map((c) => c.id),
      ['c5', 'c4', 'c3'],
    );
  });

  test('a cursor deleted meanwhile (404) continues from the row before it', async () => {
    const all = Array.from({ length: 40 }, (_, i) => conv(i));
    const src = source(all);
    const list = new ConversationList(src.fetch, { pageSize: 30 });
    await list.reload();
    assert.equal(list.conversations.at(-1)?.id, 'c10');
    // The next cursor would be c11 (the row before the last one's second): deleted elsewhere.
    all.splice(all.findIndex((c) => c.id === 'c11'), 1);
    await walk(list);
    const ids = list.conversations.map((c) => c.id);
    assert.ok(src.calls.includes('c11'), 'the deleted cursor was tried');
    assert.ok(!ids.includes('c11'), 'and dropped');
    assert.equal(ids.length, 39);
    assert.equal(new Set(ids).size, 39);
    assert.equal(ids.at(-1), 'c0', 'the oldest is reached');
  });

  test('upsert moves a conversation to the top; rename and remove apply locally', async () => {
    const list = new ConversationList(source([conv(1), conv(2), conv(3)]).fetch);
    await list.reload();
    list.upsert({ ...conv(1), updatedAt: 1_800_000_000 });
    assert.deepEqual(
      list.conversations.map((c) => c.id),
      ['c1', 'c3', 'c2'],
    );
    assert.equal(list.rename('c3', '新的名字 🚀'), true);
    assert.equal(list.get('c3')?.name, '新的名字 🚀');
    assert.equal(list.rename('nope', 'x'), false);
    list.remove('c2');
    assert.deepEqual(
      list.conversations.map((c) => c.id),
      ['c1', 'c3'],
    );
  });

  test('keeps only what the tree shows of a conversation (no inputs, no introduction)', async () => {
    const big = { ...conv(1), introduction: 'x'.repeat(10_000), inputs: { topic: 'y'.repeat(1_000) } };
    const list = new ConversationList(async () => ({ limit: 30, hasMore: false, data: [big] }));
    await list.reload();
    assert.deepEqual(Object.keys(list.conversations[0] as object).sort(), ['createdAt', 'id', 'name', 'updatedAt']);
    assert.deepEqual(toRow(big), { id: 'c1', name: 'Conversation 1', createdAt: big.createdAt, updatedAt: big.updatedAt });
  });

  test('syncHead: renames and turns from elsewhere show, deletions within the page drop, deeper pages stay', async () => {
    const all = Array.from({ length: 70 }, (_, i) => conv(i));
    const list = new ConversationList(source(all).fetch, { pageSize: 30 });
    await list.reload();
    await list.loadMore();
    assert.equal(list.conversations.length, 60);
    // Elsewhere: c60 renamed (Dify bumps updated_at), c65 deleted, c20 (on the second page) continued.
    const byId = (id: string) => all.find((c) => c.id === id) as Conversation;
    byId('c60').name = 'Renamed elsewhere';
    byId('c60').updatedAt = 1_800_000_000;
    byId('c20').updatedAt = 1_800_000_001;
    all.splice(all.indexOf(byId('c65')), 1);
    const dropped = await list.syncHead();
    assert.deepEqual(dropped, ['c65']);
    const ids = list.conversations.map((c) => c.id);
    assert.deepEqual(ids.slice(0, 2), ['c20', 'c60'], 'continued and renamed ones on top');
    assert.equal(list.get('c60')?.name, 'Renamed elsewhere');
    assert.equal(new Set(ids).size, ids.length, 'nothing twice');
    assert.equal(ids.length, 59, '60 shown, one deleted, the deeper page kept');
    assert.ok(ids.includes('c10'), 'a row of the deeper page stays');
    assert.equal(list.hasMore, true);
  });

  test('a page that arrives after clear() is dropped', async () => {
    let release!: (p: Page<ConversationRow>) => void;
    const list = new ConversationList(() => new Promise((r) => (release = r)));
    const loading = list.reload();
    list.clear();
    release({ limit: 30, hasMore: false, data: [conv(9)] });
    await loading;
    assert.equal(list.conversations.length, 0);
    assert.equal(list.isLoaded, false);
  });

  test('a failed first page rejects and leaves the list unloaded', async () => {
    const list = new ConversationList(async () => {
      throw new Error('boom');
    });
    await assert.rejects(list.reload(), /boom/);
    assert.equal(list.isLoaded, false);
  });
});

describe('tieSafeCursor', () => {
  const row = (id: string, updatedAt: number): ConversationRow => ({ id, name: id, createdAt: updatedAt, updatedAt });

  test('the last row of an earlier second, and how many rows follow it', () => {
    assert.deepEqual(tieSafeCursor([row('a', 5), row('b', 4), row('c', 3)]), { cursor: 'b', overlap: 1 });
    assert.deepEqual(tieSafeCursor([row('a', 5), row('b', 3), row('c', 3), row('d', 3)]), { cursor: 'a', overlap: 3 });
  });

  test('every row in one second: no cursor (the first page again)', () => {
    assert.deepEqual(tieSafeCursor([row('a', 3), row('b', 3)]), { cursor: undefined, overlap: 2 });
    assert.deepEqual(tieSafeCursor([]), { cursor: undefined, overlap: 0 });
  });

  test('rows changed here are neither the cursor nor counted', () => {
    assert.deepEqual(tieSafeCursor([row('new', 9), row('a', 5), row('b', 4)], new Set(['b'])), { cursor: 'new', overlap: 1 });
  });
});

describe('relativeTime', () => {
  const now = 1_700_000_000_000;
  test('formats recent and old times', () => {
    assert.equal(relativeTime(now / 1000 - 5, now), 'just now');
    assert.equal(relativeTime(now / 1000 - 300, now), '5 min ago');
    assert.equal(relativeTime(now / 1000 - 3 * 3600, now), '3 h ago');
    assert.equal(relativeTime(now / 1000 - 30 * 3600, now), 'yesterday');
    assert.equal(relativeTime(now / 1000 - 4 * 86400, now), '4 days ago');
    assert.equal(relativeTime(now / 1000 - 40 * 86400, now), '2023-10-05');
    assert.equal(relativeTime(now / 1000 + 100, now), 'just now', 'a clock ahead of ours is not negative');
  });
});
