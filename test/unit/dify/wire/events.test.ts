// The event readers, one per event name, looked up by the frame's name: each reader on a full frame, the
// tolerated nulls and old spellings, and the names no reader answers to.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DifyEvent, DifyEventName } from '../../../../src/dify/events';
import { eventFromWire } from '../../../../src/dify/wire/events';

const ENV = { conversation_id: 'c-1', message_id: 'm-1', task_id: 't-1', created_at: 1700000000 };
const OUT = { conversationId: 'c-1', messageId: 'm-1', taskId: 't-1', createdAt: 1700000000 };
const NODE = { id: 'ne-1', node_id: 'n-1', node_type: 'llm', title: 'LLM', index: 2, predecessor_node_id: 'n-0', created_at: 5, inputs: { q: 1 } };
const NODE_OUT = { id: 'ne-1', nodeId: 'n-1', nodeType: 'llm', title: 'LLM', index: 2, predecessorNodeId: 'n-0', iterationId: undefined, loopId: undefined, createdAt: 5, inputs: { q: 1 } };
const ITER = { id: 'it-1', node_id: 'it-1', node_type: 'iteration', title: 'Each', index: 1, status: 'succeeded', elapsed_time: 1.5, total_tokens: 9, steps: 3, created_at: 5, finished_at: 7, inputs: {}, outputs: { o: 1 } };
const ITER_OUT = { id: 'it-1', nodeId: 'it-1', nodeType: 'iteration', title: 'Each', index: 1, status: 'succeeded', error: undefined, elapsedTime: 1.5, totalTokens: 9, steps: 3, createdAt: 5, finishedAt: 7, inputs: {}, outputs: { o: 1 } };

