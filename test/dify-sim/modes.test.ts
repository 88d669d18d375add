// Event sequences per chat mode (§4.3) and the ordering guarantees of §4.6.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDifySim } from './index';
import type { DifySim } from './index';
import { CHATFLOW_INPUTS, answerOf, call, chat, events, rawRequest } from './testUtil';
import type { SseFrame } from './testUtil';

let sim: DifySim;
let newest: DifySim;
before(async () => {
  sim = await startDifySim();
  newest = await startDifySim({ version: 'newest' });
});
after(async () => {
  await sim.close();
  await newest.close();
});

/** Collapses runs of the same event: ["message", "message", "message_end"] -> ["message+", "message_end"]. */
function shape(evs: string[]): string[] {
  const out: string[] = [];
  for (const e of evs) {
    const last = out[out.length - 1];
    if (last === e || last === `${e}+`) out[out.length - 1] = `${e}+`;
    else out.push(e);
  }
  return out;
}

async function historyAnswer(s: DifySim, key: string, frames: SseFrame[], user = 'tester'): Promise<Record<string, unknown>> {
  const conv = frames[0]?.data?.['conversation_id'] as string;
  const r = await call(s, 'GET', `/messages?user=${user}&conversation_id=${conv}`, key);
  const data = r.json()['data'] as Array<Record<string, unknown>>;
  return data[data.length - 1] as Record<string, unknown>;
}

describe('chat mode', () => {
  test('message×N → message_end; the deltas rebuild the stored answer', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'Explain closures' });
    assert.deepEqual(shape(events(r.frames)), ['message+', 'message_end']);
    const end = r.frames[r.frames.length - 1]?.data as Record<string, unknown>;
    assert.equal(end['files'], null);
    const meta = end['metadata'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(meta), ['annotation_reply', 'retriever_resources', 'usage']);
    assert.equal(meta['annotation_reply'], null);
    const usage = meta['usage'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(usage), [
      'prompt_tokens', 'prompt_unit_price', 'prompt_price_unit', 'prompt_price', 'completion_tokens', 'completion_unit_price',
      'completion_price_unit', 'completion_price', 'total_tokens', 'total_price', 'currency', 'latency', 'time_to_first_token', 'time_to_generate',
    ]);
    const answer = answerOf(r.frames);
    assert.match(answer, /You asked: \*\*"Explain closures"\*\*/);
    assert.match(answer, /```ts\n/);
    assert.equal((await historyAnswer(sim, sim.keys.chat, r.frames))['answer'], answer);
  });

  test('deltas are token-sized and never split a code point', async () => {
    const r = await chat(sim, sim.keys.chat, { query: '中文 please' });
    const deltas = r.frames.filter((f) => f.data?.['event'] === 'message').map((f) => f.data?.['answer'] as string);
    assert.ok(deltas.length > 40);
    assert.ok(deltas.every((d) => d.length > 0 && Array.from(d).length <= 12));
    for (const d of deltas) assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(d), 'no lone surrogate at an edge');
    assert.ok(deltas.some((d) => /^[\u4e00-\u9fff]{1,2}$/.test(d)), 'CJK arrives a character or two at a time');
  });

  test('citations: retriever_resources on message_end and in history', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'What do the docs say? cite sources' });
    const end = r.frames[r.frames.length - 1]?.data as Record<string, Record<string, unknown>>;
    const res = end['metadata']?.['retriever_resources'] as Array<Record<string, unknown>>;
    assert.equal(res.length, 2);
    assert.deepEqual(res.map((x) => x['position']), [1, 2]);
    assert.equal(typeof res[0]?.['score'], 'number');
    const stored = await historyAnswer(sim, sim.keys.chat, r.frames);
    assert.deepEqual(stored['retriever_resources'], res);
  });

  test('moderation: a message_replace swaps the answer and is what gets stored', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'trigger moderation' });
    assert.deepEqual(shape(events(r.frames)), ['message+', 'message_replace', 'message_end']);
    const rep = r.frames.find((f) => f.data?.['event'] === 'message_replace')?.data as Record<string, unknown>;
    assert.equal(rep['reason'], '');
    assert.equal((await historyAnswer(sim, sim.keys.chat, r.frames))['answer'], rep['answer']);
  });

  test('failure: an error frame ends the stream, no message_end; history shows status error', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'please fail now' });
    const evs = events(r.frames);
    assert.equal(evs[evs.length - 1], 'error');
    assert.ok(!evs.includes('message_end'));
    const stored = await historyAnswer(sim, sim.keys.chat, r.frames);
    assert.equal(stored['status'], 'error');
    assert.equal(typeof stored['error'], 'string');
  });

  test('markdown and long scripts', async () => {
    const md = answerOf((await chat(sim, sim.keys.chat, { query: 'show markdown' })).frames);
    for (const lang of ['typescript', 'python', 'bash', 'json']) assert.match(md, new RegExp('```' + lang + '\\n'));
    assert.match(md, /\| Mode \| Route \| Streams \|/);
    assert.match(md, /!\[Dify logo\]\(https:\/\//);
    const long = answerOf((await chat(sim, sim.keys.chat, { query: 'a long answer' })).frames);
    assert.ok(long.length >= 30_000, String(long.length));
  });
});

