import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyAnswer, type Answer } from '../../../src/shared/answer';
import { reduceAnswer, type TranscriptInput } from '../../../src/chat/transcript';
import type { DifyEvent } from '../../../src/dify/events';
import { DifyStreamDecoder } from '../../../src/dify/stream';
import { say } from '../host/messages/english';
import { AGENT_ANSWER, agentStream, CHAT_ANSWER_PARTS, chatflowStream, chatStream, delta, errorFrame, fileTextStream, frame, IDS, messageEnd, PING, utf8 } from '../dify/wireFixtures';

function decode(s: string): DifyEvent[] {
  const d = new DifyStreamDecoder();
  const events = d.push(utf8(s));
  d.end();
  return events;
}

/** Freezes an answer deeply, so any mutation by the reducer throws (modules are strict). */
function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Reduces the inputs in order, freezing every intermediate answer (the reducer must stay pure). */
function run(inputs: TranscriptInput[], start: Answer = emptyAnswer()): Answer {
  let a = deepFreeze(start);
  for (const i of inputs) a = deepFreeze(reduceAnswer(a, i, say));
  return a;
}

describe('reduceAnswer: chat', () => {
  test('deltas append, ids come from the first event, message_end brings usage and citations', () => {
    const events = decode(chatStream('spaced'));
    const first = run(events.slice(0, 1));
    assert.equal(first.status, 'streaming');
    assert.equal(first.conversationId, IDS.conversation);
    assert.equal(first.messageId, IDS.message);
    assert.equal(first.taskId, IDS.task);
    const a = run(events);
    assert.equal(a.status, 'done');
    assert.equal(a.text, CHAT_ANSWER_PARTS.join(''));
    assert.deepEqual(a.usage, { promptTokens: 12, completionTokens: 34, totalTokens: 46, totalPrice: '0.0000800', currency: 'USD', latency: 1.234, timeToFirstToken: 0.25, timeToGenerate: 0.98 });
    assert.equal(a.citations.length, 1);
    assert.equal(a.citations[0]?.documentName, 'guide.md');
    assert.equal(a.error, undefined);
  });

  test('a ping changes nothing (same object), also before the first event', () => {
    const start = emptyAnswer();
    const [ping] = decode(PING);
    assert.ok(ping);
    assert.equal(reduceAnswer(start, ping, say), start);
    assert.equal(reduceAnswer(start, ping, say).status, 'waiting');
  });

  test('speech frames after message_end change nothing', () => {
    const done = run(decode(chatStream()));
    const tts = decode(frame({ event: 'tts_message', task_id: 't', audio: 'AAAA' }) + frame({ event: 'tts_message_end', task_id: 't', audio: '' }));
    assert.equal(run(tts, done), done);
  });

  test('message_replace replaces the text and records why', () => {
    const a = run(decode(frame(delta('bad words')) + frame({ event: 'message_replace', task_id: IDS.task, answer: 'Sorry, I cannot say that.', reason: '' }) + frame(messageEnd())));
    assert.equal(a.text, 'Sorry, I cannot say that.');
    assert.equal(a.replacedReason, 'output_moderation');
    assert.equal(a.status, 'done');
  });

  test('message_file with answer text is text', () => {
    const a = run(decode(fileTextStream()));
    assert.equal(a.text, '这张图片是一只猫 🐱');
    assert.deepEqual(a.files, []);
  });

  test('an answer with zero deltas (annotation reply) is done and empty', () => {
    const a = run(decode(frame(messageEnd())));
    assert.equal(a.status, 'done');
    assert.equal(a.text, '');
  });
});

describe('reduceAnswer: agent', () => {
  test('thoughts are updated in place by id and kept in position order; tool calls and files are kept', () => {
    const events = decode(agentStream());
    const a = run(events);
    assert.equal(a.text, AGENT_ANSWER);
    assert.deepEqual(
      a.thoughts.map((t) => [t.id, t.position]),
      [['th-1', 1], ['th-2', 2]],
    );
    const t1 = a.thoughts[0];
    assert.equal(t1?.tool, 'weather');
    assert.equal(t1?.toolInput, '{"weather": {"city": "東京"}}');
    assert.equal(t1?.observation, '{"weather": "晴れ 22°C"}');
    assert.deepEqual(t1?.files, ['file-1']);
    assert.equal(a.thoughts[1]?.thought, 'It is sunny, 22 °C ☀️.');
    assert.deepEqual(a.files, [{ id: 'file-1', type: 'image', url: 'https://files.example/tools/file-1.png?sign=x', belongsTo: 'assistant' }]);
    assert.equal(a.status, 'done');
  });

  test('a thought that arrives out of position order is inserted at its place', () => {
    const th = (id: string, position: number): DifyEvent => ({ event: 'agent_thought', id, position, thought: id, observation: '', tool: '', toolInput: '', toolLabels: {}, messageFiles: [] });
    const a = run([th('b', 2), th('c', 3), th('a', 1), th('b', 2)]);
    assert.deepEqual(a.thoughts.map((t) => t.id), ['a', 'b', 'c']);
  });

  test('the same file twice is listed once', () => {
    const f: DifyEvent = { event: 'message_file', form: 'file', id: 'f', type: 'image', url: 'u', belongsTo: 'assistant' };
    assert.equal(run([f, f]).files.length, 1);
  });
});

