/**
 * Stream frames → typed {@link DifyEvent}s: one small reader per event name, looked up by the frame's
 * name. A name without a reader gives `undefined` (ignored, as the wire reference asks).
 */
import type {
  AgentLogEvent,
  AgentThoughtEvent,
  DifyEvent,
  DifyEventName,
  EndFile,
  ErrorEvent,
  IterationEvent,
  MessageEndEvent,
  MessageEvent,
  MessageFileEvent,
  MessageFileTextEvent,
  MessageReplaceEvent,
  NodeData,
  NodeFinishedEvent,
  NodeStartedEvent,
  PingEvent,
  TtsMessageEvent,
  WorkflowFinishedEvent,
  WorkflowStartedEvent,
} from '../events';
import { array, isObject, type Json, num, optNum, optStr, record, str, strings } from './json';
import { retrieverResourceFromWire, usageFromWire } from './metadata';

/**
 * Maps one parsed data frame to a {@link DifyEvent}, or undefined for an event this client does not know.
 * `sseEvent` is the SSE `event:` field, used only when the JSON has no `event` (Dify always puts the name
 * in the JSON).
 */
export function eventFromWire(o: Json, sseEvent?: string): DifyEvent | undefined {
  const raw = o['event'] ?? sseEvent;
  if (typeof raw !== 'string') return undefined;
  // Text deltas, nearly every frame, skip the lookup (a Map lookup hashes the name each time).
  if (raw === 'message' || raw === 'agent_message') return textDelta(o, raw);
  const read = BY_NAME.get(raw);
  return read === undefined ? undefined : read(o, raw);
}

// The hot path: one frame per model token. A literal object, fields in one order, no helper calls beyond
// the scalar readers (the delta fast path in deltaFrames.ts builds the same object in the same order).
function textDelta(o: Json, name: MessageEvent['event']): MessageEvent {
  const answer = o['answer'];
  return {
    event: name,
    conversationId: optStr(o['conversation_id']),
    messageId: optStr(o['message_id']),
    taskId: optStr(o['task_id']),
    createdAt: optNum(o['created_at']),
    id: optStr(o['id']),
    answer: typeof answer === 'string' ? answer : '',
  };
}

function messageFile(o: Json): MessageFileTextEvent | MessageFileEvent {
  const answer = o['answer'];
  if (typeof answer === 'string' && typeof o['url'] !== 'string') {
    return { event: 'message_file', form: 'text', ...envelope(o), id: optStr(o['id']), answer };
  }
  return {
    event: 'message_file',
    form: 'file',
    ...envelope(o),
    id: str(o['id']),
    type: str(o['type']),
    url: str(o['url']),
    belongsTo: str(o['belongs_to']) || 'assistant',
  };
}

function agentThought(o: Json): AgentThoughtEvent {
  return {
    event: 'agent_thought',
    ...envelope(o),
    id: str(o['id']),
    position: num(o['position']),
    thought: str(o['thought']),
    observation: str(o['observation']),
    tool: str(o['tool']),
    toolInput: str(o['tool_input']),
    toolLabels: record(o['tool_labels']),
    messageFiles: strings(o['message_files']),
  };
}

function messageReplace(o: Json): MessageReplaceEvent {
  return { event: 'message_replace', ...envelope(o), answer: str(o['answer']), reason: str(o['reason']) };
}

function messageEnd(o: Json): MessageEndEvent {
  const metadata = record(o['metadata']);
  const usage = metadata['usage'];
  const annotation = metadata['annotation_reply'];
  const ev: MessageEndEvent = {
    event: 'message_end',
    ...envelope(o),
    id: optStr(o['id']),
    usage: isObject(usage) ? usageFromWire(usage) : undefined,
    retrieverResources: array(metadata['retriever_resources']).filter(isObject).map(retrieverResourceFromWire),
    files: array(o['files']).filter(isObject).map(endFileFromWire),
  };
  if (isObject(annotation)) {
    ev.annotationReply = { id: str(annotation['id']), accountName: optStr(record(annotation['account'])['name']) };
  }
  return ev;
}

function speech(o: Json, name: TtsMessageEvent['event']): TtsMessageEvent {
  return { event: name, ...envelope(o), audio: str(o['audio']) };
}

function workflowStarted(o: Json): WorkflowStartedEvent {
  const d = record(o['data']);
  return {
    event: 'workflow_started',
    ...envelope(o),
    workflowRunId: str(o['workflow_run_id']) || str(d['id']),
    data: { id: str(d['id']), workflowId: str(d['workflow_id']), createdAt: optNum(d['created_at']), inputs: d['inputs'] },
  };
}

function workflowFinished(o: Json): WorkflowFinishedEvent {
  const d = record(o['data']);
  return {
    event: 'workflow_finished',
    ...envelope(o),
    workflowRunId: str(o['workflow_run_id']) || str(d['id']),
    data: {
      id: str(d['id']),
      workflowId: str(d['workflow_id']),
      status: str(d['status']),
      error: optStr(d['error']) || undefined,
      elapsedTime: optNum(d['elapsed_time']),
      totalTokens: optNum(d['total_tokens']),
      totalSteps: optNum(d['total_steps']),
      exceptionsCount: optNum(d['exceptions_count']),
      createdAt: optNum(d['created_at']),
      finishedAt: optNum(d['finished_at']),
      outputs: d['outputs'],
    },
  };
}

