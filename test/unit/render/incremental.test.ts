import { canonicalHtml, document, yieldToEventLoop } from './dom';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkdownView, renderMarkdown } from '../../../webview/render/markdown';
import { fuzzDoc } from './fuzzDocs';

/** Documents that exercise every way a growing markdown text can rewrite its own past. */
const DOCS: Record<string, string> = {
  'nested lists': '- a\n  - b\n    - c\n  - d\n- e\n\n1. one\n2. two\n   - x\n\n3. three\n\n10) ten\n11) eleven\n\nafter\n* star\n+ plus\n',
  'table growing row by row': 'Intro\n\n| h1 | h2 |\n|----|:--:|\n| a | b |\n| c | d |\n| e | **f** |\n\nText after table.\npara\n| x | y |\n|---|---|x\n\n| p | q |\n|---|---|\n| 1 | 2 |\nrow without pipes\n\ndone\n',
  'fences opened and closed': 'Intro\n```js\nconst a = 1;\n```\nMiddle\n\n```python\ndef f():\n    return 2\n```\n\nEnd\n```\nnot closed at the end\n',
  '~~~ fences': '~~~\ncode ```\n~~~\n\n~~~~ruby\nputs 1\n~~~\nstill code\n~~~~\ntext\n',
  'indented code': 'Para\n\n    indented code\n\n    more code\n\nback\n\n    tail code\n\n- item\n\n      code in item\n\n  continued item\n\nout\n',
  'fence containing ``` in a string': '```js\nconst s = "```";\nconst t = \'``` inner\';\n  ```not a close\n```\n\nafter\n````md\n```\ninner fence\n```\n````\n',
  'definition with a multi-line title': '[t]: https://e.com/t\n\'multi\nline title\'\n\n[t] and [u]\n\n[u]: https://e.com/u\n"title"\n\nend [t]\n',
  'reference links defined after use': 'See [the docs][docs] and [other].\n\nMore text [docs] and ![logo][img].\n\n[docs]: https://example.com/docs "Docs"\n[other]: https://example.com/other\n\nTail [docs]\n\n[img]: https://example.com/logo.png\n[late]: javascript:alert(1)\n[late] done\n',
  'setext headings': 'Title\n=====\n\nSub title\n---------\n\npara\nline two\n===\n\n- item\n---\n\nafter\n\n---\n',
  'think blocks': '<think>\nI need to *think*.\n\n- step 1\n- step 2\n```py\nx = 1\n```\n</think>\n\nThe answer is **42**.\n\n<think>again</think>\nDone\n\n<think>\n\n</think>\nend\n',
  'details block': '<details open>\n<summary>More **info**</summary>\n\nHidden *content*\n\n</details>\n\nafter\n\n<details>no summary</details>\n',
  'CJK and emoji': '# 标题 🎉\n\n这是一个段落，包含**粗体**和`代码`。😀👍🏽\n\n- 项目一\n- 項目二 🇯🇵\n\n| 列 | 值 |\n|---|---|\n| 一 | 🎌 |\n\n日本語のテキスト👨‍👩‍👧‍👦。\n',
  'HTML entities': '&copy; 2024 &amp; &lt;tag&gt; &#169; &#x1F600; &nbsp;&unknown; AT&T\n\n`&amp;` in code &#106;\n\n[x](https://e.com/?a=1&amp;b=2)\n',
  'trailing backslash': 'line with backslash\\\nnext line\\\n\nend\\',
  'links split mid-URL': 'Visit [site](https://example.com/some/long/path?q=1&r=2#frag) and https://auto.example.org/x_y and <https://angle.example/z>.\n\n[bad](javascript:alert(1)) [cmd](command:x)\n',
  'blockquotes and html': '> quote\nlazy line\n> - list in quote\n\n> second\n\n<div>\n*raw*\n</div>\n\nText <kbd>K</kbd> <b>bold\n\n***\n\n<!-- c -->\n\n1. a\n\n2. b\n\n2\n',
  'paragraph interrupted': 'para\n- list\npara two\n# heading\npara three\n> quote\npara four\n```\ncode\n```\n',
  'emphasis across lines': 'This is *emph\nacross lines* and **strong\ntoo** ~~del~~\n\n_under_score_ and trailing *\n',
};

