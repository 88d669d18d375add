import { document } from './dom';
import { afterEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkdownView, renderMarkdown } from '../../../../webview/render/markdown';

function fragment(html: string): DocumentFragment {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content;
}

function view(): { el: HTMLDivElement; v: MarkdownView } {
  const el = document.createElement('div');
  return { el, v: new MarkdownView(el) };
}

function show(v: MarkdownView, text: string): void {
  v.setText(text);
  v.flush();
}

describe('MarkdownView: blocks are rendered once', () => {
  test('finished blocks keep their DOM nodes while the answer grows', () => {
    const { el, v } = view();
    show(v, '# Title\n\nFirst paragraph.\n\n- a\n- b\n\nSecond');
    const h1 = el.querySelector('h1');
    const p1 = el.querySelector('p');
    const ul = el.querySelector('ul');
    show(v, '# Title\n\nFirst paragraph.\n\n- a\n- b\n\nSecond paragraph grows\n\nThird');
    assert.equal(el.querySelector('h1'), h1);
    assert.equal(el.querySelector('p'), p1);
    assert.equal(el.querySelector('ul'), ul);
    assert.equal(el.querySelectorAll('p').length, 3);
  });

  test('a growing list is re-rendered until a later block starts, then kept', () => {
    const { el, v } = view();
    show(v, '- a\n- b');
    const first = el.querySelector('ul');
    show(v, '- a\n- b\n- c');
    const second = el.querySelector('ul');
    assert.notEqual(first, second, 'the tail list was re-rendered');
    assert.equal(second?.querySelectorAll('li').length, 3);
    show(v, '- a\n- b\n- c\n\nafter\n');
    show(v, '- a\n- b\n- c\n\nafter\n\nmore');
    const kept = el.querySelector('ul');
    show(v, '- a\n- b\n- c\n\nafter\n\nmore and more');
    assert.equal(el.querySelector('ul'), kept);
  });

  test('a streaming code block is plain text until its fence closes, then highlighted once', () => {
    const { el, v } = view();
    const head = 'Intro\n\n```ts\nconst x: number = 1;\n';
    show(v, head);
    let code = el.querySelector('pre code');
    assert.equal(code?.className, 'hljs language-ts');
    assert.equal(code?.children.length, 0, 'no highlight spans while streaming');
    assert.equal(code?.textContent, 'const x: number = 1;');
    show(v, head + 'let y = "s";\n```\n');
    code = el.querySelector('pre code');
    assert.ok((code?.querySelectorAll('span.hljs-keyword').length ?? 0) >= 2, code?.innerHTML);
    const pre = el.querySelector('pre');
    show(v, head + 'let y = "s";\n```\nAfter the code');
    show(v, head + 'let y = "s";\n```\nAfter the code, more words');
    assert.equal(el.querySelector('pre'), pre, 'the closed code block is not rendered again');
  });

  test('finish() highlights a fence left open and shows a trailing partial tag', () => {
    const { el, v } = view();
    show(v, '```js\nlet a = 1;\n\n<thi');
    assert.equal(el.querySelector('code')?.children.length, 0);
    v.finish();
    assert.ok((el.querySelector('code')?.children.length ?? 0) > 0);
    assert.equal(el.innerHTML, renderMarkdown('```js\nlet a = 1;\n\n<thi', { complete: true }));
    show(v, '');
    assert.equal(el.innerHTML, '', 'after finish, a replacement still renders');
  });
});

