/**
 * The Dify Service API client for chat-style apps (chat, agent-chat, advanced-chat): one method per route.
 *
 * Every call takes an AbortSignal and rejects with a {@link DifyError} only. Requests always carry `user`
 * (JSON body for POST/DELETE, query for GET, form field for uploads) and `Authorization: Bearer <key>`
 * (except `GET /`). GETs are retried on network errors, 429 and 5xx; nothing else is ever re-sent, so a
 * chat message is never posted twice. See `http.ts` for the exchange (`exchange.ts` for timeouts, `retry.ts`
 * for retries, `failures.ts` for errors) and `stream.ts` for decoding.
 */
import { readBody } from './body';
import { DifyError } from './errors';
import type { DifyEvent } from './events';
import type { Exchange } from './exchange';
import { Http, type HttpRequest, MAX_ERROR_BODY_BYTES } from './http';
import type { RequestTarget } from './problems';
import type { RequestLogEntry } from './requestLog';
import { abortableSleep } from './retry';
import { scrubConversation, scrubEvent, scrubHistoryMessage } from './serverText';
import { DEFAULT_MAX_EVENT_BYTES, DifyStreamDecoder } from './stream';
import type {
  AppInfo,
  AppMeta,
  AppParameters,
  BlockingChatResponse,
  ChatRequest,
  Conversation,
  ConversationSort,
  ConversationVariable,
  FeedbackRating,
  HistoryMessage,
  Page,
  ServerInfo,
  SpeechAudio,
  UploadedFile,
} from './types';
import { chatRequestToWire } from './wire/request';
import {
  appInfoFromWire,
  appMetaFromWire,
  appParametersFromWire,
  blockingChatFromWire,
  conversationFromWire,
  conversationVariableFromWire,
  errorEnvelopeFromWire,
  historyMessageFromWire,
  pageFromWire,
  renamedConversationFromWire,
  resultFromWire,
  serverInfoFromWire,
  suggestedFromWire,
  uploadedFileFromWire,
} from './wire/rest';

export type { RequestLogEntry } from './requestLog';

/** How to reach one Dify app. */
export interface DifyClientOptions {
  /** The API base, e.g. `http://localhost/v1`; a trailing slash is tolerated. */
  baseUrl: string;
  /** The app's API key (`app-…`). Sent only in the Authorization header; never logged or put in an error. */
  apiKey: string;
  /** The end-user id every request carries. */
  user: string;
  /** Injectable for tests; default `globalThis.fetch` (undici in Node 20). */
  fetch?: typeof globalThis.fetch;
  /** No first byte within this long → `timeout`. Default 120 000 ms: a local model's cold start can take a minute or more. */
  connectTimeoutMs?: number;
  /** No byte for this long while reading → `timeout`. Default 120 000 ms (Dify pings every 10 s). */
  idleTimeoutMs?: number;
  /** The largest stream event (and JSON answer) accepted; beyond it → `tooLarge`. Default 16 MiB. */
  maxEventBytes?: number;
  /** Retries of a GET after a network error, 429 or 5xx. Default 2. */
  maxRetries?: number;
  /** Waits between retries (backoff, `Retry-After`); injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Receives one entry per attempt: method, path + query, status, duration, attempt, error kind. Never headers. */
  onRequest?: (entry: RequestLogEntry) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 120_000;
const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RETRIES = 2;

/** Encodes one path segment (ids are UUIDs, but a task id is any string). */
const seg = encodeURIComponent;

/** A Dify Service API client for one app and one end user. */
export class DifyClient {
  /** The normalised base URL (no trailing slash). */
  readonly baseUrl: string;
  private readonly http: Http;
  private readonly user: string;
  private readonly maxEventBytes: number;
  /** How long the tail of a stream after `message_end` may take in all: one idle timeout. */
  private readonly tailMs: number;
  private readonly scrub = (text: string): string => this.http.scrub(text);

