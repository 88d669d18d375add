import { document } from './dom';
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkdownView } from '../../../../webview/render/markdown';
import { PENDING_HIGHLIGHT_CLASS } from '../../../../webview/render/lazyHighlight';

/** An IntersectionObserver the test drives: `show(el)` reports `el` as intersecting, as scrolling to it would. */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly observed = new Set<Element>();
  constructor(private readonly callback: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void) {
    FakeObserver.all.push(this);
  }
  observe(el: Element): void {
    this.observed.add(el);
  }
  unobserve(el: Element): void {
    this.observed.delete(el);
  }
  disconnect(): void {
    this.observed.clear();
  }
  report(el: Element, isIntersecting: boolean): void {
    this.callback([{ target: el, isIntersecting }]);
  }
}

const g = globalThis as Record<string, unknown>;

function observer(): FakeObserver {
  const o = FakeObserver.all.at(-1);
  assert.ok(o, 'an IntersectionObserver was created');
  return o;
}

const DOC = [
  'Intro',
  '',
  '```ts',
  'const x: number = 1;',
  'let y = "s";',
  '```',
  '',
  'Between',
  '',
  '```python',
  'def f(a):',
  '    return a',
  '```',
  '',
  '```cobol',
  'DISPLAY "HI".',
  '```',
  '',
].join('\n');

function render(text: string, lazyHighlight: boolean, streamed = false): { el: HTMLDivElement; v: MarkdownView } {
  const el = document.createElement('div');
  document.body.append(el);
  const v = new MarkdownView(el, { lazyHighlight });
  if (streamed) {
    for (let i = 1; i <= text.length; i += 7) {
      v.setText(text.slice(0, i));
      v.flush();
    }
  }
  v.setText(text);
  v.finish();
  return { el, v };
}

const blocks = (el: Element): HTMLElement[] => Array.from(el.querySelectorAll<HTMLElement>('div.code-block'));
const spans = (block: Element): number => block.querySelectorAll('code [class^="hljs-"]').length;

describe('lazy highlighting: without IntersectionObserver', () => {
  test('a lazy view renders exactly what an eager one does (every block highlighted at once)', () => {
    assert.equal(typeof g['IntersectionObserver'], 'undefined', 'jsdom has no IntersectionObserver');
    const eager = render(DOC, false);
    const lazy = render(DOC, true);
    assert.equal(lazy.el.innerHTML, eager.el.innerHTML);
    assert.ok(spans(blocks(lazy.el)[0] as Element) > 0);
    assert.equal(lazy.v.pendingHighlights, 0);
  });
});

describe('lazy highlighting: with IntersectionObserver', () => {
  beforeEach(() => {
    FakeObserver.all = [];
    // A new constructor per test: the renderer keeps one observer per constructor it has seen.
    g['IntersectionObserver'] = class extends FakeObserver {};
  });
  afterEach(() => {
    delete g['IntersectionObserver'];
    document.body.replaceChildren();
  });

  test('code of known languages stays plain text, marked pending and observed, until it is seen', () => {
    const { el, v } = render(DOC, true);
    const [ts, py, cobol] = blocks(el);
    for (const b of [ts, py]) {
      assert.ok(b?.classList.contains(PENDING_HIGHLIGHT_CLASS));
      assert.equal(spans(b as Element), 0, 'not highlighted yet');
      assert.ok(b?.querySelector('.code-toolbar [data-code-action="copy"]'), 'the toolbar is there already');
    }
    assert.equal(ts?.querySelector('code')?.textContent, 'const x: number = 1;\nlet y = "s";', 'the same code, as text');
    assert.ok(!cobol?.classList.contains(PENDING_HIGHLIGHT_CLASS), 'an unknown language has nothing to wait for');
    assert.deepEqual([...observer().observed], [ts, py]);
    assert.equal(v.pendingHighlights, 2);
  });

  test('a block seen is highlighted once, as an eager view highlights it, and no longer observed', () => {
    const eager = render(DOC, false);
    const { el, v } = render(DOC, true);
    const ts = blocks(el)[0] as HTMLElement;
    observer().report(ts, false);
    assert.equal(spans(ts), 0, 'not intersecting: still waiting');
    observer().report(ts, true);
    assert.ok(spans(ts) > 0, 'highlighted once seen');
    assert.equal(ts.outerHTML, (blocks(eager.el)[0] as HTMLElement).outerHTML);
    assert.ok(!observer().observed.has(ts));
    assert.equal(v.pendingHighlights, 1);
    const code = ts.querySelector('code')?.innerHTML;
    observer().report(ts, true);
    assert.equal(ts.querySelector('code')?.innerHTML, code, 'a second sighting changes nothing');
    assert.equal(spans(blocks(el)[1] as HTMLElement), 0, 'the python block, unseen, is still plain');
  });

  test('the highlighted markup goes through the sanitizer: code that looks like HTML stays text', () => {
    const code = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const { el } = render('```html\n' + code + '\n```\n', true);
    const block = blocks(el)[0] as HTMLElement;
    observer().report(block, true);
    assert.equal(block.querySelector('img, script'), null);
    assert.equal(block.querySelector('code')?.textContent, code);
    assert.ok(spans(block) > 0);
  });

  test('dispose() stops watching the blocks: a late sighting highlights nothing', () => {
    const { el, v } = render(DOC, true);
    const ts = blocks(el)[0] as HTMLElement;
    v.dispose();
    assert.equal(observer().observed.size, 0, 'nothing of a closed conversation stays observed');
    assert.equal(v.pendingHighlights, 0);
    observer().report(ts, true);
    assert.equal(spans(ts), 0);
  });

  test('a view without lazyHighlight (an answer streaming in) highlights each block as its fence closes, observing nothing', () => {
    const { el } = render(DOC, false, true);
    assert.ok(blocks(el).slice(0, 2).every((b) => spans(b) > 0 && !b.classList.contains(PENDING_HIGHLIGHT_CLASS)));
    assert.equal(FakeObserver.all.reduce((n, o) => n + o.observed.size, 0), 0);
  });

  test('blocks inside a <think> or <details> segment wait too', () => {
    const { el, v } = render('<think>\n```ts\nconst a = 1;\n```\n</think>\n\nDone.\n', true);
    const block = blocks(el)[0] as HTMLElement;
    assert.ok(block.closest('details.think'));
    assert.equal(v.pendingHighlights, 1);
    observer().report(block, true);
    assert.ok(spans(block) > 0);
  });
});
