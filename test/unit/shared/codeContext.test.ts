import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeContext } from '../../../src/shared/codeContext';
import { CODE_CONTEXT_LIMITS, CODE_CONTEXT_ORIGINS, copyCodeContext, isCodeContext, isCodeContextList, isCodeRange } from '../../../src/shared/codeContext';

function sample(over: Partial<CodeContext> = {}): CodeContext {
  return {
    uri: 'file:///home/me/project/src/app.ts',
    fileName: 'src/app.ts',
    languageId: 'typescript',
    range: { startLine: 9, startCharacter: 0, endLine: 14, endCharacter: 1 },
    text: 'function f() {\n  return 1;\n}',
    origin: 'selection',
    ...over,
  };
}

/** The sample with one key replaced by `value` (or removed, for undefined), bypassing the type. */
function withKey(key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...sample() };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}

describe('CodeContext: the shape a turn carries', () => {
  test('a selection, a symbol, a file and a chip are valid, with or without truncated', () => {
    assert.deepEqual([...CODE_CONTEXT_ORIGINS], ['selection', 'symbol', 'file', 'chip']);
    for (const origin of CODE_CONTEXT_ORIGINS) assert.equal(isCodeContext(sample({ origin })), true, origin);
    assert.equal(isCodeContext(sample({ truncated: true })), true);
    assert.equal(isCodeContext(sample({ truncated: false })), true);
    // An untitled document: its name stands in for the path.
    assert.equal(isCodeContext(sample({ uri: 'untitled:Untitled-1', fileName: 'Untitled-1' })), true);
    // An empty range and empty text (the cursor on an empty line) are still a place in a document.
    assert.equal(isCodeContext(sample({ range: { startLine: 3, startCharacter: 2, endLine: 3, endCharacter: 2 }, text: '' })), true);
  });

  test('it survives JSON (workspace state) unchanged and still validates', () => {
    const c = sample({ truncated: true });
    const back: unknown = JSON.parse(JSON.stringify(c));
    assert.equal(isCodeContext(back), true);
    assert.deepEqual(back, c);
  });

  test('exact keys: a missing key, an extra key or an own __proto__ is rejected', () => {
    for (const key of ['uri', 'fileName', 'languageId', 'range', 'text', 'origin']) {
      assert.equal(isCodeContext(withKey(key, undefined)), false, `without ${key}`);
    }
    assert.equal(isCodeContext({ ...sample(), command: 'workbench.action.quit' }), false);
    assert.equal(isCodeContext(JSON.parse('{"uri":"file:///a","fileName":"a","languageId":"ts","range":{"startLine":0,"startCharacter":0,"endLine":0,"endCharacter":0},"text":"","origin":"file","__proto__":{"x":1}}')), false);
    assert.equal(isCodeContext({ ...sample(), range: { ...sample().range, extra: 1 } }), false);
    const noEnd: Record<string, unknown> = { ...sample().range };
    delete noEnd['endCharacter'];
    assert.equal(isCodeContext(withKey('range', noEnd)), false);
  });

  test('types: every value has its type; anything but a plain object is rejected', () => {
    for (const bad of [null, undefined, 'ctx', 42, [sample()], new (class Ctx {})()]) assert.equal(isCodeContext(bad), false, String(bad));
    assert.equal(isCodeContext(withKey('uri', 42)), false);
    assert.equal(isCodeContext(withKey('text', null)), false);
    assert.equal(isCodeContext(withKey('origin', 'clipboard')), false, 'an unknown origin');
    assert.equal(isCodeContext(withKey('truncated', 'yes')), false);
    assert.equal(isCodeContext(withKey('range', [0, 0, 1, 0])), false);
  });

  test('bounded lengths: empty names and over-long values are rejected', () => {
    assert.equal(isCodeContext(withKey('uri', '')), false);
    assert.equal(isCodeContext(withKey('fileName', '')), false);
    assert.equal(isCodeContext(withKey('languageId', '')), false);
    assert.equal(isCodeContext(withKey('uri', 'x'.repeat(CODE_CONTEXT_LIMITS.uri))), true, 'at the limit');
    assert.equal(isCodeContext(withKey('uri', 'x'.repeat(CODE_CONTEXT_LIMITS.uri + 1))), false);
    assert.equal(isCodeContext(withKey('fileName', 'x'.repeat(CODE_CONTEXT_LIMITS.fileName + 1))), false);
    assert.equal(isCodeContext(withKey('languageId', 'x'.repeat(CODE_CONTEXT_LIMITS.languageId + 1))), false);
    assert.equal(isCodeContext(withKey('text', 'x'.repeat(CODE_CONTEXT_LIMITS.text))), true, 'at the limit');
    assert.equal(isCodeContext(withKey('text', 'x'.repeat(CODE_CONTEXT_LIMITS.text + 1))), false);
  });

  test('ranges: 0-based non-negative integers, start not after end', () => {
    assert.equal(isCodeRange({ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 }), true);
    assert.equal(isCodeRange({ startLine: 1, startCharacter: 40, endLine: 2, endCharacter: 0 }), true, 'a later line may end at an earlier column');
    assert.equal(isCodeRange({ startLine: 2, startCharacter: 0, endLine: 1, endCharacter: 0 }), false, 'ends before it starts (lines)');
    assert.equal(isCodeRange({ startLine: 1, startCharacter: 5, endLine: 1, endCharacter: 4 }), false, 'ends before it starts (columns)');
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1', CODE_CONTEXT_LIMITS.position + 1]) {
      assert.equal(isCodeRange({ startLine: 0, startCharacter: 0, endLine: bad, endCharacter: 0 }), false, String(bad));
    }
  });

  test('a list: at most the per-turn limit, every item valid', () => {
    assert.equal(isCodeContextList([]), true);
    assert.equal(isCodeContextList([sample(), sample({ origin: 'chip' })]), true);
    assert.equal(isCodeContextList([sample(), withKey('origin', 'x')]), false);
    assert.equal(isCodeContextList(Array.from({ length: CODE_CONTEXT_LIMITS.perTurn }, () => sample())), true);
    assert.equal(isCodeContextList(Array.from({ length: CODE_CONTEXT_LIMITS.perTurn + 1 }, () => sample())), false);
    assert.equal(isCodeContextList(sample()), false, 'one context is not a list');
  });

  test('a copy is deep: editing the original afterwards changes nothing in the copy', () => {
    const original = sample({ truncated: true });
    const copy = copyCodeContext(original);
    assert.deepEqual(copy, original);
    original.range.endLine = 99;
    original.text = 'changed';
    assert.equal(copy.range.endLine, 14);
    assert.equal(copy.text, 'function f() {\n  return 1;\n}');
    assert.equal('truncated' in copyCodeContext(sample()), false, 'no truncated key when there was none');
  });
});
