import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventOrTimeout } from '../../../src/host/eventOrTimeout';
import type { EventLike } from '../../../src/host/eventOrTimeout';

/** A minimal emitter that counts its live listeners. */
function emitter<T>() {
  const listeners = new Set<(e: T) => unknown>();
  const event: EventLike<T> = (listener) => {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  };
  return { event, fire: (e: T) => [...listeners].forEach((l) => l(e)), get listeners() { return listeners.size; } };
}

describe('eventOrTimeout', () => {
  test('resolves true when the event fires, and unsubscribes', async () => {
    const e = emitter<void>();
    const waiting = eventOrTimeout(e.event, 60_000);
    assert.equal(e.listeners, 1);
    e.fire();
    assert.equal(await waiting, true);
    assert.equal(e.listeners, 0, 'the subscription is gone');
  });

  test('waits for a value the predicate accepts', async () => {
    const e = emitter<number>();
    let settled = false;
    const waiting = eventOrTimeout(e.event, 60_000, (n) => n > 2).then((r) => ((settled = true), r));
    e.fire(1);
    e.fire(2);
    await Promise.resolve();
    assert.equal(settled, false, 'rejected values do not end the wait');
    assert.equal(e.listeners, 1);
    e.fire(3);
    assert.equal(await waiting, true);
    assert.equal(e.listeners, 0);
  });

  test('resolves false when the time runs out first (never rejects), and unsubscribes', async () => {
    const e = emitter<void>();
    assert.equal(await eventOrTimeout(e.event, 0), false);
    assert.equal(e.listeners, 0);
    e.fire();
  });
});
