/**
 * The one protocol between the extension host and the chat webview.
 *
 * Both directions are a map from message type to payload, turned into discriminated unions. The host
 * trusts nothing the webview sends: every webview -> host message goes through {@link isWebviewMessage}
 * (exact key sets, types, string lengths, enums) before anything looks at it. No message can name a
 * command, a URI scheme of its choosing or a file: the host decides what each fixed message type does.
 *
 * Pure TypeScript (no vscode, no DOM): the webview bundles this file too. The view model the messages
 * carry lives one floor below, in `src/shared` (so does the link rule, `shared/links.ts`); the rules both
 * sides apply to messages (which hrefs `openLink` takes, what a code fence's language tag may hold, what a
 * `send` cannot carry) are exported here so the webview does not keep copies of them.
 */
import type { Answer } from './shared/answer';
import type { AttachmentView, ChatSettings, ChatState, ChipView, ConversationView, InputValues, QueuedQuestionView, Rating, Turn } from './shared/chatState';
import { MAX_ATTACHMENT_BYTES } from './shared/fileRules';
import { hasExactKeys, isBoundedString, isPlainObject } from './shared/guards';
import { openableLink, openableWebLink } from './shared/links';

// ---------------------------------------------------------------------------------------------------
// Host -> webview
// ---------------------------------------------------------------------------------------------------

/** The fields of an answer that changed since the last update. */
export interface TurnUpdate {
  turnId: string;
  /** Fields to set (a `text` here replaces the whole text). */
  patch: Partial<Answer>;
  /** Text to append to the current text (the common case while streaming; never together with `patch.text`). */
  append?: string;
  /** Optional fields that became undefined (JSON would drop an undefined value). */
  unset?: Array<keyof Answer>;
}

/** Applies a {@link TurnUpdate} to an answer: the receiving side of the host's coalescer. */
export function applyTurnUpdate(answer: Answer, update: Omit<TurnUpdate, 'turnId'>): Answer {
  const next: Answer = { ...answer, ...update.patch };
  if (update.append) next.text = answer.text + update.append;
  for (const key of update.unset ?? []) delete next[key];
  return next;
}

/** A message with nothing but its type. */
export type NoPayload = Record<never, never>;

export interface HostMessageMap {
  /** The full snapshot: after `ready`, New chat, opening a conversation, a profile change. */
  state: { state: ChatState };
  /** A question was sent: its turn, with an answer still waiting. */
  turnAdded: { turn: Turn };
  /** An older page of history (Load earlier messages): its turns go before the oldest shown. */
  olderTurns: { turns: Turn[]; conversation: ConversationView };
  /** Incremental answer changes, coalesced to at most one per ~50 ms per stream (the first text at once). */
  turnUpdate: TurnUpdate;
  /** Feedback or follow-up suggestions of a turn changed. */
  turnMeta: { turnId: string; feedback?: Rating | null; suggestions?: string[] };
  conversation: { conversation: ConversationView; inputsLocked: boolean };
  busy: { busy: boolean };
  settings: { settings: ChatSettings };
  /** A short, transient line for the user (e.g. "Copied.", or why a rating could not be sent). */
  notice: { level: 'info' | 'error'; message: string };
  /** Put the caret in the composer. */
  focusComposer: NoPayload;
  /** Put text back in the composer (a question the host could not send yet, so it is never lost). */
  draft: { text: string };
  /** The questions waiting for the answer in flight changed. */
  queue: { queue: QueuedQuestionView[] };
  /** The context chips changed. */
  chips: { chips: ChipView[] };
  /** The chips' code is over the size limit: the question did not go (its text is back in the box). */
  chipsTooLarge: { message: string };
  /** The `@` file pick closed: `added` when a file became a chip (the typed `@` then goes). */
  filePicked: { added: boolean };
  /** The attachments changed (added, uploaded, failed, removed). */
  attachments: { attachments: AttachmentView[] };
  /** A turn's file, fetched by the host for the panel: a raster `data:` URL to show, or one sentence why not. */
  fileData: { turnId: string; fileId: string; dataUrl?: string; error?: string };
  /** Read Aloud: the answer's speech as a `data:` URL, or one sentence why there is none (with Retry). */
  audio: { turnId: string; dataUrl?: string; error?: string };
  /** Speech Dify streams with an answer (auto-play): one base64 MP3 chunk; `last` after the final one. */
  audioChunk: { turnId: string; audio: string; last: boolean };
}

export type HostMessageType = keyof HostMessageMap;
export type HostMessage = { [K in HostMessageType]: { type: K } & HostMessageMap[K] }[HostMessageType];
export type HostMessageOf<K extends HostMessageType> = Extract<HostMessage, { type: K }>;