  constructor(options: DifyClientOptions) {
    this.user = options.user;
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.tailMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.http = new Http({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      maxRetries: Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES),
      maxBodyBytes: this.maxEventBytes,
      sleep: options.sleep ?? abortableSleep,
      onRequest: options.onRequest,
      random: Math.random,
      now: () => performance.now() + performance.timeOrigin,
    });
    this.baseUrl = this.http.base;
  }

  /** `GET /` (the base URL itself), without the key: is this Dify's API, and which version. */
  root(signal?: AbortSignal): Promise<ServerInfo> {
    return this.http.json({ method: 'GET', path: '/', auth: false, idempotent: true, target: 'apiRoot' }, signal, serverInfoFromWire);
  }

  /** `GET /info`: the app's name, mode and tags. */
  info(signal?: AbortSignal): Promise<AppInfo> {
    return this.get('/info', {}, 'appInfo', signal, appInfoFromWire);
  }

  /** `GET /parameters`: opening statement, input form, features. */
  parameters(signal?: AbortSignal): Promise<AppParameters> {
    return this.get('/parameters', {}, 'appParameters', signal, appParametersFromWire);
  }

  /** `GET /meta`: tool icons. */
  meta(signal?: AbortSignal): Promise<AppMeta> {
    return this.get('/meta', {}, 'appMeta', signal, appMetaFromWire);
  }

  /**
   * `POST /chat-messages` in streaming mode: yields the typed events as they arrive.
   *
   * Throws a DifyError for an HTTP error before the stream, for network, TLS and timeout failures, for an
   * event over `maxEventBytes` (`tooLarge`), on abort (`aborted`), and with kind `interrupted` when the
   * stream ends (or breaks) without `message_end` or `error`, after yielding everything that arrived. An
   * `error` frame is yielded as an event, and the generator then returns. Reading goes on past
   * `workflow_finished` and past `message_end` (speech may follow) until the server closes the stream, but
   * the tail after `message_end` is bounded: it ends quietly after one idle timeout in all, or past
   * `maxEventBytes` (a proxy may keep the connection open); a broken or stalled tail no longer throws (the
   * answer is complete). The server's error texts come with the key removed (`serverText.ts`).
   * The request is sent once, on the first `next()` (a generator starts lazily), and never re-sent.
   */
  async *chatStream(req: ChatRequest, signal?: AbortSignal): AsyncGenerator<DifyEvent, void, undefined> {
    const hreq: HttpRequest = {
      method: 'POST',
      path: '/chat-messages',
      json: chatRequestToWire(req, this.user, 'streaming'),
      idempotent: false,
      target: 'chatMessage',
    };
    const { response, exchange } = await this.http.open(hreq, signal);
    let errorKind: DifyError['kind'] | undefined;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    try {
      const contentType = response.headers.get('content-type') ?? '';
      if (response.body === null || (contentType !== '' && !contentType.toLowerCase().includes('text/event-stream'))) {
        throw await this.notAStream(response, contentType, exchange, hreq.target);
      }
      reader = response.body.getReader();
      const decoder = new DifyStreamDecoder({ maxEventBytes: this.maxEventBytes });
      const scrub = (text: string): string => this.http.scrub(text);
      let ended = false;
      let tailBytes = 0;
      for (;;) {
        let chunk: Uint8Array | undefined;
        try {
          chunk = await this.http.read(reader, exchange);
        } catch (e) {
          const err = this.streamReadError(e, exchange);
          if (ended && err.kind !== 'aborted') return;
          throw err;
        }
        if (chunk === undefined) break;
        if (ended && (tailBytes += chunk.length) > this.maxEventBytes) return;
        for (const ev of decoder.push(chunk)) {
          yield scrubEvent(ev, scrub);
          if (ev.event === 'message_end' && !ended) {
            ended = true;
            exchange.deadline(this.tailMs);
          } else if (ev.event === 'error') return;
        }
        // An oversized or non-JSON frame: thrown after the events that came before it (after the end, dropped).
        if (decoder.failure !== undefined) {
          if (ended) return;
          throw decoder.failure;
        }
      }
      const cutMidFrame = decoder.end();
      if (!ended) throw this.http.failures.streamEnded(response.status, cutMidFrame);
    } catch (e) {
      const err = e instanceof DifyError ? e : this.http.failures.fromThrown(e, exchange, hreq.target, response.status);
      errorKind = err.kind;
      throw err;
    } finally {
      exchange.finish();
      reader?.cancel().catch(() => undefined);
      this.http.log(hreq, exchange, 1, response.status, errorKind);
    }
  }

