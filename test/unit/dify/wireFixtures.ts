/**
 * Recorded-style Dify streams for the decoder and client tests, built frame by frame exactly as the wire
 * reference describes them (§4): `data: <json>\n\n` frames, `event: ping\n\n` keep-alives, the envelope
 * keys first, and either encoding: orjson (compact, raw UTF-8) or json.dumps (spaced, `\uXXXX` escapes).
 */
import { prng } from '../../dify-sim/tokens';

export const IDS = {
  conversation: '1c7e3d1a-9f7b-4c38-9a0e-2f6b8d4e5a11',
  message: '7d3b2c1e-4a5f-4e6d-8c7b-9a0f1e2d3c4b',
  task: 'b2a1c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  run: 'e1d2c3b4-a5f6-4e7d-8c9b-0a1f2e3d4c5b',
  createdAt: 1705407629,
};

/** Python's `json.dumps(obj)`: `", "` and `": "` separators, non-ASCII escaped as `\uXXXX`. */
export function pyDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyDumps).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyDumps(k)}: ${pyDumps(x)}`)
    .join(', ')}}`;
}

export type Encoding = 'compact' | 'spaced';

/** One data frame. */
export function frame(obj: Record<string, unknown>, enc: Encoding = 'compact'): string {
  return `data: ${enc === 'compact' ? JSON.stringify(obj) : pyDumps(obj)}\n\n`;
}

export const PING = 'event: ping\n\n';

const env = (event: string): Record<string, unknown> => ({
  event,
  conversation_id: IDS.conversation,
  message_id: IDS.message,
  created_at: IDS.createdAt,
});

/** A `message` (or `agent_message`) delta. Chatflow deltas carry a `from_variable_selector`. */
export function delta(answer: string, event: 'message' | 'agent_message' = 'message', selector: string[] | null = null): Record<string, unknown> {
  const o: Record<string, unknown> = { ...env(event), task_id: IDS.task, id: IDS.message, answer };
  if (event === 'message') o['from_variable_selector'] = selector;
  return o;
}

export const USAGE = {
  prompt_tokens: 12,
  prompt_unit_price: '0.001',
  prompt_price_unit: '0.001',
  prompt_price: '0.0000120',
  completion_tokens: 34,
  completion_unit_price: '0.002',
  completion_price_unit: '0.001',
  completion_price: '0.0000680',
  total_tokens: 46,
  total_price: '0.0000800',
  currency: 'USD',
  latency: 1.234,
  time_to_first_token: 0.25,
  time_to_generate: 0.98,
};

export const RESOURCE = {
  position: 1,
  dataset_id: 'ds-1',
  dataset_name: 'Handbook',
  document_id: 'doc-1',
  document_name: 'guide.md',
  data_source_type: 'upload_file',
  segment_id: 'seg-1',
  retriever_from: 'api',
  score: 0.87,
  hit_count: 3,
  word_count: 120,
  segment_position: 2,
  index_node_hash: 'abc',
  content: 'Dify 是一个开源的 LLM 应用开发平台。',
  page: null,
  doc_metadata: null,
  title: 'Guide',
  files: [],
};

export function messageEnd(files: unknown = null, withResources = true): Record<string, unknown> {
  return {
    ...env('message_end'),
    task_id: IDS.task,
    id: IDS.message,
    metadata: { annotation_reply: null, retriever_resources: withResources ? [RESOURCE] : [], usage: USAGE },
    files,
  };
}

/** The answer of the chat fixture: ASCII, CJK, emoji (astral, ZWJ sequence), a code block, escapes. */
export const CHAT_ANSWER_PARTS = ['Hello', ', 世界', '! 👋🏽', ' 👨‍👩‍👧 ', 'naïve “quotes” ', '```ts\nconst a = "x\\y";\n```', '\tend.'];

/** A chat app's stream: message deltas then message_end (§4.3 "Typical order"). */
export function chatStream(enc: Encoding = 'compact'): string {
  return CHAT_ANSWER_PARTS.map((p) => frame(delta(p), enc)).join('') + frame(messageEnd(), enc);
}

