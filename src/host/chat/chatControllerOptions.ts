import type { Scheduler } from '../../chat/coalescer';
import type { InputValues } from '../../shared/chatState';
import type { CodeContext } from '../../shared/codeContext';
import type { HostMessage } from '../../protocol';
import type { StateMemento } from '../globalStore';
import type { ChatLog } from './chatLog';

/** Where the controller's messages go: the webview view, while one is resolved. */
export interface ChatViewPort {
  post(message: HostMessage): void;
}

export type { ConversationChange } from './openConversation';

export interface ChatControllerOptions {
  log: ChatLog;
  /** Brings the chat view into sight (the view provider implements it). */
  reveal?: () => Promise<void>;
  /** Waits; injectable so tests need not wait for the auto-name. */
  sleep?: (ms: number) => Promise<void>;
  scheduler?: Scheduler;
  /** Delays before each look for Dify's auto-generated name (it arrives about 1 s after the first answer). */
  nameRefreshDelaysMs?: readonly number[];
  /** History page size. */
  historyPageSize?: number;
  /** How long a question waits for the app, profile and key to be resolved (default: the connect timeout). */
  resolveTimeoutMs?: number;
  /** Workspace state: the open conversation is remembered there and reopened after a restart. */
  memory?: StateMemento;
}

/** What a question from another feature (Ask About Selection, a chip, a code lens) may carry. */
export interface AskOptions {
  /** Start a new conversation first (when a queued question goes, just before it is sent). */
  newConversation?: boolean;
  /** The code the question is about: kept on the turn, carried to a retry, shown to the webview. */
  context?: readonly CodeContext[];
  /** With `context`: what the panel shows as the question (the query without its code sections). */
  instruction?: string;
  /** Input values for the new conversation (an app whose inputs carry the code); implies nothing by itself. */
  inputs?: InputValues;
}
