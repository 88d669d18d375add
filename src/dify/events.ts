/**
 * The typed events of a Dify chat stream (`POST /chat-messages` with `response_mode: "streaming"`), for the
 * three chat-style app modes: chat, agent-chat and advanced-chat (chatflow).
 *
 * Spelling: events are camelCase, like the rest of the domain (`types.ts`). Dify's snake_case stays in
 * `wire/`, whose `eventFromWire` (`wire/events.ts`) maps each frame once, right after `JSON.parse`. The
 * mapping copies only the fields the extension uses; workflow payloads the UI may show as detail (`inputs`,
 * `outputs`) are passed through untouched as `unknown`. Fields Dify may send as `null` or omit are optional.
 *
 * Every event carries `event` (the discriminant) and, except `ping`, the envelope ids Dify puts on every
 * frame: `conversationId` and `messageId`, and `taskId` on all but `error`.
 */
import type { RetrieverResource, Usage } from './types';

/** The ids Dify puts on every data frame (§4.2 of the wire reference). Optional: old servers may omit some. */
export interface EventEnvelope {
  conversationId?: string;
  messageId?: string;
  /** Absent on `error` frames. Needed to stop the answer (`POST /chat-messages/:task_id/stop`). */
  taskId?: string;
  /** The message's creation time (Unix seconds); constant for the whole stream. */
  createdAt?: number;
}

/** A text delta: `message` (chat, chatflow) or `agent_message` (agent). Append `answer` to the text. */
export interface MessageEvent extends EventEnvelope {
  event: 'message' | 'agent_message';
  /** The message id (same as `messageId`). */
  id?: string;
  answer: string;
}

/**
 * `message_file` used as a text chunk: Dify 1.11.2 renames the text-chunk event to `message_file` when the
 * message has any file, even a user's upload. Treat `answer` as a text delta.
 */
export interface MessageFileTextEvent extends EventEnvelope {
  event: 'message_file';
  form: 'text';
  id?: string;
  answer: string;
}

/** `message_file` carrying a real file the assistant produced (a tool's image, for example). */
export interface MessageFileEvent extends EventEnvelope {
  event: 'message_file';
  form: 'file';
  /** The file id. */
  id: string;
  /** `image`, `document`, ... */
  type: string;
  /** Absolute `http(s)` URL or a signed tool-file URL. */
  url: string;
  belongsTo: string;
}

/** One agent step. The same `id` repeats as the step grows (created empty, then the thought, then the tool's observation). */
export interface AgentThoughtEvent extends EventEnvelope {
  event: 'agent_thought';
  id: string;
  position: number;
  thought: string;
  observation: string;
  tool: string;
  toolInput: string;
  toolLabels: Record<string, unknown>;
  /** File ids produced in this step. */
  messageFiles: string[];
}

/** Output moderation replaced the whole answer. */
export interface MessageReplaceEvent extends EventEnvelope {
  event: 'message_replace';
  answer: string;
  /** `""` for chat/agent apps, `"output_moderation"` for chatflows. */
  reason: string;
}

/** A file recorded with the answer (chatflow `message_end.files`). */
export interface EndFile {
  id: string;
  type: string;
  url: string;
  belongsTo: string;
  filename?: string;
  mimeType?: string;
}

/** The answer is complete. `tts_*` frames may still follow. */
export interface MessageEndEvent extends EventEnvelope {
  event: 'message_end';
  id?: string;
  usage?: Usage;
  retrieverResources: RetrieverResource[];
  /** Files of the answer (chatflow); empty for chat/agent apps, where files come as `message_file`. */
  files: EndFile[];
  /** Set when an annotation answered instead of the model. */
  annotationReply?: { id: string; accountName?: string };
}

/** A chunk of text-to-speech audio (base64 MP3), when the app auto-plays speech. */
export interface TtsMessageEvent extends EventEnvelope {
  event: 'tts_message' | 'tts_message_end';
  audio: string;
}

/** Chatflow: the workflow run began. */
export interface WorkflowStartedEvent extends EventEnvelope {
  event: 'workflow_started';
  workflowRunId: string;
  data: { id: string; workflowId: string; createdAt?: number; inputs?: unknown };
}

