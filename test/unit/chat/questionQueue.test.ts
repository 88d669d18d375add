import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_QUEUED, QuestionQueue } from '../../../src/chat/questionQueue';
import type { CodeContext } from '../../../src/shared/codeContext';

const ctx: CodeContext = { uri: 'file:///w/a.ts', fileName: 'a.ts', languageId: 'typescript', range: { startLine: 0, startCharacter: 0, endLine: 1, endCharacter: 0 }, text: 'x\n', origin: 'selection' };

describe('QuestionQueue', () => {
  test('first in, first out; the panel sees the words and the files', () => {
    const q = new QuestionQueue();
    q.add({ id: 'a', question: 'Explain.\n\n```ts\nx\n```', instruction: 'Explain.', context: [ctx] });
    q.add({ id: 'b', question: 'Why?' });
    assert.deepEqual(q.views(), [
      { id: 'a', question: 'Explain.', files: ['a.ts'] },
      { id: 'b', question: 'Why?' },
    ]);
    assert.equal(q.next()?.id, 'a');
    assert.equal(q.next()?.id, 'b');
    assert.equal(q.next(), undefined);
  });
  test('a question can be taken back before it goes; taking back one that is gone changes nothing', () => {
    const q = new QuestionQueue();
    q.add({ id: 'a', question: '1' });
    q.add({ id: 'b', question: '2' });
    assert.equal(q.remove('a'), true);
    assert.equal(q.remove('a'), false);
    assert.deepEqual(q.views().map((v) => v.id), ['b']);
  });
  test('bounded: one more than the limit is refused', () => {
    const q = new QuestionQueue();
    for (let i = 0; i < MAX_QUEUED; i++) assert.equal(q.add({ id: `q${i}`, question: `${i}` }), true);
    assert.equal(q.add({ id: 'over', question: 'over' }), false);
    assert.equal(q.length, MAX_QUEUED);
  });
  test('keeps copies: a caller changing its context afterwards changes nothing queued', () => {
    const q = new QuestionQueue();
    const mine = { ...ctx, range: { ...ctx.range } };
    q.add({ id: 'a', question: 'x', context: [mine] });
    mine.text = 'changed';
    assert.equal(q.next()?.context?.[0]?.text, 'x\n');
  });
});
