import { canonicalHtml, document, yieldToEventLoop } from './dom';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkdownView, renderMarkdown } from '../../../../webview/render/markdown';
import { DOCS } from './docs';
import { fuzzDoc } from './fuzzDocs';

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
