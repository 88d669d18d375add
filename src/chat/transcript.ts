/**
 * The transcript reducer: stream events (and a few local happenings) → the {@link Answer} the panel shows.
 *
 * Pure: it never mutates its input and returns the same object when nothing changed (a ping, speech
 * audio), so callers can compare by identity. It shares structure: a text delta copies the small Answer
 * object and concatenates the text (V8 makes that a rope, not a copy); the arrays (steps, thoughts, files,
 * citations) are copied only when they change, never per delta.
 *
 * Status: `waiting` → `streaming` on the first real event → one of the terminal states:
 * - `done` on `message_end`;
 * - `stopped` when the user stopped it (a local action). The server still finishes the answer (the rest of
 *   the text it had, `workflow_finished` stopped, then `message_end` with usage); that is all taken in,
 *   and the status stays `stopped`;
 * - `failed` on an `error` frame (kind `streamError`, Dify's code and message) or a local failure;
 * - `interrupted` when the stream ended early (a local action); the partial text is kept.
 * After `done`, `failed` or `interrupted` nothing changes any more.
 *
 * The sentence for an error frame comes from the `describe` function the host injects: the core has no
 * words of its own.
 */
import type { AgentThought, Answer, AnswerError, AnswerFile, StepStatus, WorkflowState, WorkflowStep } from '../shared/answer';
import type { DifyEvent, ErrorEvent, IterationEvent, NodeFinishedEvent, NodeStartedEvent } from '../dify/events';
import type { DescribeProblem } from '../dify/problems';
import { redact } from '../dify/redact';

/** Something that happened on this side of the wire. */
export type LocalAction =
  /** The request failed (HTTP error before the stream, network, timeout, ...). */
  | { type: 'failed'; error: AnswerError }
  /** The user pressed Stop. */
  | { type: 'stopped' }
  /** The stream ended without `message_end` or `error`. */
  | { type: 'interrupted'; error: AnswerError };

/** What the reducer takes: a stream event or a local action. */
export type TranscriptInput = DifyEvent | LocalAction;

/**
 * True for the states in which stream events no longer change the answer (`stopped` is not one: the server
 * still finishes a stopped answer, and its usage and steps are taken in).
 */
function ignoresEvents(status: Answer['status']): boolean {
  return status === 'done' || status === 'failed' || status === 'interrupted';
}

/**
 * Applies one input to an answer and returns the next answer (or the same one if nothing changed).
 * @param describe words an error frame's problem as the sentence the answer shows.
 */
