import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnswerStatus } from '../../../src/shared/answer';
import { emptyAnswer, isFinished } from '../../../src/shared/answer';

describe('isFinished: the one "can no longer change" check (host session and webview)', () => {
  test('done, stopped, failed and interrupted are finished; waiting and streaming are not', () => {
    const expected: Record<AnswerStatus, boolean> = { waiting: false, streaming: false, done: true, stopped: true, failed: true, interrupted: true };
    for (const [status, finished] of Object.entries(expected) as Array<[AnswerStatus, boolean]>) {
      assert.equal(isFinished({ ...emptyAnswer(), status }), finished, status);
    }
  });

  test('a fresh answer waits for its first event', () => {
    assert.deepEqual(emptyAnswer(), { status: 'waiting', text: '', thoughts: [], files: [], citations: [] });
    assert.equal(isFinished(emptyAnswer()), false);
  });
});
