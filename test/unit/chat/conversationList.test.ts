import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConversationList, relativeTime } from '../../../src/chat/conversationList';
import type { Conversation, Page } from '../../../src/dify/types';

function conv(i: number, updatedAt = 1_700_000_000 + i): Conversation {
  return { id: `c${i}`, name: `Conversation ${i}`, inputs: {}, status: 'normal', introduction: '', createdAt: updatedAt, updatedAt };
}

/** A cursor source with Dify's semantics: -updated_at, strictly older than the last_id's updated_at. */
function source(all: Conversation[], limit: number) {
  const sorted = [...all].sort((a, b) => b.updatedAt - a.updatedAt);
  const calls: Array<string | undefined> = [];
  const fetch = async (lastId: string | undefined): Promise<Page<Conversation>> => {
    calls.push(lastId);
    let rows = sorted;
    if (lastId !== undefined) {
      const last = sorted.find((c) => c.id === lastId);
      if (!last) throw new Error('Last Conversation Not Exists.');
      rows = sorted.filter((c) => c.updatedAt < last.updatedAt);
    }
    const data = rows.slice(0, limit);
    return { limit, hasMore: rows.length > limit, data };
  };
  return { fetch, calls };
}

describe('ConversationList', () => {
  test('walks 250 conversations page by page with none lost or repeated', async () => {
    const all = Array.from({ length: 250 }, (_, i) => conv(i));
    const src = source(all, 30);
    const list = new ConversationList(src.fetch);
    await list.reload();
    assert.equal(list.conversations.length, 30);
    let guard = 0;
    while (list.hasMore && guard++ < 20) await list.loadMore();
    assert.equal(list.hasMore, false);
    const ids = list.conversations.map((c) => c.id);
    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    assert.deepEqual(ids, all.map((c) => c.id).reverse());
    assert.equal(src.calls[0], undefined, 'the first page is asked for without a cursor');
    assert.equal(src.calls[1], 'c220', 'the cursor is the last item shown');
    assert.equal(src.calls.length, 9);
  });

  test('loadMore without more pages does not fetch', async () => {
    const src = source([conv(1), conv(2)], 30);
    const list = new ConversationList(src.fetch);
    await list.reload();
    await list.loadMore();
    assert.equal(src.calls.length, 1);
  });

  test('a conversation seen on an earlier page is not shown twice', async () => {
    let n = 0;
    const list = new ConversationList(async () => {
      n++;
      return n === 1 ? { limit: 2, hasMore: true, data: [conv(5), conv(4)] } : { limit: 2, hasMore: false, data: [conv(4), conv(3)] };
    });
    await list.reload();
    await list.loadMore();
    assert.deepEqual(list.conversations.map((c) => c.id), ['c5', 'c4', 'c3']);
  });

  test('upsert moves a conversation to the top; rename and remove apply locally', async () => {
    const list = new ConversationList(source([conv(1), conv(2), conv(3)], 30).fetch);
    await list.reload();
    list.upsert({ ...conv(1), updatedAt: 1_800_000_000 });
    assert.deepEqual(list.conversations.map((c) => c.id), ['c1', 'c3', 'c2']);
    assert.equal(list.rename('c3', '新的名字 🚀'), true);
    assert.equal(list.get('c3')?.name, '新的名字 🚀');
    assert.equal(list.rename('nope', 'x'), false);
    list.remove('c2');
    assert.deepEqual(list.conversations.map((c) => c.id), ['c1', 'c3']);
  });

  test('a page that arrives after clear() is dropped', async () => {
    let release!: (p: Page<Conversation>) => void;
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