  /** `POST /chat-messages` in blocking mode (not for agent apps, which Dify only streams). Never re-sent. */
  chatBlocking(req: ChatRequest, signal?: AbortSignal): Promise<BlockingChatResponse> {
    return this.http.json(
      { method: 'POST', path: '/chat-messages', json: chatRequestToWire(req, this.user, 'blocking'), idempotent: false, target: 'chatMessage' },
      signal,
      blockingChatFromWire,
    );
  }

  /** `POST /chat-messages/:task_id/stop`. Dify answers 200 even for an unknown task. */
  async stop(taskId: string, signal?: AbortSignal): Promise<void> {
    await this.post(`/chat-messages/${seg(taskId)}/stop`, {}, 'stopRequest', signal, (b) => resultFromWire(b, 'stop answer'));
  }

  /** `POST /messages/:id/feedbacks`: like, dislike, or `null` to revoke. */
  async feedback(messageId: string, rating: FeedbackRating, content?: string, signal?: AbortSignal): Promise<void> {
    const body: Record<string, unknown> = { rating };
    if (content !== undefined) body['content'] = content;
    await this.post(`/messages/${seg(messageId)}/feedbacks`, body, 'message', signal, (b) => resultFromWire(b, 'feedback answer'));
  }

  /**
   * `GET /messages`: one page of a conversation's history, oldest first within the page. Page backwards
   * with `firstId` = the first item's id of the previous page while `hasMore`.
   */
  messages(q: { conversationId: string; firstId?: string; limit?: number }, signal?: AbortSignal): Promise<Page<HistoryMessage>> {
    return this.get(
      '/messages',
      { conversation_id: q.conversationId, first_id: q.firstId, limit: q.limit },
      'messageList',
      signal,
      (b) => pageFromWire(b, 'message list', (o) => scrubHistoryMessage(historyMessageFromWire(o), this.scrub)),
    );
  }

  /** `GET /messages/:id/suggested`: follow-up questions (may be empty). */
  suggested(messageId: string, signal?: AbortSignal): Promise<string[]> {
    return this.get(`/messages/${seg(messageId)}/suggested`, {}, 'message', signal, suggestedFromWire);
  }

  /** `GET /conversations`: one page, newest-updated first by default; continue with `lastId` = the last item's id. */
  conversations(q: { lastId?: string; limit?: number; sortBy?: ConversationSort } = {}, signal?: AbortSignal): Promise<Page<Conversation>> {
    return this.get(
      '/conversations',
      { last_id: q.lastId, limit: q.limit, sort_by: q.sortBy },
      'conversationList',
      signal,
      (b) => pageFromWire(b, 'conversation list', (o) => scrubConversation(conversationFromWire(o), this.scrub)),
    );
  }

  /** `DELETE /conversations/:id` (204, no body). The body `{user}` goes with a JSON content type, as Dify requires. */
  async deleteConversation(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.json(
      { method: 'DELETE', path: `/conversations/${seg(id)}`, json: { user: this.user }, idempotent: false, target: 'conversation' },
      signal,
      () => undefined,
    );
  }

  /** `POST /conversations/:id/name`: a new name, or one Dify generates from the first question. */
  renameConversation(id: string, how: { name: string } | { autoGenerate: true }, signal?: AbortSignal): Promise<Conversation> {
    const body = 'name' in how ? { name: how.name, auto_generate: false } : { auto_generate: true };
    return this.post(`/conversations/${seg(id)}/name`, body, 'conversation', signal, (b) => scrubConversation(renamedConversationFromWire(b), this.scrub));
  }

