import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeFences, conversationMarkdown, exportFileName, fetchWholeConversation, orderMessages } from '../../../src/chat/exportMarkdown';
import type { ExportInput, ExportWords } from '../../../src/chat/exportMarkdown';
import type { HistoryMessage, Page } from '../../../src/dify/types';
import type { WorkflowState } from '../../../src/shared/answer';

const T0 = 1_700_000_000;

function msg(i: number, over: Partial<HistoryMessage> = {}): HistoryMessage {
  return {
    id: `m${i}`,
    conversationId: 'c-1',
    inputs: {},
    query: `Question ${i}`,
    answer: `Answer ${i}`,
    messageFiles: [],
    feedback: null,
    retrieverResources: [],
    agentThoughts: [],
    createdAt: T0 + i * 60,
    status: 'normal',
    error: null,
    ...over,
  };
}

const words: ExportWords = {
  app: 'App',
  conversationId: 'Conversation',
  started: 'Started',
  updated: 'Last updated',
  exported: 'Exported',
  inputs: 'Inputs',
  question: (n) => `Question ${n}`,
  answer: (n) => `Answer ${n}`,
  files: 'Files',
  sources: 'Sources',
  workflow: (n) => `Workflow: ${n} steps`,
  toolCall: (tool) => `Tool call: ${tool}`,
  thought: 'Thought',
  toolInput: 'Input',
  observation: 'Result',
  failed: (e) => `The answer failed: ${e}`,
  noAnswer: 'No answer was stored.',
  untitled: 'New conversation',
  footer: 'Exported from the test.',
};

function input(messages: HistoryMessage[], over: Partial<ExportInput> = {}): ExportInput {
  return {
    appName: 'Sim Chatbot',
    conversation: { id: 'c-1', name: 'Release <plan> 🚀' },
    messages,
    exportedAt: (T0 + 10_000) * 1000,
    formatDate: (s) => `@${s}`,
    words,
    ...over,
  };
}

describe('fetchWholeConversation', () => {
  test('pages backwards with first_id and puts 45 messages in order, none twice', async () => {
    const all = Array.from({ length: 45 }, (_, i) => msg(i));
    const asked: Array<string | undefined> = [];
    const fetchPage = async (firstId: string | undefined): Promise<Page<HistoryMessage>> => {
      asked.push(firstId);
      const end = firstId === undefined ? all.length : all.findIndex((m) => m.id === firstId);
      const start = Math.max(0, end - 20);
      return { limit: 20, hasMore: start > 0, data: all.slice(start, end) };
    };
    const got = await fetchWholeConversation(fetchPage);
    assert.deepEqual(got.map((m) => m.id), all.map((m) => m.id));
    assert.deepEqual(asked, [undefined, 'm25', 'm5']);
  });

  test('a server that repeats a page does not loop', async () => {
    let n = 0;
    const got = await fetchWholeConversation(async () => {
      n++;
      return { limit: 2, hasMore: true, data: [msg(1), msg(2)] };
    });
    assert.deepEqual(got.map((m) => m.id), ['m1', 'm2']);
    assert.ok(n <= 2);
  });

  test('orderMessages: pages newest first, each oldest first, out as one list oldest first', () => {
    const pages = [[msg(4), msg(5)], [msg(2), msg(3)], [msg(1)]];
    assert.deepEqual(orderMessages(pages).map((m) => m.id), ['m1', 'm2', 'm3', 'm4', 'm5']);
  });
});

