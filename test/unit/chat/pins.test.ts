import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PINS, PINS_STATE_KEY, PinStore, pinScope, pruneGonePins } from '../../../src/chat/pins';
import type { PinCheck } from '../../../src/chat/pins';
import { FakeMemento } from '../host/fakeMemento';

function storeFor(memento: FakeMemento, profile: string, user: string): PinStore {
  return new PinStore(memento, () => pinScope(profile, user));
}

describe('PinStore', () => {
  test('pins are kept per profile and per user, newest pin first, with the name as it was', async () => {
    const memento = new FakeMemento();
    const a = storeFor(memento, 'work', 'alice');
    await a.pin([{ id: 'c1', name: 'Release notes' }], 1_000);
    await a.pin([{ id: 'c2', name: '发布计划 🚀' }, { id: 'c1', name: 'ignored: already pinned' }], 2_000);
    assert.deepEqual(
      a.list().map((p) => [p.id, p.name]),
      [
        ['c2', '发布计划 🚀'],
        ['c1', 'Release notes'],
      ],
    );
    assert.equal(storeFor(memento, 'work', 'bob').list().length, 0, 'another user of the same app has no pins');
    assert.equal(storeFor(memento, 'home', 'alice').list().length, 0, 'another app has no pins');
    assert.equal(a.has('c1'), true);
    assert.equal(a.has('c3'), false);
  });

  test('the scope follows the active profile (switching apps switches the pins)', async () => {
    const memento = new FakeMemento();
    let profile = 'one';
    const store = new PinStore(memento, () => pinScope(profile, 'u'));
    await store.pin([{ id: 'a', name: 'A' }], 1);
    profile = 'two';
    assert.deepEqual(store.list(), []);
    await store.pin([{ id: 'b', name: 'B' }], 2);
    profile = 'one';
    assert.deepEqual(store.list().map((p) => p.id), ['a']);
  });

  test('unpin, rename, and what is written (one synced key; an empty scope is removed)', async () => {
    const memento = new FakeMemento();
    const store = storeFor(memento, 'p', 'u');
    await store.pin([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], 10);
    await store.rename('b', 'B renamed');
    await store.rename('zzz', 'not pinned: ignored');
    assert.equal(store.list().find((p) => p.id === 'b')?.name, 'B renamed');
    await store.unpin(['a', 'not-pinned']);
    assert.deepEqual(store.list().map((p) => p.id), ['b']);
    const writes = memento.writes;
    await store.unpin([]);
    await store.unpin(['nothing']);
    assert.equal(memento.writes, writes, 'no change, no write');
    await store.unpin(['b']);
    assert.deepEqual(memento.get(PINS_STATE_KEY), {}, 'an emptied scope leaves no key behind');
  });

  test('another window or machine (Settings Sync) changing the pins shows on the next read', async () => {
    const memento = new FakeMemento();
    const store = storeFor(memento, 'p', 'u');
    await store.pin([{ id: 'a', name: 'A' }], 1);
    memento.put(PINS_STATE_KEY, { [pinScope('p', 'u')]: [{ id: 'z', name: 'From the laptop', pinnedAt: 5 }] });
    assert.deepEqual(store.list().map((p) => p.id), ['z']);
  });

  test('a stored value of another shape is not trusted: bad entries are dropped, the rest kept, the count bounded', async () => {
    const memento = new FakeMemento();
    const scope = pinScope('p', 'u');
    memento.put(PINS_STATE_KEY, {
      [scope]: [{ id: 'ok', name: 'Fine', pinnedAt: 3 }, { id: 42 }, null, 'x', { id: '', name: 'empty id' }, { id: 'ok', name: 'duplicate' }, { id: 'n', pinnedAt: 'soon' }],
      other: 'not a list',
    });
    const store = new PinStore(memento, () => scope);
    assert.deepEqual(
      store.list().map((p) => [p.id, p.name, p.pinnedAt]),
      [
        ['ok', 'Fine', 3],
        ['n', '', 0],
      ],
    );
    memento.put(PINS_STATE_KEY, { [scope]: Array.from({ length: MAX_PINS + 50 }, (_, i) => ({ id: `c${i}`, name: '', pinnedAt: i })) });
    assert.equal(store.list().length, MAX_PINS);
    memento.put(PINS_STATE_KEY, ['not', 'an', 'object']);
    assert.deepEqual(store.list(), []);
  });

  test('a scope named like a prototype property is an ordinary key', async () => {
    const memento = new FakeMemento();
    const store = new PinStore(memento, () => '__proto__');
    await store.pin([{ id: 'a', name: 'A' }], 1);
    assert.deepEqual(store.list().map((p) => p.id), ['a']);
    assert.deepEqual(Object.keys(memento.get(PINS_STATE_KEY) as object), ['__proto__']);
  });
});

describe('pruneGonePins', () => {
  test('only a definite "gone" prunes; known (loaded) pins are not looked up; errors keep the pin', async () => {
    const memento = new FakeMemento();
    const store = storeFor(memento, 'p', 'u');
    await store.pin(['loaded', 'deleted', 'offline', 'there'].map((id) => ({ id, name: id })), 1);
    const asked: string[] = [];
    const answers: Record<string, PinCheck> = { deleted: 'gone', offline: 'unknown', there: 'exists' };
    const pruned = await pruneGonePins(store, new Set(['loaded']), async (id) => {
      asked.push(id);
      return answers[id] ?? 'exists';
    });
    assert.deepEqual(pruned, ['deleted']);
    assert.ok(!asked.includes('loaded'), 'a pin on a loaded page exists: not asked');
    assert.deepEqual(store.list().map((p) => p.id).sort(), ['loaded', 'offline', 'there']);
  });

  test('an app switched to while the checks run: the old app\'s 404s prune nothing (neither app\'s pins)', async () => {
    const memento = new FakeMemento();
    let profile = 'one';
    const store = new PinStore(memento, () => pinScope(profile, 'u'));
    await store.pin([{ id: 'a1', name: 'a1' }, { id: 'a2', name: 'a2' }], 1);
    profile = 'two';
    await store.pin([{ id: 'b1', name: 'b1' }], 2);
    profile = 'one';
    // App one's client answers 404 for everything; the user switches to app two after the first answer.
    const pruned = await pruneGonePins(store, new Set(), async () => {
      profile = 'two';
      return 'gone';
    });
    assert.deepEqual(pruned, []);
    assert.deepEqual(store.list().map((p) => p.id), ['b1'], "app two's pin stays");
    profile = 'one';
    assert.deepEqual(store.list().map((p) => p.id).sort(), ['a1', 'a2'], "app one's pins stay: the run was cut short");
  });

  test('a scope captured before the client was fetched, and already changed: nothing is asked', async () => {
    const memento = new FakeMemento();
    let profile = 'two';
    const store = new PinStore(memento, () => pinScope(profile, 'u'));
    await store.pin([{ id: 'b1', name: 'b1' }], 1);
    const asked: string[] = [];
    const pruned = await pruneGonePins(store, new Set(), async (id) => (asked.push(id), 'gone'), pinScope('one', 'u'));
    assert.deepEqual([pruned, asked], [[], []]);
    profile = 'two';
    assert.deepEqual(store.list().map((p) => p.id), ['b1']);
  });
});
