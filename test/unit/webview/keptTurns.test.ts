// A new state keeps the views of finished turns that did not change (older history paged in above them, the
// panel shown again): their nodes stay, nothing is rendered again; anything changed or unfinished is rebuilt.
import { frames, window } from './dom';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Turn } from '../../../src/shared/chatState';
import { emptyAnswer } from '../../../src/shared/answer';
import { baseState, doneTurn, mount } from './appFixture';

beforeEach(() => frames.drain());

const answerEl = (root: HTMLElement, id: string): Element | null => root.querySelector(`.turn[data-turn-id="${id}"] .answer-text`);

describe('webview App: views kept across states', () => {
  test('older history paged in above: the turns already shown keep their nodes, the older ones are new, in order', () => {
    const { send, root } = mount();
    const a = doneTurn('a', 'First **answer**\n\n```ts\nconst a = 1;\n```');
    const b = doneTurn('b', 'Second answer');
    send({ type: 'state', state: baseState({ turns: [a, b], conversation: { id: 'c1', hasOlder: true, loadingOlder: false } }) });
    frames.drain();
    const before = { a: answerEl(root, 'a'), b: answerEl(root, 'b'), code: root.querySelector('.turn[data-turn-id="a"] pre code') };
    const older = doneTurn('z', 'An older answer');
    send({ type: 'state', state: baseState({ turns: [older, structuredClone(a), structuredClone(b)], conversation: { id: 'c1', hasOlder: false, loadingOlder: false } }) });
    frames.drain();
    assert.deepEqual([...root.querySelectorAll('.turn')].map((t) => (t as HTMLElement).dataset['turnId']), ['z', 'a', 'b']);
    assert.equal(answerEl(root, 'a'), before.a, 'kept');
    assert.equal(answerEl(root, 'b'), before.b, 'kept');
    assert.equal(root.querySelector('.turn[data-turn-id="a"] pre code'), before.code, 'its code was not rendered again');
    assert.match(answerEl(root, 'z')?.textContent ?? '', /An older answer/);
  });

  test('the kept turns are not even taken out of the list and put back (which would restyle them): only the older ones are inserted', () => {
    const { send, root } = mount();
    const a = doneTurn('a', 'Answer A');
    const b = doneTurn('b', 'Answer B');
    send({ type: 'state', state: baseState({ turns: [a, b] }) });
    const list = root.querySelector('.turns') as HTMLElement;
    const watch = new window.MutationObserver(() => undefined);
    watch.observe(list, { childList: true });
    send({ type: 'state', state: baseState({ turns: [doneTurn('y', 'Y'), doneTurn('z', 'Z'), structuredClone(a), structuredClone(b)] }) });
    const records = watch.takeRecords();
    watch.disconnect();
    const removed = records.flatMap((r) => [...r.removedNodes]);
    const added = records.flatMap((r) => [...r.addedNodes]).map((n) => (n as HTMLElement).dataset['turnId']);
    assert.deepEqual(removed, []);
    assert.deepEqual(added, ['y', 'z']);
    send({ type: 'state', state: baseState({ turns: [doneTurn('z', 'Z'), doneTurn('b', 'Answer B'), doneTurn('x', 'X')] }) });
    assert.deepEqual([...list.children].map((t) => (t as HTMLElement).dataset['turnId']), ['z', 'b', 'x'], 'dropped, kept and new turns in the order given');
  });

  test('a turn whose data changed, or that is not finished, is rebuilt from the new state', () => {
    const { send, root } = mount();
    const a = doneTurn('a', 'Answer A');
    const streaming: Turn = { id: 's', question: 'q', answer: { ...emptyAnswer(), status: 'streaming', text: 'partial' }, feedback: null, suggestions: [] };
    send({ type: 'state', state: baseState({ turns: [a, streaming] }) });
    frames.drain();
    const before = { a: answerEl(root, 'a'), s: answerEl(root, 's') };
    send({ type: 'state', state: baseState({ turns: [{ ...a, answer: { ...a.answer, text: 'Answer A, replaced' } }, structuredClone(streaming)] }) });
    frames.drain();
    assert.notEqual(answerEl(root, 'a'), before.a);
    assert.match(answerEl(root, 'a')?.textContent ?? '', /Answer A, replaced/);
    assert.notEqual(answerEl(root, 's'), before.s, 'an unfinished turn is always rebuilt');
  });

  test('a kept view goes on taking updates: its feedback, then a state that carries it, keeps it again', () => {
    const { send, root } = mount();
    const a = doneTurn('a', 'Answer A');
    send({ type: 'state', state: baseState({ turns: [a] }) });
    send({ type: 'state', state: baseState({ turns: [structuredClone(a)] }) });
    const kept = answerEl(root, 'a');
    send({ type: 'turnMeta', turnId: 'a', feedback: 'like' });
    send({ type: 'state', state: baseState({ turns: [{ ...structuredClone(a), feedback: 'like' }] }) });
    assert.equal(answerEl(root, 'a'), kept, 'the view recorded the rating, so it still matches');
    assert.equal(root.querySelector('.turn[data-turn-id="a"] [aria-label="Like"]')?.getAttribute('aria-pressed'), 'true');
    // (The first state's object is the view's own, which took the rating: a fresh copy has none.)
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', 'Answer A')] }) });
    assert.notEqual(answerEl(root, 'a'), kept, 'a rating taken back elsewhere rebuilds it');
    assert.equal(root.querySelector('.turn[data-turn-id="a"] [aria-label="Like"]')?.getAttribute('aria-pressed'), 'false');
  });
});