// ---------------------------------------------------------------------------------------------------
// Webview -> host
// ---------------------------------------------------------------------------------------------------

export interface WebviewMessageMap {
  /** The webview loaded (or reloaded) and wants the full state. */
  ready: NoPayload;
  /** Send a question with the input form's values. */
  send: { text: string; inputs: InputValues };
  /** Stop the streaming answer. */
  stop: NoPayload;
  /** Send a failed turn's question again, as a new turn. */
  retry: { turnId: string };
  newChat: NoPayload;
  /** Rate an answer; null revokes the rating. */
  feedback: { turnId: string; rating: Rating | null };
  /** Put text on the clipboard (an answer or a code block). */
  copy: { text: string };
  /** Insert code at the cursor of the last active text editor. */
  insertCode: { code: string; language: string };
  /** Open code in a new untitled editor. */
  openCode: { code: string; language: string };
  /** Open an http(s) or mailto link in the browser (the host checks it again). */
  openLink: { href: string };
  /** The input form changed (kept per conversation by the host). */
  inputsChanged: { inputs: InputValues };
  /** The welcome's "Set API key" button. */
  setKey: NoPayload;
  /** Load the previous page of this conversation's history. */
  loadOlder: NoPayload;
  /** Take a queued question back before it is sent. */
  unqueue: { id: string };
  /** Remove a context chip. */
  removeChip: { id: string };
  /** `@` was typed at the start of a word: open the workspace's file pick. */
  pickFile: NoPayload;
  /** Send again, the chips' code cut to the size limit (after `chipsTooLarge`). */
  sendTruncated: { text: string; inputs: InputValues };
  /** Put an answer's code block back into the code (the host works out where, and shows a diff). */
  applyCode: { turnId: string; code: string; language: string };
  /** The Attach button: the host opens a file picker. */
  attachPick: NoPayload;
  /** A pasted or dropped file: its name, media type and bytes (base64, at most {@link MAX_ATTACHMENT_BYTES}). */
  attachData: { name: string; mimeType: string; data: string };
  /** A pasted http(s) URL, to go as `remote_url`. */
  attachUrl: { url: string };
  removeAttachment: { id: string };
  retryAttachment: { id: string };
  /** Show a turn's file: the host fetches it (never the panel) and answers with `fileData`. */
  loadFile: { turnId: string; fileId: string };
  /** Save a turn's file (Save As…). */
  saveFile: { turnId: string; fileId: string };
  /** Read an answer aloud: the host asks Dify for the speech and answers with `audio`. */
  readAloud: { turnId: string };
}

export type WebviewMessageType = keyof WebviewMessageMap;
export type WebviewMessage = { [K in WebviewMessageType]: { type: K } & WebviewMessageMap[K] }[WebviewMessageType];
export type WebviewMessageOf<K extends WebviewMessageType> = Extract<WebviewMessage, { type: K }>;

// ---------------------------------------------------------------------------------------------------
// Limits and validators
// ---------------------------------------------------------------------------------------------------

/** Bounds on what the webview may send; anything larger is dropped as malformed. */
export const LIMITS = {
  /** A question. Far above any model's context in characters, but bounded. */
  question: 100_000,
  /** Text to copy, insert or open (a whole answer or code block). */
  text: 2_000_000,
  /** Turn ids are UUIDs; leave room for other schemes. */
  id: 128,
  language: 64,
  href: 8_192,
  inputKeys: 100,
  inputKey: 128,
  inputValue: 100_000,
  fileName: 255,
  mimeType: 127,
  /** The base64 of the largest attachment a paste or drop may carry. */
  attachmentBase64: Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4,
} as const;

type Validator = (m: Record<string, unknown>) => boolean;

