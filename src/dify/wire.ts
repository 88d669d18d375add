/**
 * Dify's wire shapes (snake_case, exactly as sent and received) and the mapping to and from the camelCase
 * domain (`types.ts`, `events.ts`). This is the only file that spells Dify's field names.
 *
 * Reading is defensive: every response is `unknown` until checked. A response that is not the shape a
 * route promises throws {@link WireShapeError}, which the client reports as `notDify` (the answer came
 * from something that is not Dify's Service API). Optional fields Dify may send as `null` are tolerated.
 */
import type { DifyEvent, EndFile, MessageEvent, MessageFileTextEvent } from './events';
import type {
  AppInfo,
  AppMeta,
  AppParameters,
  BlockingChatResponse,
  ChatRequest,
  Conversation,
  ConversationVariable,
  HistoryMessage,
  InputField,
  MessageFile,
  Page,
  RetrieverResource,
  ServerInfo,
  StoredAgentThought,
  UploadedFile,
  Usage,
} from './types';

// ---------------------------------------------------------------------------------------------------
// Request bodies

/** `POST /chat-messages` body. `response_mode` is always explicit: omitted means blocking to Dify. */
export interface WireChatRequest {
  query: string;
  inputs: Record<string, unknown>;
  user: string;
  response_mode: 'streaming' | 'blocking';
  conversation_id?: string;
  files?: Array<{ type: string; transfer_method: 'remote_url' | 'local_file'; url?: string; upload_file_id?: string }>;
  auto_generate_name?: boolean;
}

/** Builds the chat body; `inputs` is at least `{}`, and a blank conversation id is left out (new conversation). */
export function chatRequestToWire(req: ChatRequest, user: string, mode: 'streaming' | 'blocking'): WireChatRequest {
  const body: WireChatRequest = { query: req.query, inputs: req.inputs ?? {}, user, response_mode: mode };
  if (req.conversationId !== undefined && req.conversationId.trim() !== '') body.conversation_id = req.conversationId;
  if (req.files !== undefined && req.files.length > 0) {
    body.files = req.files.map((f) => {
      const w: { type: string; transfer_method: 'remote_url' | 'local_file'; url?: string; upload_file_id?: string } = {
        type: f.type,
        transfer_method: f.transferMethod,
      };
      if (f.url !== undefined) w.url = f.url;
      if (f.uploadFileId !== undefined) w.upload_file_id = f.uploadFileId;
      return w;
    });
  }
  if (req.autoGenerateName !== undefined) body.auto_generate_name = req.autoGenerateName;
  return body;
}

// ---------------------------------------------------------------------------------------------------
// Response shapes (documentation of what the readers below accept)

/** Every non-streaming error: `{"code": ..., "message": ..., "status": ...}`. */
export interface WireErrorEnvelope {
  code: string;
  message: string;
  status: number;
}

/** `GET /conversations`, `GET /messages`, `GET .../variables`. */
export interface WirePage<T> {
  limit: number;
  has_more: boolean;
  data: T[];
}

/** One conversation. */
export interface WireConversation {
  id: string;
  name: string;
  inputs: Record<string, unknown>;
  status: string;
  introduction: string | null;
  created_at: number;
  updated_at: number;
}

/** `metadata.usage` (LLMUsage). Prices are decimal strings. */
export interface WireUsage {
  prompt_tokens: number;
  prompt_unit_price?: string;
  prompt_price_unit?: string;
  prompt_price?: string;
  completion_tokens: number;
  completion_unit_price?: string;
  completion_price_unit?: string;
  completion_price?: string;
  total_tokens: number;
  total_price?: string;
  currency?: string;
  latency?: number | null;
  time_to_first_token?: number | null;
  time_to_generate?: number | null;
}

/** Thrown by the readers when a response is not the shape the route promises. */
export class WireShapeError extends Error {
  override readonly name = 'WireShapeError';
}

