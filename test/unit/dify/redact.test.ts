import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, redact, redactClipped } from '../../../src/dify/redact';

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
  // Issue 9: a key under 4 characters used to be left alone ("would shred text"); the active key goes whatever
  // its length, since a server that echoes it must not show it.
  test('removes short literal secrets too, whatever their length', () => {
    assert.equal(redact('key Zq7 rejected', ['Zq7']), `key ${REDACTED} rejected`);
    assert.equal(redact('a b c', ['a']), `${REDACTED} b c`);
    assert.equal(redact('nothing here', ['']), 'nothing here');
  });
  test('removes a key split by a newline, by zero-width characters, by any whitespace between its characters', () => {
    const key = 'sk-canary-9f8e7d6c5b4a';
    const forms = [
      `${key.slice(0, 7)}\n${key.slice(7)}`,
      `${key.slice(0, 5)}\r\n${key.slice(5)}`,
      `${key.slice(0, 4)}\u200b${key.slice(4)}`,
      [...key].join('\u200b'),
      [...key].join('\u200c\u200d'),
      `${key.slice(0, 3)}\u2060${key.slice(3, 9)}\ufeff${key.slice(9)}`,
      `${key.slice(0, 6)}\u00ad${key.slice(6)}`,
      `${key.slice(0, 8)} \t ${key.slice(8)}`,
      `${key.slice(0, 8)}\u00a0${key.slice(8)}`,
    ];
    for (const form of forms) {
      const out = redact(`token ${form} is invalid`, [key]);
      assert.equal(out, `token ${REDACTED} is invalid`, JSON.stringify(form));
    }
  });
  test('a key with separators of its own is matched by its visible characters', () => {
    assert.equal(redact('got abcd', ['ab\u200bcd']), `got ${REDACTED}`);
  });
  test('the same key twice in a row, and overlapping candidates, go whole', () => {
    assert.equal(redact('aaaab', ['aab']), `aa${REDACTED}`);
    assert.equal(redact('xyxyxyz', ['xyxyz']), `xy${REDACTED}`);
    assert.equal(redact('k1k1', ['k1']), `${REDACTED}${REDACTED}`);
  });
  test('idempotent: redacting redacted text changes nothing, even for a key that occurs in the marker', () => {
    for (const key of ['red', 'act', 'd]', 'e']) {
      const once = redact(`the key ${key} leaked`, [key]);
      assert.equal(redact(once, [key]), once, key);
      assert.ok(!once.replaceAll(REDACTED, '').includes(key), once);
    }
  });
  test('redactClipped removes a key that straddles the cut, then cuts', () => {
    const key = 'sk-straddle-1234567890';
    const text = `${'x'.repeat(95)}${key}${'y'.repeat(50)}`;
    const out = redactClipped(text, 100, [key]);
    assert.ok(out.length <= 100, String(out.length));
    assert.ok(!out.includes(key.slice(0, 5)), out);
    assert.ok(out.endsWith('…'));
    assert.equal(redactClipped('short', 100, [key]), 'short');
  });
  test('a key split across a JSON error echo is gone', () => {
    const body = JSON.stringify({ code: 'unauthorized', message: `Access token ${KEY} is invalid`, status: 401 });
    assert.ok(!redact(body).includes(KEY));
  });
});
