/**
 * In-memory state per app key and end user: conversations, messages, feedback, conversation variables and
 * uploaded files. Times are kept in microseconds and printed as integer seconds on the wire. A conversation's
 * `created_at`/`updated_at` are whole seconds, as Dify stores them: conversations created or continued in
 * the same second tie, which is what makes Dify's strict `last_id` cursor skip rows at a page boundary.
 * Messages keep exact times, so a conversation's history orders as it was written.
 */
import { randomUUID } from 'node:crypto';
import type { PyJson } from './pyjson';

export interface EndUser {
  id: string;
  appKey: string;
  sessionId: string;
}

export interface AgentThought {
  id: string;
  position: number;
  thought: string;
  observation: string;
  tool: string;
  toolLabels: Record<string, PyJson>;
  toolInput: string;
  files: string[];
  createdUs: number;
}

export interface MessageFile {
  id: string;
  filename: string;
  type: string;
  url: string;
  mimeType: string;
  size: number;
  transferMethod: string;
  belongsTo: 'user' | 'assistant';
  uploadFileId: string | null;
}

export interface Feedback {
  id: string;
  rating: 'like' | 'dislike';
  content: string | null;
  createdUs: number;
  updatedUs: number;
}

export interface Message {
  id: string;
  conversationId: string;
  appKey: string;
  endUserId: string;
  inputs: Record<string, PyJson>;
  query: string;
  answer: string;
  files: MessageFile[];
  feedback: Feedback | null;
  retrieverResources: PyJson[];
  agentThoughts: AgentThought[];
  createdUs: number;
  status: 'normal' | 'error';
  error: string | null;
}

export interface Variable {
  id: string;
  name: string;
  valueType: 'string' | 'number' | 'object';
  value: PyJson;
  description: string;
  createdUs: number;
  updatedUs: number;
}

export interface Conversation {
  id: string;
  appKey: string;
  endUserId: string;
  name: string;
  inputs: Record<string, PyJson>;
  introduction: string;
  createdUs: number;
  updatedUs: number;
  deleted: boolean;
  messages: Message[];
  variables: Variable[];
}

export interface UploadFile {
  id: string;
  appKey: string;
  name: string;
  size: number;
  extension: string;
  mimeType: string;
  createdBy: string;
  createdUs: number;
  data: Buffer;
}

export const toSeconds = (us: number): number => Math.floor(us / 1_000_000);

/** `us` cut to its whole second (still in microseconds). */
export const wholeSecond = (us: number): number => Math.floor(us / 1_000_000) * 1_000_000;

/** Python `datetime.isoformat()` of a naive UTC datetime (microseconds only when non-zero). */
export function isoSeconds(us: number): string {
  const iso = new Date(Math.floor(us / 1000)).toISOString().slice(0, 19);
  const micro = us % 1_000_000;
  return micro === 0 ? iso : `${iso}.${String(micro).padStart(6, '0')}`;
}

export type SortBy = 'created_at' | '-created_at' | 'updated_at' | '-updated_at';

export class Store {
  readonly endUsers = new Map<string, EndUser>();
  readonly conversations = new Map<string, Conversation>();
  readonly messages = new Map<string, Message>();
  readonly uploads = new Map<string, UploadFile>();
  /** Tool-generated files (agent `message_file`), served under /files/tools/. */
  readonly toolFiles = new Map<string, { data: Buffer; mimeType: string }>();
  private lastUs = 0;

  constructor(private readonly nowMs: () => number) {}

  /** A strictly increasing time, so two rows created in the same millisecond still order. */
  tick(): number {
    this.lastUs = Math.max(Math.floor(this.nowMs() * 1000), this.lastUs + 1);
    return this.lastUs;
  }

  /** The current whole second (in microseconds): a conversation's time, as Dify stores it. */
  second(): number {
    return wholeSecond(this.tick());
  }

  clear(): void {
    this.endUsers.clear();
    this.conversations.clear();
    this.messages.clear();
    this.uploads.clear();
    this.toolFiles.clear();
  }

  /** `EndUserService.get_or_create_end_user`: a missing user is the shared `DEFAULT-USER`. */
  endUser(appKey: string, sessionId: string | null): EndUser {
    const session = sessionId ?? 'DEFAULT-USER';
    const k = `${appKey}\u0000${session}`;
    let u = this.endUsers.get(k);
    if (!u) {
      u = { id: randomUUID(), appKey, sessionId: session };
      this.endUsers.set(k, u);
    }
    return u;
  }