/** A full frame for every event name and what its reader makes of it. */
const SAMPLES: { [K in DifyEventName]: { frame: Record<string, unknown>; event: DifyEvent } } = {
  message: { frame: { event: 'message', ...ENV, id: 'm-1', answer: 'Hi' }, event: { event: 'message', ...OUT, id: 'm-1', answer: 'Hi' } },
  agent_message: { frame: { event: 'agent_message', ...ENV, id: 'm-1', answer: 'Hm' }, event: { event: 'agent_message', ...OUT, id: 'm-1', answer: 'Hm' } },
  message_file: {
    frame: { event: 'message_file', ...ENV, id: 'f-1', type: 'image', url: 'https://x/f.png', belongs_to: null },
    event: { event: 'message_file', form: 'file', ...OUT, id: 'f-1', type: 'image', url: 'https://x/f.png', belongsTo: 'assistant' },
  },
  agent_thought: {
    frame: { event: 'agent_thought', ...ENV, id: 'th-1', position: 1, thought: 't', observation: 'o', tool: 'clock', tool_input: '{}', tool_labels: { clock: { en_US: 'Clock' } }, message_files: ['f-1', 3] },
    event: { event: 'agent_thought', ...OUT, id: 'th-1', position: 1, thought: 't', observation: 'o', tool: 'clock', toolInput: '{}', toolLabels: { clock: { en_US: 'Clock' } }, messageFiles: ['f-1'] },
  },
  message_replace: { frame: { event: 'message_replace', ...ENV, answer: 'Replaced', reason: 'output_moderation' }, event: { event: 'message_replace', ...OUT, answer: 'Replaced', reason: 'output_moderation' } },
  message_end: {
    frame: {
      event: 'message_end',
      ...ENV,
      id: 'm-1',
      metadata: { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, latency: null }, retriever_resources: [{ position: 1, document_name: 'd.md', content: 'c', score: 0.5 }], annotation_reply: { id: 'a-1', account: { name: 'Ann' } } },
      files: [{ related_id: 'f-2', type: 'image', remote_url: 'https://x/g.png' }],
    },
    event: {
      event: 'message_end',
      ...OUT,
      id: 'm-1',
      usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3, totalPrice: undefined, currency: undefined, latency: null, timeToFirstToken: undefined, timeToGenerate: undefined },
      retrieverResources: [
        { position: 1, datasetId: undefined, datasetName: undefined, documentId: undefined, documentName: 'd.md', segmentId: undefined, score: 0.5, hitCount: undefined, wordCount: undefined, segmentPosition: undefined, content: 'c', title: undefined, page: undefined },
      ],
      files: [{ id: 'f-2', type: 'image', url: 'https://x/g.png', belongsTo: 'assistant', filename: undefined, mimeType: undefined }],
      annotationReply: { id: 'a-1', accountName: 'Ann' },
    },
  },
  tts_message: { frame: { event: 'tts_message', ...ENV, audio: 'AAAA' }, event: { event: 'tts_message', ...OUT, audio: 'AAAA' } },
  tts_message_end: { frame: { event: 'tts_message_end', ...ENV, audio: null }, event: { event: 'tts_message_end', ...OUT, audio: '' } },
  workflow_started: {
    frame: { event: 'workflow_started', ...ENV, data: { id: 'run-1', workflow_id: 'wf-1', created_at: 5, inputs: { a: 1 } } },
    event: { event: 'workflow_started', ...OUT, workflowRunId: 'run-1', data: { id: 'run-1', workflowId: 'wf-1', createdAt: 5, inputs: { a: 1 } } },
  },
  workflow_finished: {
    frame: { event: 'workflow_finished', ...ENV, workflow_run_id: 'run-1', data: { id: 'run-1', workflow_id: 'wf-1', status: 'failed', error: 'boom', elapsed_time: 2, total_tokens: 10, total_steps: 4, exceptions_count: 0, created_at: 5, finished_at: 7, outputs: null } },
    event: {
      event: 'workflow_finished',
      ...OUT,
      workflowRunId: 'run-1',
      data: { id: 'run-1', workflowId: 'wf-1', status: 'failed', error: 'boom', elapsedTime: 2, totalTokens: 10, totalSteps: 4, exceptionsCount: 0, createdAt: 5, finishedAt: 7, outputs: null },
    },
  },
  node_started: { frame: { event: 'node_started', ...ENV, workflow_run_id: 'run-1', data: NODE }, event: { event: 'node_started', ...OUT, workflowRunId: 'run-1', data: NODE_OUT } },
  node_finished: {
    frame: { event: 'node_finished', ...ENV, workflow_run_id: 'run-1', data: { ...NODE, status: 'succeeded', error: null, elapsed_time: 0.5, execution_metadata: { total_tokens: 7, total_price: '0.01', currency: 'USD' }, finished_at: 6, outputs: { text: 'x' }, process_data: { p: 1 } } },
    event: {
      event: 'node_finished',
      ...OUT,
      workflowRunId: 'run-1',
      data: { ...NODE_OUT, status: 'succeeded', error: undefined, elapsedTime: 0.5, totalTokens: 7, totalPrice: '0.01', currency: 'USD', finishedAt: 6, outputs: { text: 'x' }, processData: { p: 1 }, retryIndex: undefined },
    },
  },
  node_retry: {
    frame: { event: 'node_retry', ...ENV, workflow_run_id: 'run-1', data: { ...NODE, in_iteration_id: 'it-0', error: 'timeout', retry_index: 1 } },
    event: {
      event: 'node_retry',
      ...OUT,
      workflowRunId: 'run-1',
      data: {
        ...NODE_OUT,
        iterationId: 'it-0',
        status: 'retry',
        error: 'timeout',
        elapsedTime: undefined,
        totalTokens: undefined,
        totalPrice: undefined,
        currency: undefined,
        finishedAt: undefined,
        outputs: undefined,
        processData: undefined,
        retryIndex: 1,
      },
    },
  },
  iteration_started: { frame: { event: 'iteration_started', ...ENV, workflow_run_id: 'run-1', data: ITER }, event: { event: 'iteration_started', ...OUT, workflowRunId: 'run-1', data: ITER_OUT } },
  iteration_next: { frame: { event: 'iteration_next', ...ENV, workflow_run_id: 'run-1', data: ITER }, event: { event: 'iteration_next', ...OUT, workflowRunId: 'run-1', data: ITER_OUT } },
  iteration_completed: { frame: { event: 'iteration_completed', ...ENV, workflow_run_id: 'run-1', data: ITER }, event: { event: 'iteration_completed', ...OUT, workflowRunId: 'run-1', data: ITER_OUT } },
  loop_started: { frame: { event: 'loop_started', ...ENV, workflow_run_id: 'run-1', data: ITER }, event: { event: 'loop_started', ...OUT, workflowRunId: 'run-1', data: ITER_OUT } },
  loop_next: { frame: { event: 'loop_next', ...ENV, workflow_run_id: 'run-1', data: ITER }, event: { event: 'loop_next', ...OUT, workflowRunId: 'run-1', data: ITER_OUT } },
  loop_completed: {
    frame: { event: 'loop_completed', ...ENV, workflow_run_id: 'run-1', data: { node_id: 'lp-1', title: 'Loop', error: 'stuck' } },
    event: {
      event: 'loop_completed',
      ...OUT,
      workflowRunId: 'run-1',
      data: { id: 'lp-1', nodeId: 'lp-1', nodeType: '', title: 'Loop', index: undefined, status: undefined, error: 'stuck', elapsedTime: undefined, totalTokens: undefined, steps: undefined, createdAt: undefined, finishedAt: undefined, inputs: undefined, outputs: undefined },
    },
  },
  agent_log: {
    frame: { event: 'agent_log', ...ENV, data: { node_execution_id: 'ne-1', id: 'l-1', label: 'Round 1', parent_id: null, error: '', status: 'success', node_id: 'n-1', data: { x: 1 }, metadata: {} } },
    event: {
      event: 'agent_log',
      ...OUT,
      workflowRunId: undefined,
      data: { nodeExecutionId: 'ne-1', id: 'l-1', label: 'Round 1', parentId: undefined, error: undefined, status: 'success', nodeId: 'n-1', data: { x: 1 }, metadata: {} },
    },
  },
  error: {
    frame: { event: 'error', conversation_id: 'c-1', message_id: 'm-1', created_at: 1700000000, code: 'invalid_param', status: 400, message: 'Run failed: boom' },
    event: { event: 'error', conversationId: 'c-1', messageId: 'm-1', taskId: undefined, createdAt: 1700000000, code: 'invalid_param', status: 400, message: 'Run failed: boom' },
  },
  ping: { frame: { event: 'ping' }, event: { event: 'ping' } },
};

