import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFromHistory, appViewFrom, inputFieldsFrom, inputsFromHistory, inputsToSend, missingInputs, turnFromHistory } from '../../../src/chat/history';
import { say } from '../host/messages/english';
import type { AppParameters, HistoryMessage } from '../../../src/dify/types';

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
});

describe('app parameters mapping', () => {
  const params: AppParameters = {
    openingStatement: 'Hi',
    suggestedQuestions: ['One', '  ', 'Two'],
    suggestedQuestionsAfterAnswer: true,
    speechToText: false,
    textToSpeech: false,
    retrieverResource: true,
    annotationReply: false,
    userInputForm: [
      { type: 'text-input', label: 'Topic', variable: 'topic', required: true, maxLength: 48 },
      { type: 'paragraph', label: 'Background', variable: 'bg', required: false, default: '' },
      { type: 'select', label: 'Tone', variable: 'tone', required: false, options: ['A', 'B'], default: 'A' },
      { type: 'number', label: 'Max', variable: 'max', required: false, default: '3' },
      { type: 'file', label: 'Upload', variable: 'file', required: false },
    ],
    fileUpload: {},
    systemParameters: {},
    raw: {},
  };

  test('the welcome: name, opening statement, non-blank suggestions, the renderable form fields', () => {
    const app = appViewFrom({ name: 'App', description: 'd', tags: [], mode: 'advanced-chat', authorName: 'me' }, params);
    assert.equal(app.name, 'App');
    assert.deepEqual(app.suggestedQuestions, ['One', 'Two']);
    assert.equal(app.suggestedAfterAnswer, true);
    assert.deepEqual(app.inputForm.map((f) => f.variable), ['topic', 'bg', 'tone', 'max'], 'file fields are not rendered');
    assert.equal(app.inputForm[0]?.maxLength, 48);
    assert.equal(app.inputForm[1]?.default, undefined, 'an empty default is no default');
    assert.equal(app.inputForm[3]?.default, 3, 'a number default is a number');
  });

  test('required fields are enforced; defaults fill what the user left alone', () => {
    const fields = inputFieldsFrom(params.userInputForm);
    assert.deepEqual(missingInputs(fields, {}), ['Topic']);
    assert.deepEqual(missingInputs(fields, { topic: '  ' }), ['Topic']);
    assert.deepEqual(missingInputs(fields, { topic: 'x' }), []);
    assert.deepEqual({ ...inputsToSend(fields, { topic: 'x', tone: 'B' }) }, { topic: 'x', tone: 'B', max: 3 });
  });
});
