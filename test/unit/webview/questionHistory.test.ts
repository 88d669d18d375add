import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HISTORY_LIMIT, QuestionHistory } from '../../../webview/questionHistory';

describe('QuestionHistory (Up/Down recall)', () => {
  test('Up in an empty box walks back, Down walks forward to an empty box', () => {
    const h = new QuestionHistory(['one', 'two', 'three']);
    assert.equal(h.up(''), 'three');
    assert.equal(h.up('three'), 'two');
    assert.equal(h.up('two'), 'one');
    assert.equal(h.up('one'), undefined, 'stops at the oldest');
    assert.equal(h.down('one'), 'two');
    assert.equal(h.down('two'), 'three');
    assert.equal(h.down('three'), '');
    assert.equal(h.down(''), undefined);
  });

  test('a box with a draft is not navigated (Up moves the caret instead)', () => {
    const h = new QuestionHistory(['one']);
    assert.equal(h.up('my draft'), undefined);
    assert.equal(h.down('my draft'), undefined);
  });

  test('editing a recalled entry ends navigation', () => {
    const h = new QuestionHistory(['one', 'two']);
    assert.equal(h.up(''), 'two');
    assert.equal(h.up('two edited'), undefined);
    assert.equal(h.down('two edited'), undefined);
  });

  test('add records sent questions, skipping blanks and an immediate repeat, and restarts navigation', () => {
    const h = new QuestionHistory();
    assert.equal(h.up(''), undefined);
    h.add('a');
    h.add('a');
    h.add('  ');
    h.add('b');
    assert.deepEqual(h.all, ['a', 'b']);
    assert.equal(h.up(''), 'b');
    h.add('c');
    assert.equal(h.up(''), 'c');
  });

  test('keeps at most HISTORY_LIMIT entries', () => {
    const h = new QuestionHistory(Array.from({ length: HISTORY_LIMIT + 10 }, (_, i) => `q${i}`));
    assert.equal(h.all.length, HISTORY_LIMIT);
    h.add('new');
    assert.equal(h.all.length, HISTORY_LIMIT);
    assert.equal(h.all[h.all.length - 1], 'new');
  });
});
