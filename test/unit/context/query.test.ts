import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQuery, cutText, totalLength, truncateContexts } from '../../../src/context/query';
import type { QueryWords } from '../../../src/context/query';
import type { CodeContext } from '../../../src/shared/codeContext';

const words: QueryWords = {
  location: (file, lines, single) => `\`${file}\`, ${single ? 'line' : 'lines'} ${lines}:`,
  truncated: (limit) => `(The code was cut to its first ${limit} characters.)`,
};
const ctx = (text: string, startLine: number, endLine: number, over: Partial<CodeContext> = {}): CodeContext => ({
  uri: 'file:///w/src/a.ts',
  fileName: 'src/a.ts',
  languageId: 'typescript',
  range: { startLine, startCharacter: 0, endLine, endCharacter: 0 },
  text,
  origin: 'selection',
  ...over,
});

describe('the query Ask About Selection sends', () => {
  test('default layout: the instruction, then where the code is from, then the fenced code', () => {
    const r = buildQuery('Explain this code.', [ctx('const a = 1;\nconst b = 2;\n', 11, 13)], words, { limit: 20_000 });
    assert.deepEqual(r, { ok: true, usesSelection: false, text: 'Explain this code.\n\n`src/a.ts`, lines 12-13:\n```typescript\nconst a = 1;\nconst b = 2;\n```' });
  });
  test('several selections: several blocks, in the order given (document order)', () => {
    const r = buildQuery('Compare.', [ctx('one', 1, 1, { range: { startLine: 1, startCharacter: 0, endLine: 1, endCharacter: 3 } }), ctx('two\n', 5, 6)], words, { limit: 100 });
    assert.ok(r.ok);
    assert.equal(r.text, 'Compare.\n\n`src/a.ts`, line 2:\n```typescript\none\n```\n\n`src/a.ts`, line 6:\n```typescript\ntwo\n```');
  });
  test('a template that places ${selection} is the whole query', () => {
    const r = buildQuery('Review ${fileName} lines ${lineRange}:\n${selection}', [ctx('x()\n', 0, 1)], words, { limit: 100 });
    assert.deepEqual(r, { ok: true, usesSelection: true, text: 'Review src/a.ts lines 1:\n```typescript\nx()\n```' });
  });
  test('a custom question: the typed words, then the code', () => {
    const r = buildQuery('${input}', [ctx('y\n', 2, 3)], words, { input: '这段代码为什么慢？', limit: 100 });
    assert.ok(r.ok);
    assert.equal(r.text, '这段代码为什么慢？\n\n`src/a.ts`, line 3:\n```typescript\ny\n```');
  });
  test('truncated code says so after its block, and the block is still closed', () => {
    const r = buildQuery('Explain.', [ctx('abc', 0, 0, { truncated: true, range: { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 3 } })], words, { limit: 3 });
    assert.ok(r.ok);
    assert.equal(r.text, 'Explain.\n\n`src/a.ts`, line 1:\n```typescript\nabc\n```\n(The code was cut to its first 3 characters.)');
  });
  test('an unknown placeholder is an error and builds no query', () => {
    assert.deepEqual(buildQuery('Explain ${code}', [ctx('x', 0, 0)], words, { limit: 10 }), { ok: false, unknown: ['code'] });
  });
  test('code holding a fence cannot end the block early', () => {
    const r = buildQuery('Explain.', [ctx('```\nnot the end\n```\n', 0, 3, { languageId: 'markdown' })], words, { limit: 100 });
    assert.ok(r.ok);
    assert.match(r.text, /\n````markdown\n```\nnot the end\n```\n````$/);
  });
});

describe('truncation', () => {
  test('never splits a surrogate pair', () => {
    const cut = cutText('ab😀cd', 3);
    assert.equal(cut, 'ab');
    assert.equal(cutText('ab😀cd', 4), 'ab😀');
  });
  test('ends at a line end when one is near the limit', () => {
    const text = `${'x'.repeat(95)}\n${'y'.repeat(20)}`;
    assert.equal(cutText(text, 100), 'x'.repeat(95));
    assert.equal(cutText('x'.repeat(50) + '\n' + 'y'.repeat(60), 100), 'x'.repeat(50) + '\n' + 'y'.repeat(49));
  });
  test('pieces that fit stay whole, the one crossing the limit is cut and marked, the rest are dropped', () => {
    const out = truncateContexts([ctx('aaaa', 0, 1), ctx('bbbbbb', 2, 3), ctx('cc', 4, 5)], 7);
    assert.deepEqual(out.map((c) => [c.text, c.truncated ?? false]), [['aaaa', false], ['bbb', true]]);
    assert.equal(totalLength(out), 7);
    assert.deepEqual(truncateContexts([ctx('aaaa', 0, 1)], 10).map((c) => c.truncated), [undefined]);
  });
});