export function reduceAnswer(answer: Answer, input: TranscriptInput, describe: DescribeProblem): Answer {
  if (!('event' in input)) return reduceLocal(answer, input);
  const ev = input;
  if (ev.event === 'ping' || ev.event === 'tts_message' || ev.event === 'tts_message_end' || ev.event === 'agent_log') return answer;
  if (ignoresEvents(answer.status)) return answer;
  const status = answer.status === 'waiting' ? 'streaming' : answer.status;
  switch (ev.event) {
    // The hot path: one per token.
    case 'message':
    case 'agent_message':
      return withIds({ ...answer, status, text: answer.text + ev.answer }, ev);
    case 'message_file':
      if (ev.form === 'text') return withIds({ ...answer, status, text: answer.text + ev.answer }, ev);
      return withIds({ ...answer, status, files: addFile(answer.files, { id: ev.id, type: ev.type, url: ev.url, belongsTo: ev.belongsTo }) }, ev);
    case 'message_replace':
      return withIds({ ...answer, status, text: ev.answer, replacedReason: ev.reason || 'output_moderation' }, ev);
    case 'agent_thought':
      return withIds(
        {
          ...answer,
          status,
          thoughts: upsertThought(answer.thoughts, {
            id: ev.id,
            position: ev.position,
            thought: ev.thought,
            tool: ev.tool,
            toolInput: ev.toolInput,
            observation: ev.observation,
            files: ev.messageFiles,
          }),
        },
        ev,
      );
    case 'message_end': {
      const next: Answer = { ...answer, status: answer.status === 'stopped' ? 'stopped' : 'done', citations: ev.retrieverResources };
      if (ev.usage !== undefined) next.usage = ev.usage;
      let files = answer.files;
      for (const f of ev.files) files = addFile(files, { id: f.id, type: f.type, url: f.url, belongsTo: f.belongsTo });
      next.files = files;
      if (next.messageId === undefined && ev.id !== undefined) next.messageId = ev.id;
      return withIds(next, ev);
    }
    case 'error':
      // A stop can race with a failure on the server (a chatflow's abort); the user asked to stop.
      if (answer.status === 'stopped') return answer;
      return withIds({ ...answer, status: 'failed', error: streamError(ev, describe) }, ev);
    case 'workflow_started':
      return withIds({ ...answer, status, workflow: { runId: ev.workflowRunId || ev.data.id, status: 'running', steps: answer.workflow?.steps ?? [] } }, ev);
    case 'workflow_finished': {
      const wf = workflowOf(answer, ev.workflowRunId);
      const wfStatus = stepStatus(ev.data.status, ev.data.error);
      // Steps still running when the run stops or fails will not finish: show them as stopped.
      const steps = wfStatus === 'stopped' || wfStatus === 'failed' ? settleRunning(wf.steps) : wf.steps;
      const next: WorkflowState = { ...wf, status: wfStatus, steps };
      if (ev.data.elapsedTime !== undefined) next.elapsedTime = ev.data.elapsedTime;
      if (ev.data.totalTokens !== undefined) next.totalTokens = ev.data.totalTokens;
      if (ev.data.error !== undefined) next.error = ev.data.error;
      return withIds({ ...answer, status, workflow: next }, ev);
    }
    case 'node_started':
    case 'node_finished':
    case 'node_retry':
      return withIds({ ...answer, status, workflow: nodeStep(workflowOf(answer, ev.workflowRunId), ev) }, ev);
    case 'iteration_started':
    case 'iteration_next':
    case 'iteration_completed':
    case 'loop_started':
    case 'loop_next':
    case 'loop_completed':
      return withIds({ ...answer, status, workflow: iterationStep(workflowOf(answer, ev.workflowRunId), ev) }, ev);
    default:
      return answer;
  }
}

function reduceLocal(answer: Answer, action: LocalAction): Answer {
  // A local action settles an answer once: after any final state, stopped included, it changes nothing.
  if (ignoresEvents(answer.status) || answer.status === 'stopped') return answer;
  switch (action.type) {
    case 'stopped':
      return { ...answer, status: 'stopped' };
    case 'failed':
      return { ...answer, status: 'failed', error: action.error };
    case 'interrupted':
      return { ...answer, status: 'interrupted', error: action.error };
  }
}

/** Fills in the conversation, message and task ids from the first event that carries them. */
function withIds(next: Answer, ev: { conversationId?: string; messageId?: string; taskId?: string }): Answer {
  if (next.conversationId === undefined && ev.conversationId) next.conversationId = ev.conversationId;
  if (next.messageId === undefined && ev.messageId) next.messageId = ev.messageId;
  if (next.taskId === undefined && ev.taskId) next.taskId = ev.taskId;
  return next;
}

/** The error of an error frame: Dify's code, and its message (key-shaped text removed) inside our sentence. */
function streamError(ev: ErrorEvent, describe: DescribeProblem): AnswerError {
  const code = ev.code || 'unknown';
  return { kind: 'streamError', code, message: describe({ id: 'stream.errorFrame', code, message: redact(ev.message.trim()) }) };
}

function addFile(files: AnswerFile[], file: AnswerFile): AnswerFile[] {
  if (file.id !== '' && files.some((f) => f.id === file.id)) return files;
  return [...files, file];
}

