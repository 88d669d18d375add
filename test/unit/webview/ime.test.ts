import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompositionTracker } from '../../../webview/ime';
import type { KeyInfo } from '../../../webview/ime';

/**
 * A tiny driver: composition events and keydowns go to the tracker, `tick()` runs what the tracker
 * deferred to the next task, and every keydown classified 'send' counts as one send.
 */
function harness() {
  const queue: Array<() => void> = [];
  const tracker = new CompositionTracker((fn) => queue.push(fn));
  let sends = 0;
  const actions: string[] = [];
  return {
    tracker,
    start: () => tracker.compositionStart(),
    end: () => tracker.compositionEnd(),
    key(k: KeyInfo) {
      const a = tracker.classify(k);
      actions.push(a);
      if (a === 'send') sends++;
      return a;
    },
    tick() {
      for (const fn of queue.splice(0)) fn();
    },
    get sends() {
      return sends;
    },
    actions,
  };
}

const composingKey = (key: string): KeyInfo => ({ key, keyCode: 229, isComposing: true });
const enter: KeyInfo = { key: 'Enter', keyCode: 13, isComposing: false };

describe('IME composition and Enter', () => {
  test('Chinese pinyin (Chromium): the Enter that commits the letters does not send; a later Enter sends once', () => {
    const h = harness();
    h.start();
    for (const k of ['n', 'i', 'h', 'a', 'o']) assert.equal(h.key(composingKey(k)), 'ime');
    // Enter while the candidate window is open commits the raw letters: keydown 229/isComposing, then compositionend.
    assert.equal(h.key({ key: 'Enter', keyCode: 229, isComposing: true }), 'ime');
    h.end();
    h.tick();
    assert.equal(h.sends, 0);
    assert.equal(h.key(enter), 'send');
    assert.equal(h.sends, 1);
  });

  test('Chinese pinyin choosing a candidate with Space, then Enter sends once', () => {
    const h = harness();
    h.start();
    for (const k of ['z', 'h', 'o', 'n', 'g']) h.key(composingKey(k));
    h.key({ key: ' ', keyCode: 229, isComposing: true });
    h.end();
    h.tick();
    assert.equal(h.key(enter), 'send');
    assert.equal(h.sends, 1);
  });

  test('Japanese (Safari order): compositionend, then keydown Enter with isComposing false and 229 — does not send', () => {
    const h = harness();
    h.start();
    for (const k of ['k', 'a', 'n', 'j', 'i']) h.key(composingKey(k));
    // Space converts to kanji, Enter commits.
    h.key({ key: ' ', keyCode: 229, isComposing: true });
    h.end();
    assert.equal(h.key({ key: 'Enter', keyCode: 229, isComposing: false }), 'ime');
    h.tick();
    assert.equal(h.sends, 0);
    assert.equal(h.key(enter), 'send');
    assert.equal(h.sends, 1);
  });

  test('Japanese, IMEs that report keyCode 13 and isComposing false right after compositionend — does not send', () => {
    const h = harness();
    h.start();
    h.key(composingKey('a'));
    h.end();
    // Same task as compositionend: the flag is still up.
    assert.equal(h.key({ key: 'Enter', keyCode: 13, isComposing: false }), 'ime');
    assert.equal(h.sends, 0);
    h.tick();
    assert.equal(h.key(enter), 'send');
    assert.equal(h.sends, 1);
  });

  test('keyCode 229 alone (engines without isComposing) never sends', () => {
    const h = harness();
    assert.equal(h.key({ key: 'Enter', keyCode: 229 }), 'ime');
    assert.equal(h.sends, 0);
  });

  test('a new composition starting before the deferred reset keeps the flag up', () => {
    const h = harness();
    h.start();
    h.end();
    h.start(); // e.g. typing straight on after committing
    h.tick(); // the first end's reset runs now, but must not clear the active composition
    assert.equal(h.key({ key: 'Enter', isComposing: false, keyCode: 13 }), 'ime');
    h.end();
    h.tick();
    assert.equal(h.key(enter), 'send');
  });

  test('without any IME: Enter sends, Shift+Enter and Alt+Enter are newlines, other keys are other', () => {
    const h = harness();
    assert.equal(h.key(enter), 'send');
    assert.equal(h.key({ key: 'Enter', shiftKey: true }), 'newline');
    assert.equal(h.key({ key: 'Enter', altKey: true }), 'newline');
    assert.equal(h.key({ key: 'a' }), 'other');
    assert.equal(h.key({ key: 'ArrowUp' }), 'other');
    assert.equal(h.sends, 1);
  });

  test('blur mid-composition (no compositionend ever comes) resets the tracker', () => {
    const h = harness();
    h.start();
    h.tracker.reset();
    assert.equal(h.key(enter), 'send');
  });

  test('keys during composition are the IME\'s', () => {
    const h = harness();
    h.start();
    assert.equal(h.key({ key: 'ArrowUp', isComposing: true, keyCode: 229 }), 'ime');
    assert.equal(h.tracker.active, true);
  });
});
