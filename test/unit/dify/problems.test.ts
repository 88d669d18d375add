// Problems are data: a DifyError carries one, its Error.message is a technical line for logs (never a
// sentence for people), and a problem survives a structured clone (it crosses to the webview and back).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DifyError, isDifyError } from '../../../src/dify/errors';
import { type Problem, problemLine } from '../../../src/dify/problems';

describe('problems', () => {
  test('a problem as one technical line: id, then key=value, strings with spaces quoted, absent facts left out', () => {
    assert.equal(problemLine({ id: 'request.cancelled' }), 'request.cancelled');
    assert.equal(problemLine({ id: 'http.notFound', target: 'conversation', detail: undefined }), 'http.notFound target=conversation');
    assert.equal(problemLine({ id: 'http.notFound', target: 'messageList', detail: 'Conversation Not Exists.' }), 'http.notFound target=messageList detail="Conversation Not Exists."');
    assert.equal(problemLine({ id: 'timeout.idle', host: '127.0.0.1:5001', ms: 150 }), 'timeout.idle host=127.0.0.1:5001 ms=150');
    assert.equal(problemLine({ id: 'net.dropped', host: 'h', code: 'EPIPE', midAnswer: true }), 'net.dropped host=h code=EPIPE midAnswer=true');
    assert.equal(problemLine({ id: 'baseUrl.unusable', profileName: 'Work app', reason: { id: 'baseUrl.noScheme', fixed: 'http://x' } }), 'baseUrl.unusable profileName="Work app" reason=(baseUrl.noScheme fixed=http://x)');
  });

  test('a DifyError keeps kind, problem and the facts; its message is the technical line', () => {
    const problem: Problem = { id: 'http.forbidden', status: 403, code: 'forbidden', detail: 'Disabled.' };
    const e = new DifyError({ kind: 'forbidden', problem, status: 403, code: 'forbidden', serverMessage: 'Disabled.' });
    assert.equal(e.message, 'http.forbidden status=403 code=forbidden detail=Disabled.');
    assert.equal(e.problem, problem);
    assert.deepEqual([e.kind, e.status, e.code, e.serverMessage, e.retryAfterSeconds, e.causeCode], ['forbidden', 403, 'forbidden', 'Disabled.', undefined, undefined]);
    assert.ok(isDifyError(e));
  });

  test('problems are structured-clone safe, nested ones included', () => {
    const problems: Problem[] = [
      { id: 'tls.failed', host: 'h', code: 'CERT_HAS_EXPIRED', reason: 'expired' },
      { id: 'baseUrl.unusable', profileName: 'p', reason: { id: 'baseUrl.query' } },
      { id: 'diagnosis.badRequest', step: 'info', label: 400 },
    ];
    for (const p of problems) assert.deepEqual(structuredClone(p), p);
  });
});
