/**
 * The state of one answer, as the transcript reducer builds it from stream events and as the panel
 * renders it. Plain data (structured-clone safe): it crosses to the webview as is.
 */
import type { RetrieverResource, StoredAgentThought, Usage } from '../dify/types';

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

export interface WorkflowState {
  runId: string;
  status: StepStatus;
  steps: WorkflowStep[];
  elapsedTime?: number;
  totalTokens?: number;
  error?: string;
}

/** An agent's thought and tool call (`agent_thought` repeats with the same id as it grows): a stored thought less its time. */
export type AgentThought = Omit<StoredAgentThought, 'createdAt'>;

/** A file the assistant produced (`message_file` with a url). */
export interface AnswerFile {
  id: string;
  type: string;
  url: string;
  belongsTo: string;
}

/** What went wrong, for the UI: a kind to act on and one sentence to show. */
export interface AnswerError {
  kind: string;
  message: string;
  code?: string;
}

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