describe('conversationMarkdown', () => {
  test('a header with app, name, id and dates, then each question and answer in order', () => {
    const md = conversationMarkdown(input([msg(1, { inputs: { topic: 'Docs | site', count: 3 } }), msg(2)]));
    const lines = md.split('\n');
    assert.equal(lines[0], '# Release &lt;plan&gt; 🚀', 'the name is text, not HTML');
    assert.match(md, /- \*\*App:\*\* Sim Chatbot/);
    assert.match(md, /- \*\*Conversation:\*\* `c-1`/);
    assert.match(md, new RegExp(`- \\*\\*Started:\\*\\* @${T0 + 60}`));
    assert.match(md, new RegExp(`- \\*\\*Last updated:\\*\\* @${T0 + 120}`));
    assert.match(md, new RegExp(`- \\*\\*Exported:\\*\\* @${T0 + 10_000}`));
    assert.match(md, /\| `topic` \| Docs \\\| site \|/, 'inputs sent, a pipe escaped in the table');
    assert.match(md, /\| `count` \| 3 \|/);
    const order = ['## Question 1', 'Question 1', '## Answer 1', 'Answer 1', '## Question 2', '## Answer 2'].map((s) => md.indexOf(s));
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'in order');
    assert.ok(md.endsWith('<sub>Exported from the test.</sub>\n'));
  });

  test('code blocks are kept as written; a fence left open by a cut-off answer is closed', () => {
    const code = 'Here:\n\n```ts\nconst x = `template ${1}`;\n```\n\nAnd ~~~ stays.';
    const cut = 'Partial:\n```python\nprint("never closed")';
    const md = conversationMarkdown(input([msg(1, { answer: code }), msg(2, { answer: cut })]));
    assert.ok(md.includes(code), 'the code block is exactly as Dify stored it');
    assert.ok(md.includes('```python\nprint("never closed")\n```'), 'closed');
    assert.ok(md.indexOf('## Question 1') < md.indexOf(code));
    assert.equal(closeFences('````md\n```\ninner\n```\n````'), '````md\n```\ninner\n```\n````', 'a longer fence holds shorter ones');
    assert.equal(closeFences('~~~\nx'), '~~~\nx\n~~~');
    assert.equal(closeFences('no fence'), 'no fence');
  });

  test('file names under the question and the answer', () => {
    const files: HistoryMessage['messageFiles'] = [
      { id: 'f1', filename: 'screen shot.png', type: 'image', url: 'http://x/files/f1/file-preview?sign=s', belongsTo: 'user' },
      { id: 'f2', type: 'image', url: 'http://x/files/tools/lighthouse.png?sign=s', belongsTo: 'assistant' },
    ];
    const md = conversationMarkdown(input([msg(1, { messageFiles: files })]));
    const q = md.indexOf('## Question 1');
    const a = md.indexOf('## Answer 1');
    const userFiles = md.indexOf('**Files:** `screen shot.png`');
    const answerFiles = md.indexOf('**Files:** `lighthouse.png`');
    assert.ok(q < userFiles && userFiles < a, 'the question\'s file under the question');
    assert.ok(a < answerFiles, 'the answer\'s file under the answer');
    assert.ok(!md.includes('sign=s'), 'names only: no signed URL');
  });

  test('workflow steps and agent tool calls are collapsible <details>', () => {
    const workflow: WorkflowState = {
      runId: 'r1',
      status: 'succeeded',
      steps: [
        { id: 's1', nodeId: 'start', nodeType: 'start', title: 'Start', status: 'succeeded', elapsedTime: 0.01 },
        { id: 's2', nodeId: 'llm', nodeType: 'llm', title: 'LLM <main>', status: 'failed', elapsedTime: 1.5, error: 'quota' },
      ],
    };
    const thoughts: HistoryMessage['agentThoughts'] = [
      { id: 't1', position: 1, thought: 'I should look at the clock.', tool: 'current_time', toolInput: '{"timezone":"UTC"}', observation: '12:00', files: [], createdAt: T0 },
      { id: 't2', position: 2, thought: 'Answer 1', tool: '', toolInput: '', observation: '', files: [], createdAt: T0 },
    ];
    const md = conversationMarkdown(input([msg(1, { agentThoughts: thoughts })], { workflowOf: (id) => (id === 'm1' ? workflow : undefined) }));
    assert.match(md, /<details>\n<summary>Workflow: 2 steps<\/summary>\n\n- Start `start` succeeded \(0\.01 s\)\n- LLM &lt;main&gt; `llm` failed \(1\.50 s\): quota\n\n<\/details>/);
    assert.match(md, /<summary>Tool call: current_time<\/summary>/);
    assert.ok(md.includes('```json\n{\n  "timezone": "UTC"\n}\n```'), 'the tool input, pretty JSON');
    assert.ok(md.includes('**Result**\n\n```\n12:00\n```'));
    assert.ok(md.includes('I should look at the clock.'));
    assert.equal(md.match(/<details>/g)?.length, 2, 'the thought that is the answer itself is not repeated');
    assert.ok(md.indexOf('<summary>Workflow') < md.indexOf('\nAnswer 1'), 'steps come before the answer text');
  });

  test('citations as footnotes: references after the answer, one definition per source', () => {
    const resources = [
      { position: 1, documentName: 'guide.md', datasetName: 'Docs', content: 'Line one\nline two with more words' },
      { position: 2, documentName: 'faq.md', content: 'x'.repeat(400) },
    ];
    const md = conversationMarkdown(input([msg(1), msg(2, { retrieverResources: resources })]));
    assert.match(md, /\*\*Sources:\*\* \[\^2-1\] \[\^2-2\]/);
    assert.match(md, /\[\^2-1\]: \*\*guide\.md · Docs\*\*: Line one line two with more words/);
    assert.match(md, /\[\^2-2\]: \*\*faq\.md\*\*: x{300}…/, 'a long excerpt is cut');
    assert.ok(md.indexOf('## Answer 2') < md.indexOf('[^2-1]:'));
  });

  test('a failed answer says so; an answer Dify has not stored says that; changed inputs show on their turn', () => {
    const md = conversationMarkdown(
      input([msg(1, { inputs: { topic: 'a' } }), msg(2, { inputs: { topic: 'b' }, answer: '', status: 'error', error: 'Model quota\nexceeded' }), msg(3, { inputs: { topic: 'b' }, answer: '' })]),
    );
    assert.match(md, /> The answer failed: Model quota exceeded/);
    assert.match(md, /\*No answer was stored\.\*/);
    const second = md.slice(md.indexOf('## Question 2'), md.indexOf('## Answer 2'));
    assert.match(second, /\| `topic` \| b \|/, 'inputs that changed are shown on the turn');
    const third = md.slice(md.indexOf('## Question 3'), md.indexOf('## Answer 3'));
    assert.doesNotMatch(third, /Inputs/, 'unchanged inputs are not repeated');
  });

  test('an untitled conversation and no messages still make a document', () => {
    const md = conversationMarkdown(input([], { conversation: { id: 'c-2', name: '  ', createdAt: T0, updatedAt: T0 + 5 } }));
    assert.ok(md.startsWith('# New conversation\n'));
    assert.match(md, new RegExp(`Started:\\*\\* @${T0}`));
  });
});

