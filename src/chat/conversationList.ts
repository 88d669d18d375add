import type { Conversation, Page } from '../dify/types';

/** What the conversation list needs from Dify: one cursor page of conversations, newest first. */
export type FetchConversations = (lastId: string | undefined) => Promise<Page<Conversation>>;

/**
 * The conversations shown in the tree: pages loaded so far with Dify's `last_id` cursor, kept
 * newest-updated first, with local edits (a rename, a delete, a new conversation) applied at once
 * so the tree does not wait for a reload. Pure: no VS Code, no network (the fetch is passed in).
 */
export class ConversationList {
  private items: Conversation[] = [];
  private more = false;
  private loaded = false;
  /** Bumped by reset(): a page that arrives for an older generation is dropped. */
  private generation = 0;

  constructor(private readonly fetchPage: FetchConversations) {}

  /** The conversations loaded so far, newest-updated first. */
  get conversations(): readonly Conversation[] {
    return this.items;
  }

  /** True when Dify said there are older conversations than the last one loaded. */
  get hasMore(): boolean {
    return this.more;
  }

  /** True once the first page has arrived. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Forgets everything (another app, another key) and loads the first page. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    const page = await this.fetchPage(undefined);
    if (generation !== this.generation) return;
    this.items = [];
    this.merge(page);
    this.loaded = true;
  }

  /** Loads the next older page, continuing from the last conversation shown. */
  async loadMore(): Promise<void> {
    const last = this.items[this.items.length - 1];
    if (!this.more || !last) return;
    const generation = this.generation;
    const page = await this.fetchPage(last.id);
    if (generation !== this.generation) return;
    this.merge(page);
  }

  /** Drops all state without loading (no key, or the app changed and the next reload is pending). */
  clear(): void {
    this.generation++;
    this.items = [];
    this.more = false;
    this.loaded = false;
  }

  /** A conversation was created or is now the most recently updated: show it first. */
  upsert(conversation: Conversation): void {
    this.items = [conversation, ...this.items.filter((c) => c.id !== conversation.id)];
  }

  /** Applies a new name to a shown conversation; returns false when it is not shown. */
  rename(id: string, name: string): boolean {
    const found = this.items.find((c) => c.id === id);
    if (!found) return false;
    this.items = this.items.map((c) => (c.id === id ? { ...c, name } : c));
    return true;
  }

  /** Removes a conversation from the list. */
  remove(id: string): void {
    this.items = this.items.filter((c) => c.id !== id);
  }

  /** Finds a shown conversation. */
  get(id: string): Conversation | undefined {
    return this.items.find((c) => c.id === id);
  }

  private merge(page: Page<Conversation>): void {
    // A conversation can move between pages while we page (a turn bumps updated_at): keep the first copy.
    const seen = new Set(this.items.map((c) => c.id));
    for (const c of page.data) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        this.items.push(c);
      }
    }
    this.more = page.hasMore;
  }
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", or a date, for a Unix-seconds time. */
export function relativeTime(unixSeconds: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round(nowMs / 1000 - unixSeconds));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}
