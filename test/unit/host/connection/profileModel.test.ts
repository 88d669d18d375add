import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BASE_URL, isUsableProfileId, newProfileId, parseProfiles, resolveProfiles, sameProfile, toSetting } from '../../../../src/host/connection/profileModel';

describe('resolveProfiles', () => {
  test('no profiles: one implicit default from dify.baseUrl', () => {
    const { profiles, active } = resolveProfiles({ baseUrl: 'http://10.0.0.2/v1', profiles: [], activeProfile: '' });
    assert.equal(profiles.length, 1);
    assert.deepEqual(active, { id: 'default', name: 'Dify', baseUrl: 'http://10.0.0.2/v1', implicit: true });
  });
  test('no profiles and no base URL: the documented default', () => {
    assert.equal(resolveProfiles({ baseUrl: undefined, profiles: undefined, activeProfile: undefined }).active.baseUrl, DEFAULT_BASE_URL);
  });
  test('a listed profile replaces the implicit one; activeProfile selects', () => {
    const { profiles, active } = resolveProfiles({
      baseUrl: 'http://ignored/v1',
      profiles: [
        { id: 'a', name: 'A', baseUrl: 'http://a/v1' },
        { id: 'b', name: 'B', baseUrl: 'http://b/v1', user: 'bob' },
      ],
      activeProfile: 'b',
    });
    assert.deepEqual(profiles.map((p) => p.id), ['a', 'b']);
    assert.deepEqual(active, { id: 'b', name: 'B', baseUrl: 'http://b/v1', user: 'bob', implicit: false });
  });
  test('an unknown activeProfile falls back to the first', () => {
    assert.equal(resolveProfiles({ baseUrl: '', profiles: [{ id: 'a', name: 'A', baseUrl: 'http://a/v1' }], activeProfile: 'zz' }).active.id, 'a');
  });
});

describe('parseProfiles', () => {
  test('skips malformed entries and keeps the first of a duplicated id', () => {
    const parsed = parseProfiles([
      null,
      'x',
      { id: 'ok', name: 'OK', baseUrl: 'http://ok/v1' },
      { id: 'ok', name: 'Dup', baseUrl: 'http://dup/v1' },
      { id: '', name: 'No id', baseUrl: 'http://x/v1' },
      { id: 'bad id!', name: 'Bad', baseUrl: 'http://x/v1' },
      { id: 'noname', baseUrl: 'http://x/v1' },
      { id: 'nourl', name: 'No URL' },
      { id: 'num', name: 'N', baseUrl: 5 },
      { id: ' sp ', name: ' Spaced ', baseUrl: ' http://sp/v1 ', user: '  ' },
    ]);
    assert.deepEqual(parsed, [
      { id: 'ok', name: 'OK', baseUrl: 'http://ok/v1' },
      { id: 'sp', name: 'Spaced', baseUrl: 'http://sp/v1' },
    ]);
  });
  test('an id that names a property of every object (__proto__, constructor, ...) is refused', () => {
    const parsed = parseProfiles(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'p-ok'].map((id) => ({ id, name: id, baseUrl: 'http://x/v1' })));
    assert.deepEqual(parsed.map((p) => p.id), ['p-ok']);
    assert.equal(isUsableProfileId('__proto__'), false);
    assert.equal(isUsableProfileId('proto'), true);
  });
  test('a non-array is no profiles', () => {
    assert.deepEqual(parseProfiles({ id: 'a' }), []);
    assert.deepEqual(parseProfiles(undefined), []);
  });
});

describe('helpers', () => {
  test('toSetting drops implicit and an absent user', () => {
    assert.deepEqual(toSetting({ id: 'a', name: 'A', baseUrl: 'u', implicit: true }), { id: 'a', name: 'A', baseUrl: 'u' });
    assert.deepEqual(toSetting({ id: 'a', name: 'A', baseUrl: 'u', user: 'x', implicit: false }), { id: 'a', name: 'A', baseUrl: 'u', user: 'x' });
  });
  test('newProfileId avoids taken ids', () => {
    const seq = ['aa', 'bb', 'cc'];
    assert.equal(newProfileId(['p-aa', 'p-bb'], () => seq.shift() ?? 'zz'), 'p-cc');
  });
  test('sameProfile compares every field', () => {
    const p = { id: 'a', name: 'A', baseUrl: 'u', implicit: false };
    assert.equal(sameProfile(p, { ...p }), true);
    assert.equal(sameProfile(p, { ...p, baseUrl: 'v' }), false);
    assert.equal(sameProfile(p, { ...p, user: 'x' }), false);
  });
});