/** An agent app's stream: thoughts that grow in place, a tool call with a file, agent_message deltas. */
export function agentStream(enc: Encoding = 'compact'): string {
  const thought = (id: string, position: number, o: Record<string, unknown>): Record<string, unknown> => ({
    ...env('agent_thought'),
    task_id: IDS.task,
    id,
    position,
    thought: '',
    observation: '',
    tool: '',
    tool_labels: {},
    tool_input: '',
    message_files: [],
    ...o,
  });
  const frames = [
    thought('th-1', 1, {}),
    delta('Let me ', 'agent_message'),
    delta('check the weather.', 'agent_message'),
    thought('th-1', 1, { thought: 'Let me check the weather.', tool: 'weather', tool_labels: { weather: { en_US: 'Weather' } }, tool_input: '{"weather": {"city": "東京"}}' }),
    { ...env('message_file'), task_id: IDS.task, id: 'file-1', type: 'image', belongs_to: 'assistant', url: 'https://files.example/tools/file-1.png?sign=x' },
    thought('th-1', 1, { thought: 'Let me check the weather.', tool: 'weather', tool_input: '{"weather": {"city": "東京"}}', observation: '{"weather": "晴れ 22°C"}', message_files: ['file-1'] }),
    thought('th-2', 2, {}),
    delta('It is sunny, 22 °C ☀️.', 'agent_message'),
    thought('th-2', 2, { thought: 'It is sunny, 22 °C ☀️.' }),
    messageEnd(null, false),
  ];
  return frames.map((f) => frame(f, enc)).join('');
}

export const AGENT_ANSWER = 'Let me check the weather.It is sunny, 22 °C ☀️.';

