import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasExactKeys, isBoundedString, isPlainObject } from '../../../src/shared/guards';

describe('validator building blocks', () => {
  test('plain objects: literals and null-prototype objects only', () => {
    assert.equal(isPlainObject({}), true);
    assert.equal(isPlainObject(Object.create(null)), true);
    for (const bad of [null, undefined, [], 'x', 1, new Date(), new Map()]) assert.equal(isPlainObject(bad), false, String(bad));
  });

  test('bounded strings count UTF-16 code units, both bounds inclusive', () => {
    assert.equal(isBoundedString('', 3), true);
    assert.equal(isBoundedString('', 3, 1), false);
    assert.equal(isBoundedString('abc', 3, 1), true);
    assert.equal(isBoundedString('abcd', 3), false);
    assert.equal(isBoundedString('😀', 2, 2), true, 'one emoji is two code units');
    assert.equal(isBoundedString(3, 3), false);
  });

  test('exact keys: every required one, optional ones allowed, nothing else (own symbols and __proto__ included)', () => {
    assert.equal(hasExactKeys({ a: 1, b: 2 }, ['a', 'b']), true);
    assert.equal(hasExactKeys({ a: 1 }, ['a', 'b']), false, 'a required key is missing');
    assert.equal(hasExactKeys({ a: 1, c: 3 }, ['a'], ['c']), true);
    assert.equal(hasExactKeys({ a: 1 }, ['a'], ['c']), true, 'optional keys may be absent');
    assert.equal(hasExactKeys({ a: 1, d: 4 }, ['a'], ['c']), false);
    assert.equal(hasExactKeys({ a: 1, [Symbol('s')]: 1 }, ['a']), false);
    assert.equal(hasExactKeys(JSON.parse('{"a":1,"__proto__":{}}') as Record<string, unknown>, ['a']), false);
    const hidden = { a: 1 };
    Object.defineProperty(hidden, 'b', { value: 2, enumerable: false });
    assert.equal(hasExactKeys(hidden, ['a']), false, 'a non-enumerable own key counts');
  });
});
