// Which answers the panel highlights lazily: history (answers shown whole) waits until each block is seen; an
// answer streaming in highlights each block as its fence closes; closing a conversation unobserves its blocks.
import { frames } from './dom';
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Turn } from '../../../src/shared/chatState';
import { emptyAnswer } from '../../../src/shared/answer';
import { PENDING_HIGHLIGHT_CLASS } from '../../../webview/render/lazyHighlight';
import { baseState, doneTurn, mount } from './appFixture';

const g = globalThis as Record<string, unknown>;
let observed: Set<Element>;
let report: (el: Element) => void;

const CODE = 'Here:\n\n```ts\nconst x: number = 1;\n```\n\nDone.';
const spans = (el: Element | null): number => el?.querySelectorAll('code [class^="hljs-"]').length ?? 0;

describe('webview App: lazy highlighting', () => {
  beforeEach(() => {
    frames.drain();
    const seen = new Set<Element>();
    observed = seen;
    g['IntersectionObserver'] = class {
      constructor(callback: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void) {
        report = (el) => callback([{ target: el, isIntersecting: true }]);
      }
      observe(el: Element): void {
        seen.add(el);
      }
      unobserve(el: Element): void {
        seen.delete(el);
      }
      disconnect(): void {
        seen.clear();
      }
    };
  });
  afterEach(() => {
    delete g['IntersectionObserver'];
  });

  test('a conversation from history waits to be seen; New chat (the next state) unobserves every block', () => {
    const { send, root } = mount();
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', CODE), doneTurn('b', CODE)] }) });
    frames.drain();
    const blocks = [...root.querySelectorAll('.answer-text div.code-block')];
    assert.equal(blocks.length, 2);
    assert.ok(blocks.every((b) => b.classList.contains(PENDING_HIGHLIGHT_CLASS) && spans(b) === 0));
    assert.deepEqual([...observed], blocks);
    report(blocks[1] as Element);
    assert.ok(spans(blocks[1] as Element) > 0, 'the block seen is highlighted');
    assert.equal(spans(blocks[0] as Element), 0, 'the other still waits');
    send({ type: 'state', state: baseState() });
    assert.equal(observed.size, 0, 'the closed conversation left nothing observed');
  });

  test('an answer streaming in highlights its code as the fence closes, without the observer', () => {
    const { send, root } = mount();
    send({ type: 'state', state: baseState({ turns: [] }) });
    const turn: Turn = { id: 'c', question: 'code please', answer: emptyAnswer(), feedback: null, suggestions: [] };
    send({ type: 'turnAdded', turn });
    send({ type: 'turnUpdate', turnId: 'c', patch: { status: 'streaming' }, append: CODE });
    frames.drain();
    const block = root.querySelector('.turn[data-turn-id="c"] .answer-text div.code-block');
    assert.ok(spans(block) > 0, 'highlighted while streaming, once its fence closed');
    assert.ok(!block?.classList.contains(PENDING_HIGHLIGHT_CLASS));
    send({ type: 'turnUpdate', turnId: 'c', patch: { status: 'done', messageId: 'm-c' } });
    frames.drain();
    assert.ok(spans(root.querySelector('.turn[data-turn-id="c"] .answer-text div.code-block')) > 0);
    assert.equal(observed.size, 0);
  });
});
