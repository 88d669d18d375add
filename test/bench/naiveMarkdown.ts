// The naive baselines' Markdown (the render benchmark's and the naive panel's): marked with every code block
// highlighted in full on every render, as a panel without incremental rendering does. Benchmarks only.
import { Marked } from 'marked';
import { highlightCode } from '../../webview/render/highlight';

export function naiveMarked(): Marked {
  return new Marked({
    gfm: true,
    breaks: true,
    renderer: {
      code({ text, lang }) {
        const l = (lang ?? '').trim().split(/\s+/)[0] ?? '';
        return `<pre><code class="hljs language-${l}">${highlightCode(text, l)}</code></pre>\n`;
      },
    },
  });
}
