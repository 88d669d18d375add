import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { opensFilePick } from '../../../webview/mention';

describe('typing @ opens the file pick', () => {
  test('at the start of the text or after a space or line break', () => {
    assert.equal(opensFilePick('@', 1, '@', false), true);
    assert.equal(opensFilePick('look at @', 9, '@', false), true);
    assert.equal(opensFilePick('first line\n@', 12, '@', false), true);
    assert.equal(opensFilePick('a\t@b', 3, '@', false), true, 'typed in the middle, after a tab');
  });
  test('not inside a word or an address such as a@b.com', () => {
    assert.equal(opensFilePick('mail me at a@', 13, '@', false), false);
    assert.equal(opensFilePick('a@b.com', 2, '@', false), false);
  });
  test('never while an input method composes, nor for pasted text or another character', () => {
    assert.equal(opensFilePick('@', 1, '@', true), false);
    assert.equal(opensFilePick('see @file', 5, 'see @file', false), false, 'pasted: the event carries more than @');
    assert.equal(opensFilePick('x', 1, 'x', false), false);
    assert.equal(opensFilePick('@', 1, null, false), false, 'deleting back to an @ is no trigger');
  });
});
