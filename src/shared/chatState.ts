/**
 * The chat panel's view model: what the host holds and the webview draws (the app, the connection, the
 * conversation and its turns). Plain data, structured-clone safe. Part of `src/shared`: imports only from
 * this folder.
 */
import type { Answer, AnswerFile } from './answer';
import type { CodeContext } from './codeContext';
import type { FileKind, UploadRules } from './fileRules';

/** The input form field types the panel renders (Dify has more, e.g. `file`; those are not shown). */
export const INPUT_FIELD_TYPES = ['text-input', 'paragraph', 'select', 'number'] as const;
/** One of {@link INPUT_FIELD_TYPES}. */
export type InputFieldType = (typeof INPUT_FIELD_TYPES)[number];

/** One field of the app's `user_input_form`, as the panel renders it. */
export interface InputFieldView {
  type: InputFieldType;
  label: string;
  variable: string;
  required: boolean;
  default?: string | number;
  maxLength?: number;
  options?: string[];
}

/** A value of the input form: text for text/paragraph/select, a number for number fields. */
export type InputValue = string | number;
/** The input form's values by variable name. */
export type InputValues = Record<string, InputValue>;

/** What the panel shows about the app before the first question. */
export interface AppView {
  name: string;
  description: string;
  /** Dify's mode string (`chat`, `agent-chat`, `advanced-chat`, ...). */
  mode: string;
  openingStatement: string;
  suggestedQuestions: string[];
  /** Whether the app offers follow-up questions after an answer. */
  suggestedAfterAnswer: boolean;
  inputForm: InputFieldView[];
  /** What may be attached (Attach, paste, drop); absent or disabled: nothing. */
  uploads?: UploadRules;
  /** Answers can be read aloud (`text_to_speech`); `autoPlay`: Dify streams the speech with each answer. */
  speech?: { enabled: boolean; autoPlay: boolean; voice?: string };
}

/** The panel's view of the connection (the status bar has its own, finer one). */
export type PanelConnectionStatus =
  /** The active profile has no API key: the panel shows the welcome with "Set API key". */
  | 'noKey'
  /** Fetching /info and /parameters. */
  | 'loading'
  | 'ready'
  /** /info or /parameters failed; `message` says why in one sentence. */
  | 'error';

/** The connection as the panel's header and welcome show it. */
export interface ConnectionView {
  status: PanelConnectionStatus;
  profileName: string;
  message?: string;
}

/** The user's rating of an answer, as Dify stores it. */
export type Rating = 'like' | 'dislike';

/** One question and its answer. */
export interface Turn {
  id: string;
  question: string;
  answer: Answer;
  /** The user's rating of this answer (null: none). */
  feedback: Rating | null;
  /** Follow-up questions offered after this answer (only the latest turn gets them). */
  suggestions: string[];
  /** The code the question was asked about (a selection, a symbol, a file, a chip), if any; a retry keeps it. */
  context?: CodeContext[];
  /**
   * With `context`: the question without its code sections (the instruction or the user's words). The panel shows
   * this, then each piece of code as a collapsible block; `question` stays the whole query as sent.
   */
  instruction?: string;
  /** The files attached to the question (just attached, or `message_files` of the user from history). */
  files?: AnswerFile[];
  /** The id of the failed turn this one retries, if it is a retry. */
  retryOf?: string;
  /** True for turns loaded from GET /messages rather than streamed in this session. */
  fromHistory?: boolean;
}

/** The conversation shown: its id and name once Dify gave them, and where its history paging stands. */
export interface ConversationView {
  /** Undefined until the first answer names it. */
  id?: string;
  /** Dify's name for it; the auto-generated one arrives about a second after the first answer. */
  name?: string;
  /** Older messages exist (history is paged backwards). */
  hasOlder: boolean;
  loadingOlder: boolean;
}

/** The settings the panel applies. */
export interface ChatSettings {
  /** `dify.chat.fontSize`, in pixels. */
  fontSize: number;
}

/** A context chip above the message box: code that goes with the next question. */
export interface ChipView {
  id: string;
  /** "src/a.ts · lines 3–9", or the file name for a whole file. */
  label: string;
  /** The first lines, for the tooltip. */
  preview: string;
}

/** An attachment above the message box: a file that goes with the next question, uploading or uploaded. */
export interface AttachmentView {
  id: string;
  name: string;
  kind: FileKind;
  /** Bytes; absent for a URL (Dify fetches it). */
  size?: number;
  /** `uploading` until Dify answered; `failed` with `error` (one sentence) and Retry; `ready` to go. */
  status: 'uploading' | 'ready' | 'failed';
  error?: string;
  /** A small raster `data:` image of an image attachment. */
  preview?: string;
  /** For a URL Dify fetches itself. */
  url?: string;
}

/** A question waiting for the answer in flight, as the panel lists it. */
export interface QueuedQuestionView {
  id: string;
  /** What was asked (without the code). */
  question: string;
  /** The files its code is from, if any. */
  files?: string[];
}

/** The full state of the panel: what a webview that (re)appears needs to draw everything. */
export interface ChatState {
  connection: ConnectionView;
  app?: AppView;
  conversation: ConversationView;
  turns: Turn[];
  /** An answer is streaming: sending is blocked and the composer shows Stop. */
  busy: boolean;
  /** The input form values of this conversation. */
  inputs: InputValues;
  /** The conversation has started: its inputs can no longer change. */
  inputsLocked: boolean;
  settings: ChatSettings;
  /** Questions waiting for the answer in flight, first to go first. */
  queue: QueuedQuestionView[];
  /** Code that goes with the next question. */
  chips: ChipView[];
  /** Files that go with the next question. */
  attachments: AttachmentView[];
}
