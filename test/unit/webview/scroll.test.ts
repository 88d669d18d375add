import { document } from './dom';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AutoScroll, isAtBottom } from '../../../webview/scroll';

/** A scroller whose box jsdom does not lay out: its sizes are set by the test. */
function scroller(scrollHeight: number, clientHeight: number): HTMLElement {
  const el = document.createElement('main');
  Object.defineProperty(el, 'scrollHeight', { get: () => scrollHeight });
  Object.defineProperty(el, 'clientHeight', { get: () => clientHeight });
  return el;
}

describe('AutoScroll', () => {
  test('at the bottom within a line of slack', () => {
    assert.equal(isAtBottom(1476, 500, 2000), true);
    assert.equal(isAtBottom(1400, 500, 2000), false);
  });

  test('the reader scrolling up stops following and shows Jump to latest, which brings them back', () => {
    const el = scroller(2000, 500);
    const jump = document.createElement('button');
    const auto = new AutoScroll(el, document.createElement('div'), jump);
    el.scrollTop = 600;
    el.dispatchEvent(new Event('scroll'));
    assert.equal(auto.isFollowing, false);
    assert.equal(jump.hidden, false);
    auto.jumpToLatest();
    assert.equal(auto.isFollowing, true);
    assert.equal(jump.hidden, true);
    auto.dispose();
  });

  test('with nothing to follow (the welcome of a new chat) Jump to latest never shows', () => {
    const el = scroller(2000, 500);
    const jump = document.createElement('button');
    let answers = true;
    const auto = new AutoScroll(el, document.createElement('div'), jump, () => answers);
    el.scrollTop = 600;
    el.dispatchEvent(new Event('scroll'));
    assert.equal(jump.hidden, false, 'away from the latest answer');
    // New chat: the transcript empties while the button shows; the welcome is taller than the panel.
    answers = false;
    auto.toTop();
    assert.equal(jump.hidden, true);
    assert.equal(el.scrollTop, 0);
    el.scrollTop = 300;
    el.dispatchEvent(new Event('scroll'));
    assert.equal(jump.hidden, true, 'reading down the welcome shows no Jump to latest');
    auto.dispose();
  });
});
