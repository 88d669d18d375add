import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chipLabel, ContextChips, MAX_CHIPS, previewOf } from '../../../src/chat/contextChips';
import type { ContextChip } from '../../../src/chat/contextChips';

const chip = (id: string, over: Partial<ContextChip> = {}): ContextChip => ({ id, uri: 'file:///w/a.ts', fileName: 'a.ts', languageId: 'typescript', preview: 'x', ...over });
const range = (startLine: number, endLine: number) => ({ startLine, startCharacter: 0, endLine, endCharacter: 0 });

describe('context chips', () => {
  test('the same document and range twice is one chip; another range or the whole file is another', () => {
    const chips = new ContextChips();
    assert.equal(chips.add(chip('1', { range: range(2, 5) })), 'added');
    assert.equal(chips.add(chip('2', { range: range(2, 5) })), 'duplicate');
    assert.equal(chips.add(chip('3', { range: range(2, 6) })), 'added');
    assert.equal(chips.add(chip('4')), 'added');
    assert.equal(chips.add(chip('5')), 'duplicate');
    assert.equal(chips.add(chip('6', { uri: 'file:///w/b.ts', fileName: 'b.ts' })), 'added');
    assert.deepEqual(chips.views().map((v) => v.label), ['a.ts · lines 3–5', 'a.ts · lines 3–6', 'a.ts', 'b.ts']);
  });
  test('removed one by one, cleared at once; bounded', () => {
    const chips = new ContextChips();
    for (let i = 0; i < MAX_CHIPS; i++) chips.add(chip(`c${i}`, { uri: `file:///w/${i}.ts` }));
    assert.equal(chips.add(chip('over', { uri: 'file:///w/over.ts' })), 'full');
    assert.equal(chips.remove('c0'), true);
    assert.equal(chips.remove('c0'), false);
    assert.equal(chips.all.length, MAX_CHIPS - 1);
    chips.clear();
    assert.deepEqual(chips.views(), []);
  });
  test('labels and previews', () => {
    assert.equal(chipLabel({ fileName: 'src/x.py', range: { startLine: 3, startCharacter: 0, endLine: 3, endCharacter: 9 } }), 'src/x.py · line 4');
    assert.equal(previewOf('1\r\n2\n3\n4\n5\n6\n7\n8'), '1\n2\n3\n4\n5\n6');
    assert.equal(previewOf('y'.repeat(500)).length, 400);
  });
});