describe('exportFileName', () => {
  test('the name as a file system takes it, and the date', () => {
    assert.equal(exportFileName('Release: plan/v2?', T0), 'Release- plan-v2 2023-11-14.md');
    assert.equal(exportFileName('  ', T0), 'Conversation 2023-11-14.md');
    assert.equal(exportFileName('发布计划 🚀', T0), '发布计划 🚀 2023-11-14.md');
    assert.ok(exportFileName('x'.repeat(300), T0).length < 100);
  });
});

describe('export: hostile stored text in linear time', () => {
  const SIZE = 64 * 1024;
  /** The shortest of two runs of `work`, in ms. */
  const fastest = (work: () => unknown): number => {
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      work();
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  const plain = 'The quick brown fox jumps over the lazy dog. '.repeat(SIZE / 45);

  test('answers and names built against the fence, trailing-space and name trims export within 5x plain text', () => {
    // Each took 20 to 47 s before (a quadratic retry of the run); the plain text takes milliseconds.
    const cases: Array<[string, () => unknown, () => unknown]> = [
      ['spaces that do not end the answer', () => closeFences(`${' '.repeat(SIZE)}x`), () => closeFences(plain)],
      ['backticks, then a line separator', () => closeFences(`${'`'.repeat(SIZE)}\u2028x`), () => closeFences(plain)],
      ['tildes, then a paragraph separator', () => closeFences(`${'~'.repeat(SIZE)}\u2029x`), () => closeFences(plain)],
      ['a name of dots', () => exportFileName(`x${'.'.repeat(SIZE)}y`, 0), () => exportFileName(plain, 0)],
      ['a name of dashes and spaces', () => exportFileName(`x${'- '.repeat(SIZE / 2)}y`, 0), () => exportFileName(plain, 0)],
    ];
    for (const [name, hostile, baseline] of cases) {
      const base = fastest(baseline);
      const time = fastest(hostile);
      assert.ok(time <= 5 * base + 5, `${name}: ${time.toFixed(1)} ms, plain ${base.toFixed(1)} ms`);
    }
    assert.equal(closeFences('```js\nx'), '```js\nx\n```', 'a fence line is still a fence line');
    assert.equal(closeFences('````\n```\nx'), '````\n```\nx\n````', 'and its run is the whole run');
    assert.equal(exportFileName(' .-Plan-. ', 0), 'Plan 1970-01-01.md');
  });
});
