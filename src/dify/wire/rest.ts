/**
 * Readers for the REST answers (everything but the chat stream), from Dify's snake_case to the camelCase
 * domain of `types.ts`. Every body is `unknown` until checked; a body that is not the shape its route
 * promises throws {@link WireShapeError}. Optional fields Dify may send as `null` are tolerated.
 */
import type {
  AppInfo,
  AppMeta,
  AppParameters,
  BlockingChatResponse,
  Conversation,
  ConversationVariable,
  HistoryMessage,
  InputField,
  MessageFile,
  Page,
  ServerInfo,
  StoredAgentThought,
  UploadedFile,
} from '../types';
import { array, isObject, type Json, num, object, optNum, optStr, record, requiredStr, str, strings, WireShapeError } from './json';
import { retrieverResourceFromWire, usageFromWire } from './metadata';
import { textToSpeechFromWire, uploadRulesFromWire } from './appFeatures';

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

/** The error envelope, if `body` is one (`code` or `message` a string); otherwise undefined. */
export function errorEnvelopeFromWire(body: unknown): { code?: string; message?: string; status?: number } | undefined {
  if (!isObject(body)) return undefined;
  const code = body['code'];
  const message = body['message'];
  if (typeof code !== 'string' && typeof message !== 'string') return undefined;
  return { code: optStr(code), message: optStr(message), status: optNum(body['status']) };
}

/** `GET /` (no auth): `{"welcome", "api_version", "server_version"}`. */
export function serverInfoFromWire(body: unknown): ServerInfo {
  const o = object(body, 'server root');
  if (typeof o['api_version'] !== 'string' && typeof o['welcome'] !== 'string') {
    throw new WireShapeError('server root: neither "welcome" nor "api_version"');
  }
  return { welcome: str(o['welcome']), apiVersion: str(o['api_version']), serverVersion: str(o['server_version']) };
}

/** `GET /info`. */
export function appInfoFromWire(body: unknown): AppInfo {
  const o = object(body, 'app info');
  return {
    name: requiredStr(o, 'name', 'app info'),
    description: str(o['description']),
    tags: strings(o['tags']),
    mode: requiredStr(o, 'mode', 'app info'),
    authorName: str(o['author_name']),
  };
}

const ENABLED = (v: unknown): boolean => isObject(v) && v['enabled'] === true;

/** `GET /parameters`. */
export function appParametersFromWire(body: unknown): AppParameters {
  const o = object(body, 'app parameters');
  if (!('user_input_form' in o) && !('opening_statement' in o) && !('system_parameters' in o)) {
    throw new WireShapeError('app parameters: none of the expected keys');
  }
  const systemParameters: Record<string, number> = {};
  for (const [k, v] of Object.entries(record(o['system_parameters']))) if (typeof v === 'number') systemParameters[k] = v;
  return {
    openingStatement: str(o['opening_statement']),
    suggestedQuestions: strings(o['suggested_questions']),
    suggestedQuestionsAfterAnswer: ENABLED(o['suggested_questions_after_answer']),
    speechToText: ENABLED(o['speech_to_text']),
    textToSpeech: textToSpeechFromWire(o['text_to_speech']),
    retrieverResource: ENABLED(o['retriever_resource']),
    annotationReply: ENABLED(o['annotation_reply']),
    userInputForm: array(o['user_input_form']).flatMap(inputFieldFromWire),
    fileUpload: uploadRulesFromWire(o['file_upload'], o['system_parameters']),
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
  const o = object(body, 'app meta');
  const toolIcons: AppMeta['toolIcons'] = {};
  for (const [k, v] of Object.entries(record(o['tool_icons']))) {
    if (typeof v === 'string') toolIcons[k] = v;
    else if (isObject(v)) toolIcons[k] = { background: str(v['background']), content: str(v['content']) };
  }
  return { toolIcons };
}

/** A cursor page; `item` maps each element; `what` names the list in a {@link WireShapeError}. */
export function pageFromWire<T>(body: unknown, what: string, item: (o: Json) => T): Page<T> {
  const o = object(body, what);
  const data = o['data'];
  if (!Array.isArray(data)) throw new WireShapeError(`${what}: no "data" list`);
  return {
    limit: num(o['limit']) || data.length,
    hasMore: o['has_more'] === true,
    data: data.map((x) => item(object(x, `${what} item`))),
  };
}

/** One conversation (list item, or the rename answer). */
export function conversationFromWire(o: Json): Conversation {
  return {
    id: requiredStr(o, 'id', 'conversation'),
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
  return conversationFromWire(object(body, 'rename answer'));
}

/** One `GET /messages` item. */
export function historyMessageFromWire(o: Json): HistoryMessage {
  const fb = o['feedback'];
  const rating = isObject(fb) ? fb['rating'] : undefined;
  return {
    id: requiredStr(o, 'id', 'message'),
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
    id: requiredStr(o, 'id', 'conversation variable'),
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
  const o = object(body, 'suggested questions');
  if (!Array.isArray(o['data'])) throw new WireShapeError('suggested questions: no "data" list');
  return strings(o['data']);
}

/** `{"result": "success"}` (stop, feedback); `what` names the answer in a {@link WireShapeError}. */
export function resultFromWire(body: unknown, what: string): void {
  const o = object(body, what);
  if (typeof o['result'] !== 'string') throw new WireShapeError(`${what}: no "result"`);
}

/** `POST /files/upload` (201). */
export function uploadedFileFromWire(body: unknown): UploadedFile {
  const o = object(body, 'upload answer');
  return {
    id: requiredStr(o, 'id', 'upload answer'),
    name: str(o['name']),
    size: num(o['size']),
    extension: str(o['extension']),
    mimeType: str(o['mime_type']),
    createdAt: num(o['created_at']),
  };
}

/** Blocking `POST /chat-messages`. */
export function blockingChatFromWire(body: unknown): BlockingChatResponse {
  const o = object(body, 'chat answer');
  if (typeof o['answer'] !== 'string') throw new WireShapeError('chat answer: no "answer"');
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
