// Off-screen finished turns stand in with a placeholder height estimated from their text, at the height per
// character of the turns laid out on screen; nothing is estimated from too little text or from held turns.
import { document } from './dom';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TurnView } from '../../../webview/components/turn';
import { TurnHeights } from '../../../webview/turnHeights';
import { doneTurn } from './appFixture';

function view(chars: number, height: number, held = false): TurnView {
  const el = document.createElement('div');
  el.getBoundingClientRect = () => ({ height, top: 0, bottom: height, left: 0, right: 100, width: 100, x: 0, y: 0, toJSON: () => ({}) });
  return { el, turn: doneTurn(`t${chars}`, 'x'.repeat(chars)), isTextHeld: held } as unknown as TurnView;
}

const placeholder = (v: TurnView): string => v.el.style.getPropertyValue('contain-intrinsic-size');

describe('TurnHeights: placeholder heights for turns off screen', () => {
  test('learned from the turns laid out, applied per turn from its text; `auto` keeps a real height', () => {
    const heights = new TurnHeights();
    const later = [view(8000, 0), view(100, 0)];
    heights.apply(later);
    assert.equal(placeholder(later[0]!), '', 'nothing before anything was learned');
    assert.equal(heights.learn([view(4000, 2000), view(2000, 1000), view(50_000, 10, true)]), true);
    heights.apply(later);
    assert.equal(placeholder(later[0]!), 'auto 4000px');
    assert.equal(placeholder(later[1]!), 'auto 50px');
    const tiny = view(10, 0);
    heights.apply([tiny]);
    assert.equal(placeholder(tiny), 'auto 48px', 'never less than a line or two');
  });

  test('too little text laid out, or none on screen: nothing learned', () => {
    const heights = new TurnHeights();
    assert.equal(heights.learn([view(500, 300)]), false);
    assert.equal(heights.learn([view(5000, 0)]), false, 'not laid out');
    assert.equal(heights.learn([view(5000, 100, true)]), false, 'its text still held');
    const v = view(1000, 0);
    heights.apply([v]);
    assert.equal(placeholder(v), '');
  });
});
