import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Segmenter, splitSegments } from '../../../../webview/render/segments';

const DOC =
  'Intro\n```\n<think>\nin code, not a block\n```\n  <think>reasoning\n\nmore</think>tail\n' +
  '<details open data-x="1">\n<summary>Sum <i>mary</i></summary>\nbody\n</details>\n<details>\nno summary</details>\n' +
  '<think>\nopen at the end </thin';

describe('segmenter', () => {
  test('splits think and details blocks, ignoring fenced code', () => {
    const segs = splitSegments(DOC, true);
    assert.deepEqual(
      segs.map((s) => [s.kind, s.text, s.closed, s.summary, s.open]),
      [
        ['md', 'Intro\n```\n<think>\nin code, not a block\n```\n', true, '', false],
        ['think', 'reasoning\n\nmore', true, '', false],
        ['md', 'tail\n', true, '', false],
        ['details', '\nbody\n', true, 'Sum mary', true],
        ['md', '\n', true, '', false],
        ['details', '\nno summary', true, '', false],
        ['md', '\n', true, '', false],
        ['think', '\nopen at the end </thin', false, '', false],
      ],
    );
  });

  test('while streaming, partial tags are held back', () => {
    assert.equal(splitSegments('<think>\nabc </thin', false).at(-1)?.text, '\nabc ');
    assert.equal(splitSegments('text\n<thi', false).at(-1)?.text, 'text\n');
    assert.equal(splitSegments('<details>\n<summ', false).at(-1)?.text, '');
    assert.equal(splitSegments('<details>\n<summary>a</sum', false).at(-1)?.text, '');
    assert.equal(splitSegments('<details>\n<summary>a</summary>b', false).at(-1)?.text, 'b');
  });

  test('streaming gives the same segments as a fresh split, for every prefix and both modes', () => {
    for (const complete of [false, true]) {
      const s = new Segmenter();
      for (let i = 0; i <= DOC.length; i++) {
        const prefix = DOC.slice(0, i);
        assert.deepEqual(s.update(prefix, complete), splitSegments(prefix, complete), JSON.stringify(prefix));
      }
    }
  });

  test('a text that does not extend the previous one starts over', () => {
    const s = new Segmenter();
    s.update('<think>\nabc', false);
    assert.deepEqual(s.update('plain', false), splitSegments('plain', false));
  });
});
