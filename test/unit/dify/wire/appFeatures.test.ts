import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { textToSpeechFromWire, uploadRulesFromWire } from '../../../../src/dify/wire/appFeatures';
import { appParametersFromWire } from '../../../../src/dify/wire/rest';

const MB = 1024 * 1024;
const SYSTEM = { image_file_size_limit: 10, video_file_size_limit: 100, audio_file_size_limit: 50, file_size_limit: 15, workflow_file_upload_limit: 10 };

describe('the upload config reader', () => {
  test('Dify 1.x: types, extensions, methods and number, with the system sizes', () => {
    const rules = uploadRulesFromWire(
      {
        enabled: true,
        allowed_file_types: ['image', 'document', 'hologram'],
        allowed_file_extensions: ['.PDF', 'md', ''],
        allowed_file_upload_methods: ['local_file', 'carrier_pigeon'],
        number_limits: 5,
        image: { enabled: true, number_limits: 3, transfer_methods: ['remote_url', 'local_file'] },
      },
      { ...SYSTEM, image_file_size_limit: 2 },
    );
    assert.deepEqual(rules, {
      enabled: true,
      kinds: ['image', 'document'],
      extensions: ['.pdf', '.md'],
      methods: ['local_file'],
      maxFiles: 5,
      maxBytes: { image: 2 * MB, document: 15 * MB, audio: 50 * MB, video: 100 * MB, custom: 15 * MB },
    });
  });

  test('the legacy image block means images only, with its own methods and number', () => {
    const rules = uploadRulesFromWire({ image: { enabled: true, number_limits: 2, detail: 'high', transfer_methods: ['remote_url'] } }, SYSTEM);
    assert.equal(rules.enabled, true);
    assert.deepEqual(rules.kinds, ['image']);
    assert.deepEqual(rules.methods, ['remote_url']);
    assert.equal(rules.maxFiles, 2);
  });

  test('Dify’s default block (image disabled), a missing block and junk all mean no uploads', () => {
    for (const block of [{ image: { enabled: false, number_limits: 3, transfer_methods: ['local_file'] } }, undefined, 'yes', [], { enabled: true, allowed_file_types: [] }]) {
      const rules = uploadRulesFromWire(block, SYSTEM);
      assert.equal(rules.enabled, false, JSON.stringify(block));
      assert.deepEqual(rules.kinds, []);
      assert.equal(rules.maxFiles, 0);
    }
  });

  test('/parameters carries the typed rules and the speech settings', () => {
    const p = appParametersFromWire({
      opening_statement: '',
      user_input_form: [],
      text_to_speech: { enabled: true, voice: 'alloy', language: 'en-US', autoPlay: 'enabled' },
      file_upload: { enabled: true, allowed_file_types: ['image'], allowed_file_upload_methods: ['local_file'], number_limits: 3 },
      system_parameters: SYSTEM,
    });
    assert.deepEqual(p.fileUpload.kinds, ['image']);
    assert.deepEqual(p.textToSpeech, { enabled: true, voice: 'alloy', language: 'en-US', autoPlay: true });
  });

  test('speech: off unless enabled; autoPlay only when "enabled"; a blank voice is no voice', () => {
    assert.deepEqual(textToSpeechFromWire(undefined), { enabled: false, autoPlay: false });
    assert.deepEqual(textToSpeechFromWire({ enabled: true, voice: ' ', language: '', autoPlay: 'disabled' }), { enabled: true, autoPlay: false });
  });
});