function assertSame(actual: string, expected: string, what: string): void {
  if (actual !== expected) assert.equal(canonicalHtml(actual), canonicalHtml(expected), what);
}

/** Streams `doc` one character at a time, comparing with a fresh one-shot rendering at every prefix. */
async function everyPrefix(doc: string): Promise<void> {
  const container = document.createElement('div');
  const view = new MarkdownView(container);
  for (let i = 0; i <= doc.length; i++) {
    const prefix = doc.slice(0, i);
    view.setText(prefix);
    view.flush();
    assertSame(container.innerHTML, renderMarkdown(prefix), `prefix ${i}: ${JSON.stringify(prefix)}`);
    if (i % 100 === 99) await yieldToEventLoop();
  }
  view.finish();
  assertSame(container.innerHTML, renderMarkdown(doc, { complete: true }), 'after finish()');
  view.dispose();
}

describe('incremental rendering equals one-shot rendering', () => {
  for (const [name, doc] of Object.entries(DOCS)) {
    test(`every prefix: ${name}`, () => everyPrefix(doc));
  }

  // Random documents stitched from tricky fragments (seed 213 once caught a stale tail block).
  for (const seed of [1, 2, 3, 213, 4242]) {
    test(`every prefix: random document #${seed}`, () => everyPrefix(fuzzDoc(seed)));
  }

  test('random chunk sizes (several deltas per frame)', async () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const doc of Object.values(DOCS)) {
      for (let run = 0; run < 3; run++) {
        const container = document.createElement('div');
        const view = new MarkdownView(container);
        let i = 0;
        while (i < doc.length) {
          i = Math.min(doc.length, i + 1 + rand(40));
          view.setText(doc.slice(0, i));
          if (rand(3) === 0 || i === doc.length) {
            view.flush();
            assertSame(container.innerHTML, renderMarkdown(doc.slice(0, i)), `chunked prefix ${JSON.stringify(doc.slice(0, i))}`);
          }
        }
        view.dispose();
        await yieldToEventLoop();
      }
    }
  });

  test('the whole corpus as one answer, streamed', async () => {
    const doc = Object.values(DOCS).join('\n\n');
    const container = document.createElement('div');
    const view = new MarkdownView(container);
    // Every 11th prefix keeps this under a few seconds; the per-document tests above cover every prefix.
    for (let i = 0; i <= doc.length; i += 11) {
      view.setText(doc.slice(0, i));
      view.flush();
      assertSame(container.innerHTML, renderMarkdown(doc.slice(0, i)), `prefix ${i}`);
      if (i % 110 === 0) await yieldToEventLoop();
    }
    view.dispose();
  });

  test('a replacement that is not an extension renders fresh', () => {
    const container = document.createElement('div');
    const view = new MarkdownView(container);
    const steps = [
      'First answer\n\n- a\n- b\n\n```js\nx\n```\n\nmore',
      'Moderated: this answer was replaced.',
      '<think>\nhmm\n</think>\nok',
      '<think>\nother\n',
      'Plain\n\ntext',
      'Plain\n\ntext',
      '',
      'Again',
    ];
    for (const text of steps) {
      view.setText(text);
      view.flush();
      assertSame(container.innerHTML, renderMarkdown(text), JSON.stringify(text));
    }
  });

  test('CRLF text renders like LF text', () => {
    assert.equal(renderMarkdown('a\r\n\r\n- b\r\n- c\r\n'), renderMarkdown('a\n\n- b\n- c\n'));
    const container = document.createElement('div');
    const view = new MarkdownView(container);
    const doc = 'line\r\n\r\n```\r\ncode\r\n```\r\n';
    for (let i = 0; i <= doc.length; i++) {
      view.setText(doc.slice(0, i));
      view.flush();
      assertSame(container.innerHTML, renderMarkdown(doc.slice(0, i)), JSON.stringify(doc.slice(0, i)));
    }
  });
});