describe('reduceAnswer: chatflow', () => {
  test('workflow steps with status, timing, iteration/loop index and parent ids', () => {
    const a = run(decode(chatflowStream()));
    assert.equal(a.status, 'done');
    assert.equal(a.text, '工作流的回答 🚀 (moderated)');
    assert.equal(a.replacedReason, 'output_moderation');
    const wf = a.workflow;
    assert.ok(wf);
    assert.equal(wf.runId, IDS.run);
    assert.equal(wf.status, 'succeeded');
    assert.equal(wf.elapsedTime, 3.25);
    assert.equal(wf.totalTokens, 46);
    assert.deepEqual(
      wf.steps.map((s) => [s.id, s.nodeType, s.status, s.parentId ?? null, s.index ?? null]),
      [
        ['ne-start', 'start', 'succeeded', null, null],
        ['iter', 'iteration', 'succeeded', null, 1],
        ['ne-i0', 'code', 'succeeded', 'iter', null],
        ['ne-i1', 'code', 'succeeded', 'iter', null],
        ['loop', 'loop', 'succeeded', null, 1],
        ['ne-l0', 'llm', 'succeeded', 'loop', null],
        ['ne-llm', 'llm', 'succeeded', null, null],
      ],
    );
    assert.equal(wf.steps[0]?.elapsedTime, 0.5);
    assert.equal(wf.steps[1]?.elapsedTime, 1.5);
    assert.equal(wf.steps[3]?.error, undefined, 'the retry error is cleared once the node succeeds');
    assert.deepEqual(a.files, [{ id: 'f-9', type: 'image', url: 'https://files.example/f-9.png', belongsTo: 'assistant' }]);
  });

  test('a retry shows as retry until the node finishes', () => {
    const events = decode(chatflowStream());
    const retryAt = events.findIndex((e) => e.event === 'node_retry');
    const a = run(events.slice(0, retryAt + 1));
    const step = a.workflow?.steps.find((s) => s.id === 'ne-i1');
    assert.equal(step?.status, 'retry');
    assert.equal(step?.error, 'timeout');
    const running = run(events.slice(0, retryAt));
    assert.equal(running.workflow?.steps.find((s) => s.id === 'ne-i1')?.status, 'running');
    const nextAt = events.findIndex((e) => e.event === 'iteration_next');
    assert.equal(run(events.slice(0, nextAt)).workflow?.steps.find((s) => s.id === 'iter')?.index, 0);
  });

  test('a node event before workflow_started still builds the workflow', () => {
    const ev: DifyEvent = { event: 'node_started', workflowRunId: 'run-x', data: { id: 'n1', nodeId: 'llm', nodeType: 'llm', title: 'LLM' } };
    const a = run([ev]);
    assert.equal(a.workflow?.runId, 'run-x');
    assert.equal(a.workflow?.steps[0]?.status, 'running');
  });

  test('a failed run: workflow_finished failed, then an error frame → failed with the frame’s code and message', () => {
    const events = decode(
      frame({ event: 'workflow_started', task_id: IDS.task, workflow_run_id: IDS.run, data: { id: IDS.run, workflow_id: 'w' } }) +
        frame({ event: 'node_started', task_id: IDS.task, workflow_run_id: IDS.run, data: { id: 'n1', node_id: 'llm', node_type: 'llm', title: 'LLM' } }) +
        frame({ event: 'workflow_finished', task_id: IDS.task, workflow_run_id: IDS.run, data: { id: IDS.run, workflow_id: 'w', status: 'failed', error: 'boom' } }) +
        errorFrame('Run failed: boom', 'invalid_param', 400),
    );
    const a = run(events);
    assert.equal(a.status, 'failed');
    assert.equal(a.workflow?.status, 'failed');
    assert.equal(a.workflow?.error, 'boom');
    assert.equal(a.workflow?.steps[0]?.status, 'stopped', 'a step still running when the run failed is settled');
    assert.equal(a.error?.kind, 'streamError');
    assert.equal(a.error?.code, 'invalid_param');
    assert.equal(a.error?.message, 'Dify stopped the answer with an error (invalid_param): Run failed: boom; try again, and check the app in Dify if it keeps happening.');
  });
});

