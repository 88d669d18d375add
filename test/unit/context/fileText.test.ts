import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isBinary, SNIFF_BYTES } from '../../../src/context/fileText';

describe('binary or text', () => {
  const enc = new TextEncoder();
  test('text, Chinese included, is text; a NUL or invalid UTF-8 is binary', () => {
    assert.equal(isBinary(enc.encode('const a = "你好";\n')), false);
    assert.equal(isBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])), true);
    assert.equal(isBinary(Uint8Array.from([0x41, 0xff, 0xfe, 0x41])), true);
  });
  test('a character cut at the sniffing limit is still text', () => {
    const text = enc.encode('a'.repeat(SNIFF_BYTES - 1) + '你好');
    assert.equal(isBinary(text), false);
  });
});
