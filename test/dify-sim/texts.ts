/**
 * The scripted answer texts. Deterministic: a text depends only on the query.
 */
import { prng, hashString } from './tokens';

const FENCE = '```';

/** The first fenced code block of a question about code (what "Ask About Selection" sends), if any. */
export function codeInQuery(query: string): { lang: string; code: string; fence: string } | undefined {
  const lines = query.split('\n');
  const open = lines.findIndex((l) => /^(`{3,})[\w#+.-]*$/.test(l));
  if (open < 0) return undefined;
  const fence = /^(`{3,})/.exec(lines[open] ?? '')?.[1] ?? FENCE;
  const close = lines.findIndex((l, i) => i > open && l === fence);
  if (close < 0) return undefined;
  return { lang: (lines[open] ?? '').slice(fence.length), code: lines.slice(open + 1, close).join('\n'), fence };
}

/** A comment line in the code's language, for the simulator's "reviewed" copy of the code it was asked about. */
function reviewComment(lang: string): string {
  return /^(python|shellscript|shell|bash|ruby|yaml|r|perl|powershell|dockerfile|makefile)$/i.test(lang) ? '# Reviewed by the Dify simulator' : '// Reviewed by the Dify simulator';
}

export function defaultAnswer(query: string): string {
  const first = query.trim().split('\n', 1)[0] ?? '';
  const code = codeInQuery(query);
  // A question about code gets its code back, with a comment line added on top (so "Apply" has a change to make).
  const review = code
    ? ['', 'Here is the code back, with a comment added:', '', `${code.fence}${code.lang}`, `${/^[ \t]*/.exec(code.code)?.[0] ?? ''}${reviewComment(code.lang)}`, code.code, code.fence]
    : [];
  return [
    `You asked: **"${first.length > 200 ? `${first.slice(0, 199)}…` : first}"**`,
    ...review,
    '',
    'Here is a simulated answer from the Dify simulator. It streams token by token, like a real model would.',
    '',
    'A small example in TypeScript:',
    '',
    `${FENCE}ts`,
    'function answer(question: string): string {',
    '  const words = question.trim().split(/\\s+/);',
    '  return `You asked ${words.length} word(s): ${question}`;',
    '}',
    FENCE,
    '',
    '- It echoes your question',
    '- It includes a fenced code block',
    '',
    'Ask for *markdown*, *long*, *中文*, *citations*, *tool* or *moderation* to see other answers.',
  ].join('\n');
}

export function greetingAnswer(): string {
  return 'Hello! 👋 How can I help you today?';
}

export const MARKDOWN_ANSWER = [
  '# Markdown showcase',
  '',
  'This answer uses **bold**, *italic*, ***both***, ~~strikethrough~~, `inline code` and a [link to Dify](https://dify.ai).',
  'An autolink: https://docs.dify.ai/ and a line break  ',
  'right here.',
  '',
  '## Lists',
  '',
  '1. First ordered item',
  '2. Second item with a nested list:',
  '   - nested bullet',
  '   - another one with `code`',
  '3. Third item',
  '',
  '- [x] A finished task',
  '- [ ] An open task',
  '',
  '## A table',
  '',
  '| Mode | Route | Streams |',
  '|:-----|:-----:|--------:|',
  '| chat | `/chat-messages` | yes |',
  '| agent-chat | `/chat-messages` | only |',
  '| advanced-chat | `/chat-messages` | yes |',
  '',
  '## Code in several languages',
  '',
  `${FENCE}typescript`,
  'interface Turn {',
  "  role: 'user' | 'assistant';",
  '  text: string;',
  '}',
  '',
  'export const greet = (name: string): string => `Hello, ${name}!`;',
  FENCE,
  '',
  `${FENCE}python`,
  'def fib(n: int) -> list[int]:',
  '    """Return the first n Fibonacci numbers."""',
  '    a, b = 0, 1',
  '    out = []',
  '    for _ in range(n):',
  '        out.append(a)',
  '        a, b = b, a + b',
  '    return out',
  FENCE,
  '',
  `${FENCE}bash`,
  'curl -N -X POST "$DIFY_BASE_URL/chat-messages" \\',
  '  -H "Authorization: Bearer $DIFY_API_KEY" \\',
  "  -H 'Content-Type: application/json' \\",
  `  -d '{"inputs": {}, "query": "hi", "user": "me", "response_mode": "streaming"}'`,
  FENCE,
  '',
  `${FENCE}json`,
  '{ "event": "message", "answer": "Hel", "from_variable_selector": null }',
  FENCE,
  '',
  `${FENCE}diff`,
  '- const mode = "blocking";',
  '+ const mode = "streaming";',
  FENCE,
  '',
  `${FENCE}mermaid`,
  'graph LR; Start-->LLM; LLM-->Answer',
  FENCE,
  '',
  FENCE,
  'A block without a language.',
  FENCE,
  '',
  '> A blockquote with a **bold** word.',
  '> > And a nested quote.',
  '',
  '---',
  '',
  'Inline math $E = mc^2$ and a block:',
  '',
  '$$',
  '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
  '$$',
  '',
  '![Dify logo](https://raw.githubusercontent.com/langgenius/dify/main/images/GitHub_README_if.png)',
  '',
  'Raw HTML the renderer must sanitise: <b>bold</b> <script>alert(1)</script> <img src=x onerror="alert(2)">',
  '',
  '### The end',
].join('\n');

export const CJK_ANSWER = [
  '你好！👋 这是来自 Dify 模拟器的中文回答。',
  '',
  '## 要点',
  '1. 流式输出会在**汉字之间**切分，但绝不会切断一个字符 ✅',
  '2. 表情符号也能正常显示：🚀🎉👨‍💻🇨🇳',
  '3. 中英混排：Dify 是一个开源的 LLM 应用开发平台。',
  '',
  `${FENCE}python`,
  'print("你好，世界")  # 打印问候',
  FENCE,
  '',
  '> 提示：日本語のテキストもあります。한국어도 있습니다。',
  '',
  '祝你编码愉快！😄',
].join('\n');

export function thinkAnswer(query: string): string {
  return [
    '<think>',
    `The user asked: "${query}". Let me reason step by step before answering.`,
    'First, restate the question. Second, pick an example. Third, answer briefly.',
    '</think>',
    '',
    'After thinking it over: the short answer is **yes**, with the caveats above.',
  ].join('\n');
}

export function citationsAnswer(): string {
  return [
    'According to the knowledge base, the Service API streams answers as server-sent events [1].',
    'Each frame is a single `data:` line carrying JSON, and pings keep the connection alive [2].',
    '',
    'Conversations are listed newest first, using a `last_id` cursor [1].',
  ].join('\n');
}

export function chatToolAnswer(): string {
  return [
    'This is the **chat** app, which has no tools.',
    '',
    'The **agent** app of this simulator calls tools: ask it what time it is, to search for something, or to draw an image.',
  ].join('\n');
}

export const MODERATION_START = 'Here is exactly how to do that forbidden thing: first, you take the ';
export const MODERATION_REPLACEMENT = 'Sorry, this answer was blocked by the content moderation policy.';

export function iterationAnswer(items: string[]): string {
  return ['I went through the key points one by one:', '', ...items.map((it, i) => `${i + 1}. **${it}**: checked.`), '', 'All done.'].join('\n');
}

const TOPICS = ['streaming', 'pagination', 'error envelopes', 'conversation naming', 'agent tools', 'chatflow nodes', 'file uploads', 'feedback'];
const WORDS = (
  'the client reads each frame as it arrives and renders the partial answer without waiting for the end of the ' +
  'stream while the server keeps the connection alive with periodic pings so that proxies do not close it early ' +
  'a careful implementation also handles network errors retries only when it is safe and shows a clear message'
).split(' ');

/** A deterministic answer of at least `minChars` characters (about 30 KB by default). */
export function longAnswer(query: string, minChars = 30_000): string {
  const rand = prng(hashString(query));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const sentence = (): string => {
    const n = 10 + Math.floor(rand() * 12);
    const words = Array.from({ length: n }, () => pick(WORDS));
    const s = words.join(' ');
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  const parts = ['# A long answer', '', `You asked for something long ("${query}"), so here it is.`, ''];
  let section = 0;
  while (parts.join('\n').length < minChars) {
    section++;
    parts.push(`## Part ${section}: ${pick(TOPICS)}`, '');
    for (let p = 0; p < 3; p++) parts.push(Array.from({ length: 4 }, sentence).join(' '), '');
    if (section % 3 === 0) {
      parts.push(`${FENCE}ts`, `// part ${section}`, `export const part${section} = ${section} * ${section};`, FENCE, '');
    }
    if (section % 4 === 0) parts.push(`- point ${section}.1`, `- point ${section}.2`, `- point ${section}.3`, '');
  }
  parts.push('That is the end of the long answer.');
  return parts.join('\n');
}
