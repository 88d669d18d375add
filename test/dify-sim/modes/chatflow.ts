/**
 * `advanced-chat` (Chatflow) apps: `workflow_started` → node events (start, knowledge retrieval, an
 * iteration for one script, LLM streaming `message` frames, answer) → `workflow_finished` → `message_end`.
 * Stop: `workflow_finished` {status "stopped", error "Stopped by user."} then `message_end`.
 * Failure: `workflow_finished` {status "failed"} then the `error` frame "Run failed: ..." and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { emptyUsage, retrieverResources } from '../metadata';
import { pyFloat } from '../pyjson';
import type { PyJson } from '../pyjson';
import { toSeconds } from '../store';
import type { Step, Turn } from '../turn';
import { toolImage } from './agent';
import { streamAnswer } from './answer';

interface NodeDef {
  id: string;
  type: string;
  title: string;
}

const START: NodeDef = { id: 'start', type: 'start', title: 'Start' };
const KNOWLEDGE: NodeDef = { id: 'knowledge', type: 'knowledge-retrieval', title: 'Knowledge Retrieval' };
const ITERATION: NodeDef = { id: 'iteration', type: 'iteration', title: 'Iteration' };
const CODE: NodeDef = { id: 'check_point', type: 'code', title: 'Check point' };
const LLM: NodeDef = { id: 'llm', type: 'llm', title: 'LLM' };
const ANSWER: NodeDef = { id: 'answer', type: 'answer', title: 'Answer' };

class Run {
  index = 0;
  steps = 0;

  constructor(private readonly t: Turn) {}

  now(): number {
    return toSeconds(this.t.ctx.store.tick());
  }

  elapsed(): PyJson {
    return pyFloat(Math.max(0, this.t.ctx.options.now() - this.t.startMs) / 1000 + 0.0001 * ++this.steps);
  }

  wrap(event: string, data: { [key: string]: PyJson }): Step {
    return this.t.frame(event, { task_id: this.t.taskId, workflow_run_id: this.t.workflowRunId, data });
  }

  started(node: NodeDef, iterationId: string | null = null): { step: Step; exec: Exec } {
    const exec: Exec = { node, id: randomUUID(), index: ++this.index, createdAt: this.now(), iterationId };
    const step = this.wrap('node_started', {
      id: exec.id,
      node_id: node.id,
      node_type: node.type,
      title: node.title,
      index: exec.index,
      predecessor_node_id: null,
      inputs: null,
      inputs_truncated: false,
      created_at: exec.createdAt,
      extras: {},
      iteration_id: iterationId,
      loop_id: null,
      agent_strategy: null,
    });
    return { step, exec };
  }

  finished(
    exec: Exec,
    io: { inputs?: PyJson; processData?: PyJson; outputs?: PyJson; metadata?: PyJson; status?: string; error?: string },
  ): Step {
    return this.wrap('node_finished', {
      id: exec.id,
      node_id: exec.node.id,
      node_type: exec.node.type,
      title: exec.node.title,
      index: exec.index,
      predecessor_node_id: null,
      inputs: io.inputs ?? {},
      inputs_truncated: false,
      process_data: io.processData ?? null,
      process_data_truncated: false,
      outputs: io.outputs ?? {},
      outputs_truncated: false,
      status: io.status ?? 'succeeded',
      error: io.error ?? null,
      elapsed_time: this.elapsed(),
      execution_metadata: io.metadata ?? null,
      created_at: exec.createdAt,
      finished_at: this.now(),
      files: [],
      iteration_id: exec.iterationId,
      loop_id: null,
    });
  }
}

interface Exec {
  node: NodeDef;
  id: string;
  index: number;
  createdAt: number;
  iterationId: string | null;
}

function systemInputs(t: Turn): { [key: string]: PyJson } {
  return {
    ...t.message.inputs,
    'sys.files': [],
    'sys.user_id': t.user.sessionId,
    'sys.app_id': t.app.id,
    'sys.workflow_id': t.app.workflowId,
    'sys.workflow_run_id': t.workflowRunId,
    'sys.query': t.message.query,
    'sys.dialogue_count': t.conversation.messages.length,
  };
}

function workflowFinished(t: Turn, run: Run, status: string, error: string | null, totalTokens: number): Step {
  return run.wrap('workflow_finished', {
    id: t.workflowRunId,
    workflow_id: t.app.workflowId,
    status,
    outputs: status === 'succeeded' ? { answer: t.answer } : {},
    error,
    elapsed_time: run.elapsed(),
    total_tokens: totalTokens,
    total_steps: run.index,
    created_by: { id: t.user.id, user: t.user.sessionId },
    created_at: toSeconds(t.message.createdUs),
    finished_at: run.now(),
    exceptions_count: 0,
    files: [],
  });
}

/** Chatflows keep a few conversation variables; `turns` counts the dialogue. */
function updateVariables(t: Turn): void {
  const v = t.conversation.variables.find((x) => x.name === 'turns');
  if (v) {
    v.value = t.conversation.messages.length;
    v.updatedUs = t.ctx.store.tick();
  }
}