// ---------------------------------------------------------------------------------------------------
// Small readers for unknown JSON

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, what: string): Json {
  if (!isObject(v)) throw new WireShapeError(`${what} is not a JSON object`);
  return v;
}

/** A string field; `null`/absent → `''`; numbers are stringified (older servers). */
function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(+v) ? +v : 0;
}

function optNum(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(+v) ? +v : undefined;
}

function nullableNum(v: unknown): number | null | undefined {
  return v === null ? null : optNum(v);
}

function requiredStr(o: Json, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new WireShapeError(`${what} has no string "${key}"`);
  return v;
}

function array(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function record(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
}

function strings(v: unknown): string[] {
  return array(v).filter((x): x is string => typeof x === 'string');
}

// ---------------------------------------------------------------------------------------------------
// Errors

/** The error envelope, if `body` is one (`code` or `message` a string); otherwise undefined. */
export function errorEnvelopeFromWire(body: unknown): { code?: string; message?: string; status?: number } | undefined {
  if (!isObject(body)) return undefined;
  const code = body['code'];
  const message = body['message'];
  if (typeof code !== 'string' && typeof message !== 'string') return undefined;
  return { code: optStr(code), message: optStr(message), status: optNum(body['status']) };
}

// ---------------------------------------------------------------------------------------------------
// Stream events

/**
 * Maps one parsed data frame to a {@link DifyEvent}, or undefined for an event this client does not know
 * (ignored, as the reference asks). `sseEvent` is the SSE `event:` field, used only when the JSON has no
 * `event` (Dify always puts the name in the JSON).
 */
export function eventFromWire(o: Json, sseEvent?: string): DifyEvent | undefined {
  const raw = o['event'] ?? sseEvent;
  if (typeof raw !== 'string') return undefined;
  // The cast only names the known literals for the switch; unknown names fall to `default`.
  const name = raw as DifyEvent['event'];
  switch (name) {
    // The hot path: one frame per model token. A literal object, fields in one order, no helper calls.
    case 'message':
    case 'agent_message': {
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
    case 'message_file': {
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
    case 'agent_thought':
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
    case 'message_replace':
      return { event: 'message_replace', ...envelope(o), answer: str(o['answer']), reason: str(o['reason']) };
    case 'message_end': {
      const metadata = record(o['metadata']);
      const usage = metadata['usage'];
      const annotation = metadata['annotation_reply'];
      const ev: DifyEvent = {
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
    case 'tts_message':
    case 'tts_message_end':
      return { event: name, ...envelope(o), audio: str(o['audio']) };
    case 'workflow_started': {
      const d = record(o['data']);
      return {
        event: 'workflow_started',
        ...envelope(o),
        workflowRunId: str(o['workflow_run_id']) || str(d['id']),
        data: { id: str(d['id']), workflowId: str(d['workflow_id']), createdAt: optNum(d['created_at']), inputs: d['inputs'] },
      };
    }
    case 'workflow_finished': {
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
    case 'node_started': {
      const d = record(o['data']);
      return { event: 'node_started', ...envelope(o), workflowRunId: str(o['workflow_run_id']), data: nodeData(d) };
    }
    case 'node_finished':
    case 'node_retry': {
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
    case 'iteration_started':
    case 'iteration_next':
    case 'iteration_completed':
    case 'loop_started':
    case 'loop_next':
    case 'loop_completed': {
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
    case 'agent_log': {
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
    case 'error':
      return {
        event: 'error',
        ...envelope(o),
        code: str(o['code']) || 'unknown',
        status: num(o['status']),
        message: str(o['message']),
      };
    case 'ping':
      return { event: 'ping' };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// The fast path for text deltas
//
// Text deltas are nearly every frame of a stream (one per model token), and in one stream they differ only
// in `answer`: Dify builds each from the same envelope (event, conversation_id, message_id, created_at,
// task_id, id) and, in a chatflow, the same `from_variable_selector` per node. `JSON.parse` of every frame
// was two thirds of the decoder's time. So after fully parsing one delta frame, the decoder remembers the
// text before its `answer` string and the text after it; a later frame that starts and ends with exactly
// that text is the same JSON object with another answer, so only the answer string is read. This is exact:
// an identical prefix parses to identical keys and values, and an answer string holding an escape is decoded
// by `JSON.parse` of just that string. (The one leniency: a raw control character inside an answer, which strict
// JSON forbids and Dify's encoders never produce, is accepted rather than refused.)

const QUOTE = 34;
const BACKSLASH = 92;

/** Index of the closing quote of the JSON string whose contents start at `from`, or -1. */
function stringEnd(s: string, from: number): number {
  let j = s.indexOf('"', from);
  while (j >= 0) {
    let k = j - 1;
    while (k >= from && s.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j;
    j = s.indexOf('"', j + 1);
  }
  return -1;
}

function skipWs(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
  return i;
}

/**
 * In valid JSON text `s` holding an object, the span of the string value of its top-level key `answer`
 * (the indices of its quotes), or undefined if that key is absent, repeated, or not a string.
 */
function answerSpan(s: string): { open: number; close: number } | undefined {
  let i = skipWs(s, 0);
  if (s.charCodeAt(i) !== 123) return undefined;
  i = skipWs(s, i + 1);
  let span: { open: number; close: number } | undefined;
  let seen = false;
  while (s.charCodeAt(i) === QUOTE) {
    const ke = stringEnd(s, i + 1);
    const isAnswer = ke === i + 7 && s.startsWith('answer', i + 1);
    i = skipWs(s, ke + 1) + 1; // past ':'
    i = skipWs(s, i);
    const c = s.charCodeAt(i);
    let end: number;
    if (c === QUOTE) end = stringEnd(s, i + 1) + 1;
    else if (c === 91 || c === 123) {
      let depth = 0;
      for (end = i; end < s.length; end++) {
        const d = s.charCodeAt(end);
        if (d === QUOTE) end = stringEnd(s, end + 1);
        else if (d === 91 || d === 123) depth++;
        else if ((d === 93 || d === 125) && --depth === 0) break;
      }
      end++;
    } else {
      end = i;
      for (let d = c; d !== 44 && d !== 125 && d !== 32 && d !== 10 && d !== 13 && d !== 9 && end < s.length; ) d = s.charCodeAt(++end);
    }
    if (isAnswer) {
      if (seen) return undefined;
      seen = true;
      span = c === QUOTE ? { open: i, close: end - 1 } : undefined;
    }
    i = skipWs(s, end);
    if (s.charCodeAt(i) !== 44) break;
    i = skipWs(s, i + 1);
  }
  return span;
}

/**
 * Reads the text-delta frames of one stream (`message`, `agent_message`, text-form `message_file`) without a
 * full `JSON.parse`, once it has {@link learn}ed their shape from a fully parsed one. One per stream.
 */
export class DeltaFrameReader {
  /** The text before the answer string, through its opening quote. */
  private prefix = '';
  private tail = '';
  private base: MessageEvent | MessageFileTextEvent | undefined;

  /** The event for frame `s`, if it has the learned shape (then it equals `eventFromWire(JSON.parse(s))`). */
  read(s: string): MessageEvent | MessageFileTextEvent | undefined {
    const base = this.base;
    const open = this.prefix.length;
    // slice + === rather than startsWith: V8 compares the slice as a block, startsWith char by char (~7x slower).
    if (base === undefined || s.length <= open || s.slice(0, open) !== this.prefix) return undefined;
    const close = stringEnd(s, open);
    if (close < 0 || s.length - close - 1 !== this.tail.length || !s.endsWith(this.tail)) return undefined;
    const bs = s.indexOf('\\', open);
    let answer: string;
    if (bs < 0 || bs > close) answer = s.slice(open, close);
    else {
      try {
        answer = JSON.parse(s.slice(open - 1, close + 1)) as string;
      } catch {
        return undefined; // an invalid escape: the general path reports it
      }
    }
    if (base.event === 'message_file') {
      return { event: 'message_file', form: 'text', conversationId: base.conversationId, messageId: base.messageId, taskId: base.taskId, createdAt: base.createdAt, id: base.id, answer };
    }
    return { event: base.event, conversationId: base.conversationId, messageId: base.messageId, taskId: base.taskId, createdAt: base.createdAt, id: base.id, answer };
  }

  /** Remembers the shape of frame `s`, which `JSON.parse` + `eventFromWire` turned into the text delta `ev`. */
  learn(s: string, ev: MessageEvent | MessageFileTextEvent): void {
    const span = answerSpan(s);
    if (span === undefined) return;
    // Copies, not slices: a slice would keep the whole chunk it was cut from alive.
    this.prefix = copyString(s.slice(0, span.open + 1));
    this.tail = copyString(s.slice(span.close + 1));
    this.base = ev;
  }
}

/** A copy of `s` that does not share memory with the string it was sliced from. */
function copyString(s: string): string {
  return (' ' + s).slice(1);
}

function envelope(o: Json): { conversationId?: string; messageId?: string; taskId?: string; createdAt?: number } {
  return {
    conversationId: optStr(o['conversation_id']),
    messageId: optStr(o['message_id']),
    taskId: optStr(o['task_id']),
    createdAt: optNum(o['created_at']),
  };
}

function nodeData(d: Json): {
  id: string;
  nodeId: string;
  nodeType: string;
  title: string;
  index?: number;
  predecessorNodeId?: string;
  iterationId?: string;
  loopId?: string;
  createdAt?: number;
  inputs?: unknown;
} {
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

// ---------------------------------------------------------------------------------------------------
// Shared pieces

/** `metadata.usage` → {@link Usage}; prices stay strings. */
export function usageFromWire(u: Json): Usage {
  return {
    promptTokens: num(u['prompt_tokens']),
    completionTokens: num(u['completion_tokens']),
    totalTokens: num(u['total_tokens']),
    totalPrice: optStr(u['total_price']),
    currency: optStr(u['currency']),
    latency: nullableNum(u['latency']),
    timeToFirstToken: nullableNum(u['time_to_first_token']),
    timeToGenerate: nullableNum(u['time_to_generate']),
  };
}

/** One `retriever_resources[]` item → {@link RetrieverResource}. */
export function retrieverResourceFromWire(r: Json): RetrieverResource {
  return {
    position: num(r['position']),
    datasetId: optStr(r['dataset_id']),
    datasetName: optStr(r['dataset_name']),
    documentId: optStr(r['document_id']),
    documentName: str(r['document_name']),
    segmentId: optStr(r['segment_id']),
    score: nullableNum(r['score']),
    hitCount: nullableNum(r['hit_count']),
    wordCount: nullableNum(r['word_count']),
    segmentPosition: nullableNum(r['segment_position']),
    content: str(r['content']),
    title: optStr(r['title']),
    page: nullableNum(r['page']),
  };
}

// ---------------------------------------------------------------------------------------------------
// REST responses

/** `GET /` (no auth): `{"welcome", "api_version", "server_version"}`. */
export function serverInfoFromWire(body: unknown): ServerInfo {
  const o = object(body, 'The server root');
  if (typeof o['api_version'] !== 'string' && typeof o['welcome'] !== 'string') {
    throw new WireShapeError('The server root has neither "welcome" nor "api_version"');
  }
  return { welcome: str(o['welcome']), apiVersion: str(o['api_version']), serverVersion: str(o['server_version']) };
}

/** `GET /info`. */
export function appInfoFromWire(body: unknown): AppInfo {
  const o = object(body, 'The app info');
  return {
    name: requiredStr(o, 'name', 'The app info'),
    description: str(o['description']),
    tags: strings(o['tags']),
    mode: requiredStr(o, 'mode', 'The app info'),
    authorName: str(o['author_name']),
  };
}

const ENABLED = (v: unknown): boolean => isObject(v) && v['enabled'] === true;

/** `GET /parameters`. */
export function appParametersFromWire(body: unknown): AppParameters {
  const o = object(body, 'The app parameters');
  if (!('user_input_form' in o) && !('opening_statement' in o) && !('system_parameters' in o)) {
    throw new WireShapeError('The app parameters have none of the expected keys');
  }
  const systemParameters: Record<string, number> = {};
  for (const [k, v] of Object.entries(record(o['system_parameters']))) if (typeof v === 'number') systemParameters[k] = v;
  return {
    openingStatement: str(o['opening_statement']),
    suggestedQuestions: strings(o['suggested_questions']),
    suggestedQuestionsAfterAnswer: ENABLED(o['suggested_questions_after_answer']),
    speechToText: ENABLED(o['speech_to_text']),
    textToSpeech: ENABLED(o['text_to_speech']),
    retrieverResource: ENABLED(o['retriever_resource']),
    annotationReply: ENABLED(o['annotation_reply']),
    userInputForm: array(o['user_input_form']).flatMap(inputFieldFromWire),
    fileUpload: record(o['file_upload']),
    systemParameters,
    raw: o,
  };
}

/** One `user_input_form` item: `{"text-input": {label, variable, required, default, max_length?, options?}}`. */
function inputFieldFromWire(item: unknown): InputField[] {
  if (!isObject(item)) return [];
  const type = Object.keys(item)[0];
  if (type === undefined) return [];
  const f = record(item[type]);
  const field: InputField = {
    type,
    label: str(f['label']),
    variable: str(f['variable']),
    required: f['required'] === true,
  };
  const def = f['default'];
  if (typeof def === 'string' || typeof def === 'number' || def === null) field.default = def;
  const maxLength = optNum(f['max_length']);
  if (maxLength !== undefined) field.maxLength = maxLength;
  if (Array.isArray(f['options'])) field.options = strings(f['options']);
  return [field];
}

/** `GET /meta`. */
export function appMetaFromWire(body: unknown): AppMeta {
  const o = object(body, 'The app meta');
  const toolIcons: AppMeta['toolIcons'] = {};
  for (const [k, v] of Object.entries(record(o['tool_icons']))) {
    if (typeof v === 'string') toolIcons[k] = v;
    else if (isObject(v)) toolIcons[k] = { background: str(v['background']), content: str(v['content']) };
  }
  return { toolIcons };
}

/** A cursor page; `item` maps each element. */
export function pageFromWire<T>(body: unknown, what: string, item: (o: Json) => T): Page<T> {
  const o = object(body, what);
  const data = o['data'];
  if (!Array.isArray(data)) throw new WireShapeError(`${what} has no "data" list`);
  return {
    limit: num(o['limit']) || data.length,
    hasMore: o['has_more'] === true,
    data: data.map((x) => item(object(x, `An item of ${what}`))),
  };
}

/** One conversation (list item, or the rename answer). */
export function conversationFromWire(o: Json): Conversation {
  return {
    id: requiredStr(o, 'id', 'A conversation'),
    name: str(o['name']),
    inputs: record(o['inputs']),
    status: str(o['status']),
    introduction: str(o['introduction']),
    createdAt: num(o['created_at']),
    updatedAt: num(o['updated_at']),
  };
}

/** `POST /conversations/:id/name` answers with the conversation. */
export function renamedConversationFromWire(body: unknown): Conversation {
  return conversationFromWire(object(body, 'The rename answer'));
}

/** One `GET /messages` item. */
export function historyMessageFromWire(o: Json): HistoryMessage {
  const fb = o['feedback'];
  const rating = isObject(fb) ? fb['rating'] : undefined;
  return {
    id: requiredStr(o, 'id', 'A message'),
    conversationId: str(o['conversation_id']),
    inputs: record(o['inputs']),
    query: str(o['query']),
    answer: str(o['answer']),
    messageFiles: array(o['message_files']).filter(isObject).map(messageFileFromWire),
    feedback: rating === 'like' || rating === 'dislike' ? rating : null,
    retrieverResources: array(o['retriever_resources']).filter(isObject).map(retrieverResourceFromWire),
    agentThoughts: array(o['agent_thoughts']).filter(isObject).map(storedThoughtFromWire),
    createdAt: num(o['created_at']),
    status: str(o['status']) || 'normal',
    error: optStr(o['error']) ?? null,
  };
}

function messageFileFromWire(f: Json): MessageFile {
  return {
    id: str(f['id']),
    filename: optStr(f['filename']),
    type: str(f['type']),
    url: str(f['url']),
    mimeType: optStr(f['mime_type']),
    size: optNum(f['size']),
    transferMethod: optStr(f['transfer_method']),
    belongsTo: str(f['belongs_to']) || 'user',
    uploadFileId: optStr(f['upload_file_id']),
  };
}

function storedThoughtFromWire(t: Json): StoredAgentThought {
  return {
    id: str(t['id']),
    position: num(t['position']),
    thought: str(t['thought']),
    tool: str(t['tool']),
    toolInput: str(t['tool_input']),
    observation: str(t['observation']),
    // 1.11.2 calls it `files`; the docs call it `message_files`.
    files: strings(t['files'] ?? t['message_files']),
    createdAt: num(t['created_at']),
  };
}

/** One conversation variable. `value` is stringified by Dify already. */
export function conversationVariableFromWire(o: Json): ConversationVariable {
  const v = o['value'];
  return {
    id: requiredStr(o, 'id', 'A conversation variable'),
    name: str(o['name']),
    valueType: str(o['value_type']),
    value: typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v),
    description: str(o['description']),
    createdAt: num(o['created_at']),
    updatedAt: num(o['updated_at']),
  };
}

/** `GET /messages/:id/suggested` → the questions. */
export function suggestedFromWire(body: unknown): string[] {
  const o = object(body, 'The suggested questions');
  if (!Array.isArray(o['data'])) throw new WireShapeError('The suggested questions have no "data" list');
  return strings(o['data']);
}

/** `{"result": "success"}` (stop, feedback). */
export function resultFromWire(body: unknown, what: string): void {
  const o = object(body, what);
  if (typeof o['result'] !== 'string') throw new WireShapeError(`${what} has no "result"`);
}

/** `POST /files/upload` (201). */
export function uploadedFileFromWire(body: unknown): UploadedFile {
  const o = object(body, 'The upload answer');
  return {
    id: requiredStr(o, 'id', 'The upload answer'),
    name: str(o['name']),
    size: num(o['size']),
    extension: str(o['extension']),
    mimeType: str(o['mime_type']),
    createdAt: num(o['created_at']),
  };
}

/** Blocking `POST /chat-messages`. */
export function blockingChatFromWire(body: unknown): BlockingChatResponse {
  const o = object(body, 'The chat answer');
  if (typeof o['answer'] !== 'string') throw new WireShapeError('The chat answer has no "answer"');
  const metadata = record(o['metadata']);
  const usage = metadata['usage'];
  const res: BlockingChatResponse = {
    taskId: str(o['task_id']),
    messageId: str(o['message_id']) || str(o['id']),
    conversationId: str(o['conversation_id']),
    mode: str(o['mode']),
    answer: o['answer'],
    retrieverResources: array(metadata['retriever_resources']).filter(isObject).map(retrieverResourceFromWire),
    createdAt: num(o['created_at']),
  };
  if (isObject(usage)) res.usage = usageFromWire(usage);
  return res;
}
