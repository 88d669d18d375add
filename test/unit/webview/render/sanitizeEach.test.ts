// Several blocks sanitized in one pass (sanitizeEach) give what each gives alone: one fragment per block, in
// order, nothing of one block in another; a block that could reach past its end goes alone; a run whose cuts
// do not come back one per block falls back to one pass per block.
import { document } from './dom';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../../webview/render/markdown';
import { sanitizeEach, sanitizeToFragment } from '../../../../webview/render/sanitize';

function html(f: DocumentFragment | undefined): string | undefined {
  if (!f) return undefined;
  const div = document.createElement('div');
  div.append(f.cloneNode(true));
  return div.innerHTML;
}

const alone = (pieces: readonly string[]): (string | undefined)[] => pieces.map((p) => (p === '' ? undefined : html(sanitizeToFragment(p))));

describe('sanitizeEach: one pass for many blocks', () => {
  test('joined blocks come back one fragment each, as each alone', () => {
    const pieces = [
      '<p>One <strong>bold</strong> <a href="https://example.com/a">link</a></p>',
      '',
      '<ul><li>two</li><li><code>x &lt; y</code></li></ul>',
      '<div class="code-block" data-lang="ts"><pre><code>const a = 1;</code></pre></div>',
      '<p><img src="https://example.com/i.png" alt="pic"> and <a href="javascript:alert(1)">bad</a></p>',
      '<hr>',
      '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
    ];
    const got = sanitizeEach(pieces, pieces.map(() => true)).map(html);
    assert.deepEqual(got, alone(pieces));
    assert.equal(got[1], undefined, 'an empty piece has no fragment');
    assert.match(got[4] ?? '', /^<p>pic and bad<\/p>$/, 'the link and image rules still hold in a joined pass');
  });

  test('a block that is not joinable goes alone: its unclosed tag does not reach the next block', () => {
    const pieces = ['<p>before</p>', '<b>open', '<p>after</p>'];
    const got = sanitizeEach(pieces, [true, false, true]).map(html);
    assert.deepEqual(got, alone(pieces));
    assert.equal(got[2], '<p>after</p>');
  });

  test('cuts that do not come back one per block: each block alone (a forged cut changes nothing)', () => {
    const pieces = ['<p>a</p>', '<p>b</p><hr class="dify-split"><p>c</p>', '<p>d</p>'];
    const got = sanitizeEach(pieces, pieces.map(() => true)).map(html);
    assert.deepEqual(got, alone(pieces));
  });

  test('a reopened answer renders the same as before: every block in order, code toolbars and all', () => {
    const md = ['# Title', 'Some *prose* with `code`.', '```ts\nconst x: Array<number> = [];\n```', '- a\n- b', 'A <kbd>raw</kbd> tag and <b>an open one', '| a | b |\n| - | - |\n| 1 | 2 |', 'Last.'].join('\n\n');
    const out = renderMarkdown(md, { complete: true });
    for (const bit of ['<h1>Title</h1>', '<em>prose</em>', 'data-lang="ts"', 'code-toolbar', '<li>a</li>', '<kbd>raw</kbd>', '<td>2</td>', 'Last.']) assert.ok(out.includes(bit), `${bit} in ${out}`);
    assert.ok(out.indexOf('Title') < out.indexOf('prose') && out.indexOf('prose') < out.indexOf('Array') && out.indexOf('<td>2</td>') < out.indexOf('Last.'), 'in order');
    assert.ok(!out.includes('dify-split'), 'no cut is left in the page');
    assert.ok(/<p>Last\.<\/p>/.test(out), 'the open <b> of a raw-HTML block does not reach the last one');
  });
});