describe('eventFromWire: one reader per event name', () => {
  for (const [name, { frame, event }] of Object.entries(SAMPLES)) {
    test(`${name}`, () => assert.deepEqual(eventFromWire(frame), event));
  }

  test('a text delta keeps its fields in one order (the fast path in deltaFrames.ts builds the same object)', () => {
    assert.deepEqual(Object.keys(eventFromWire(SAMPLES.message.frame) ?? {}), ['event', 'conversationId', 'messageId', 'taskId', 'createdAt', 'id', 'answer']);
  });

  test('message_file with a text answer and no url is a text delta', () => {
    assert.deepEqual(eventFromWire({ event: 'message_file', ...ENV, id: 'm-1', answer: 'chunk' }), { event: 'message_file', form: 'text', ...OUT, id: 'm-1', answer: 'chunk' });
  });

  test('the SSE event field names the frame only when the JSON does not', () => {
    assert.equal(eventFromWire({ answer: 'x' }, 'message')?.event, 'message');
    assert.equal(eventFromWire({ event: 'agent_message', answer: 'x' }, 'message')?.event, 'agent_message');
    assert.equal(eventFromWire({ answer: 'x' }), undefined);
  });

  test('names without a reader give undefined: new events, non-strings, and Object.prototype names', () => {
    for (const name of ['workflow_paused', 'text_chunk', 'Message', '', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      assert.equal(eventFromWire({ event: name, answer: 'x' }), undefined, name);
    }
    assert.equal(eventFromWire({ event: 42 }), undefined);
    assert.equal(eventFromWire({ event: null }, undefined), undefined);
  });

  test('wrong types read as empty: a numeric id is a string, a missing answer is empty, a bad code is "unknown"', () => {
    assert.deepEqual(eventFromWire({ event: 'message', id: 7, created_at: '12' }), { event: 'message', conversationId: undefined, messageId: undefined, taskId: undefined, createdAt: 12, id: '7', answer: '' });
    assert.equal((eventFromWire({ event: 'error', code: null, message: null }) as { code: string }).code, 'unknown');
  });
});