/** Chatflow: the workflow run ended. Keep reading: `message_end` follows. */
export interface WorkflowFinishedEvent extends EventEnvelope {
  event: 'workflow_finished';
  workflowRunId: string;
  data: {
    id: string;
    workflowId: string;
    /** `succeeded`, `partial-succeeded`, `failed` or `stopped`. */
    status: string;
    error?: string;
    /** Seconds. */
    elapsedTime?: number;
    totalTokens?: number;
    totalSteps?: number;
    exceptionsCount?: number;
    createdAt?: number;
    finishedAt?: number;
    outputs?: unknown;
  };
}

/** The fields shared by `node_started`, `node_finished` and `node_retry`. */
export interface NodeData {
  /** The node execution id (unique per run of the node). */
  id: string;
  nodeId: string;
  nodeType: string;
  title: string;
  /** Execution order in the run. */
  index?: number;
  predecessorNodeId?: string;
  /** The iteration node this node runs inside, if any. */
  iterationId?: string;
  /** The loop node this node runs inside, if any. */
  loopId?: string;
  createdAt?: number;
  inputs?: unknown;
}

/** Chatflow: a node began. */
export interface NodeStartedEvent extends EventEnvelope {
  event: 'node_started';
  workflowRunId: string;
  data: NodeData;
}

/** The fields of `node_finished` and `node_retry` beyond {@link NodeData}. */
export interface NodeFinishedData extends NodeData {
  /** `succeeded`, `failed`, `exception` (or `retry` on `node_retry`). */
  status: string;
  error?: string;
  /** Seconds. */
  elapsedTime?: number;
  totalTokens?: number;
  totalPrice?: string;
  currency?: string;
  finishedAt?: number;
  outputs?: unknown;
  processData?: unknown;
  /** `node_retry` only. */
  retryIndex?: number;
}

/** Chatflow: a node ended (`node_finished`) or failed and will run again (`node_retry`). */
export interface NodeFinishedEvent extends EventEnvelope {
  event: 'node_finished' | 'node_retry';
  workflowRunId: string;
  data: NodeFinishedData;
}

/** The fields of the iteration and loop events. Their `id` is the iteration/loop node's id. */
export interface IterationData {
  id: string;
  nodeId: string;
  nodeType: string;
  title: string;
  /** `*_next`: the index now starting. */
  index?: number;
  /** `*_completed`. */
  status?: string;
  error?: string;
  elapsedTime?: number;
  totalTokens?: number;
  steps?: number;
  createdAt?: number;
  finishedAt?: number;
  inputs?: unknown;
  outputs?: unknown;
}

/** Chatflow: an iteration or loop node started, moved to its next round, or completed. */
export interface IterationEvent extends EventEnvelope {
  event: 'iteration_started' | 'iteration_next' | 'iteration_completed' | 'loop_started' | 'loop_next' | 'loop_completed';
  workflowRunId: string;
  data: IterationData;
}

/** Chatflow: a log line of an agent node (its strategy's steps). */
export interface AgentLogEvent extends EventEnvelope {
  event: 'agent_log';
  workflowRunId?: string;
  data: {
    nodeExecutionId: string;
    id: string;
    label: string;
    parentId?: string;
    error?: string;
    status: string;
    nodeId: string;
    data?: unknown;
    metadata?: unknown;
  };
}

/** A fatal error inside a 200 stream. The server closes the stream after it; there is no `message_end`. */
export interface ErrorEvent extends EventEnvelope {
  event: 'error';
  /** Dify's code, e.g. `invalid_param`, `completion_request_error`, `internal_server_error`. */
  code: string;
  /** Informational: the stream's HTTP status stays 200. */
  status: number;
  /** Dify's message; `""` when Dify sent `null`. */
  message: string;
}

/** A keep-alive (`event: ping` with no data). Dify sends one about every 10 s, and newer chatflows one first. */
export interface PingEvent {
  event: 'ping';
}

/** Any event of a chat stream. Switch on `event`; for `message_file`, on `form`. */
export type DifyEvent =
  | MessageEvent
  | MessageFileTextEvent
  | MessageFileEvent
  | AgentThoughtEvent
  | MessageReplaceEvent
  | MessageEndEvent
  | TtsMessageEvent
  | WorkflowStartedEvent
  | WorkflowFinishedEvent
  | NodeStartedEvent
  | NodeFinishedEvent
  | IterationEvent
  | AgentLogEvent
  | ErrorEvent
  | PingEvent;

/** Every event name the decoder understands. Frames with other names are ignored. */
export type DifyEventName = DifyEvent['event'];
