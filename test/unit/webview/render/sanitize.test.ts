import { document } from './dom';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkdownView, renderMarkdown } from '../../../../webview/render/markdown';
import { heldByPurifier, sanitizeToFragment } from '../../../../webview/render/sanitize';
import { PAYLOADS, withCanary } from './payloads';
import { findViolations } from './violations';

const CANARY = 'https://canary.invalid';

function fragment(html: string): DocumentFragment {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content;
}

function assertClean(root: ParentNode, what: string): void {
  const problems = findViolations(root);
  assert.deepEqual(problems, [], `${what}:\n${problems.join('\n')}`);
}

describe('sanitizer: hostile payloads', () => {
  test('there are at least 40 payloads', () => {
    assert.ok(PAYLOADS.length >= 40, `${PAYLOADS.length} payloads`);
  });

  for (const raw of PAYLOADS) {
    const p = withCanary(raw, CANARY);
    test(p.name, () => {
      for (const complete of [false, true]) {
        const html = renderMarkdown(p.md, { complete });
        const root = fragment(html);
        assertClean(root, `one-shot (complete=${complete}) of ${JSON.stringify(p.md)} gave ${html}`);
        assert.doesNotMatch(html, /<script|<style|<iframe|<object|<embed|<form|<input|<svg(?![^>]*aria-hidden)|<math|<meta|<base|<link/i, html);
        for (const url of p.links ?? []) {
          const a = Array.from(root.querySelectorAll('a')).find((x) => x.getAttribute('data-href') === new URL(url).href);
          assert.ok(a, `expected a link to ${url} in ${html}`);
          assert.equal(a.getAttribute('href'), new URL(url).href);
          assert.equal(a.hasAttribute('target'), false);
        }
        if (p.click) assert.ok(root.textContent?.includes(p.click), `the link text ${p.click} is still shown`);
      }
      // Every intermediate state of a streamed payload is clean too.
      const container = document.createElement('div');
      const view = new MarkdownView(container);
      for (let i = 1; i <= p.md.length; i++) {
        view.setText(p.md.slice(0, i));
        view.flush();
        assertClean(container, `incremental prefix ${JSON.stringify(p.md.slice(0, i))} gave ${container.innerHTML}`);
      }
      view.finish();
      assertClean(container, `finished ${JSON.stringify(p.md)} gave ${container.innerHTML}`);
      view.dispose();
    });
  }
});

