import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdit, applyEdits } from '../../../src/context/rangeTracking';
import type { TrackedRange } from '../../../src/context/rangeTracking';

const r = (startLine: number, startCharacter: number, endLine: number, endCharacter: number) => ({ startLine, startCharacter, endLine, endCharacter });
const tracked = (range: ReturnType<typeof r>): TrackedRange => ({ range, touched: false });
// Lines 10-14 (0-based), whole lines: from the start of line 10 to the start of line 15.
const T = tracked(r(10, 0, 15, 0));

describe('a range followed through edits', () => {
  test('an edit after it changes nothing (also one starting right at its end)', () => {
    assert.deepEqual(applyEdit(T, { range: r(20, 0, 20, 0), text: 'x\ny\n' }), T);
    assert.deepEqual(applyEdit(T, { range: r(15, 0, 15, 0), text: 'new line\n' }), T);
  });
  test('lines added or removed above move it', () => {
    assert.deepEqual(applyEdit(T, { range: r(2, 0, 2, 0), text: 'a\nb\nc\n' }), tracked(r(13, 0, 18, 0)));
    assert.deepEqual(applyEdit(T, { range: r(2, 0, 5, 0), text: '' }), tracked(r(7, 0, 12, 0)));
    assert.deepEqual(applyEdit(T, { range: r(10, 0, 10, 0), text: '// above\n' }), tracked(r(11, 0, 16, 0)), 'an insertion at its start stays above it');
  });
  test('an edit on its first line, before it, moves its start character', () => {
    const inLine = tracked(r(3, 8, 5, 2));
    assert.deepEqual(applyEdit(inLine, { range: r(3, 2, 3, 2), text: 'abc' }), tracked(r(3, 11, 5, 2)));
    assert.deepEqual(applyEdit(inLine, { range: r(3, 2, 3, 2), text: 'x\nyy' }), tracked(r(4, 8, 6, 2)));
  });
  test('an edit inside it marks it touched, and it grows or shrinks to what is there now', () => {
    assert.deepEqual(applyEdit(T, { range: r(12, 0, 12, 0), text: 'x\n' }), { range: r(10, 0, 16, 0), touched: true });
    assert.deepEqual(applyEdit(T, { range: r(11, 0, 13, 0), text: '' }), { range: r(10, 0, 13, 0), touched: true });
  });
  test('an edit across its start or end marks it touched and covers both', () => {
    assert.deepEqual(applyEdit(T, { range: r(9, 0, 11, 0), text: 'z\n' }), { range: r(9, 0, 14, 0), touched: true });
    assert.deepEqual(applyEdit(T, { range: r(14, 0, 16, 0), text: '' }), { range: r(10, 0, 14, 0), touched: true });
  });
  test('several edits in order (as one event reports them)', () => {
    const out = applyEdits(T, [
      { range: r(30, 0, 30, 0), text: 'tail\n' },
      { range: r(0, 0, 0, 0), text: 'head\n' },
    ]);
    assert.deepEqual(out, tracked(r(11, 0, 16, 0)));
  });
});
