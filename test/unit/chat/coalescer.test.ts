import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerCoalescer, diffAnswer } from '../../../src/chat/coalescer';
import { emptyAnswer } from '../../../src/shared/answer';
import type { Answer } from '../../../src/shared/answer';
import type { TurnUpdate } from '../../../src/protocol';
import { applyTurnUpdate } from '../../../src/protocol';
import { ManualScheduler } from './fakes';

describe('diffAnswer', () => {
  test('nothing changed: undefined', () => {
    const a = emptyAnswer();
    assert.equal(diffAnswer('t', a, { ...a }), undefined);
  });

  test('grown text is an append; replaced text is a patch; removed fields are unset', () => {
    const a: Answer = { ...emptyAnswer(), text: 'Hello', taskId: 'x' };
    assert.deepEqual(diffAnswer('t', a, { ...a, text: 'Hello, world' }), { turnId: 't', patch: {}, append: ', world' });
    assert.deepEqual(diffAnswer('t', a, { ...a, text: 'Bye' }), { turnId: 't', patch: { text: 'Bye' } });
    const { taskId: _omit, ...rest } = a;
    assert.deepEqual(diffAnswer('t', a, rest), { turnId: 't', patch: {}, unset: ['taskId'] });
  });

  test('only changed fields travel (by reference)', () => {
    const thoughts = [{ id: '1', position: 1, thought: 't', tool: '', toolInput: '', observation: '', files: [] }];
    const a: Answer = { ...emptyAnswer(), thoughts };
    const b: Answer = { ...a, status: 'streaming' };
    assert.deepEqual(diffAnswer('t', a, b), { turnId: 't', patch: { status: 'streaming' } });
  });
});

describe('AnswerCoalescer', () => {
  function make() {
    const scheduler = new ManualScheduler();
    const sent: TurnUpdate[] = [];
    const c = new AnswerCoalescer('t', emptyAnswer(), (u) => sent.push(u), scheduler, 33);
    return { scheduler, sent, c };
  }

  test('a burst within one window becomes one update carrying the newest state', () => {
    const { scheduler, sent, c } = make();
    let a = emptyAnswer();
    for (let i = 0; i < 1000; i++) {
      a = { ...a, status: 'streaming', text: a.text + 'x' };
      c.update(a);
    }
    assert.equal(sent.length, 0);
    scheduler.advance(33);
    assert.equal(sent.length, 1);
    assert.equal(applyTurnUpdate(emptyAnswer(), sent[0]!).text, 'x'.repeat(1000));
  });

  test('flush sends at once and cancels the timer; dispose stops everything', () => {
    const { scheduler, sent, c } = make();
    c.update({ ...emptyAnswer(), text: 'a' });
    c.flush({ ...emptyAnswer(), text: 'ab', status: 'done' });
    assert.equal(sent.length, 1);
    assert.equal(scheduler.pending, 0);
    assert.equal(sent[0]!.append, 'ab');
    c.dispose();
    c.update({ ...emptyAnswer(), text: 'abc' });
    c.flush();
    scheduler.advance(100);
    assert.equal(sent.length, 1);
  });

  test('markSent makes the next update relative to what a snapshot carried', () => {
    const { scheduler, sent, c } = make();
    c.update({ ...emptyAnswer(), text: 'Hello' });
    c.markSent({ ...emptyAnswer(), text: 'Hello' });
    assert.equal(scheduler.pending, 0);
    c.update({ ...emptyAnswer(), text: 'Hello!' });
    scheduler.advance(33);
    assert.deepEqual(sent, [{ turnId: 't', patch: {}, append: '!' }]);
  });

  test('the first text of an answer goes at once; the text after it waits for its window', () => {
    const { scheduler, sent, c } = make();
    // A status change without text waits for the window...
    c.update({ ...emptyAnswer(), status: 'streaming' }, '');
    assert.equal(sent.length, 0);
    // ...until the first text arrives: then it goes at once, with what was waiting.
    c.update({ ...emptyAnswer(), status: 'streaming', text: 'He' }, 'He');
    assert.deepEqual(sent, [{ turnId: 't', patch: { status: 'streaming' }, append: 'He' }]);
    assert.equal(scheduler.pending, 0);
    c.update({ ...emptyAnswer(), status: 'streaming', text: 'Hello' }, 'llo');
    assert.equal(sent.length, 1, 'later text is coalesced');
    scheduler.advance(33);
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.append, 'llo');
  });

  test('without word of what the text did, the first text waits for the window (nothing is compared per event)', () => {
    const { scheduler, sent, c } = make();
    c.update({ ...emptyAnswer(), text: 'Hi' });
    assert.equal(sent.length, 0);
    scheduler.advance(33);
    assert.equal(sent[0]!.append, 'Hi');
  });
});
