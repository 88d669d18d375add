// Hostile text cannot freeze the panel: every 64 KB input built to make one of the renderer's scans quadratic
// (a regular expression that retries from every `<`, `[` or space of a long run, or marked's own inline rules)
// renders in at most 5x the time of
// a plain 64 KB paragraph measured in the same run. Before the scans were made linear these took 3 to 30 s each
// (the plain paragraph takes tens of ms), so the bound is far from both. The text reaches the renderer as an
// opening statement or history (one-shot) and as a streamed answer (the view, fed in chunks), so both are timed.
import { document } from './dom';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkdownView, renderMarkdown } from '../../../../webview/render/markdown';

const SIZE = 64 * 1024;
const MAX_RATIO = 5;

/** `unit` repeated to SIZE characters. */
const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

/** The plain paragraph every hostile input is compared with: words, spaces and punctuation, one block. */
const PLAIN = fill('The quick brown fox jumps over the lazy dog, again. ');

/** name → text; each names the scan it was built against. */
const HOSTILE: Record<string, string> = {
  'raw HTML: `<a\\t` repeated (tag scan restarted at every `<`)': `<div>${fill('<a\t')}`,
  'raw HTML: `<a a` repeated (attribute scan)': `<div>${fill('<a a')}`,
  'raw HTML: an unclosed quoted attribute after many tags': `<div>${fill('<a b="x" c=\'')}`,
  'raw HTML block: a long run of spaces inside (trailing-space trim)': `<div>a${' '.repeat(SIZE)}b`,
  'details summary: `<` repeated (tag stripping)': `<details><summary>${fill('<')}</summary>x</details>`,
  'details summary: never closed, blank space first': `<details>${' '.repeat(SIZE)}<summary>${fill('x')}`,
  'details opener: attributes without `>`': `<details ${fill('a')}`,
  'paragraph: a long run of spaces inside (marked\'s inline text rule)': `a${' '.repeat(SIZE)}b\n\n# next`,
  'code block: a long run of spaces inside, then a block (trailing-blank check)': `\`\`\`\na${' '.repeat(SIZE)}b\n\`\`\`\n\n# next`,
  'emphasis: `_a` repeated (marked pairs every delimiter)': fill('_a'),
  'emphasis: `*a` repeated': fill('*a'),
  'image URL: a long run of spaces inside (URL trim)': `<img src="http://a${' '.repeat(SIZE)}b">`,
  'links: `[` repeated': fill('['),
  'links: `[](` repeated': fill('[]('),
  'fence: a run of backticks, then a line separator (the fence line retried at every shorter run)': `${fill('`')}\u2028\n`,
  'fence: a run of tildes, then a paragraph separator': `${fill('~')}\u2029\n`,
};

/** The shortest of `runs` timings of `work` (the least disturbed by anything else the machine does). */
function fastest(work: () => void, runs = 2): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Streams `text` into a MarkdownView in 8 chunks, rendering after each, then finishes it. */
function stream(text: string): void {
  const v = new MarkdownView(document.createElement('div'));
  const step = Math.ceil(text.length / 8);
  for (let end = step; end < text.length + step; end += step) {
    v.setText(text.slice(0, end));
    v.flush();
  }
  v.finish();
  v.dispose();
}

function assertLinear(kind: string, name: string, hostile: number, plain: number): void {
  const ratio = hostile / plain;
  assert.ok(
    ratio <= MAX_RATIO,
    `${kind}: ${name} took ${hostile.toFixed(1)} ms, ${ratio.toFixed(1)}x the ${plain.toFixed(1)} ms of a plain 64 KB paragraph (at most ${MAX_RATIO}x)`,
  );
}

describe('Hostile 64 KB inputs render in linear time', () => {
  // Warm the JIT on both kinds of input first, so neither side pays for compilation.
  renderMarkdown(PLAIN, { complete: true });
  for (const text of Object.values(HOSTILE)) renderMarkdown(text.slice(0, 2048), { complete: true });

  const plainOnce = fastest(() => renderMarkdown(PLAIN, { complete: true }));
  const plainStream = fastest(() => stream(PLAIN));

  for (const [name, text] of Object.entries(HOSTILE)) {
    test(`one-shot: ${name}`, () => {
      assertLinear('one-shot', name, fastest(() => renderMarkdown(text, { complete: true })), plainOnce);
    });
    test(`streamed: ${name}`, () => {
      assertLinear('streamed', name, fastest(() => stream(text)), plainStream);
    });
  }
});