/** A chart the chatflow draws when asked for one: recorded with the answer, listed in `message_end.files` by a relative URL. */
function chartFiles(t: Turn): PyJson[] {
  if (!/\bchart\b/i.test(t.message.query)) return [];
  const f = toolImage(t, t.message.query, true);
  return [{ id: f.id, type: 'image', transfer_method: 'tool_file', url: f.url, filename: `${f.id}.png`, extension: '.png', mime_type: 'image/png', size: f.size, belongs_to: 'assistant', upload_file_id: null }];
}

export function* chatflowSteps(t: Turn): Generator<Step> {
  const run = new Run(t);
  const files = chartFiles(t);
  const end = () => t.frame('message_end', { task_id: t.taskId, id: t.message.id, metadata: t.metadata(), files });
  const stopped = function* (): Generator<Step> {
    yield workflowFinished(t, run, 'stopped', 'Stopped by user.', t.completionTokens);
    yield end();
  };
  updateVariables(t);
  yield run.wrap('workflow_started', {
    id: t.workflowRunId,
    workflow_id: t.app.workflowId,
    inputs: systemInputs(t),
    created_at: toSeconds(t.message.createdUs),
  });

  const start = run.started(START);
  yield start.step;
  yield run.finished(start.exec, { inputs: systemInputs(t), outputs: systemInputs(t) });
  if (t.stopped) return yield* stopped();

  if (t.script.cite) {
    const k = run.started(KNOWLEDGE);
    yield k.step;
    yield run.finished(k.exec, { inputs: { query: t.message.query }, outputs: { result: retrieverResources(t.retrieverFrom) } });
    if (t.stopped) return yield* stopped();
  }

  const items = t.script.iterationItems;
  if (items) {
    const createdAt = run.now();
    const base = { id: ITERATION.id, node_id: ITERATION.id, node_type: ITERATION.type, title: ITERATION.title };
    yield run.wrap('iteration_started', {
      ...base,
      created_at: createdAt,
      extras: {},
      metadata: { iterator_length: items.length },
      inputs: { iterator_selector: items },
      inputs_truncated: false,
    });
    for (let i = 0; i < items.length; i++) {
      if (t.stopped) return yield* stopped();
      yield run.wrap('iteration_next', { ...base, index: i, created_at: createdAt, extras: {} });
      const c = run.started(CODE, ITERATION.id);
      yield c.step;
      yield run.finished(c.exec, { inputs: { item: items[i] as string }, outputs: { result: `${items[i] as string}: checked` } });
    }
    yield run.wrap('iteration_completed', {
      ...base,
      outputs: { output: items.map((x) => `${x}: checked`) },
      outputs_truncated: false,
      created_at: createdAt,
      extras: {},
      inputs: { iterator_selector: items },
      inputs_truncated: false,
      status: 'succeeded',
      error: null,
      elapsed_time: run.elapsed(),
      total_tokens: 0,
      execution_metadata: { total_tokens: 0, total_price: '0', currency: 'USD' },
      finished_at: run.now(),
      steps: items.length,
    });
  }

  const llm = run.started(LLM);
  yield llm.step;
  if (t.script.failure !== undefined) {
    const error = t.script.failure;
    yield run.finished(llm.exec, { inputs: {}, outputs: {}, status: 'failed', error });
    yield workflowFinished(t, run, 'failed', error, 0);
    yield t.errorFrame('invalid_param', 400, `Run failed: ${error}`);
    return;
  }
  const delta = (tok: string) =>
    t.frame('message', { task_id: t.taskId, id: t.message.id, answer: tok, from_variable_selector: [LLM.id, 'text'] }, true);
  const outcome = yield* streamAnswer(t, t.script.answer, delta, 'output_moderation');
  if (outcome === 'stopped') return yield* stopped();
  const usage = t.completionTokens > 0 ? t.usage() : emptyUsage();
  yield run.finished(llm.exec, {
    inputs: {},
    processData: { model_mode: 'chat', model_provider: 'langgenius/openai/openai', model_name: 'gpt-4o-mini', finish_reason: 'stop' },
    outputs: { text: t.answer, usage, finish_reason: 'stop' },
    metadata: { total_tokens: t.completionTokens, total_price: '0', currency: 'USD' },
  });
  const ans = run.started(ANSWER);
  yield ans.step;
  yield run.finished(ans.exec, { outputs: { answer: t.answer, files: [] } });
  yield workflowFinished(t, run, 'succeeded', null, t.completionTokens);
  yield end();
}
