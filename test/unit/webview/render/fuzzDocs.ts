// Seeded random markdown documents stitched from fragments that stress the incremental renderer: every kind
// of block, glued with and without blank lines, so blocks interrupt, continue and rewrite each other.

const PIECES = [
  'para text', 'more *emph* and **strong**', '# heading', 'Setext', '===', '---', '- item', '  - nested', '1. one',
  '2) two', '3', '> quote', 'lazy', '```js', '```', '~~~', '    indented', '| a | b |', '|---|---|', '| 1 | 2 |',
  '[ref]', '[ref]: https://e.com/r', "'title'", '<think>', '</think>', '<details>', '<summary>S</summary>',
  '</details>', '<div>', '</div>', '<kbd>K</kbd>', '![img](https://e.com/i.png)', 'https://auto.example/x',
  '[link](https://e.com/a b)', '- [x] task', '* star', '+ plus', '\\', '&amp; &copy;', '中文 😀', '***', '',
  '<!-- c -->', '`code', 'span`', '_under_', '~~del~~', '    ', '\t- tab', '[x]: javascript:alert(1)',
];

export function fuzzDoc(seed: number, lines = 40): string {
  let s = seed >>> 0;
  const r = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(PIECES[r(PIECES.length)] ?? '');
  return out.join('\n') + (r(2) ? '\n' : '');
}