describe('agent mode', () => {
  test('thought (empty) → agent_message → thought with tool → thought with observation → … → message_end', async () => {
    const r = await chat(sim, sim.keys.agent, { query: 'What time is it?' });
    assert.deepEqual(shape(events(r.frames)), ['agent_thought+', 'agent_message+', 'agent_thought', 'message_end']);
    const thoughts = r.frames.filter((f) => f.data?.['event'] === 'agent_thought').map((f) => f.data as Record<string, unknown>);
    assert.equal(thoughts[0]?.['thought'], '');
    assert.equal(thoughts[0]?.['tool'], '');
    assert.equal(thoughts[1]?.['tool'], 'current_time');
    assert.match(thoughts[1]?.['tool_input'] as string, /^\{"current_time": \{/);
    assert.equal(thoughts[1]?.['observation'], '');
    assert.notEqual(thoughts[2]?.['observation'], '');
    assert.equal(thoughts[2]?.['id'], thoughts[1]?.['id'], 'the same thought id repeats with growing content');
    assert.equal(thoughts[3]?.['position'], 2);
    const answer = answerOf(r.frames);
    assert.match(answer, /The current time is/);
    const stored = await historyAnswer(sim, sim.keys.agent, r.frames);
    assert.equal(stored['answer'], answer);
    assert.equal((stored['agent_thoughts'] as unknown[]).length, 2);
  });

  test('an image tool sends message_file with a URL that serves a real PNG', async () => {
    const r = await chat(sim, sim.keys.agent, { query: 'draw an image of a lighthouse' });
    const evs = events(r.frames);
    assert.ok(evs.indexOf('message_file') > evs.indexOf('agent_message'));
    const file = r.frames.find((f) => f.data?.['event'] === 'message_file')?.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(file).slice(4), ['task_id', 'id', 'type', 'belongs_to', 'url']);
    assert.equal(file['belongs_to'], 'assistant');
    const png = await rawRequest(file['url'] as string);
    assert.equal(png.status, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual([...png.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const stored = await historyAnswer(sim, sim.keys.agent, r.frames);
    const files = stored['message_files'] as Array<Record<string, unknown>>;
    assert.equal(files[0]?.['belongs_to'], 'assistant');
  });
});

describe('chatflow mode', () => {
  test('workflow_started → nodes (start, knowledge, LLM with messages, answer) → workflow_finished → message_end', async () => {
    const r = await chat(sim, sim.keys.chatflow, { query: 'hello there', inputs: CHATFLOW_INPUTS });
    assert.deepEqual(shape(events(r.frames)), [
      'workflow_started', 'node_started', 'node_finished', 'node_started', 'node_finished', 'node_started', 'message+', 'node_finished',
      'node_started', 'node_finished', 'workflow_finished', 'message_end',
    ]);
    const started = r.frames[0]?.data as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(started), ['event', 'conversation_id', 'message_id', 'created_at', 'task_id', 'workflow_run_id', 'data']);
    const inputs = started['data']?.['inputs'] as Record<string, unknown>;
    assert.equal(inputs['topic'], 'Testing');
    assert.equal(inputs['sys.query'], 'hello there');
    assert.ok(!('sys.conversation_id' in inputs));
    const nodeTypes = r.frames.filter((f) => f.data?.['event'] === 'node_started').map((f) => (f.data?.['data'] as Record<string, unknown>)['node_type']);
    assert.deepEqual(nodeTypes, ['start', 'knowledge-retrieval', 'llm', 'answer']);
    const msg = r.frames.find((f) => f.data?.['event'] === 'message')?.data as Record<string, unknown>;
    assert.deepEqual(msg['from_variable_selector'], ['llm', 'text']);
    const end = r.frames[r.frames.length - 1]?.data as Record<string, unknown>;
    assert.deepEqual(end['files'], []);
    const finished = r.frames.find((f) => f.data?.['event'] === 'workflow_finished')?.data?.['data'] as Record<string, unknown>;
    assert.equal(finished['status'], 'succeeded');
    assert.equal(typeof finished['elapsed_time'], 'number');
    assert.equal((await historyAnswer(sim, sim.keys.chatflow, r.frames))['answer'], answerOf(r.frames));
  });

  test('an iteration script adds iteration_started/next/completed with inner nodes', async () => {
    const r = await chat(sim, sim.keys.chatflow, { query: 'iterate over the key points', inputs: CHATFLOW_INPUTS });
    const evs = events(r.frames);
    assert.equal(evs.filter((e) => e === 'iteration_next').length, 3);
    assert.ok(evs.indexOf('iteration_started') < evs.indexOf('iteration_next'));
    assert.ok(evs.indexOf('iteration_completed') < evs.indexOf('message'));
    const inner = r.frames.filter((f) => (f.data?.['data'] as Record<string, unknown> | undefined)?.['iteration_id'] === 'iteration');
    assert.equal(inner.length, 6);
  });

  test('failure: workflow_finished(failed) then error "Run failed: ...", no message_end', async () => {
    const r = await chat(sim, sim.keys.chatflow, { query: 'this will fail', inputs: CHATFLOW_INPUTS });
    const evs = events(r.frames);
    assert.deepEqual(evs.slice(-2), ['workflow_finished', 'error']);
    const wf = r.frames[r.frames.length - 2]?.data?.['data'] as Record<string, unknown>;
    assert.equal(wf['status'], 'failed');
    const err = r.frames[r.frames.length - 1]?.data as Record<string, unknown>;
    assert.equal(err['code'], 'invalid_param');
    assert.equal(err['status'], 400);
    assert.equal(err['message'], `Run failed: ${String(wf['error'])}`);
  });

  test('blocking failure is an HTTP 400 "Run failed: ..."', async () => {
    const r = await call(sim, 'POST', '/chat-messages', sim.keys.chatflow, { user: 'u', inputs: CHATFLOW_INPUTS, query: 'fail please' });
    assert.equal(r.status, 400);
    assert.match(r.json()['message'] as string, /^Run failed: /);
  });

  test('moderation in a chatflow uses reason "output_moderation"', async () => {
    const r = await chat(sim, sim.keys.chatflow, { query: 'moderation test', inputs: CHATFLOW_INPUTS });
    const rep = r.frames.find((f) => f.data?.['event'] === 'message_replace')?.data as Record<string, unknown>;
    assert.equal(rep['reason'], 'output_moderation');
  });
});

describe('user files', () => {
  async function upload(s: DifySim): Promise<string> {
    const form = new FormData();
    form.append('user', 'tester');
    form.append('file', new Blob([Buffer.from('hello')], { type: 'text/plain' }), 'notes.txt');
    const r = await fetch(`${s.baseUrl}/files/upload`, { method: 'POST', headers: { Authorization: `Bearer ${s.keys.chat}` }, body: form });
    assert.equal(r.status, 201);
    return ((await r.json()) as { id: string }).id;
  }

  test('1.11.2 quirk: a turn with an attached file streams its text as message_file frames', async () => {
    const id = await upload(sim);
    const files = [{ type: 'document', transfer_method: 'local_file', upload_file_id: id }];
    const r = await chat(sim, sim.keys.chat, { query: 'summarise this', files });
    assert.deepEqual(shape(events(r.frames)), ['message_file+', 'message_end']);
    assert.ok(typeof r.frames[0]?.data?.['answer'] === 'string' && !('url' in (r.frames[0]?.data ?? {})));
  });

  test('newest: user files do not change the event name', async () => {
    const id = await upload(newest);
    const files = [{ type: 'document', transfer_method: 'local_file', upload_file_id: id }];
    const r = await chat(newest, newest.keys.chat, { query: 'summarise this', files });
    assert.deepEqual(shape(events(r.frames)), ['message+', 'message_end']);
  });
});

describe('the default answer to a question about code', () => {
  test('quotes only the first line of the question and gives the code back with a comment on top', async () => {
    const { defaultAnswer, codeInQuery } = await import('./texts');
    const query = 'Explain this.\n\n`src/a.ts`, lines 1-2:\n````typescript\nconst a = "```";\nconst b = 2;\n````';
    assert.deepEqual(codeInQuery(query), { lang: 'typescript', code: 'const a = "```";\nconst b = 2;', fence: '````' });
    const answer = defaultAnswer(query);
    assert.match(answer, /^You asked: \*\*"Explain this\."\*\*\n/);
    assert.ok(answer.includes('\n````typescript\n// Reviewed by the Dify simulator\nconst a = "```";\nconst b = 2;\n````\n'), answer);
    assert.match(defaultAnswer('Why?\n\n```python\nprint(1)\n```'), /```python\n# Reviewed by the Dify simulator\nprint\(1\)\n```/);
    assert.equal(codeInQuery('no code here'), undefined);
  });
});
