import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptedKind,
  attachRefusal,
  extensionOf,
  fileKindOf,
  formatBytes,
  MAX_ATTACHMENT_BYTES,
  NO_UPLOADS,
  pickerExtensions,
  RASTER_DATA_URL,
  rasterImageType,
  type UploadRules,
} from '../../../src/shared/fileRules';

const MB = 1024 * 1024;
const RULES: UploadRules = {
  enabled: true,
  kinds: ['image', 'document'],
  extensions: [],
  methods: ['local_file'],
  maxFiles: 2,
  maxBytes: { image: 10 * MB, document: 15 * MB, audio: 50 * MB, video: 100 * MB, custom: 15 * MB },
};

describe('file rules', () => {
  test('extensions and Dify types come from the name, case-insensitively', () => {
    assert.equal(extensionOf('Shot.PNG'), '.png');
    assert.equal(extensionOf('README'), '');
    assert.equal(extensionOf('.bashrc'), '', 'a dot file has no extension');
    assert.equal(fileKindOf('a.jpeg'), 'image');
    assert.equal(fileKindOf('notes.md'), 'document');
    assert.equal(fileKindOf('talk.mp3'), 'audio');
    assert.equal(fileKindOf('clip.webm'), 'video');
    assert.equal(fileKindOf('tool.exe'), 'custom');
  });

  test('a file of a type the app takes is accepted; others are refused naming the rules', () => {
    assert.equal(attachRefusal(RULES, { name: 'a.png', size: 100 }, 0), undefined);
    assert.equal(attachRefusal(RULES, { name: 'a.pdf', size: 100 }, 1), undefined);
    assert.deepEqual(attachRefusal(RULES, { name: 'a.mp3', size: 100 }, 0), { reason: 'type', rules: RULES });
    assert.deepEqual(attachRefusal(NO_UPLOADS, { name: 'a.png', size: 100 }, 0), { reason: 'disabled' });
  });

  test('the number, the size per type, the transfer method and empty files are checked', () => {
    assert.deepEqual(attachRefusal(RULES, { name: 'a.png', size: 1 }, 2), { reason: 'tooMany', max: 2 });
    assert.deepEqual(attachRefusal(RULES, { name: 'a.png', size: 10 * MB + 1 }, 0), { reason: 'tooLarge', maxBytes: 10 * MB });
    assert.equal(attachRefusal(RULES, { name: 'a.pdf', size: 10 * MB + 1 }, 0), undefined, 'documents may be 15 MB');
    assert.deepEqual(attachRefusal(RULES, { name: 'a.png', size: 0 }, 0), { reason: 'empty' });
    assert.deepEqual(attachRefusal(RULES, { name: 'a.png' }, 0, 'remote_url'), { reason: 'method', method: 'remote_url' });
    const big = { ...RULES, maxBytes: { ...RULES.maxBytes, document: 100 * MB } };
    assert.deepEqual(attachRefusal(big, { name: 'a.pdf', size: 20 * MB }, 0), { reason: 'tooLarge', maxBytes: MAX_ATTACHMENT_BYTES }, 'never more than a paste may carry');
  });

  test('custom types go by the app’s own extension list', () => {
    const custom: UploadRules = { ...RULES, kinds: ['custom'], extensions: ['.log', '.png'] };
    assert.equal(acceptedKind(custom, 'build.LOG'), 'custom');
    assert.equal(acceptedKind(custom, 'a.png'), 'custom');
    assert.equal(acceptedKind(custom, 'a.pdf'), undefined);
    assert.deepEqual(pickerExtensions(custom), ['log', 'png']);
    assert.ok(pickerExtensions(RULES).includes('pdf') && pickerExtensions(RULES).includes('png'));
  });

  test('sizes read as a chip shows them', () => {
    assert.equal(formatBytes(12), '12 bytes');
    assert.equal(formatBytes(2048), '2 KB');
    assert.equal(formatBytes(1.5 * MB), '1.5 MB');
    assert.equal(formatBytes(12 * MB), '12 MB');
  });

  test('raster images are told by their first bytes, and only base64 raster data: URLs show inline', () => {
    assert.equal(rasterImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d])), 'image/png');
    assert.equal(rasterImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(rasterImageType(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39])), 'image/gif');
    assert.equal(rasterImageType(new TextEncoder().encode('RIFF1234WEBPVP8 ')), 'image/webp');
    assert.equal(rasterImageType(new TextEncoder().encode('<svg xmlns=')), undefined, 'SVG is not shown inline');
    assert.ok(RASTER_DATA_URL.test('data:image/png;base64,iVBORw0KGgo='));
    assert.ok(!RASTER_DATA_URL.test('data:image/svg+xml;base64,PHN2Zz4='));
    assert.ok(!RASTER_DATA_URL.test('data:image/png;base64,"onerror=x'));
  });
});
