import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fencedBlock, fenceFor, fenceLanguage, lastIncludedLine, lineRangeLabel, lineSpan } from '../../../src/shared/codeBlock';

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number) => ({ startLine, startCharacter, endLine, endCharacter });

describe('line ranges (1-based, inclusive)', () => {
  test('a selection ending at column 0 of a line does not include that line', () => {
    assert.equal(lastIncludedLine(range(11, 0, 20, 0)), 19);
    assert.deepEqual(lineSpan(range(11, 0, 20, 0)), { first: 12, last: 20 });
    assert.equal(lineRangeLabel(range(11, 0, 20, 0)), '12-20');
  });
  test('a selection ending inside a line includes it', () => {
    assert.equal(lineRangeLabel(range(11, 4, 20, 1)), '12-21');
  });
  test('one line is one number; an empty range at column 0 still names its line', () => {
    assert.equal(lineRangeLabel(range(4, 2, 4, 9)), '5');
    assert.equal(lineRangeLabel(range(4, 0, 4, 0)), '5');
  });
  test('a whole-line selection of one line (to column 0 of the next) is that one line', () => {
    assert.equal(lineRangeLabel(range(6, 0, 7, 0)), '7');
  });
});

describe('fences the code cannot close', () => {
  test('three backticks when the code has none', () => {
    assert.equal(fenceFor('const a = 1;'), '```');
    assert.equal(fenceFor('~~~\nstill tildes\n~~~'), '```');
  });
  test('longer than the longest run of backticks inside', () => {
    assert.equal(fenceFor('```ts\nx\n```'), '````');
    assert.equal(fenceFor('a ````` b `` c'), '``````');
    assert.equal(fenceFor('`x`'), '```');
  });
  test('the block is closed and no line inside can close it', () => {
    const code = 'Some markdown:\n```js\nalert(1)\n```\n````\nend';
    const block = fencedBlock(code, 'markdown');
    const lines = block.split('\n');
    const fence = /^(`+)/.exec(lines[0] ?? '')?.[1] ?? '';
    assert.equal(lines.at(-1), fence, 'the last line is the closing fence');
    assert.equal(lines[0], `${fence}markdown`);
    for (const line of lines.slice(1, -1)) assert.ok(!line.startsWith(fence), `"${line}" could close the fence`);
    assert.equal(lines.slice(1, -1).join('\n'), code);
  });
  test('CRLF becomes LF, one trailing line end is dropped', () => {
    assert.equal(fencedBlock('a\r\nb\r\n', 'python'), '```python\na\nb\n```');
    assert.equal(fencedBlock('a\n\n', 'python'), '```python\na\n\n```');
  });
  test('a language id that is not a plain word gives no info string', () => {
    assert.equal(fenceLanguage('typescript'), 'typescript');
    assert.equal(fenceLanguage('c++'), 'c++');
    assert.equal(fenceLanguage('a b'), '');
    assert.equal(fenceLanguage('x`y'), '');
    assert.equal(fencedBlock('x', 'a`b'), '```\nx\n```');
  });
});
