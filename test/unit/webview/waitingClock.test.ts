// While an answer's first token is awaited the panel says so and for how long ("Waiting for the model… 12 s"),
// with Stop; the ticking writes only the status text (no other node of the transcript changes), and it stops
// once the answer starts (or the turn is gone).
import { document, frames } from './dom';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Turn } from '../../../src/shared/chatState';
import { emptyAnswer } from '../../../src/shared/answer';
import { baseState, doneTurn, mount } from './appFixture';

beforeEach(() => {
  frames.drain();
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 });
});
afterEach(() => mock.timers.reset());

function waitingTurn(): Turn {
  return { id: 'w', question: 'hello?', answer: emptyAnswer(), feedback: null, suggestions: [] };
}

describe('webview: waiting for the first token', () => {
  test('counts the seconds in the status line, with Stop, touching no other node', () => {
    const { send, root } = mount();
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', 'An earlier answer')] }) });
    send({ type: 'turnAdded', turn: waitingTurn() });
    send({ type: 'busy', busy: true });
    frames.drain();
    const status = root.querySelector<HTMLElement>('.turn[data-turn-id="w"] .status-text');
    assert.ok(status);
    assert.equal(status.textContent, 'Waiting for the model…');
    assert.ok(root.querySelector('[aria-label="Stop"]'), 'Stop is offered while waiting');

    const changed: Node[] = [];
    const observer = new (document.defaultView as unknown as typeof globalThis).MutationObserver((records) => {
      for (const r of records) changed.push(r.target);
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    mock.timers.tick(12_000);
    frames.drain();
    assert.equal(status.textContent, 'Waiting for the model… 12 s');
    const records = observer.takeRecords();
    for (const r of records) changed.push(r.target);
    observer.disconnect();
    assert.ok(changed.length > 0);
    const outside = changed.filter((n) => n !== status && n.parentNode !== status);
    assert.deepEqual(outside.map((n) => (n as Element).className ?? n.nodeName), [], 'the ticking changed other nodes');
    assert.equal(frames.pending, 0, 'the ticking scheduled no render');
  });

  test('gives way to the answer once text arrives, and stops ticking', () => {
    const { send, root } = mount();
    send({ type: 'state', state: baseState() });
    send({ type: 'turnAdded', turn: waitingTurn() });
    frames.drain();
    mock.timers.tick(3_000);
    const line = root.querySelector<HTMLElement>('.turn[data-turn-id="w"] .answer-status');
    assert.equal(line?.querySelector('.status-text')?.textContent, 'Waiting for the model… 3 s');
    send({ type: 'turnUpdate', turnId: 'w', patch: { status: 'streaming' }, append: 'Hi' });
    frames.drain();
    assert.equal(line?.hidden, true);
    const text = line?.querySelector('.status-text')?.textContent;
    mock.timers.tick(5_000);
    assert.equal(line?.querySelector('.status-text')?.textContent, text, 'the clock still ticks after the first token');
  });
});
