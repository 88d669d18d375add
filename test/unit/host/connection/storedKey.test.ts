import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStoredKey, encodeStoredKey } from '../../../../src/host/connection/storedKey';

describe('storedKey: a key and its origin as one SecretStorage value', () => {
  test('one JSON value with the key and the origin, read back as written', () => {
    const raw = encodeStoredKey({ key: 'app-abc123', origin: 'https://api.dify.ai' });
    assert.equal(raw, '{"version":1,"key":"app-abc123","origin":"https://api.dify.ai"}');
    assert.deepEqual(decodeStoredKey(raw), { key: 'app-abc123', origin: 'https://api.dify.ai' });
    assert.deepEqual(decodeStoredKey(encodeStoredKey({ key: 'app-abc123' })), { key: 'app-abc123' });
  });

  test('a bare key (as versions before this one stored it) is a key bound to no origin', () => {
    assert.deepEqual(decodeStoredKey('app-abc123'), { key: 'app-abc123' });
    // Whatever an older version was given was stored as typed, braces included.
    assert.deepEqual(decodeStoredKey('{not json'), { key: '{not json' });
  });

  test('nothing, an empty value or JSON without a usable key: no key', () => {
    for (const raw of [undefined, '', '{}', '{"key":""}', '{"key":42}', '{"key":null}', '{"origin":"https://a.example"}']) {
      assert.equal(decodeStoredKey(raw), undefined, String(raw));
    }
  });

  test('an origin that is not one binds nothing: the key stays, unbound', () => {
    for (const origin of ['https://a.example/v1', 'not a url', 'javascript:alert(1)', 42, null]) {
      assert.deepEqual(decodeStoredKey(JSON.stringify({ version: 1, key: 'app-abc123', origin })), { key: 'app-abc123' }, String(origin));
    }
    assert.deepEqual(decodeStoredKey(JSON.stringify({ version: 1, key: 'app-abc123', origin: 'http://127.0.0.1:5001' })), { key: 'app-abc123', origin: 'http://127.0.0.1:5001' });
  });
});
