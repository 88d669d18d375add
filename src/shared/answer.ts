/**
 * The state of one answer, as the transcript reducer builds it from stream events and as the panel
 * renders it. Plain data (structured-clone safe): it crosses to the webview as is.
 *
 * Part of `src/shared`, the floor below both the host and the webview: it imports nothing. The citation,
 * usage and agent-thought shapes are Dify's, carried to the panel unchanged, so they are defined here and
 * `src/dify/types.ts` re-exports them (the webview then needs nothing from `src/dify`).
 */

/** Where an answer stands; the last four are final (see {@link isFinished}). */
export type AnswerStatus =
  /** Waiting for the first event. */
  | 'waiting'
  /** Events are arriving. */
  | 'streaming'
  /** `message_end` arrived. */
  | 'done'
  /** The user stopped it; the partial text is kept. */
  | 'stopped'
  /** An error (HTTP, error frame, network, ...); `error` says which. */
  | 'failed'
  /** The stream ended without `message_end`; the partial text is kept. */
  | 'interrupted';

/** A workflow node's status, as Dify reports it. */
export type StepStatus = 'running' | 'succeeded' | 'failed' | 'exception' | 'stopped' | 'retry' | 'partial-succeeded';

/** One chatflow node (or iteration / loop) in the workflow section of an answer. */
export interface WorkflowStep {
  /** node execution id (iteration/loop: node id). */
  id: string;
  nodeId: string;
  nodeType: string;
  title: string;
  status: StepStatus;
  /** Seconds, once finished. */
  elapsedTime?: number;
  error?: string;
  /** For iterations and loops: the current index. */
  index?: number;
  /** Set for steps inside an iteration/loop. */
  parentId?: string;
}

/** A chatflow run: its steps as they start and finish. */
export interface WorkflowState {
  runId: string;
  status: StepStatus;
  steps: WorkflowStep[];
  elapsedTime?: number;
  totalTokens?: number;
  error?: string;
}

/** An agent's thought and tool call (`agent_thought` repeats with the same id as it grows). */
export interface AgentThought {
  id: string;
  position: number;
  thought: string;
  tool: string;
  toolInput: string;
  observation: string;
  files: string[];
}

/** One citation (`retriever_resources[]`). */
export interface RetrieverResource {
  position: number;
  datasetId?: string;
  datasetName?: string;
  documentId?: string;
  documentName: string;
  segmentId?: string;
  score?: number | null;
  hitCount?: number | null;
  wordCount?: number | null;
  segmentPosition?: number | null;
  content: string;
  title?: string;
  page?: number | null;
}

/** `LLMUsage`. Prices are decimal strings on the wire and stay strings (no float rounding). */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  totalPrice?: string;
  currency?: string;
  /** Seconds. */
  latency?: number | null;
  timeToFirstToken?: number | null;
  timeToGenerate?: number | null;
}

/**
 * A file of a turn: one the assistant produced (`message_file` with a url, `message_end.files`, history), or
 * one the user attached to the question. The panel never fetches `url`: it asks the host for the bytes.
 */
export interface AnswerFile {
  id: string;
  type: string;
  /** As Dify sent it (absolute, relative or signed); empty for a file just attached (Dify has not named it yet). */
  url: string;
  belongsTo: string;
  filename?: string;
  mimeType?: string;
  size?: number;
  /** How a user's file went to Dify. */
  transferMethod?: 'local_file' | 'remote_url';
  /** For `local_file`: the id `POST /files/upload` gave it (a retry sends it again). */
  uploadFileId?: string;
  /** A small raster `data:` image of a file just attached, shown without asking the host. */
  preview?: string;
}

/**
 * The `code` of an answer restored after a restart while Dify was still writing it: the panel offers Refresh
 * (read it again from Dify) instead of Retry (ask again).
 */
export const RESTORED_ANSWER_CODE = 'reloaded';

/** What went wrong, for the UI: a kind to act on and one sentence to show. */
export interface AnswerError {
  kind: string;
  message: string;
  code?: string;
}

/** One answer, as the panel renders it. */
export interface Answer {
  status: AnswerStatus;
  /** The answer text (markdown), with `message_replace` applied. */
  text: string;
  conversationId?: string;
  messageId?: string;
  taskId?: string;
  workflow?: WorkflowState;
  thoughts: AgentThought[];
  files: AnswerFile[];
  citations: RetrieverResource[];
  usage?: Usage;
  error?: AnswerError;
  /** Why the text was replaced (`message_replace` reason), if it was. */
  replacedReason?: string;
}

/** A fresh answer before any event. */
export function emptyAnswer(): Answer {
  return { status: 'waiting', text: '', thoughts: [], files: [], citations: [] };
}

const FINISHED: ReadonlySet<AnswerStatus> = new Set<AnswerStatus>(['done', 'stopped', 'failed', 'interrupted']);

/** True once an answer can no longer change: done, stopped, failed or interrupted. */
export function isFinished(answer: Answer): boolean {
  return FINISHED.has(answer.status);
}
