import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appViewFrom, inputFieldsFrom, inputsWithDefaults, missingInputs } from '../../../src/chat/appView';
import type { AppParameters } from '../../../src/dify/types';
import { NO_UPLOADS } from '../../../src/shared/fileRules';

describe('app parameters mapping', () => {
  const params: AppParameters = {
    openingStatement: 'Hi',
    suggestedQuestions: ['One', '  ', 'Two'],
    suggestedQuestionsAfterAnswer: true,
    speechToText: false,
    textToSpeech: { enabled: false, autoPlay: false },
    retrieverResource: true,
    annotationReply: false,
    userInputForm: [
      { type: 'text-input', label: 'Topic', variable: 'topic', required: true, maxLength: 48 },
      { type: 'paragraph', label: 'Background', variable: 'bg', required: false, default: '' },
      { type: 'select', label: 'Tone', variable: 'tone', required: false, options: ['A', 'B'], default: 'A' },
      { type: 'number', label: 'Max', variable: 'max', required: false, default: '3' },
      { type: 'file', label: 'Upload', variable: 'file', required: false },
    ],
    fileUpload: NO_UPLOADS,
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
    assert.deepEqual({ ...inputsWithDefaults(fields, { topic: 'x', tone: 'B' }) }, { topic: 'x', tone: 'B', max: 3 });
  });

  test('a new conversation starts with the defaults alone (no values given)', () => {
    const fields = inputFieldsFrom(params.userInputForm);
    assert.deepEqual({ ...inputsWithDefaults(fields) }, { tone: 'A', max: 3 });
    assert.deepEqual({ ...inputsWithDefaults(fields, {}) }, { tone: 'A', max: 3 });
    assert.deepEqual({ ...inputsWithDefaults([]) }, {});
    const values = { topic: 'kept' };
    inputsWithDefaults(fields, values);
    assert.deepEqual(values, { topic: 'kept' }, 'the values given are not changed');
  });
});