describe('MarkdownView: think and details', () => {
  test('<think> is a details.think, open while thinking, closed after', () => {
    const { el, v } = view();
    show(v, '<think>\nLet me see');
    const details = el.querySelector('details.think') as HTMLDetailsElement | null;
    assert.ok(details);
    assert.equal(details.open, true);
    assert.equal(details.querySelector('summary')?.textContent, 'Thinking');
    assert.equal(details.querySelector('.details-body p')?.textContent, 'Let me see');
    show(v, '<think>\nLet me see.\n</think>\n\nThe answer.');
    assert.equal(el.querySelector('details.think'), details, 'same element');
    assert.equal(details.open, false);
    assert.equal(el.lastElementChild?.textContent, 'The answer.');
    assert.doesNotMatch(el.innerHTML, /&lt;\/?think|<think/);
  });

  test('a partial closing tag never flashes as text', () => {
    for (const text of ['<think>\nabc</', '<think>\nabc</thin', '<t', '<thin', 'x\n<details', 'x\n<details open']) {
      assert.doesNotMatch(renderMarkdown(text), /&lt;/, text);
    }
    assert.match(renderMarkdown('<thx'), /&lt;thx/);
  });

  test('an empty closed think block is not shown', () => {
    assert.equal(fragment(renderMarkdown('<think>\n\n</think>\n\nAnswer')).querySelectorAll('details').length, 0);
    const { el, v } = view();
    show(v, '<think>\n');
    assert.equal(el.querySelectorAll('details').length, 1);
    show(v, '<think>\n\n</think>\nAnswer');
    assert.equal(el.querySelectorAll('details').length, 0);
  });

  test('<details><summary> blocks nest markdown, keep open, drop attributes', () => {
    const root = fragment(renderMarkdown('<details open class="x" style="color:red">\n<summary>See <b>more</b></summary>\n\n- a\n- b\n</details>\nafter', { complete: true }));
    const d = root.querySelector('details.md-details') as HTMLDetailsElement | null;
    assert.ok(d);
    assert.equal(d.getAttribute('style'), null);
    assert.equal(d.hasAttribute('open'), true);
    assert.equal(d.querySelector('summary')?.textContent, 'See more');
    assert.equal(d.querySelectorAll('li').length, 2);
  });

  test('labels can be replaced (l10n)', () => {
    const el = document.createElement('div');
    const v = new MarkdownView(el, { labels: { thinking: 'Réflexion', copy: 'Copier' } });
    show(v, '<think>x</think>\n```js\n1\n```\n');
    assert.equal(el.querySelector('summary')?.textContent, 'Réflexion');
    assert.equal(el.querySelector('[data-code-action="copy"]')?.getAttribute('aria-label'), 'Copier');
    assert.equal(el.querySelector('[data-code-action="insert"]')?.getAttribute('aria-label'), 'Insert at cursor');
  });
});

describe('code blocks', () => {
  test('the DOM contract the panel relies on', () => {
    const root = fragment(renderMarkdown('```python\nprint(1)\n```\n'));
    const block = root.firstElementChild as HTMLElement;
    assert.equal(block.className, 'code-block');
    assert.equal(block.dataset['lang'], 'python');
    const [bar, pre] = Array.from(block.children);
    assert.equal(bar?.className, 'code-toolbar');
    assert.equal(bar?.querySelector('.code-lang')?.textContent, 'python');
    const buttons = Array.from(bar?.querySelectorAll('button') ?? []).map((b) => [b.type, b.className, b.dataset['codeAction'], b.getAttribute('aria-label'), b.title]);
    assert.deepEqual(buttons, [
      ['button', 'code-action', 'apply', 'Apply', 'Apply'],
      ['button', 'code-action', 'copy', 'Copy', 'Copy'],
      ['button', 'code-action', 'insert', 'Insert at cursor', 'Insert at cursor'],
      ['button', 'code-action', 'open', 'Open in new editor', 'Open in new editor'],
    ]);
    assert.equal(pre?.tagName, 'PRE');
    // It scrolls sideways: a named tab stop, so the keyboard reaches what is off to the right.
    assert.equal(pre?.getAttribute('tabindex'), '0');
    assert.equal(pre?.getAttribute('role'), 'group');
    assert.equal(pre?.getAttribute('aria-label'), 'Code, python');
    const code = pre?.firstElementChild;
    assert.equal(code?.tagName, 'CODE');
    assert.equal(code?.className, 'hljs language-python');
    assert.equal(code?.textContent, 'print(1)');
  });

  test('languages: aliases highlight, unknown ones are escaped text, odd info strings are dropped', () => {
    const sample = 'if (a < b) { x = "y" } # key: 1';
    const cases: [string, string, boolean, string][] = [
      ['ts', 'hljs language-ts', true, sample],
      ['sh', 'hljs language-sh', true, sample],
      ['yml', 'hljs language-yml', true, sample],
      ['html', 'hljs language-html', true, '<a href="x">&amp;</a>'],
      ['toml', 'hljs language-toml', true, '[a]\nkey = "v"'],
      ['Dockerfile', 'hljs language-Dockerfile', true, 'FROM node:20\nRUN npm ci'],
      ['cobol', 'hljs language-cobol', false, sample],
      ['', 'hljs', false, sample],
    ];
    for (const [lang, cls, highlighted, text] of cases) {
      const root = fragment(renderMarkdown('```' + lang + '\n' + text + '\n```\n'));
      const code = root.querySelector('code');
      assert.equal(code?.className, cls, lang);
      assert.equal(code?.textContent, text, lang);
      assert.equal((code?.children.length ?? 0) > 0, highlighted, lang);
      assert.equal(root.querySelector('.code-block')?.getAttribute('data-lang'), lang);
    }
    const odd = fragment(renderMarkdown('```"><img src=x>\ncode\n```\n'));
    assert.equal(odd.querySelector('.code-block')?.getAttribute('data-lang'), '');
    assert.equal(odd.querySelectorAll('img').length, 0);
  });

  test('indented code and empty fences get the same wrapper', () => {
    const root = fragment(renderMarkdown('    indented\n\n```\n```\n'));
    assert.equal(root.querySelectorAll('.code-block > .code-toolbar + pre > code').length, 2);
  });

  test('a code block without a language is named "Code"; tables are tab stops; the name can be localised', () => {
    const root = fragment(renderMarkdown('```\nx\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n'));
    assert.equal(root.querySelector('pre')?.getAttribute('aria-label'), 'Code');
    assert.equal(root.querySelector('table')?.getAttribute('tabindex'), '0');
    const fr = fragment(renderMarkdown('```js\n1\n```\n', { labels: { code: 'Code source' } }));
    assert.equal(fr.querySelector('pre')?.getAttribute('aria-label'), 'Code source, js');
  });
});

