// Markdown documents for the incremental renderer's tests (node and browser).

/** Documents that exercise every way a growing markdown text can rewrite its own past. */
export const DOCS: Record<string, string> = {
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
