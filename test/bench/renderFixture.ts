// A long, realistic assistant answer for the render benchmark (~33 KB): prose with inline markup and links,
// nested and numbered lists, tables, quotes and several code blocks in different languages, the mix a coding
// assistant produces. Deterministic (seeded), plain BMP text so a delta never splits a surrogate pair.

function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const WORDS = (
  'the request handler reads configuration from the workspace and validates every field before it opens a ' +
  'connection to the server then streams events back to the panel while keeping the conversation state in ' +
  'memory so that a reload can restore it quickly without asking the network again for older messages'
).split(' ');

const CODE: Record<string, string[]> = {
  ts: [
    'export async function fetchMessages(client: DifyClient, conversationId: string, signal?: AbortSignal): Promise<Message[]> {',
    '  const out: Message[] = [];',
    '  let firstId: string | undefined;',
    '  for (;;) {',
    '    const page = await client.messages({ conversationId, firstId, limit: 20 }, signal);',
    '    out.unshift(...page.data.reverse());',
    "    if (!page.hasMore) break; // older pages come first",
    '    firstId = page.data.at(-1)?.id;',
    '  }',
    '  return out;',
    '}',
  ],
  python: [
    'import json',
    'from dataclasses import dataclass',
    '',
    '@dataclass',
    'class Event:',
    '    name: str',
    '    data: dict',
    '',
    'def parse(lines):',
    '    """Yield events from SSE lines."""',
    '    for line in lines:',
    "        if line.startswith('data: '):",
    "            yield Event('message', json.loads(line[6:]))",
  ],
  json: [
    '{',
    '  "event": "message",',
    '  "task_id": "5ad4cb98-f0c7-4085-b384-88c403be6290",',
    '  "answer": "Hello",',
    '  "created_at": 1705398420,',
    '  "metadata": { "usage": { "total_tokens": 1161, "latency": 0.91 } }',
    '}',
  ],
  bash: [
    'set -euo pipefail',
    'export DIFY_URL="http://127.0.0.1:5001/v1"',
    'curl -sN -X POST "$DIFY_URL/chat-messages" \\',
    '  -H "Authorization: Bearer $API_KEY" \\',
    "  -H 'Content-Type: application/json' \\",
    '  -d \'{"query": "hi", "user": "me", "response_mode": "streaming"}\' | while read -r line; do',
    '  echo "$line"',
    'done',
  ],
  yaml: ['name: ci', 'on: [push]', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: npm ci && npm test'],
};

function sentence(r: (n: number) => number): string {
  const n = 8 + r(12);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = WORDS[r(WORDS.length)] ?? 'word';
    const k = r(20);
    if (k === 0) w = `**${w}**`;
    else if (k === 1) w = `\`${w}()\``;
    else if (k === 2) w = `*${w}*`;
    else if (k === 3) w = `[${w}](https://docs.example.com/${w}#section-${r(9)})`;
    words.push(w);
  }
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

function paragraph(r: (n: number) => number): string {
  const n = 2 + r(4);
  return Array.from({ length: n }, () => sentence(r)).join(' ');
}

function codeBlock(r: (n: number) => number): string {
  const langs = Object.keys(CODE);
  const lang = langs[r(langs.length)] ?? 'ts';
  const lines = CODE[lang] ?? [];
  const repeat = 1 + r(3);
  const body: string[] = [];
  for (let i = 0; i < repeat; i++) body.push(...lines);
  return '```' + lang + '\n' + body.join('\n') + '\n```';
}

function table(r: (n: number) => number): string {
  const rows = ['| Setting | Default | Meaning |', '|---|:---:|---|'];
  for (let i = 0, n = 3 + r(5); i < n; i++) {
    rows.push(`| \`dify.option${i}\` | ${r(100)} | ${sentence(r).slice(0, 60)} |`);
  }
  return rows.join('\n');
}

function list(r: (n: number) => number): string {
  const out: string[] = [];
  const ordered = r(2) === 0;
  for (let i = 0, n = 3 + r(4); i < n; i++) {
    out.push(`${ordered ? `${i + 1}.` : '-'} ${sentence(r)}`);
    if (r(3) === 0) out.push(`   - ${sentence(r)}`, `   - ${sentence(r)}`);
  }
  return out.join('\n');
}

/** The answer, about `targetBytes` long. */
export function buildAnswer(targetBytes = 33 * 1024, seed = 42): string {
  const r = rng(seed);
  const parts: string[] = ['Here is a walkthrough of the change, step by step.'];
  let section = 1;
  while (parts.join('\n\n').length < targetBytes) {
    parts.push(`## ${section}. ${sentence(r).replace(/[*`[\]()]/g, '').slice(0, 50)}`);
    parts.push(paragraph(r));
    const kinds = [list, codeBlock, table, paragraph, codeBlock, list];
    for (let i = 0, n = 2 + r(3); i < n; i++) parts.push((kinds[r(kinds.length)] ?? paragraph)(r));
    if (r(4) === 0) parts.push(`> **Note:** ${sentence(r)}`);
    section++;
  }
  return parts.join('\n\n') + '\n';
}

/** Splits `text` into exactly `count` non-empty deltas of irregular small sizes. */
export function toDeltas(text: string, count = 8000, seed = 7): string[] {
  const r = rng(seed);
  const weights = Array.from({ length: count }, () => 1 + r(7));
  const total = weights.reduce((a, b) => a + b, 0);
  const deltas: string[] = [];
  let at = 0;
  let acc = 0;
  for (let i = 0; i < count; i++) {
    acc += weights[i] ?? 1;
    const end = i === count - 1 ? text.length : Math.max(at + 1, Math.min(text.length - (count - 1 - i), Math.round((acc / total) * text.length)));
    deltas.push(text.slice(at, end));
    at = end;
  }
  return deltas;
}