describe('MarkdownView: scheduling', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)['requestAnimationFrame'];
    delete (globalThis as Record<string, unknown>)['cancelAnimationFrame'];
    mock.timers.reset();
  });

  test('setText coalesces to one update per animation frame', () => {
    const frames: (() => void)[] = [];
    const g = globalThis as Record<string, unknown>;
    g['requestAnimationFrame'] = (cb: () => void): number => frames.push(cb);
    g['cancelAnimationFrame'] = (id: number): void => {
      frames[id - 1] = () => undefined;
    };
    const { el, v } = view();
    for (let i = 1; i <= 50; i++) v.setText('word '.repeat(i));
    assert.equal(frames.length, 1, 'one frame requested for 50 deltas');
    assert.equal(el.innerHTML, '', 'nothing rendered before the frame');
    frames[0]?.();
    assert.equal(el.textContent?.trim(), 'word '.repeat(50).trim());
    v.setText('next');
    assert.equal(frames.length, 2);
    v.flush();
    assert.equal(el.textContent, 'next\n', 'flush renders at once');
    frames[1]?.();
    v.setText('gone');
    v.dispose();
    frames[2]?.();
    assert.equal(el.textContent, 'next\n', 'a disposed view does not update');
  });

  test('without requestAnimationFrame a timer does the same', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { el, v } = view();
    v.setText('a');
    v.setText('a b');
    assert.equal(el.textContent, '');
    mock.timers.tick(20);
    assert.equal(el.textContent, 'a b\n');
    v.setText('a b c');
    v.finish();
    assert.equal(el.textContent, 'a b c\n');
    mock.timers.tick(20);
    assert.equal(el.textContent, 'a b c\n');
  });

  test('a render failure shows the text as plain text, and the next update recovers', (t) => {
    const { el, v } = view();
    const append = el.append.bind(el);
    el.append = () => {
      throw new Error('boom');
    };
    t.mock.method(console, 'error', () => undefined);
    show(v, '# Title\n\n<b>text</b>');
    assert.equal(el.innerHTML, '<pre class="render-fallback"># Title\n\n&lt;b&gt;text&lt;/b&gt;</pre>');
    el.append = append;
    show(v, '# Title\n\n<b>text</b> more');
    assert.equal(el.innerHTML, renderMarkdown('# Title\n\n<b>text</b> more'));
  });

  test('the container gets the markdown-body class and is owned by the view', () => {
    const el = document.createElement('div');
    el.innerHTML = '<p>old</p>';
    const v = new MarkdownView(el);
    assert.equal(el.className, 'markdown-body');
    assert.equal(el.innerHTML, '');
    show(v, 'new');
    assert.equal(el.innerHTML, '<p>new</p>\n');
  });
});