describe('sanitizer: what stays', () => {
  test('http(s) and mailto links become <a href data-href> without target', () => {
    const root = fragment(renderMarkdown('[a](https://example.com/x?y=1&z=2) [b](http://e.org) [c](mailto:me@example.com) <https://auto.example/p>'));
    const links = Array.from(root.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.getAttribute('data-href'), a.getAttribute('target')]);
    assert.deepEqual(links, [
      ['https://example.com/x?y=1&z=2', 'https://example.com/x?y=1&z=2', null],
      ['http://e.org/', 'http://e.org/', null],
      ['mailto:me@example.com', 'mailto:me@example.com', null],
      ['https://auto.example/p', 'https://auto.example/p', null],
    ]);
  });

  test('a mailto link keeps its address, subject and body only (first of each); a "?" hidden in the address is no link', () => {
    const root = fragment(
      renderMarkdown('[a](mailto:me@example.com?cc=spy@evil.example&Subject=Hi%20there&subject=second&bcc=x@evil.example&attach=/etc/passwd&body=a+b&to=y@evil.example#f) [b](mailto:me@example.com%3Fcc=spy@evil.example)'),
    );
    const links = Array.from(root.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('data-href')]);
    assert.deepEqual(links, [['a', 'mailto:me@example.com?subject=Hi%20there&body=a+b', 'mailto:me@example.com?subject=Hi%20there&body=a+b']]);
    assert.equal(root.textContent?.trim(), 'a b', 'the refused one keeps its text');
  });

  test('dangerous links keep their text but are not links', () => {
    const html = renderMarkdown('[run it](command:workbench.action.terminal.new) and [x](javascript:alert(1))');
    assert.equal(fragment(html).querySelectorAll('a').length, 0, html);
    assert.match(html, /run it and x/);
  });

  test('remote image becomes a link with its alt text, or the URL when it has none', () => {
    const root = fragment(renderMarkdown('![the logo](https://e.com/logo.png) ![](https://e.com/blank.png)'));
    const links = Array.from(root.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('data-href')]);
    assert.deepEqual(links, [['the logo', 'https://e.com/logo.png'], ['https://e.com/blank.png', 'https://e.com/blank.png']]);
    assert.equal(root.querySelectorAll('img').length, 0);
  });

  test('inline raster data: images render as <img>, svg data: does not', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const root = fragment(renderMarkdown(`![dot](${png}) ![s](data:image/svg+xml;base64,PHN2Zz4=) <img src="data:image/gif;base64,R0lGOD" alt="g">`));
    const imgs = Array.from(root.querySelectorAll('img')).map((i) => [i.getAttribute('src'), i.getAttribute('alt')]);
    assert.deepEqual(imgs, [[png, 'dot'], ['data:image/gif;base64,R0lGOD', 'g']]);
    assert.match(root.textContent ?? '', /\bs\b/);
  });

  test('raw HTML is shown as text, except bare kept inline tags', () => {
    const html = renderMarkdown('Press <kbd class="x">Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, a<br>b, <div>block</div> <span>s</span>');
    const root = fragment(html);
    assert.deepEqual(Array.from(root.querySelectorAll('kbd')).map((k) => k.outerHTML), ['<kbd>Ctrl</kbd>', '<kbd>C</kbd>']);
    assert.equal(root.querySelectorAll('sub, sup, br').length, 3);
    assert.match(root.textContent ?? '', /<div>block<\/div> <span>s<\/span>/);
  });

  test('a raw HTML block is kept as visible text with its line breaks', () => {
    const root = fragment(renderMarkdown('<table>\n<tr><td onclick="x">1</td></tr>\n</table>\n'));
    assert.equal(root.querySelectorAll('table, td').length, 0);
    const p = root.querySelector('p.raw-html');
    assert.ok(p);
    assert.equal(p.textContent, '<table><tr><td onclick="x">1</td></tr></table>');
    assert.equal(p.querySelectorAll('br').length, 2);
  });

  test('HTML comments are dropped, think tags never pass through', () => {
    const html = renderMarkdown('a <!-- hidden --> b </think> c');
    assert.doesNotMatch(html, /hidden|think|<!--/);
  });

  test('task list items use a drawn box, not an <input>', () => {
    const root = fragment(renderMarkdown('- [x] done\n- [ ] todo'));
    assert.equal(root.querySelectorAll('input').length, 0);
    assert.deepEqual(Array.from(root.querySelectorAll('.task-box')).map((b) => b.getAttribute('data-checked')), ['true', 'false']);
  });

  test('code content is escaped text, never markup', () => {
    const root = fragment(renderMarkdown('```html\n<img src=x onerror=alert(1)><script>1</script>\n```\n\n`<b>inline</b>`'));
    const code = root.querySelector('pre code');
    assert.equal(code?.textContent, '<img src=x onerror=alert(1)><script>1</script>');
    assert.equal(root.querySelector('p code')?.textContent, '<b>inline</b>');
    assert.equal(root.querySelectorAll('img, script, b').length, 0);
  });
});

describe('sanitizer: what it keeps between calls', () => {
  test('nothing of the last pass: its removed list (which holds the parsed document) is emptied', () => {
    const out = sanitizeToFragment('<p>kept</p><script>dropped()</script><img src="https://x.example/a.png" onerror="x()"><form><input></form>');
    assert.equal(out.querySelector('p')?.textContent, 'kept');
    assert.equal(out.querySelectorAll('script, form, input').length, 0);
    assert.equal(heldByPurifier(), 0);
  });

  test('the <body> it parses into is never output, nor what a second <body> in the markup carries', () => {
    const out = sanitizeToFragment('<p>a</p><body onload="x()" class="y"><p>b</p></body>');
    assert.deepEqual(Array.from(out.childNodes).map((n) => n.nodeName), ['P', 'P']);
    assert.equal(out.querySelectorAll('body, [onload]').length, 0);
  });
});