  createConversation(appKey: string, user: EndUser, name: string, inputs: Record<string, PyJson>, introduction: string): Conversation {
    const now = this.second();
    const c: Conversation = {
      id: randomUUID(),
      appKey,
      endUserId: user.id,
      name,
      inputs,
      introduction,
      createdUs: now,
      updatedUs: now,
      deleted: false,
      messages: [],
      variables: [],
    };
    this.conversations.set(c.id, c);
    return c;
  }

  /** `ConversationService.get_conversation`: only this end user's, not deleted. */
  conversation(appKey: string, user: EndUser, id: string): Conversation | undefined {
    const c = this.conversations.get(id);
    return c && !c.deleted && c.appKey === appKey && c.endUserId === user.id ? c : undefined;
  }

  addMessage(c: Conversation, user: EndUser, query: string, inputs: Record<string, PyJson>, files: MessageFile[]): Message {
    const m: Message = {
      id: randomUUID(),
      conversationId: c.id,
      appKey: c.appKey,
      endUserId: user.id,
      inputs,
      query,
      answer: '',
      files,
      feedback: null,
      retrieverResources: [],
      agentThoughts: [],
      createdUs: this.tick(),
      status: 'normal',
      error: null,
    };
    c.messages.push(m);
    c.updatedUs = wholeSecond(m.createdUs);
    this.messages.set(m.id, m);
    return m;
  }

  /** A message of this app owned by this end user (`MessageService.get_message`). */
  message(appKey: string, user: EndUser, id: string): Message | undefined {
    const m = this.messages.get(id);
    if (!m || m.appKey !== appKey || m.endUserId !== user.id) return undefined;
    const c = this.conversations.get(m.conversationId);
    return c && !c.deleted ? m : undefined;
  }

  /**
   * `ConversationService.pagination_by_last_id`: order by the sort field, keep rows strictly beyond the
   * cursor's value (so rows sharing the cursor's timestamp are skipped, as in Dify), `has_more` only when
   * the page is full. Returns null for an unknown cursor ("Last Conversation Not Exists.").
   */
  listConversations(
    appKey: string,
    user: EndUser,
    lastId: string | null,
    limit: number,
    sortBy: SortBy,
  ): { data: Conversation[]; hasMore: boolean } | null {
    const desc = sortBy.startsWith('-');
    const field = (c: Conversation) => (sortBy.endsWith('updated_at') ? c.updatedUs : c.createdUs);
    let rows = [...this.conversations.values()].filter((c) => c.appKey === appKey && c.endUserId === user.id && !c.deleted);
    if (lastId !== null) {
      const last = rows.find((c) => c.id === lastId);
      if (!last) return null;
      const v = field(last);
      rows = rows.filter((c) => (desc ? field(c) < v : field(c) > v));
    }
    rows.sort((a, b) => (desc ? field(b) - field(a) : field(a) - field(b)));
    const data = rows.slice(0, limit);
    let hasMore = false;
    const tail = data[data.length - 1];
    if (data.length === limit && tail) {
      const v = field(tail);
      hasMore = rows.some((c) => (desc ? field(c) < v : field(c) > v));
    }
    return { data, hasMore };
  }

  /**
   * `MessageService.pagination_by_first_id`: the newest `limit` messages (older than `firstId` when given),
   * returned oldest first. `has_more` means older messages exist.
   */
  pageMessages(c: Conversation, firstId: string | null, limit: number): { data: Message[]; hasMore: boolean } | 'first-not-found' {
    let older = c.messages;
    if (firstId !== null) {
      const first = c.messages.find((m) => m.id === firstId);
      if (!first) return 'first-not-found';
      older = c.messages.filter((m) => m.createdUs < first.createdUs && m.id !== first.id);
    }
    const newestFirst = [...older].sort((a, b) => b.createdUs - a.createdUs);
    const fetched = newestFirst.slice(0, limit + 1);
    const hasMore = fetched.length > limit;
    return { data: fetched.slice(0, limit).reverse(), hasMore };
  }

  addUpload(f: Omit<UploadFile, 'id' | 'createdUs'>): UploadFile {
    const u: UploadFile = { ...f, id: randomUUID(), createdUs: this.tick() };
    this.uploads.set(u.id, u);
    return u;
  }
}
