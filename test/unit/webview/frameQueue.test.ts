import { frames } from './dom';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameQueue } from '../../../webview/frameQueue';

beforeEach(() => frames.drain());

describe('FrameQueue', () => {
  test('one item a frame with no budget, in order, nothing in the task that queued them', () => {
    const ran: number[] = [];
    const q = new FrameQueue<number>((n) => ran.push(n), 0);
    q.add([1, 2]);
    q.add([3]);
    assert.deepEqual(ran, []);
    frames.run();
    assert.deepEqual(ran, [1]);
    frames.drain();
    assert.deepEqual(ran, [1, 2, 3]);
  });

  test('replace drops what waits; replaced by nothing while a frame is pending, the frame runs nothing', () => {
    const ran: unknown[] = [];
    const q = new FrameQueue<number>((n) => ran.push(n), 0);
    q.add([1, 2]);
    q.replace([7]);
    frames.drain();
    assert.deepEqual(ran, [7]);
    q.add([8, 9]);
    q.replace([]);
    assert.equal(frames.pending, 0, 'no frame is left asking for work');
    frames.drain();
    assert.deepEqual(ran, [7], 'never called without an item');
  });

  test('runs after the frame is painted, not among its callbacks: what a frame renders is not held up by it', () => {
    const order: unknown[] = [];
    const q = new FrameQueue<number>((n) => order.push(n), 0);
    q.add([1]);
    // Asked for after the queue, as the newest answer's Markdown is when a conversation opens.
    requestAnimationFrame(() => order.push('the frame renders'));
    frames.run();
    assert.deepEqual(order, ['the frame renders', 1]);
  });

  test('an item that queues more gets them a frame later, once', () => {
    const ran: number[] = [];
    const q: FrameQueue<number> = new FrameQueue<number>((n) => {
      ran.push(n);
      if (n === 1) q.add([2]);
    }, 0);
    q.add([1]);
    frames.run();
    assert.deepEqual(ran, [1]);
    assert.equal(frames.pending, 1, 'one frame asked for, not two');
    frames.drain();
    assert.deepEqual(ran, [1, 2]);
  });

  test('with a budget, what an item queues runs in the same turn, and the turn it scheduled runs nothing', () => {
    const ran: unknown[] = [];
    const q: FrameQueue<number> = new FrameQueue<number>((n) => {
      ran.push(n);
      if (n === 1) q.add([2]);
      if (n === 2) q.replace([5]);
    }, 60_000);
    q.add([1]);
    frames.run();
    assert.deepEqual(ran, [1, 2, 5]);
    frames.drain();
    assert.deepEqual(ran, [1, 2, 5], 'never called without an item');
  });

  test('clear drops what waits and its frame', () => {
    const ran: number[] = [];
    const q = new FrameQueue<number>((n) => ran.push(n), 0);
    q.add([1]);
    q.clear();
    assert.equal(frames.pending, 0);
    frames.drain();
    assert.deepEqual(ran, []);
  });
});
