// The pieces sentences share: one size formatter (once two copies, in http.ts and stream.ts), durations, and
// Dify's own text made to fit inside our sentence.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byteSize, duration, statusLabel, withoutFinalStop } from '../../../../src/host/messages/format';
import { english } from './english';

describe('message formatting', () => {
  test('sizes: bytes below a MiB, MiB with at most one decimal above', () => {
    assert.equal(byteSize(1000, english), '1000 bytes');
    assert.equal(byteSize(1024 * 1024 - 1, english), '1048575 bytes');
    assert.equal(byteSize(1024 * 1024, english), '1 MiB');
    assert.equal(byteSize(16 * 1024 * 1024, english), '16 MiB');
    assert.equal(byteSize(1.25 * 1024 * 1024, english), '1.3 MiB');
  });
  test('durations: ms below a second, whole or one-decimal seconds above', () => {
    assert.equal(duration(150, english), '150 ms');
    assert.equal(duration(999.6, english), '1000 ms');
    assert.equal(duration(1000, english), '1 s');
    assert.equal(duration(120_000, english), '120 s');
    assert.equal(duration(2500, english), '2.5 s');
  });
  test("Dify's text loses its final full stop (also the CJK one), nothing else", () => {
    assert.equal(withoutFinalStop('Run failed: boom.'), 'Run failed: boom');
    assert.equal(withoutFinalStop('失败了。 '), '失败了');
    assert.equal(withoutFinalStop('v1.2 is out'), 'v1.2 is out');
  });
  test('status labels quote Dify’s code when there is one', () => {
    assert.equal(statusLabel(403, undefined), '403');
    assert.equal(statusLabel(403, 'forbidden'), '403 forbidden');
  });
});