function nodeStarted(o: Json): NodeStartedEvent {
  const d = record(o['data']);
  return { event: 'node_started', ...envelope(o), workflowRunId: str(o['workflow_run_id']), data: nodeData(d) };
}

function nodeFinished(o: Json, name: NodeFinishedEvent['event']): NodeFinishedEvent {
  const d = record(o['data']);
  const meta = record(d['execution_metadata']);
  return {
    event: name,
    ...envelope(o),
    workflowRunId: str(o['workflow_run_id']),
    data: {
      ...nodeData(d),
      status: str(d['status']) || (name === 'node_retry' ? 'retry' : ''),
      error: optStr(d['error']) || undefined,
      elapsedTime: optNum(d['elapsed_time']),
      totalTokens: optNum(meta['total_tokens']),
      totalPrice: optStr(meta['total_price']),
      currency: optStr(meta['currency']),
      finishedAt: optNum(d['finished_at']),
      outputs: d['outputs'],
      processData: d['process_data'],
      retryIndex: optNum(d['retry_index']),
    },
  };
}

function iteration(o: Json, name: IterationEvent['event']): IterationEvent {
  const d = record(o['data']);
  return {
    event: name,
    ...envelope(o),
    workflowRunId: str(o['workflow_run_id']),
    data: {
      id: str(d['id']) || str(d['node_id']),
      nodeId: str(d['node_id']) || str(d['id']),
      nodeType: str(d['node_type']),
      title: str(d['title']),
      index: optNum(d['index']),
      status: optStr(d['status']),
      error: optStr(d['error']) || undefined,
      elapsedTime: optNum(d['elapsed_time']),
      totalTokens: optNum(d['total_tokens']),
      steps: optNum(d['steps']),
      createdAt: optNum(d['created_at']),
      finishedAt: optNum(d['finished_at']),
      inputs: d['inputs'],
      outputs: d['outputs'],
    },
  };
}

function agentLog(o: Json): AgentLogEvent {
  const d = record(o['data']);
  return {
    event: 'agent_log',
    ...envelope(o),
    workflowRunId: optStr(o['workflow_run_id']),
    data: {
      nodeExecutionId: str(d['node_execution_id']),
      id: str(d['id']),
      label: str(d['label']),
      parentId: optStr(d['parent_id']),
      error: optStr(d['error']) || undefined,
      status: str(d['status']),
      nodeId: str(d['node_id']),
      data: d['data'],
      metadata: d['metadata'],
    },
  };
}

function errorFrame(o: Json): ErrorEvent {
  return {
    event: 'error',
    ...envelope(o),
    code: str(o['code']) || 'unknown',
    status: num(o['status']),
    message: str(o['message']),
  };
}

function ping(): PingEvent {
  return { event: 'ping' };
}

/** The reader of each event name; the mapped type makes a missing reader a compile error. */
const READERS: { readonly [K in DifyEventName]: (o: Json, name: K) => DifyEvent } = {
  message: textDelta,
  agent_message: textDelta,
  message_file: messageFile,
  agent_thought: agentThought,
  message_replace: messageReplace,
  message_end: messageEnd,
  tts_message: speech,
  tts_message_end: speech,
  workflow_started: workflowStarted,
  workflow_finished: workflowFinished,
  node_started: nodeStarted,
  node_finished: nodeFinished,
  node_retry: nodeFinished,
  iteration_started: iteration,
  iteration_next: iteration,
  iteration_completed: iteration,
  loop_started: iteration,
  loop_next: iteration,
  loop_completed: iteration,
  agent_log: agentLog,
  error: errorFrame,
  ping,
};

// A Map, not the object itself: a frame named "constructor" or "toString" must not find Object.prototype.
const BY_NAME = new Map(Object.entries(READERS) as Array<[string, (o: Json, name: string) => DifyEvent]>);

function envelope(o: Json): { conversationId?: string; messageId?: string; taskId?: string; createdAt?: number } {
  return {
    conversationId: optStr(o['conversation_id']),
    messageId: optStr(o['message_id']),
    taskId: optStr(o['task_id']),
    createdAt: optNum(o['created_at']),
  };
}

function nodeData(d: Json): NodeData {
  return {
    id: str(d['id']),
    nodeId: str(d['node_id']),
    nodeType: str(d['node_type']),
    title: str(d['title']),
    index: optNum(d['index']),
    predecessorNodeId: optStr(d['predecessor_node_id']),
    // Older servers (<= 1.8) spelled the parent `in_iteration_id` / `in_loop_id`.
    iterationId: optStr(d['iteration_id']) || optStr(d['in_iteration_id']) || undefined,
    loopId: optStr(d['loop_id']) || optStr(d['in_loop_id']) || undefined,
    createdAt: optNum(d['created_at']),
    inputs: d['inputs'],
  };
}

function endFileFromWire(f: Json): EndFile {
  return {
    id: str(f['id']) || str(f['related_id']) || str(f['upload_file_id']),
    type: str(f['type']),
    url: str(f['url']) || str(f['remote_url']),
    belongsTo: str(f['belongs_to']) || 'assistant',
    filename: optStr(f['filename']),
    mimeType: optStr(f['mime_type']),
  };
}