describe('reduceAnswer: final states', () => {
  test('chat stop: Stop, then the rest the server had, then message_end → stopped, text and usage kept', () => {
    const a = run([...decode(frame(delta('Once upon'))), { type: 'stopped' }, ...decode(frame(delta(' a time')) + frame(messageEnd()))]);
    assert.equal(a.status, 'stopped');
    assert.equal(a.text, 'Once upon a time');
    assert.equal(a.usage?.totalTokens, 46);
    assert.equal(a.error, undefined);
  });

  test('chatflow stop: Stop, workflow_finished stopped, message_end → stopped; running steps show stopped', () => {
    const events = decode(chatflowStream('compact', 'stopped'));
    const llmStart = events.findIndex((e) => e.event === 'node_started' && e.data.id === 'ne-llm');
    const wfEnd = events.findIndex((e) => e.event === 'workflow_finished');
    // Stop while the LLM node runs; pretend its node_finished never came (the run was cut).
    const inputs: TranscriptInput[] = [...events.slice(0, llmStart + 3), { type: 'stopped' }, ...events.slice(wfEnd)];
    const a = run(inputs);
    assert.equal(a.status, 'stopped');
    assert.equal(a.workflow?.status, 'stopped');
    assert.equal(a.workflow?.error, 'Stopped by user.');
    assert.equal(a.workflow?.steps.find((s) => s.id === 'ne-llm')?.status, 'stopped');
    assert.equal(a.text, '工作流');
  });

  test('a stop racing a server failure stays stopped', () => {
    const a = run([...decode(frame(delta('x'))), { type: 'stopped' }, ...decode(errorFrame('Run failed: aborted', 'invalid_param'))]);
    assert.equal(a.status, 'stopped');
    assert.equal(a.error, undefined);
  });

  test('an error frame: failed, streamError with code and message; later events change nothing', () => {
    const failed = run(decode(frame(delta('half')) + errorFrame('Incorrect API key provided', 'completion_request_error')));
    assert.equal(failed.status, 'failed');
    assert.equal(failed.text, 'half');
    assert.deepEqual(failed.error, {
      kind: 'streamError',
      code: 'completion_request_error',
      message: 'Dify stopped the answer with an error (completion_request_error): Incorrect API key provided; try again, and check the app in Dify if it keeps happening.',
    });
    assert.equal(run(decode(frame(delta('more')) + frame(messageEnd())), failed), failed);
  });

  test('an error frame with a null message and key-shaped text', () => {
    assert.equal(run(decode(errorFrame(null, 'internal_server_error', 500))).error?.message, 'Dify stopped the answer with an error (internal_server_error); try again, and check the app in Dify if it keeps happening.');
    const keyed = run(decode(errorFrame('bad key app-abcdefghijklmnopqrstuvwx')));
    assert.doesNotMatch(keyed.error?.message ?? '', /abcdefghijkl/);
  });

  test('a local failure before any event: failed with the given error', () => {
    const error = { kind: 'auth', message: 'Dify rejected the API key (401). Set a valid app key with “Dify: Set API Key”.' };
    const a = run([{ type: 'failed', error }]);
    assert.equal(a.status, 'failed');
    assert.deepEqual(a.error, error);
  });

  test('interrupted keeps the partial text; it cannot undo a finished answer', () => {
    const error = { kind: 'interrupted', message: 'The answer ended before it was complete; the partial answer is kept, so try again.' };
    const partial = run([...decode(frame(delta('partial '))), { type: 'interrupted', error }]);
    assert.equal(partial.status, 'interrupted');
    assert.equal(partial.text, 'partial ');
    assert.deepEqual(partial.error, error);
    const done = run(decode(chatStream()));
    assert.equal(reduceAnswer(done, { type: 'interrupted', error }, say), done);
    assert.equal(reduceAnswer(done, { type: 'stopped' }, say), done);
    assert.equal(reduceAnswer(done, { type: 'failed', error }, say), done);
  });

  test('a failure after Stop (the stream is aborted) keeps stopped', () => {
    const a = run([...decode(frame(delta('x'))), { type: 'stopped' }, { type: 'failed', error: { kind: 'aborted', message: 'The request was cancelled.' } }]);
    assert.equal(a.status, 'stopped');
  });
});

describe('reduceAnswer: cost', () => {
  test('thousands of deltas copy no arrays: steps, thoughts, files and citations are shared', () => {
    let a = run(decode(chatflowStream()).slice(0, 5));
    const { thoughts, files, citations, workflow } = a;
    const d = decode(frame(delta('字')))[0];
    assert.ok(d);
    for (let i = 0; i < 20_000; i++) a = reduceAnswer(a, d, say);
    assert.equal(a.text.length, 20_000);
    assert.equal(a.thoughts, thoughts);
    assert.equal(a.files, files);
    assert.equal(a.citations, citations);
    assert.equal(a.workflow, workflow);
  });
});