/** Updates the thought with the same id in place, or inserts it in position order. */
function upsertThought(thoughts: AgentThought[], t: AgentThought): AgentThought[] {
  const i = thoughts.findIndex((x) => x.id === t.id);
  if (i >= 0) {
    const next = thoughts.slice();
    next[i] = t;
    return next;
  }
  let at = thoughts.length;
  while (at > 0 && (thoughts[at - 1]?.position ?? 0) > t.position) at--;
  const next = thoughts.slice();
  next.splice(at, 0, t);
  return next;
}

/** The answer's workflow, or a fresh one when a node event comes before (or without) `workflow_started`. */
function workflowOf(answer: Answer, runId: string): WorkflowState {
  return answer.workflow ?? { runId, status: 'running', steps: [] };
}

const STEP_STATUSES: ReadonlySet<string> = new Set<StepStatus>(['running', 'succeeded', 'failed', 'exception', 'stopped', 'retry', 'partial-succeeded']);

function stepStatus(wire: string | undefined, error?: string): StepStatus {
  if (wire !== undefined && STEP_STATUSES.has(wire)) return wire as StepStatus;
  return error ? 'failed' : 'succeeded';
}

function settleRunning(steps: WorkflowStep[]): WorkflowStep[] {
  return steps.some((s) => s.status === 'running') ? steps.map((s) => (s.status === 'running' ? { ...s, status: 'stopped' } : s)) : steps;
}

/** Index of the step with `id`, searching from the end (events concern recent steps). */
function findStep(steps: WorkflowStep[], id: string): number {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]?.id === id) return i;
  return -1;
}

function putStep(wf: WorkflowState, i: number, step: WorkflowStep): WorkflowState {
  const steps = wf.steps.slice();
  if (i >= 0) steps[i] = step;
  else steps.push(step);
  return { ...wf, steps };
}

function nodeStep(wf: WorkflowState, ev: NodeStartedEvent | NodeFinishedEvent): WorkflowState {
  const d = ev.data;
  const i = findStep(wf.steps, d.id);
  const prev = i >= 0 ? wf.steps[i] : undefined;
  const step: WorkflowStep = { ...prev, id: d.id, nodeId: d.nodeId, nodeType: d.nodeType, title: d.title, status: 'running' };
  const parentId = d.iterationId ?? d.loopId;
  if (parentId !== undefined) step.parentId = parentId;
  if (ev.event === 'node_started') {
    delete step.error;
    delete step.elapsedTime;
  } else {
    step.status = ev.event === 'node_retry' ? 'retry' : stepStatus(ev.data.status, ev.data.error);
    if (ev.data.elapsedTime !== undefined) step.elapsedTime = ev.data.elapsedTime;
    if (ev.data.error !== undefined) step.error = ev.data.error;
    else delete step.error;
  }
  return putStep(wf, i, step);
}

function iterationStep(wf: WorkflowState, ev: IterationEvent): WorkflowState {
  const d = ev.data;
  const i = findStep(wf.steps, d.id);
  const prev = i >= 0 ? wf.steps[i] : undefined;
  const step: WorkflowStep = { ...prev, id: d.id, nodeId: d.nodeId, nodeType: d.nodeType || prev?.nodeType || '', title: d.title || prev?.title || '', status: 'running' };
  switch (ev.event) {
    case 'iteration_started':
    case 'loop_started':
      step.index = 0;
      delete step.error;
      delete step.elapsedTime;
      break;
    case 'iteration_next':
    case 'loop_next':
      if (d.index !== undefined) step.index = d.index;
      break;
    case 'iteration_completed':
    case 'loop_completed':
      step.status = stepStatus(d.status, d.error);
      if (d.elapsedTime !== undefined) step.elapsedTime = d.elapsedTime;
      if (d.error !== undefined) step.error = d.error;
      break;
  }
  return putStep(wf, i, step);
}
