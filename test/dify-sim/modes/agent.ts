/**
 * `agent-chat` apps (function-calling agent): per iteration an `agent_thought` (created empty) →
 * `agent_message`×N → the same thought with `tool`/`tool_input` → `message_file` when the tool made an
 * image → the thought with its `observation`; then the final iteration's text and `message_end`.
 */
import { randomUUID } from 'node:crypto';
import { makePng } from '../png';
import { dumpsSpacedUnicode } from '../pyjson';
import { signedUrl } from '../signedUrl';
import type { AgentThought } from '../store';
import type { Step, Turn } from '../turn';
import { streamAnswer } from './answer';

function thoughtFrame(t: Turn, th: AgentThought): Step {
  return t.frame('agent_thought', {
    task_id: t.taskId,
    id: th.id,
    position: th.position,
    thought: th.thought,
    observation: th.observation,
    tool: th.tool,
    tool_labels: th.toolLabels,
    tool_input: th.toolInput,
    message_files: th.files,
  });
}

function newThought(t: Turn): AgentThought {
  const th: AgentThought = {
    id: randomUUID(),
    position: t.message.agentThoughts.length + 1,
    thought: '',
    observation: '',
    tool: '',
    toolLabels: {},
    toolInput: '',
    files: [],
    createdUs: t.ctx.store.tick(),
  };
  t.message.agentThoughts.push(th);
  return th;
}

/**
 * Stores a generated image and returns its file id and signed URL: absolute (Dify's `FILES_URL`), or relative
 * (`/files/tools/…`, as Dify sends it when `FILES_URL` is unset).
 */
export function toolImage(t: Turn, query: string, relative = false): { id: string; url: string; size: number } {
  const id = randomUUID();
  const data = makePng(96, query.length * 37);
  t.ctx.store.toolFiles.set(id, { data, mimeType: 'image/png' });
  const url = signedUrl(relative ? '' : t.ctx.origin, `/files/tools/${id}.png`, 'file-preview', id, t.ctx.options.now());
  t.message.files.push({
    id,
    filename: `${id}.png`,
    type: 'image',
    url,
    mimeType: 'image/png',
    size: data.length,
    transferMethod: 'tool_file',
    belongsTo: 'assistant',
    uploadFileId: null,
  });
  return { id, url, size: data.length };
}

export function* agentSteps(t: Turn): Generator<Step> {
  const delta = (tok: string) => t.frame('agent_message', { task_id: t.taskId, id: t.message.id, answer: tok }, true);
  const end = () => t.frame('message_end', { task_id: t.taskId, id: t.message.id, metadata: t.metadata(), files: null });
  const tool = t.script.tool;
  let th = newThought(t);
  yield thoughtFrame(t, th);
  if (tool && !t.stopped) {
    const before = t.answer.length;
    if ((yield* streamAnswer(t, tool.preText, delta, '')) === 'stopped') return yield end();
    th.thought = t.answer.slice(before);
    th.tool = tool.name;
    th.toolLabels = { [tool.name]: { en_US: tool.label, zh_Hans: tool.labelZh } };
    th.toolInput = dumpsSpacedUnicode({ [tool.name]: tool.input });
    yield thoughtFrame(t, th);
    if (t.stopped) return yield end();
    if (tool.image) {
      const file = toolImage(t, t.message.query);
      th.files = [file.id];
      yield t.frame('message_file', { task_id: t.taskId, id: file.id, type: 'image', belongs_to: 'assistant', url: file.url });
    }
    th.observation = dumpsSpacedUnicode({ [tool.name]: tool.observation });
    yield thoughtFrame(t, th);
    if (t.stopped) return yield end();
    th = newThought(t);
    yield thoughtFrame(t, th);
  }
  if (t.script.failure !== undefined) {
    if ((yield* streamAnswer(t, t.script.answer, delta, '')) !== 'stopped') {
      yield t.errorFrame('completion_request_error', 400, t.script.failure);
      return;
    }
    return yield end();
  }
  const before = t.answer.length;
  const outcome = yield* streamAnswer(t, t.script.answer, delta, '');
  if (outcome !== 'stopped') {
    th.thought = outcome === 'replaced' ? t.answer : t.answer.slice(before);
    yield thoughtFrame(t, th);
  }
  yield end();
}
