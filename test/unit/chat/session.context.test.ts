// The turn's code context through the session: kept on the turn as sent, in what the webview is told, and
// carried to a retry.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { retryOptions } from '../../../src/chat/session';
import { DifyError } from '../../../src/dify/errors';
import type { CodeContext } from '../../../src/shared/codeContext';
import { isCodeContext } from '../../../src/shared/codeContext';
import { delta, end, settle, setupSession } from './fakes';

function selection(over: Partial<CodeContext> = {}): CodeContext {
  return {
    uri: 'file:///w/src/math.ts',
    fileName: 'src/math.ts',
    languageId: 'typescript',
    range: { startLine: 2, startCharacter: 0, endLine: 4, endCharacter: 1 },
    text: 'export function add(a: number, b: number) {\n  return a + b;\n}',
    origin: 'selection',
    ...over,
  };
}

describe('ChatSession: a turn carries its code context', () => {
  test('send keeps a copy of the context on the turn, in turnAdded and in the snapshot', async () => {
    const { session, backend, of, source } = setupSession();
    const context = [selection(), selection({ origin: 'chip', fileName: 'README.md', languageId: 'markdown', uri: 'file:///w/README.md' })];
    const s = backend.next();
    const turn = session.send('Explain this', source, { context })!;
    assert.deepEqual(turn.context, context);
    assert.notEqual(turn.context, context, 'the turn holds its own list');
    context[0]!.text = 'edited afterwards';
    context[0]!.range.endLine = 40;
    assert.equal(turn.context?.[0]?.text, 'export function add(a: number, b: number) {\n  return a + b;\n}', 'a later edit by the caller changes nothing');
    assert.equal(turn.context?.[0]?.range.endLine, 4);
    assert.deepEqual(of('turnAdded')[0]?.turn.context, turn.context, 'the webview is told');
    assert.deepEqual(session.snapshot().turns[0]?.context, turn.context, 'and a full state has it');
    assert.ok(turn.context?.every(isCodeContext), 'what the turn holds still validates');
    await settle();
    assert.equal(s.request?.query, 'Explain this', 'the query is the question as given (no feature builds on the context yet)');
    s.push(delta('It adds.'), end());
    s.end();
    await session.whenIdle();
    assert.deepEqual(session.turns[0]?.context, turn.context, 'the context stays once the answer is done');
  });

  test('without context (or with an empty list) a turn has no context key', () => {
    const { session, source, of } = setupSession();
    const plain = session.send('Hi', source)!;
    assert.equal('context' in plain, false);
    assert.equal('context' in of('turnAdded')[0]!.turn, false);
    session.reset();
    const empty = session.send('Hi', source, { context: [] })!;
    assert.equal('context' in empty, false);
  });

  test('Retry sends the same question with the same context as a new turn', async () => {
    const { session, backend, of, source } = setupSession();
    const failing = backend.next();
    const turn = session.send('Find bugs', source, { context: [selection({ origin: 'symbol', truncated: true })] })!;
    await settle();
    failing.fail(new DifyError({ kind: 'network', problem: { id: 'net.refused', host: '127.0.0.1:5001' } }));
    await session.whenIdle();
    assert.equal(turn.answer.status, 'failed');

    const ok = backend.next();
    const retry = session.retry(turn.id, source)!;
    assert.notEqual(retry.id, turn.id);
    assert.equal(retry.retryOf, turn.id);
    assert.equal(retry.question, 'Find bugs');
    assert.deepEqual(retry.context, turn.context);
    assert.deepEqual(of('turnAdded')[1]?.turn.context, turn.context, 'the retried turn reaches the webview with its context');
    await settle();
    ok.push(delta('None found.'), end());
    ok.end();
    await session.whenIdle();
    assert.equal(retry.answer.status, 'done');
  });

  test('retryOptions: a retry of a turn, with its context when it has one', () => {
    const { session, source } = setupSession();
    const withContext = session.send('q', source, { context: [selection()] })!;
    assert.deepEqual(retryOptions(withContext), { retryOf: withContext.id, context: withContext.context });
    session.reset();
    const without = session.send('q', source)!;
    assert.deepEqual(retryOptions(without), { retryOf: without.id });
  });
});

describe('ChatSession: a turn carries its files', () => {
  test('the files go as the request’s files, stay on the turn, and a retry sends them again', async () => {
    const { session, backend, of, source } = setupSession();
    const files = [
      { id: 'a1', type: 'image', url: '', belongsTo: 'user', filename: 'shot.png', transferMethod: 'local_file' as const, uploadFileId: 'up-1' },
      { id: 'a2', type: 'document', url: 'https://example.com/a.pdf', belongsTo: 'user', filename: 'a.pdf', transferMethod: 'remote_url' as const },
    ];
    const failing = backend.next();
    const turn = session.send('What is in the picture?', source, { files })!;
    assert.deepEqual(turn.files, files);
    assert.deepEqual(of('turnAdded')[0]?.turn.files, files, 'the question shows what was attached');
    await settle();
    assert.deepEqual(failing.request?.files, [
      { type: 'image', transferMethod: 'local_file', uploadFileId: 'up-1' },
      { type: 'document', transferMethod: 'remote_url', url: 'https://example.com/a.pdf' },
    ]);
    failing.fail(new DifyError({ kind: 'network', problem: { id: 'net.refused', host: '127.0.0.1:5001' } }));
    await session.whenIdle();
    const again = backend.next();
    const retry = session.retry(turn.id, source)!;
    assert.deepEqual(retry.files, files);
    await settle();
    assert.deepEqual(again.request?.files, failing.request?.files);
    again.push(delta('A cat.'), end());
    again.end();
    await session.whenIdle();
  });

  test('without files a request has no files key', async () => {
    const { session, backend, source } = setupSession();
    const s = backend.next();
    const turn = session.send('Hi', source)!;
    assert.equal('files' in turn, false);
    await settle();
    assert.equal(s.request !== undefined && 'files' in s.request, false);
    s.push(delta('Hello'), end());
    s.end();
    await session.whenIdle();
  });
});