  /** `GET /conversations/:id/variables` (chatflows): one page, oldest first; continue with `lastId`. */
  conversationVariables(
    id: string,
    q: { lastId?: string; limit?: number; variableName?: string } = {},
    signal?: AbortSignal,
  ): Promise<Page<ConversationVariable>> {
    return this.get(
      `/conversations/${seg(id)}/variables`,
      { last_id: q.lastId, limit: q.limit, variable_name: q.variableName },
      'conversation',
      signal,
      (b) => pageFromWire(b, 'variable list', conversationVariableFromWire),
    );
  }

  /** `POST /files/upload` (multipart): returns the id to send as `uploadFileId`. Never re-sent. */
  uploadFile(file: { name: string; mimeType: string; data: Uint8Array }, signal?: AbortSignal): Promise<UploadedFile> {
    const form = new FormData();
    // Copy into a plain ArrayBuffer-backed view: Blob wants one, and the caller keeps its buffer.
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.name);
    form.append('user', this.user);
    return this.http.json({ method: 'POST', path: '/files/upload', form, idempotent: false, target: 'fileUpload' }, signal, uploadedFileFromWire);
  }

  /**
   * `POST /text-to-audio`: the message's answer read aloud (`message_id` wins over text at Dify), in `voice`
   * when given. Dify answers with the audio bytes (`audio/mpeg`); at most `maxBytes` are read (default 16 MiB).
   * Never re-sent. An app without speech answers 400 "TTS is not enabled" (`badRequest`).
   */
  async textToAudio(req: { messageId: string; voice?: string; maxBytes?: number }, signal?: AbortSignal): Promise<SpeechAudio> {
    const json: Record<string, unknown> = { message_id: req.messageId, user: this.user, streaming: false };
    if (req.voice !== undefined) json['voice'] = req.voice;
    const { bytes, contentType } = await this.http.binary({ method: 'POST', path: '/text-to-audio', json, idempotent: false, target: 'message' }, signal, req.maxBytes ?? this.maxEventBytes);
    return { bytes, mimeType: contentType.split(';')[0]?.trim().toLowerCase() || 'audio/mpeg' };
  }

  private get<T>(
    path: string,
    query: Record<string, string | number | undefined>,
    target: RequestTarget,
    signal: AbortSignal | undefined,
    map: (body: unknown) => T,
  ): Promise<T> {
    return this.http.json({ method: 'GET', path, query: { ...query, user: this.user }, idempotent: true, target }, signal, map);
  }

  private post<T>(path: string, body: Record<string, unknown>, target: RequestTarget, signal: AbortSignal | undefined, map: (body: unknown) => T): Promise<T> {
    return this.http.json({ method: 'POST', path, json: { ...body, user: this.user }, idempotent: false, target }, signal, map);
  }

  /** A 2xx answer to the chat POST that is not an event stream: an error envelope, a web page, ... */
  private async notAStream(response: Response, contentType: string, exchange: Exchange, target: RequestTarget): Promise<DifyError> {
    const { bytes } = await readBody(response.body, exchange, MAX_ERROR_BODY_BYTES);
    if (contentType.toLowerCase().includes('json')) {
      const text = new TextDecoder().decode(bytes);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const env = errorEnvelopeFromWire(body);
      if (env !== undefined && env.status !== undefined && env.status >= 400) {
        return this.http.failures.fromStatus(env.status, contentType, text, target);
      }
    }
    return this.http.failures.notAStream(response.status, contentType, target);
  }

  /** A failure while reading the stream body. */
  private streamReadError(e: unknown, exchange: Exchange): DifyError {
    if (exchange.timedOut !== undefined) return this.http.failures.timeout(exchange.timedOut, 200);
    if (exchange.callerAborted) return this.http.failures.cancelled(undefined, e);
    if (e instanceof DifyError) return e;
    return this.http.failures.streamBroken(e);
  }
}
