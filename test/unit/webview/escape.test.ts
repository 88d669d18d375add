import { document, frames } from './dom';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { baseState, key, mount } from './appFixture';

beforeEach(() => frames.drain());

describe('Escape in the panel', () => {
  test('while an answer streams, Escape stops it from wherever focus is in the panel', () => {
    const { send, q, posted } = mount();
    send({ type: 'state', state: baseState({ busy: true }) });
    const e = key(q('textarea'), { key: 'Escape' });
    assert.deepEqual(posted.at(-1), { type: 'stop' });
    assert.equal(e.defaultPrevented, true);
    key(q('main.scroller'), { key: 'Escape' });
    assert.equal(posted.filter((m) => m.type === 'stop').length, 2);
  });

  test('an Escape that ends an input method composition stops nothing', () => {
    const { send, q, posted } = mount();
    send({ type: 'state', state: baseState({ busy: true }) });
    key(q('textarea'), { key: 'Escape', isComposing: true });
    key(q('textarea'), { key: 'Escape', keyCode: 229 });
    assert.equal(posted.filter((m) => m.type === 'stop').length, 0);
  });

  test('with nothing streaming, Escape closes the open section that holds focus and focuses its summary', () => {
    const { send, q, posted } = mount();
    send({ type: 'state', state: baseState() });
    const details = document.createElement('details');
    details.open = true;
    details.innerHTML = '<summary>Workflow</summary><div><button type="button">inside</button></div>';
    q('main.scroller').append(details);
    const inside = details.querySelector('button') as HTMLElement;
    inside.focus();
    const e = key(inside, { key: 'Escape' });
    assert.equal(details.open, false);
    assert.equal(document.activeElement, details.querySelector('summary'));
    assert.equal(e.defaultPrevented, true);
    assert.equal(posted.filter((m) => m.type === 'stop').length, 0);
    // Nothing open around focus: Escape is left alone (VS Code may use it).
    const again = key(q('textarea'), { key: 'Escape' });
    assert.equal(again.defaultPrevented, false);
  });
});
