import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadYourWritesMemento, readYourWrites } from '../../../src/host/readYourWrites';

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/**
 * VS Code's ExtensionMemento as it behaves: `update` changes the value here at once; `send()` is its 0 ms
 * timer, sending the whole value; `land()` is the workbench storing the oldest value sent, echoing it (which
 * replaces the whole value here) and then answering, which resolves the updates that went with it.
 */
class EchoingMemento {
  value: Record<string, unknown> = {};
  stored: Record<string, unknown> = {};
  syncKeys: readonly string[] = [];
  private waiting: Array<() => void> = [];
  private inFlight: Array<{ snapshot: Record<string, unknown>; waiters: Array<() => void> }> = [];

  get(key: string): unknown {
    return this.value[key];
  }

  update(key: string, value: unknown): Promise<void> {
    this.value[key] = clone(value);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  setKeysForSync(keys: readonly string[]): void {
    this.syncKeys = keys;
  }

  send(): void {
    this.inFlight.push({ snapshot: clone(this.value), waiters: this.waiting });
    this.waiting = [];
  }

  land(): void {
    const sent = this.inFlight.shift();
    assert.ok(sent, 'something was sent');
    this.stored = clone(sent.snapshot);
    this.value = clone(sent.snapshot);
    for (const resolve of sent.waiters) resolve();
  }

  get sending(): boolean {
    return this.waiting.length > 0;
  }
}

/** Lets promise callbacks run (no timers). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A pin written while another key's write was on its way; then the echo of that write (which had no pin). */
function afterOldEcho(): { m: EchoingMemento; state: ReadYourWritesMemento } {
  const m = new EchoingMemento();
  const state = new ReadYourWritesMemento(m);
  void state.update('other', 1);
  m.send();
  void state.update('pins', ['a']);
  m.send();
  m.land();
  assert.equal(m.get('pins'), undefined, 'the echo has no pin');
  return { m, state };
}

describe('a memento that reads its own writes (VS Code echoes the whole state back)', () => {
  test('the fake loses a value the way VS Code does, without the wrapper (the cases below are real)', async () => {
    const m = new EchoingMemento();
    void m.update('other', 1);
    m.send();
    void m.update('pins', ['a']);
    m.land(); // the echo of the first write, which had no pins
    assert.equal(m.get('pins'), undefined);
    m.send();
    m.land();
    assert.equal(m.stored['pins'], undefined, 'stored without the pin');
  });

  test('an old echo between a write and its own echo: get returns the newest value written', async () => {
    const { m, state } = afterOldEcho();
    assert.deepEqual(state.get('pins'), ['a']);
    m.land();
    assert.deepEqual(state.get('pins'), ['a']);
    assert.deepEqual(m.stored['pins'], ['a']);
  });

  test('a read right after the write (which VS Code answers from memory) does not end the watch before its answer', async () => {
    const m = new EchoingMemento();
    const state = new ReadYourWritesMemento(m);
    void state.update('other', 1);
    m.send();
    void state.update('pins', ['a']);
    assert.deepEqual(state.get('pins'), ['a'], 'shown at once, as the tree redraws');
    m.send();
    m.land(); // the older echo comes after that read
    assert.deepEqual(state.get('pins'), ['a']);
    m.land();
    await settle();
    assert.deepEqual(state.get('pins'), ['a']);
    // Answered and shown: from now on the state is read as it is.
    m.value = { ...m.value, pins: [] };
    assert.deepEqual(state.get('pins'), []);
  });

  test('a read-modify-write after an old echo keeps both changes', async () => {
    const { m, state } = afterOldEcho();
    const pins = (state.get('pins') as string[] | undefined) ?? [];
    void state.update('pins', ['b', ...pins]);
    while (m.sending) {
      m.send();
      m.land();
      await settle();
    }
    m.send();
    m.land();
    await settle();
    assert.deepEqual(state.get('pins'), ['b', 'a']);
    assert.deepEqual(m.stored['pins'], ['b', 'a']);
  });

  test('an old echo that lands before the write is sent: the write is sent again, and update waits for it', async () => {
    const m = new EchoingMemento();
    const state = new ReadYourWritesMemento(m);
    void state.update('other', 1);
    m.send();
    let done = false;
    void state.update('pins', ['a']).then(() => (done = true));
    m.land(); // the echo replaces the value before the pin went
    m.send(); // what goes is the echoed value: no pin
    m.land();
    await settle();
    assert.equal(m.stored['pins'], undefined, 'the first send lost it');
    assert.equal(done, false, 'update has not resolved: the pin is being sent again');
    assert.ok(m.sending);
    m.send();
    m.land();
    await settle();
    assert.equal(done, true);
    assert.deepEqual(m.stored['pins'], ['a']);
    assert.deepEqual(state.get('pins'), ['a']);
  });

  test('a write to another key sent after an old echo carries the old value too: the pin is watched until none is on its way', async () => {
    const { m, state } = afterOldEcho(); // the first write's echo: no pin in memory
    void state.update('b', 2);
    m.send(); // carries the state without the pin
    m.land(); // the pin's own write lands and is answered
    await settle();
    assert.deepEqual(state.get('pins'), ['a'], 'shown and answered, but the write of b is still on its way');
    m.land(); // b's echo: no pin, and stored so
    await settle();
    assert.equal(m.stored['pins'], undefined);
    assert.deepEqual(state.get('pins'), ['a']);
    assert.ok(m.sending, 'sent again');
    m.send();
    m.land();
    await settle();
    assert.deepEqual(m.stored['pins'], ['a']);
    assert.deepEqual(state.get('pins'), ['a']);
  });

  test('once every write is answered, a key read rarely is released: a later value from elsewhere is not overridden', async () => {
    const m = new EchoingMemento();
    const state = new ReadYourWritesMemento(m);
    void state.update('tpl', 'X');
    void state.update('tpl', 'Y');
    m.send();
    m.land();
    await settle();
    m.value = { ...m.value, tpl: 'X' }; // another window picks X again
    assert.equal(state.get('tpl'), 'X');
    assert.equal(m.sending, false, 'nothing written back');
  });

  test('a value from elsewhere (another window, Settings Sync) is taken as it is', async () => {
    const m = new EchoingMemento();
    const state = new ReadYourWritesMemento(m);
    void state.update('pins', ['a']);
    m.send();
    m.value = { pins: ['from another window'] };
    assert.deepEqual(state.get('pins'), ['from another window']);
    m.land();
    assert.deepEqual(state.get('pins'), ['a'], 'then its own write as stored');
  });

  test('deleting (undefined) is a write like any other', async () => {
    const m = new EchoingMemento();
    m.value = { pins: ['a'] };
    const state = new ReadYourWritesMemento(m);
    void state.update('other', 1);
    m.send();
    void state.update('pins', undefined);
    m.send();
    m.land(); // old echo: pins still ['a']
    assert.equal(state.get('pins'), undefined);
    m.land();
    assert.equal(m.stored['pins'], undefined);
  });

  test('what get returns is a copy: changing it changes nothing pending', async () => {
    const { state } = afterOldEcho();
    (state.get('pins') as string[]).push('mutated');
    assert.deepEqual(state.get('pins'), ['a']);
  });

  test('a failed update is not read back', async () => {
    const failing = { value: undefined as unknown, get: () => failing.value, update: (_k: string, v: unknown) => ((failing.value = v), Promise.reject(new Error('disk full'))) };
    const state = new ReadYourWritesMemento(failing);
    await assert.rejects(state.update('pins', ['a']), /disk full/);
    failing.value = undefined;
    assert.equal(state.get('pins'), undefined);
  });

  test('one view per memento; keys for sync go through', () => {
    const m = new EchoingMemento();
    const a = readYourWrites(m);
    assert.equal(readYourWrites(m), a);
    assert.equal(readYourWrites(a), a, 'a view of a view is the view');
    assert.notEqual(readYourWrites(new EchoingMemento()), a);
    a.setKeysForSync(['dify.pins']);
    assert.deepEqual(m.syncKeys, ['dify.pins']);
  });
});
