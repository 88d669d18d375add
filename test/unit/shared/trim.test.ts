// Trimming by a set of characters, in linear time: what `/x+$/` did, without its quadratic retries on a long run
// that does not end the text (a base URL setting, a conversation name, an exported answer).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { trimEdgesOf, trimEndOf, trimRepeatedSuffix } from '../../../src/shared/trim';

const SIZE = 64 * 1024;

/** The time of `work`, the shortest of two runs. */
function fastest(work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    work();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('trim', () => {
  test('the same results as the regular expressions they replace', () => {
    for (const text of ['', '/', 'http://h/v1/', 'http://h/v1///', '/a/b', 'a//b//']) assert.equal(trimEndOf(text, '/'), text.replace(/\/+$/, ''), text);
    for (const text of ['', ' .-', '- a.b -', '..x..', 'x', ' -x- y- ']) assert.equal(trimEdgesOf(text, ' .-'), text.replace(/^[ .-]+|[ .-]+$/g, ''), text);
    for (const text of ['/v1', '/V1/v1', '/api/v1/v1/v1', '/api', '/v1x', '']) assert.equal(trimRepeatedSuffix(text, '/v1'), text.replace(/(\/v1)+$/i, ''), text);
  });

  test('a 64 KB run that does not end the text takes no longer than plain text of that size', () => {
    const plain = 'x'.repeat(SIZE);
    const cases: Array<[string, () => unknown, () => unknown]> = [
      ['slashes', () => trimEndOf(`${'/'.repeat(SIZE)}x`, '/'), () => trimEndOf(plain, '/')],
      ['dots in a name', () => trimEdgesOf(`x${'.'.repeat(SIZE)}y`, ' .-'), () => trimEdgesOf(plain, ' .-')],
      ['/v1 repeated', () => trimRepeatedSuffix(`${'/v1'.repeat(SIZE / 3)}x`, '/v1'), () => trimRepeatedSuffix(plain, '/v1')],
    ];
    for (const [name, hostile, baseline] of cases) {
      const base = fastest(() => baseline());
      const time = fastest(() => hostile());
      // 5x the plain text, with 5 ms of room for a timer's resolution (the regexes took 7 to 47 s here).
      assert.ok(time <= 5 * base + 5, `${name}: ${time.toFixed(2)} ms, plain ${base.toFixed(2)} ms`);
    }
  });
});
