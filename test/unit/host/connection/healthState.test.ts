import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthStatus } from '../../../../src/host/connection/healthState';
import { sameHealth, statusAfterTraffic, statusForAppMode, statusForErrorKind } from '../../../../src/host/connection/healthState';

const ALL: HealthStatus[] = ['checking', 'connected', 'noKey', 'unreachable', 'rejected', 'needsConfirmation', 'keyringError', 'invalidUrl', 'notChatApp', 'unknown'];

describe('statusAfterTraffic', () => {
  test('a request that worked means connected, from any state but connected and notChatApp', () => {
    for (const current of ALL) {
      const expected = current === 'connected' || current === 'notChatApp' ? undefined : 'connected';
      assert.equal(statusAfterTraffic(current, { status: 200 }), expected, current);
      assert.equal(statusAfterTraffic(current, { status: 304 }), expected, current);
    }
  });

  test('a request that did not reach Dify means unreachable', () => {
    for (const errorKind of ['network', 'tls', 'timeout', 'notDify']) {
      assert.equal(statusAfterTraffic('connected', { errorKind }), 'unreachable', errorKind);
      assert.equal(statusAfterTraffic('connected', { status: 502, errorKind }), 'unreachable', errorKind);
    }
  });

  test('a refused key or app means rejected', () => {
    assert.equal(statusAfterTraffic('connected', { status: 401, errorKind: 'auth' }), 'rejected');
    assert.equal(statusAfterTraffic('checking', { status: 403, errorKind: 'forbidden' }), 'rejected');
  });

  test('other failures say nothing about the connection', () => {
    for (const errorKind of ['badRequest', 'rateLimited', 'server', 'notFound', 'interrupted', 'streamError', 'tooLarge', 'aborted']) {
      assert.equal(statusAfterTraffic('connected', { status: 400, errorKind }), undefined, errorKind);
    }
    assert.equal(statusAfterTraffic('unreachable', { status: 500 }), undefined, 'a 5xx without a kind is no success');
    assert.equal(statusAfterTraffic('unreachable', {}), undefined, 'no status and no kind: nothing is known');
  });
});

describe('statusForErrorKind', () => {
  test('auth and forbidden: rejected', () => {
    assert.equal(statusForErrorKind('auth'), 'rejected');
    assert.equal(statusForErrorKind('forbidden'), 'rejected');
  });
  test('no way to the app: unreachable (a missing route too)', () => {
    for (const kind of ['network', 'tls', 'timeout', 'notDify', 'notFound']) assert.equal(statusForErrorKind(kind), 'unreachable', kind);
  });
  test('anything else, or not one of Dify errors: unknown', () => {
    for (const kind of ['server', 'rateLimited', 'badRequest', undefined]) assert.equal(statusForErrorKind(kind), 'unknown', String(kind));
  });
});

describe('statusForAppMode and sameHealth', () => {
  test('chat modes are connected, the others are not chat apps', () => {
    for (const mode of ['chat', 'agent-chat', 'advanced-chat']) assert.equal(statusForAppMode(mode), 'connected', mode);
    for (const mode of ['workflow', 'completion', '']) assert.equal(statusForAppMode(mode), 'notChatApp', mode);
  });
  test('a state is the same only with the same status and detail', () => {
    assert.equal(sameHealth({ status: 'noKey', detail: 'x' }, { status: 'noKey', detail: 'x' }), true);
    assert.equal(sameHealth({ status: 'noKey', detail: 'x' }, { status: 'noKey', detail: 'y' }), false);
    assert.equal(sameHealth({ status: 'noKey' }, { status: 'unknown' }), false);
  });
});
