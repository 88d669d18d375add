import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFilter, filterTerms, matchesTerms } from '../../../src/chat/conversationFilter';

describe('conversation filter', () => {
  const names = ['Release notes for 2.0', 'Bug: login fails', '发布计划 🚀', 'ＦＵＬＬ width Ｎotes', 'New conversation'];
  const pick = (filter: string) => applyFilter(names, filter, (n) => n);

  test('no filter (or only spaces) keeps everything, in order', () => {
    assert.deepEqual(pick(''), names);
    assert.deepEqual(pick('   '), names);
    assert.deepEqual(filterTerms(' \t '), []);
  });

  test('case-insensitive substring of the name', () => {
    assert.deepEqual(pick('NOTES'), ['Release notes for 2.0', 'ＦＵＬＬ width Ｎotes']);
    assert.deepEqual(pick('login'), ['Bug: login fails']);
  });

  test('every word must appear, in any order', () => {
    assert.deepEqual(pick('notes release'), ['Release notes for 2.0']);
    assert.deepEqual(pick('notes bug'), []);
  });

  test('full-width letters and CJK match (NFKC)', () => {
    assert.deepEqual(pick('full'), ['ＦＵＬＬ width Ｎotes']);
    assert.deepEqual(pick('计划'), ['发布计划 🚀']);
    assert.equal(matchesTerms('Ｒｅｌｅａｓｅ', filterTerms('release')), true);
  });
});
