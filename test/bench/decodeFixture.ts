/**
 * A recorded-looking Dify chatflow stream of a given size, built deterministically (seeded PRNG): `message`
 * deltas mixing English, CJK, emoji and code, `event: ping` keep-alives, node events and a final
 * `message_end`. Half the frames use compact JSON with raw UTF-8 (orjson, newest Dify), half spaced JSON with
 * `\uXXXX` escapes (json.dumps, older Dify): the first half of the bytes in one encoding, the second half in
 * the other (a server uses one encoding per stream, so this is two recordings back to back).
 */

import { prng, pyDumps } from '../unit/dify/wireFixtures';

const PIECES = [
  'The function ', 'returns ', 'a promise ', 'that resolves ', 'when the stream ', 'ends.', '\n\n',
  '```ts\n', 'const x = await fetch(url, { signal });\n', 'for await (const chunk of body) {\n', '  decoder.push(chunk);\n', '}\n', '```\n',
  '这是', '一个', '流式', '回答', '的例子', '。', '日本語の', 'テキスト', 'も含む', '한국어 ', '텍스트 ',
  '🙂', '🚀 ', 'naïve ', 'café ', '— ', '“quoted” ', '| a | b |\n', '- item\n', '**bold** ', '`code` ',
];

/** Builds the stream as one byte array of at least `targetBytes`. Also returns how many data events it holds. */
export function buildDifyStream(targetBytes: number, seed = 42): { bytes: Uint8Array; dataEvents: number; pings: number } {
  const rnd = prng(seed);
  const conv = '1c7e3d1a-9f7b-4c38-9a0e-2f6b8d4e5a11';
  const msg = '7d3b2c1e-4a5f-4e6d-8c7b-9a0f1e2d3c4b';
  const task = 'b2a1c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
  const run = 'e1d2c3b4-a5f6-4e7d-8c9b-0a1f2e3d4c5b';
  const env = { conversation_id: conv, message_id: msg, created_at: 1705407629 };
  const parts: string[] = ['event: ping\n\n'];
  let size = 0;
  let dataEvents = 0;
  let pings = 1;
  const frame = (obj: Record<string, unknown>): void => {
    const json = size < targetBytes / 2 ? JSON.stringify(obj) : pyDumps(obj);
    const s = `data: ${json}\n\n`;
    parts.push(s);
    size += Buffer.byteLength(s);
    dataEvents++;
  };
  frame({ event: 'workflow_started', ...env, task_id: task, workflow_run_id: run, data: { id: run, workflow_id: 'wf-1', inputs: { 'sys.query': 'hi' }, created_at: 1705407629 } });
  let node = 0;
  while (size < targetBytes) {
    if (rnd() < 0.01) {
      parts.push('event: ping\n\n');
      pings++;
    }
    if (rnd() < 0.004) {
      const id = `node-exec-${node++}`;
      frame({ event: 'node_started', ...env, task_id: task, workflow_run_id: run, data: { id, node_id: `n${node}`, node_type: 'llm', title: 'LLM', index: node, predecessor_node_id: null, inputs: null, inputs_truncated: false, created_at: 1705407629, extras: {}, iteration_id: null, loop_id: null, agent_strategy: null } });
      frame({ event: 'node_finished', ...env, task_id: task, workflow_run_id: run, data: { id, node_id: `n${node}`, node_type: 'llm', title: 'LLM', index: node, status: 'succeeded', error: null, elapsed_time: 1.234, execution_metadata: { total_tokens: 120, total_price: '0.0001200', currency: 'USD' }, outputs: { text: 'ok' }, created_at: 1705407629, finished_at: 1705407630, files: [] } });
    }
    let answer = '';
    const n = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) answer += PIECES[Math.floor(rnd() * PIECES.length)];
    frame({ event: 'message', ...env, task_id: task, id: msg, answer, from_variable_selector: ['llm', 'text'] });
  }
  frame({ event: 'workflow_finished', ...env, task_id: task, workflow_run_id: run, data: { id: run, workflow_id: 'wf-1', status: 'succeeded', outputs: {}, error: null, elapsed_time: 12.5, total_tokens: 5000, total_steps: node, created_at: 1705407629, finished_at: 1705407642, exceptions_count: 0, files: [] } });
  frame({ event: 'message_end', ...env, task_id: task, id: msg, metadata: { annotation_reply: null, retriever_resources: [], usage: { prompt_tokens: 10, prompt_unit_price: '0.001', prompt_price_unit: '0.001', prompt_price: '0.0000100', completion_tokens: 5000, completion_unit_price: '0.002', completion_price_unit: '0.001', completion_price: '0.0100000', total_tokens: 5010, total_price: '0.0100100', currency: 'USD', latency: 12.3, time_to_first_token: 0.4, time_to_generate: 11.9 } }, files: [] });
  return { bytes: new TextEncoder().encode(parts.join('')), dataEvents, pings };
}