/** Keys that must never be accepted as data keys: they reach prototypes when copied carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Dify variable names: a letter or underscore, then letters, digits, underscores. */
const INPUT_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A code fence's language tag (`ts`, `c++`, `objective-c`, `c#`, `shell-session`...). */
const LANGUAGE = /^[A-Za-z0-9_+#.-]*$/;
/** What a language tag may not hold (the complement of {@link LANGUAGE}). */
const NOT_LANGUAGE = /[^A-Za-z0-9_+#.-]/g;
/** The link schemes the panel may ask the host to open. */
const OPENABLE_HREF = /^(https?:|mailto:)/i;

/** True for what an input's value may be: a string or a finite number (its length aside). */
function isInputValueType(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

/** True for a value an input may carry: a string within the limit, or a finite number. */
function isInputValue(v: unknown): boolean {
  return isInputValueType(v) && (typeof v !== 'string' || v.length <= LIMITS.inputValue);
}

/** True for a key an input may have: a Dify variable name within the limit, never a prototype's. */
function isInputKey(k: string): boolean {
  return !FORBIDDEN_KEYS.has(k) && k.length <= LIMITS.inputKey && INPUT_KEY.test(k);
}

function isInputValues(x: unknown): x is InputValues {
  if (!isPlainObject(x)) return false;
  const keys = Object.keys(x);
  if (keys.length > LIMITS.inputKeys) return false;
  return keys.every((k) => isInputKey(k) && isInputValue(x[k]));
}

/**
 * Why a question and its input values cannot go out in a `send`, as data (each side words it):
 * `question` too long, more `inputs` than fit, one input's `value` too long, or an input whose `name`
 * (or value type) no `send` can carry. Limits are reported with the limit itself.
 */
export type SendRefusal =
  | { reason: 'questionTooLong'; max: number }
  | { reason: 'tooManyInputs'; max: number }
  | { reason: 'inputTooLong'; key: string; max: number }
  | { reason: 'inputNotSendable'; key: string };

/**
 * What stops this question and these values from passing the `send` validator, or undefined when
 * nothing does (a blank question aside: the panel never sends one). The webview asks before it clears
 * the composer; the host asks about a `send` it refused, to tell the panel why.
 */
export function sendRefusal(text: string, inputs: Record<string, unknown>): SendRefusal | undefined {
  const keys = Object.keys(inputs);
  const unsendable = keys.find((k) => !isInputKey(k) || !isInputValueType(inputs[k]));
  if (unsendable !== undefined) return { reason: 'inputNotSendable', key: unsendable };
  if (text.length > LIMITS.question) return { reason: 'questionTooLong', max: LIMITS.question };
  if (keys.length > LIMITS.inputKeys) return { reason: 'tooManyInputs', max: LIMITS.inputKeys };
  const long = keys.find((k) => !isInputValue(inputs[k]));
  if (long !== undefined) return { reason: 'inputTooLong', key: long, max: LIMITS.inputValue };
  return undefined;
}

/**
 * For a message the validator refused: the size limit it broke, when it is a `send` in every other way
 * (exactly its keys, a question, inputs named and typed as a panel sends them). An honest panel can
 * reach these limits, so the host says why; anything else malformed is dropped without a word.
 */
export function sendOverLimit(x: unknown): Exclude<SendRefusal, { reason: 'inputNotSendable' }> | undefined {
  if (!isPlainObject(x) || x['type'] !== 'send' || !hasExactKeys(x, ['type', 'text', 'inputs'])) return undefined;
  const text = x['text'];
  const inputs = x['inputs'];
  if (typeof text !== 'string' || text.trim() === '' || !isPlainObject(inputs)) return undefined;
  const refusal = sendRefusal(text, inputs);
  return refusal?.reason === 'inputNotSendable' ? undefined : refusal;
}

/**
 * True for an href the panel may send in `openLink`: it starts with http:, https: or mailto: and is a
 * link {@link openableLink} accepts (the host opens what that function makes of it, never the raw href).
 */
export function isOpenableHref(href: string): boolean {
  return OPENABLE_HREF.test(href) && openableLink(href) !== null;
}

/** A code fence's info string as the language tag `insertCode`/`openCode` accept: disallowed characters dropped, bounded. */
export function toLanguageTag(info: string): string {
  return info.replace(NOT_LANGUAGE, '').slice(0, LIMITS.language);
}

function isLanguageTag(x: unknown): boolean {
  return isBoundedString(x, LIMITS.language) && LANGUAGE.test(x);
}

/** A media type as a browser gives it (`image/png`), or empty when it gave none. */
const MIME_TYPE = /^([a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*)?$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A pasted or dropped file: a plain name (no path), a media type, base64 bytes within the cap. */
function isAttachData(m: Record<string, unknown>): boolean {
  const name = m['name'];
  const data = m['data'];
  return (
    isBoundedString(name, LIMITS.fileName, 1) &&
    !/[\\/]/.test(name) &&
    ![...name].some((c) => c.charCodeAt(0) < 0x20) &&
    isBoundedString(m['mimeType'], LIMITS.mimeType) &&
    MIME_TYPE.test(m['mimeType']) &&
    isBoundedString(data, LIMITS.attachmentBase64, 4) &&
    data.length % 4 === 0 &&
    BASE64.test(data)
  );
}

function isTurnFile(m: Record<string, unknown>): boolean {
  return isBoundedString(m['turnId'], LIMITS.id, 1) && isBoundedString(m['fileId'], LIMITS.id, 1);
}

function isHref(x: unknown): boolean {
  return isBoundedString(x, LIMITS.href, 1) && isOpenableHref(x);
}

/** Per type: the payload keys allowed (all required) and the check of their values. */
const WEBVIEW_SCHEMA: { [K in WebviewMessageType]: { keys: readonly (keyof WebviewMessageMap[K])[]; valid: Validator } } = {
  ready: { keys: [], valid: () => true },
  send: { keys: ['text', 'inputs'], valid: (m) => isBoundedString(m['text'], LIMITS.question, 1) && m['text'].trim() !== '' && isInputValues(m['inputs']) },
  stop: { keys: [], valid: () => true },
  retry: { keys: ['turnId'], valid: (m) => isBoundedString(m['turnId'], LIMITS.id, 1) },
  newChat: { keys: [], valid: () => true },
  feedback: {
    keys: ['turnId', 'rating'],
    valid: (m) => isBoundedString(m['turnId'], LIMITS.id, 1) && (m['rating'] === null || m['rating'] === 'like' || m['rating'] === 'dislike'),
  },
  copy: { keys: ['text'], valid: (m) => isBoundedString(m['text'], LIMITS.text) },
  insertCode: { keys: ['code', 'language'], valid: (m) => isBoundedString(m['code'], LIMITS.text) && isLanguageTag(m['language']) },
  openCode: { keys: ['code', 'language'], valid: (m) => isBoundedString(m['code'], LIMITS.text) && isLanguageTag(m['language']) },
  openLink: { keys: ['href'], valid: (m) => isHref(m['href']) },
  inputsChanged: { keys: ['inputs'], valid: (m) => isInputValues(m['inputs']) },
  setKey: { keys: [], valid: () => true },
  loadOlder: { keys: [], valid: () => true },
  unqueue: { keys: ['id'], valid: (m) => isBoundedString(m['id'], LIMITS.id, 1) },
  removeChip: { keys: ['id'], valid: (m) => isBoundedString(m['id'], LIMITS.id, 1) },
  pickFile: { keys: [], valid: () => true },
  sendTruncated: { keys: ['text', 'inputs'], valid: (m) => isBoundedString(m['text'], LIMITS.question, 1) && m['text'].trim() !== '' && isInputValues(m['inputs']) },
  applyCode: { keys: ['turnId', 'code', 'language'], valid: (m) => isBoundedString(m['turnId'], LIMITS.id, 1) && isBoundedString(m['code'], LIMITS.text) && isLanguageTag(m['language']) },
  attachPick: { keys: [], valid: () => true },
  attachData: { keys: ['name', 'mimeType', 'data'], valid: isAttachData },
  attachUrl: { keys: ['url'], valid: (m) => isBoundedString(m['url'], LIMITS.href, 1) && openableWebLink(m['url']) !== null },
  removeAttachment: { keys: ['id'], valid: (m) => isBoundedString(m['id'], LIMITS.id, 1) },
  retryAttachment: { keys: ['id'], valid: (m) => isBoundedString(m['id'], LIMITS.id, 1) },
  loadFile: { keys: ['turnId', 'fileId'], valid: isTurnFile },
  saveFile: { keys: ['turnId', 'fileId'], valid: isTurnFile },
  readAloud: { keys: ['turnId'], valid: (m) => isBoundedString(m['turnId'], LIMITS.id, 1) },
};

/** The message types the webview may send. */
export const WEBVIEW_MESSAGE_TYPES = Object.keys(WEBVIEW_SCHEMA) as WebviewMessageType[];

function isWebviewMessageType(t: unknown): t is WebviewMessageType {
  return typeof t === 'string' && Object.prototype.hasOwnProperty.call(WEBVIEW_SCHEMA, t);
}

/**
 * True when `x` is exactly one of the webview -> host messages: a plain object whose `type` is known,
 * carrying exactly that type's keys (no more, no fewer) with values of the right types and lengths.
 */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isPlainObject(x)) return false;
  const type = x['type'];
  if (!isWebviewMessageType(type)) return false;
  const schema = WEBVIEW_SCHEMA[type];
  return hasExactKeys(x, ['type', ...(schema.keys as readonly string[])]) && schema.valid(x);
}

/** Why a value was rejected, for the debug log (never echoes the value itself). */
export function describeInvalidMessage(x: unknown): string {
  if (!isPlainObject(x)) return 'not a plain object';
  const type = x['type'];
  if (!isWebviewMessageType(type)) return `unknown type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}`;
  return `malformed ${type} message`;
}

/** A copy of validated input values on a null-prototype object, so later merges cannot reach a prototype. */
export function copyInputValues(values: InputValues): InputValues {
  const out = Object.create(null) as InputValues;
  for (const [k, v] of Object.entries(values)) {
    if (!FORBIDDEN_KEYS.has(k)) out[k] = v;
  }
  return out;
}

/** Compile-time exhaustiveness helper for switches over message types. */
export function assertNever(x: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(x)}`);
}
