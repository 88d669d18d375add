import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, redact } from '../../../src/dify/redact';

const KEY = 'app-Q1w2E3r4T5y6U7i8O9p0AsDf';

describe('redact', () => {
  test('leaves ordinary text alone', () => {
    const text = 'GET /v1/conversations?user=vscode-1&limit=20 -> 200 in 12 ms';
    assert.equal(redact(text), text);
  });
  test('removes an app key anywhere in the text', () => {
    const out = redact(`request failed for ${KEY}, retrying`);
    assert.ok(!out.includes(KEY));
    assert.match(out, new RegExp(`app-\\${REDACTED.slice(0, 1)}`));
  });
  test('removes a dataset key', () => {
    assert.equal(redact('dataset-AbCdEfGhIjKl12'), `dataset-${REDACTED}`);
  });
  test('keeps short app- words (not key-shaped)', () => {
    assert.equal(redact('the app-id and app-mode'), 'the app-id and app-mode');
  });
  test('removes the Authorization header value, whatever it is', () => {
    for (const line of [`Authorization: Bearer ${KEY}`, `authorization: Basic dXNlcjpwYXNz`, `{"Authorization":"Bearer ${KEY}"}`, `'authorization': 'x-custom-token'`]) {
      const out = redact(line);
      assert.ok(!out.includes(KEY) && !out.includes('dXNlcjpwYXNz') && !out.includes('x-custom-token'), out);
      assert.ok(out.includes(REDACTED), out);
    }
  });
  test('removes Bearer tokens that are not app-shaped', () => {
    const out = redact('sent Bearer sk-abc.def_ghi to the server');
    assert.equal(out, `sent Bearer ${REDACTED} to the server`);
  });
  test('removes the literal current key even when it is not key-shaped', () => {
    const odd = 'hunter2-secret';
    assert.equal(redact(`key is ${odd}!`, [odd]), `key is ${REDACTED}!`);
  });
  test('removes the URL-encoded form of a literal key', () => {
    const odd = 'a+b/c=d';
    const out = redact(`?k=${encodeURIComponent(odd)}&x=1`, [odd]);
    assert.equal(out, `?k=${REDACTED}&x=1`);
  });
  test('removes every occurrence, and overlapping secrets by longest first', () => {
    const out = redact(`${KEY} and ${KEY}`, [KEY, KEY.slice(0, 10)]);
    assert.ok(!out.includes('app-Q1w2E3'));
  });
  test('ignores very short literal secrets (would shred text)', () => {
    assert.equal(redact('a b c', ['a']), 'a b c');
  });
  test('a key split across a JSON error echo is gone', () => {
    const body = JSON.stringify({ code: 'unauthorized', message: `Access token ${KEY} is invalid`, status: 401 });
    assert.ok(!redact(body).includes(KEY));
  });
});
