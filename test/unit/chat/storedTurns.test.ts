import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFromHistory, inputsFromHistory, lastInputs, turnFromHistory } from '../../../src/chat/storedTurns';
import type { HistoryMessage } from '../../../src/dify/types';
import { say } from '../host/messages/english';

function message(over: Partial<HistoryMessage> = {}): HistoryMessage {
  return {
    id: 'm1',
    conversationId: 'c1',
    inputs: { topic: 'x', n: 2, nested: { a: 1 }, flag: true },
    query: 'What?',
    answer: 'That.',
    messageFiles: [
      { id: 'f1', type: 'image', url: 'https://files.example/a.png', belongsTo: 'assistant' },
      { id: 'f2', type: 'image', url: 'https://files.example/upload.png', belongsTo: 'user' },
    ],
    feedback: 'like',
    retrieverResources: [{ position: 1, documentName: 'doc.md', content: 'snippet', score: 0.5 }],
    agentThoughts: [{ id: 't1', position: 1, thought: 'hmm', tool: 'time', toolInput: '{}', observation: 'now', files: [], createdAt: 1 }],
    createdAt: 1,
    status: 'normal',
    error: null,
    ...over,
  };
}

describe('history mapping', () => {
  test('a stored message becomes a finished turn with its feedback, citations, thoughts and assistant files', () => {
    const t = turnFromHistory(message(), say);
    assert.equal(t.id, 'm1');
    assert.equal(t.question, 'What?');
    assert.equal(t.feedback, 'like');
    assert.equal(t.fromHistory, true);
    assert.equal(t.answer.status, 'done');
    assert.equal(t.answer.text, 'That.');
    assert.equal(t.answer.messageId, 'm1');
    assert.deepEqual(t.answer.files.map((f) => f.id), ['f1'], 'only the assistant\'s files');
    assert.equal(t.answer.citations[0]?.documentName, 'doc.md');
    assert.deepEqual(t.answer.thoughts[0], { id: 't1', position: 1, thought: 'hmm', tool: 'time', toolInput: '{}', observation: 'now', files: [] });
  });

  test('a stored failed message is a failed answer with its error (or a default sentence)', () => {
    assert.deepEqual(answerFromHistory(message({ status: 'error', error: 'Model overloaded.' }), say).error, { kind: 'server', message: 'Model overloaded.' });
    assert.equal(answerFromHistory(message({ status: 'error', error: null }), say).error?.message, 'This answer failed.');
  });

  test('inputs from history keep only strings and finite numbers, on a null-prototype object', () => {
    const v = inputsFromHistory({ topic: 'x', n: 2, bad: NaN, nested: { a: 1 }, flag: true });
    assert.deepEqual({ ...v }, { topic: 'x', n: 2 });
    assert.equal(Object.getPrototypeOf(v), null);
  });

  test('a conversation\'s inputs are those of its newest stored message (none: empty)', () => {
    const older = message({ id: 'm1', inputs: { topic: 'old' } });
    const newer = message({ id: 'm2', inputs: { topic: 'new', n: 1 } });
    assert.deepEqual({ ...lastInputs([older, newer]) }, { topic: 'new', n: 1 });
    assert.deepEqual(lastInputs([]), {});
  });
});

describe('stored turns: the files of the question', () => {
  test('the user’s message_files become the question’s files; the assistant’s stay on the answer', () => {
    const turn = turnFromHistory(
      {
        id: 'm1',
        conversationId: 'c1',
        inputs: {},
        query: 'What is this?',
        answer: 'A cat.',
        messageFiles: [
          { id: 'f1', filename: 'cat.png', type: 'image', url: 'http://x/files/1/file-preview?sign=s', mimeType: 'image/png', size: 12, transferMethod: 'local_file', belongsTo: 'user', uploadFileId: 'up1' },
          { id: 'f2', type: 'image', url: '/files/tools/2.png', belongsTo: 'assistant' },
        ],
        feedback: null,
        retrieverResources: [],
        agentThoughts: [],
        createdAt: 1,
        status: 'normal',
        error: null,
      },
      () => 'failed',
    );
    assert.deepEqual(turn.files, [{ id: 'f1', type: 'image', url: 'http://x/files/1/file-preview?sign=s', belongsTo: 'user', filename: 'cat.png', mimeType: 'image/png', size: 12, transferMethod: 'local_file', uploadFileId: 'up1' }]);
    assert.deepEqual(turn.answer.files.map((f) => f.id), ['f2']);
  });
});