/** A chatflow's stream with every workflow event kind, a ping first (newest Dify), and speech after message_end. */
export function chatflowStream(enc: Encoding = 'compact', tail: 'success' | 'stopped' = 'success'): string {
  const wf = (event: string, data: Record<string, unknown>): Record<string, unknown> => ({ ...env(event), task_id: IDS.task, workflow_run_id: IDS.run, data });
  const node = (id: string, nodeId: string, type: string, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id,
    node_id: nodeId,
    node_type: type,
    title,
    index: 1,
    predecessor_node_id: null,
    inputs: null,
    inputs_truncated: false,
    created_at: IDS.createdAt,
    extras: {},
    iteration_id: null,
    loop_id: null,
    ...extra,
  });
  const finished = (id: string, nodeId: string, type: string, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    node(id, nodeId, type, title, {
      process_data: null,
      outputs: { text: 'ok' },
      status: 'succeeded',
      error: null,
      elapsed_time: 0.5,
      execution_metadata: { total_tokens: 10, total_price: '0.0000100', currency: 'USD' },
      finished_at: IDS.createdAt + 1,
      files: [],
      ...extra,
    });
  const frames: Array<Record<string, unknown> | 'ping'> = [
    'ping',
    wf('workflow_started', { id: IDS.run, workflow_id: 'wf-1', inputs: { 'sys.query': '你好' }, created_at: IDS.createdAt }),
    wf('node_started', node('ne-start', 'start', 'start', 'Start')),
    wf('node_finished', finished('ne-start', 'start', 'start', 'Start')),
    wf('iteration_started', { id: 'iter', node_id: 'iter', node_type: 'iteration', title: 'Each item', created_at: IDS.createdAt, extras: {}, metadata: { iterator_length: 2 }, inputs: {}, inputs_truncated: false }),
    wf('node_started', node('ne-i0', 'code', 'code', 'Code', { iteration_id: 'iter' })),
    wf('node_finished', finished('ne-i0', 'code', 'code', 'Code', { iteration_id: 'iter' })),
    wf('iteration_next', { id: 'iter', node_id: 'iter', node_type: 'iteration', title: 'Each item', index: 1, created_at: IDS.createdAt, extras: {} }),
    wf('node_started', node('ne-i1', 'code', 'code', 'Code', { iteration_id: 'iter' })),
    wf('node_retry', finished('ne-i1', 'code', 'code', 'Code', { iteration_id: 'iter', status: 'retry', error: 'timeout', retry_index: 1 })),
    wf('node_finished', finished('ne-i1', 'code', 'code', 'Code', { iteration_id: 'iter' })),
    wf('iteration_completed', { id: 'iter', node_id: 'iter', node_type: 'iteration', title: 'Each item', created_at: IDS.createdAt, extras: {}, outputs: {}, status: 'succeeded', error: null, elapsed_time: 1.5, total_tokens: 0, steps: 2, finished_at: IDS.createdAt + 2 }),
    wf('loop_started', { id: 'loop', node_id: 'loop', node_type: 'loop', title: 'Refine', created_at: IDS.createdAt, extras: {}, metadata: {}, inputs: {} }),
    wf('node_started', node('ne-l0', 'llm2', 'llm', 'Refine LLM', { loop_id: 'loop' })),
    wf('node_finished', finished('ne-l0', 'llm2', 'llm', 'Refine LLM', { loop_id: 'loop' })),
    wf('loop_next', { id: 'loop', node_id: 'loop', node_type: 'loop', title: 'Refine', index: 1, pre_loop_output: {}, created_at: IDS.createdAt, extras: {} }),
    wf('loop_completed', { id: 'loop', node_id: 'loop', node_type: 'loop', title: 'Refine', created_at: IDS.createdAt, extras: {}, status: 'succeeded', error: null, elapsed_time: 0.7, steps: 2 }),
    wf('node_started', node('ne-llm', 'llm', 'llm', 'LLM')),
    wf('agent_log', { node_execution_id: 'ne-llm', id: 'log-1', label: 'ROUND 1', parent_id: null, error: null, status: 'success', data: {}, metadata: {}, node_id: 'llm' }),
    delta('工作流', 'message', ['llm', 'text']),
    'ping',
    delta('的回答 🚀', 'message', ['llm', 'text']),
    { ...env('message_replace'), task_id: IDS.task, answer: '工作流的回答 🚀 (moderated)', reason: 'output_moderation' },
    wf('node_finished', finished('ne-llm', 'llm', 'llm', 'LLM')),
    { ...env('unknown_future_event'), task_id: IDS.task, foo: 1 },
  ];
  if (tail === 'success') {
    frames.push(
      wf('workflow_finished', { id: IDS.run, workflow_id: 'wf-1', status: 'succeeded', outputs: { answer: 'x' }, error: null, elapsed_time: 3.25, total_tokens: 46, total_steps: 6, created_by: { id: 'u', user: 'me' }, created_at: IDS.createdAt, finished_at: IDS.createdAt + 3, exceptions_count: 0, files: [] }),
      messageEnd([{ id: 'f-9', type: 'image', url: 'https://files.example/f-9.png', belongs_to: 'assistant', filename: 'chart.png', mime_type: 'image/png' }], false),
      { ...env('tts_message'), task_id: IDS.task, audio: 'SUQzBAAAAAAA' },
      { ...env('tts_message_end'), task_id: IDS.task, audio: '' },
    );
  } else {
    frames.push(
      wf('workflow_finished', { id: IDS.run, workflow_id: 'wf-1', status: 'stopped', outputs: {}, error: 'Stopped by user.', elapsed_time: 1.0, total_tokens: 5, total_steps: 3, created_at: IDS.createdAt, finished_at: IDS.createdAt + 1, exceptions_count: 0, files: [] }),
      messageEnd([], false),
    );
  }
  return frames.map((f) => (f === 'ping' ? PING : frame(f, enc))).join('');
}

/** An error frame (§4.5): no task_id, the stream ends right after it. */
export function errorFrame(message: string | null, code = 'completion_request_error', status = 400, enc: Encoding = 'compact'): string {
  return frame({ ...env('error'), code, status, message }, enc);
}

/** `message_file` used as a text chunk (1.11.2 with a user upload in the query). */
export function fileTextStream(enc: Encoding = 'compact'): string {
  const f = (answer: string): Record<string, unknown> => ({ ...env('message_file'), task_id: IDS.task, id: IDS.message, answer, from_variable_selector: null });
  return frame(f('这张图片'), enc) + frame(f('是一只猫 🐱'), enc) + frame(messageEnd(null, false), enc);
}

/** A seeded PRNG (the simulator's), so random splits are the same on every run. */
export { prng };

/** Cuts `bytes` into chunks of `size`. */
export function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, Math.min(bytes.length, i + size)));
  return out;
}

/** Cuts `bytes` at random places (1..maxChunk bytes per chunk), reproducibly. */
export function randomChunks(bytes: Uint8Array, seed: number, maxChunk = 40): Uint8Array[] {
  const rnd = prng(seed);
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rnd() * maxChunk);
    out.push(bytes.subarray(i, Math.min(bytes.length, i + n)));
    i += n;
  }
  return out;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
