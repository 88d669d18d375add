/**
 * Domain types the client returns, in camelCase. The snake_case wire shapes live only in `wire/`;
 * the client maps one to the other so nothing above `src/dify` sees Dify's spelling.
 */
import type { AgentThought, RetrieverResource, Usage } from '../shared/answer';
import type { UploadRules } from '../shared/fileRules';

// The shapes the panel shows unchanged live in the shared floor (the webview compiles them too).
export type { RetrieverResource, Usage, UploadRules };

/** The three chat-style app modes (others exist in Dify; a client may see them and must reject politely). */
export const CHAT_APP_MODES = ['chat', 'agent-chat', 'advanced-chat'] as const;

/** Chatbot, Agent or Chatflow: the app modes the chat route serves. */
export type ChatAppMode = (typeof CHAT_APP_MODES)[number];

/** True for the app modes this extension can chat with. */
export function isChatAppMode(mode: string): mode is ChatAppMode {
  return (CHAT_APP_MODES as readonly string[]).includes(mode);
}

/** `GET /` (no auth). */
export interface ServerInfo {
  welcome: string;
  apiVersion: string;
  serverVersion: string;
}

/** `GET /info`. */
export interface AppInfo {
  name: string;
  description: string;
  tags: string[];
  /** Any string Dify sends; compare with the ChatAppMode literals. */
  mode: string;
  authorName: string;
}

/** One field of `user_input_form`. `type` is the wire key (`text-input`, `paragraph`, `select`, `number`, `file`, ...). */
export interface InputField {
  type: string;
  label: string;
  variable: string;
  required: boolean;
  default?: string | number | null;
  maxLength?: number;
  options?: string[];
}

/** `GET /parameters`, reduced to what the extension uses (the raw object is kept for the rest). */
export interface AppParameters {
  openingStatement: string;
  suggestedQuestions: string[];
  suggestedQuestionsAfterAnswer: boolean;
  speechToText: boolean;
  textToSpeech: TextToSpeech;
  retrieverResource: boolean;
  annotationReply: boolean;
  userInputForm: InputField[];
  /** What may be attached (`file_upload`, with the sizes of `system_parameters`). */
  fileUpload: UploadRules;
  systemParameters: Record<string, number>;
  raw: Record<string, unknown>;
}

/** `text_to_speech`: whether answers can be read aloud, in which voice, and whether Dify streams speech itself. */
export interface TextToSpeech {
  enabled: boolean;
  voice?: string;
  language?: string;
  /** Dify sends `tts_message` audio with every answer (`autoPlay: "enabled"`). */
  autoPlay: boolean;
}

/** `POST /text-to-audio`: the audio bytes and their media type. */
export interface SpeechAudio {
  bytes: Uint8Array;
  mimeType: string;
}

/** `GET /meta`. */
export interface AppMeta {
  toolIcons: Record<string, string | { background: string; content: string }>;
}

/** One item of `GET /conversations`, also returned by rename. Timestamps are Unix seconds. */
export interface Conversation {
  id: string;
  name: string;
  inputs: Record<string, unknown>;
  status: string;
  introduction: string;
  createdAt: number;
  updatedAt: number;
}

/** A cursor page (`GET /conversations`, `GET /messages`, `GET .../variables`). */
export interface Page<T> {
  limit: number;
  hasMore: boolean;
  data: T[];
}

export type ConversationSort = 'created_at' | '-created_at' | 'updated_at' | '-updated_at';

/** A file attached to a history message. */
export interface MessageFile {
  id: string;
  filename?: string;
  type: string;
  url: string;
  mimeType?: string;
  size?: number;
  transferMethod?: string;
  belongsTo: 'user' | 'assistant' | string;
  uploadFileId?: string;
}

/** One stored agent thought of a history message. */
export interface StoredAgentThought extends AgentThought {
  createdAt: number;
}

/** One item of `GET /messages`: a question and its answer. */
export interface HistoryMessage {
  id: string;
  conversationId: string;
  inputs: Record<string, unknown>;
  query: string;
  answer: string;
  messageFiles: MessageFile[];
  feedback: 'like' | 'dislike' | null;
  retrieverResources: RetrieverResource[];
  agentThoughts: StoredAgentThought[];
  createdAt: number;
  status: 'normal' | 'error' | string;
  error: string | null;
}

/** `GET /conversations/:id/variables` item. */
export interface ConversationVariable {
  id: string;
  name: string;
  valueType: string;
  value: string;
  description: string;
  createdAt: number;
  updatedAt: number;
}

/** `POST /files/upload` (201). */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  extension: string;
  mimeType: string;
  createdAt: number;
}

/** What the chat route takes. */
export interface ChatRequest {
  query: string;
  inputs: Record<string, unknown>;
  /** Omitted (or empty) for a new conversation. */
  conversationId?: string;
  files?: Array<{ type: string; transferMethod: 'remote_url' | 'local_file'; url?: string; uploadFileId?: string }>;
  autoGenerateName?: boolean;
}

/** Blocking `POST /chat-messages` answer. */
export interface BlockingChatResponse {
  taskId: string;
  messageId: string;
  conversationId: string;
  mode: string;
  answer: string;
  usage?: Usage;
  retrieverResources: RetrieverResource[];
  createdAt: number;
}

export type FeedbackRating = 'like' | 'dislike' | null;
