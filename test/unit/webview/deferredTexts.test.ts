// A long history opens at its newest answers: the Markdown of the newest turns (up to SYNC_TEXT_CHARS) is
// rendered with the state, that of older turns in the frames after, newest first; small histories at once.
import { frames } from './dom';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYNC_TEXT_CHARS } from '../../../webview/deferredTexts';
import { baseState, doneTurn, mount } from './appFixture';

beforeEach(() => frames.drain());

const KB8 = 'Some words of an answer, with `code` and **bold**.\n\n'.repeat(160);

function long(n: number) {
  return Array.from({ length: n }, (_, i) => doneTurn(`t${i}`, `Answer number ${i}\n\n${KB8}`));
}

function rendered(root: HTMLElement): boolean[] {
  return [...root.querySelectorAll('.turn .answer-text')].map((el) => (el.textContent ?? '').includes('Answer number'));
}

describe('webview App: older turns of a long history render after the newest', () => {
  test('the newest turns are rendered with the state, the older ones in the next frames, newest first', () => {
    const { send, root } = mount();
    const turns = long(10);
    assert.ok(turns.reduce((n, t) => n + t.answer.text.length, 0) > 2 * SYNC_TEXT_CHARS, 'the fixture is over the budget');
    send({ type: 'state', state: baseState({ turns }) });
    const first = rendered(root);
    assert.equal(first.at(-1), true, 'the newest answer is there at once');
    assert.equal(first[0], false, 'the oldest waits');
    const newestHeld = first.lastIndexOf(false);
    assert.ok(first.slice(newestHeld + 1).every(Boolean) && first.slice(0, newestHeld + 1).every((r) => !r), `newest first: ${first.join(',')}`);
    const attached = root.querySelectorAll('.turn').length;
    assert.equal(attached, 10, 'every turn is in the list already (its question, its answer box)');
    frames.run();
    const second = rendered(root);
    assert.equal(second[newestHeld], true, 'the first frame renders the newest of the held turns');
    for (let i = 0; i < second.length - 1; i++) assert.ok(!second[i] || second[i + 1], `no gap above a rendered turn: ${second.join(',')}`);
    frames.drain();
    assert.ok(rendered(root).every(Boolean), 'all rendered in the end');
  });

  test('a small history renders whole with the state', () => {
    const { send, root } = mount();
    const quarter = 'Some words of an answer, with `code` and **bold**.\n\n'.repeat(Math.floor(SYNC_TEXT_CHARS / 4 / 52));
    const turns = [0, 1].map((i) => doneTurn(`s${i}`, `Answer number ${i}\n\n${quarter}`));
    send({ type: 'state', state: baseState({ turns }) });
    assert.deepEqual(rendered(root), [true, true]);
  });

  test('a new state drops an older page still waiting for its frame', () => {
    const { send, root } = mount();
    const turns = long(3);
    send({ type: 'state', state: baseState({ turns, conversation: { id: 'c', hasOlder: true, loadingOlder: false } }) });
    const older = long(6).slice(3).map((t, i) => ({ ...t, id: `older${i}` }));
    send({ type: 'olderTurns', turns: older, conversation: { id: 'c', hasOlder: false, loadingOlder: false } });
    send({ type: 'state', state: baseState({ turns: long(2) }) });
    frames.drain();
    assert.equal(root.querySelectorAll('.turn').length, 2, 'only the new state\'s turns');
  });

  test('a new state before they are rendered: kept turns still held render later, dropped ones never', () => {
    const { send, root } = mount();
    const turns = long(10);
    send({ type: 'state', state: baseState({ turns }) });
    const held = rendered(root).filter((r) => !r).length;
    assert.ok(held >= 2);
    // Older history paged in: the same turns (copies) and two older ones; then a New chat drops them all.
    send({ type: 'state', state: baseState({ turns: [...long(12).slice(10).map((t, i) => ({ ...t, id: `older${i}` })), ...structuredClone(turns)] }) });
    assert.equal(rendered(root).at(-1), true);
    frames.drain();
    assert.ok(rendered(root).every(Boolean), 'the older page and the held turns all rendered');
    send({ type: 'state', state: baseState({ turns }) });
    send({ type: 'state', state: baseState() });
    frames.drain();
    assert.equal(root.querySelectorAll('.turn').length, 0);
  });

  test('an older page (olderTurns) goes in front: the turns shown keep their elements, its held text renders after theirs', () => {
    const { send, root } = mount();
    const turns = long(10);
    send({ type: 'state', state: baseState({ turns, conversation: { id: 'c', hasOlder: true, loadingOlder: false } }) });
    const shown = [...root.querySelectorAll('.turn')];
    const heldBefore = rendered(root).filter((r) => !r).length;
    assert.ok(heldBefore >= 2, 'some of the shown turns are still held');
    const older = long(13).slice(10).map((t, i) => ({ ...t, id: `older${i}` }));
    send({ type: 'olderTurns', turns: older, conversation: { id: 'c', hasOlder: false, loadingOlder: false } });
    assert.equal(root.querySelectorAll('.turn').length, 10, 'the page goes in with the next frame, not in the task that brought it');
    frames.run();
    const all = [...root.querySelectorAll<HTMLElement>('.turn')];
    assert.deepEqual(all.map((el) => el.dataset['turnId']), [...older.map((t) => t.id), ...turns.map((t) => t.id)]);
    assert.ok(shown.every((el, i) => all[i + older.length] === el), 'the turns shown are the same elements');
    assert.deepEqual(rendered(root).slice(0, older.length), [false, false, false], 'the page above a screenful of answers waits');
    assert.equal(root.querySelector<HTMLElement>('.load-older')?.hidden, true, 'no older history left: the button goes');
    frames.run();
    const next = rendered(root);
    assert.equal(next[0], false, 'the page waits for the turns queued before it');
    for (let i = 0; i < next.length - 1; i++) assert.ok(!next[i] || next[i + 1], `no gap above a rendered turn: ${next.join(',')}`);
    frames.drain();
    assert.ok(rendered(root).every(Boolean), 'all rendered in the end');
    send({ type: 'olderTurns', turns: older, conversation: { id: 'c', hasOlder: false, loadingOlder: false } });
    frames.drain();
    assert.equal(root.querySelectorAll('.turn').length, 13, 'a page already shown is not added twice');
  });
});
