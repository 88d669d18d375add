import type { Page } from '../dify/types';
import { isDifyError } from '../dify/errors';

/**
 * What the tree keeps of a conversation: no inputs, no introduction (the rendered opening statement, the
 * same long text on every row), so thousands of loaded conversations stay small. Times are Unix seconds.
 */
export interface ConversationRow {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** One request for a page: Dify's `last_id` cursor (none for the newest) and the page size (1..100). */
export interface PageRequest {
  lastId?: string;
  limit: number;
}

/** What the conversation list needs from Dify: one cursor page of conversations, newest-updated first. */
export type FetchConversations = (request: PageRequest) => Promise<Page<ConversationRow>>;

/** The largest page Dify serves (`limit` is 1..100). */
export const MAX_PAGE_SIZE = 100;

/** Requests one load may take before it stops (each grows the page or moves the cursor). */
const MAX_ROUNDS = 8;

/** Just the fields the list keeps (a page of full conversations carries much more). */
export function toRow(c: ConversationRow): ConversationRow {
  return { id: c.id, name: c.name, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

/**
 * Where to continue after `rows` so that nothing is skipped. Dify's cursor is strict on `updated_at`, which it
 * stores to the second: continuing from the last row would skip the rows that share its second but did not
 * fit on the page. So the cursor is the last row of an earlier second, and `overlap` counts the rows after it
 * (they come back again and are dropped by id). No such row (every row shares one second): no cursor, that is
 * the first page again. Rows in `skip` (changed here, so their time at Dify is not the one we hold) are not
 * used as the cursor, nor counted.
 */
export function tieSafeCursor(rows: readonly ConversationRow[], skip: ReadonlySet<string> = new Set()): { cursor: string | undefined; overlap: number } {
  let tail: number | undefined;
  let overlap = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i] as ConversationRow;
    if (skip.has(row.id)) continue;
    if (tail === undefined) tail = row.updatedAt;
    if (row.updatedAt !== tail) return { cursor: row.id, overlap };
    overlap++;
  }
  return { cursor: undefined, overlap };
}

/** A Dify 404 for the cursor: the conversation it names was deleted meanwhile. */
function cursorGone(e: unknown): boolean {
  return isDifyError(e) && e.kind === 'notFound';
}

/**
 * The conversations shown in the tree: pages loaded so far with Dify's `last_id` cursor, kept newest-updated
 * first, with local edits (a rename, a delete, a conversation created or continued here) applied at once so
 * the tree does not wait for a reload. Paging loses nothing to rows that share a second (see
 * {@link tieSafeCursor}) and repeats nothing (rows are kept once, by id). Pure: no VS Code, no network (the
 * fetch is passed in).
 */
export class ConversationList {
  private items: ConversationRow[] = [];
  private readonly byId = new Map<string, ConversationRow>();
  /** Rows whose time we changed here: not trusted as a cursor. */
  private readonly touched = new Set<string>();
  private more = false;
  private loaded = false;
  /** Bumped by reload() and clear(): a page that arrives for an older generation is dropped. */
  private generation = 0;
  private readonly pageSize: number;

  constructor(
    private readonly fetchPage: FetchConversations,
    options: { pageSize?: number } = {},
  ) {
    this.pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? 30));
  }

  /** The conversations loaded so far, newest-updated first. */
  get conversations(): readonly ConversationRow[] {
    return this.items;
  }

  /** True when Dify may hold older conversations than the last one loaded. */
  get hasMore(): boolean {
    return this.more;
  }

  /** True once the first page has arrived. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Forgets everything (another app, another key, a refresh) and loads the first page. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    const draft = new ConversationList(this.fetchPage, { pageSize: this.pageSize });
    await draft.fill(() => generation === this.generation);
    if (generation !== this.generation) return;
    this.items = draft.items;
    this.byId.clear();
    for (const row of this.items) this.byId.set(row.id, row);
    this.touched.clear();
    this.more = draft.more;
    this.loaded = true;
  }

  /** Loads the next older page, continuing from where nothing can be skipped. */
  async loadMore(): Promise<void> {
    if (!this.more || !this.loaded) return;
    const generation = this.generation;
    await this.fill(() => generation === this.generation);
  }

  /**
   * Brings the newest page up to date without losing the pages loaded below it (the view came back into
   * sight): names and times from Dify, conversations continued elsewhere on top, and those no longer listed
   * within the page's time range dropped (deleted elsewhere). Returns the ids it dropped.
   */
  async syncHead(): Promise<string[]> {
    if (!this.loaded) {
      await this.reload();
      return [];
    }
    const generation = this.generation;
    const page = await this.fetchPage({ limit: this.pageSize });
    if (generation !== this.generation) return [];
    const fresh = page.data.map(toRow);
    const freshIds = new Set(fresh.map((r) => r.id));
    const complete = fresh.length < this.pageSize;
    const tail = fresh[fresh.length - 1]?.updatedAt ?? Number.POSITIVE_INFINITY;
    // Rows newer than the page's last second would be on it: missing, they are gone. Rows of that second or
    // older may simply not have fitted, so they stay.
    const gone = this.items.filter((r) => !freshIds.has(r.id) && !this.touched.has(r.id) && (complete || r.updatedAt > tail)).map((r) => r.id);
    const rest = this.items.filter((r) => !freshIds.has(r.id) && !gone.includes(r.id));
    this.items = [...fresh, ...rest];
    this.byId.clear();
    for (const row of this.items) this.byId.set(row.id, row);
    for (const id of freshIds) this.touched.delete(id);
    for (const id of gone) this.touched.delete(id);
    if (complete) this.more = false;
    return gone;
  }

  /** Drops all state without loading (no key, or the app changed and the next reload is pending). */
  clear(): void {
    this.generation++;
    this.items = [];
    this.byId.clear();
    this.touched.clear();
    this.more = false;
    this.loaded = false;
  }

  /** A conversation was created or continued here: it is now the most recently updated, so it goes first. */
  upsert(conversation: ConversationRow): void {
    const row = toRow(conversation);
    this.items = [row, ...this.items.filter((c) => c.id !== row.id)];
    this.byId.set(row.id, row);
    this.touched.add(row.id);
  }

  /** Applies a new name to a shown conversation; returns false when it is not shown. */
  rename(id: string, name: string): boolean {
    const found = this.byId.get(id);
    if (!found) return false;
    const row = { ...found, name };
    this.items = this.items.map((c) => (c.id === id ? row : c));
    this.byId.set(id, row);
    return true;
  }

  /** Removes a conversation from the list. */
  remove(id: string): void {
    if (!this.byId.delete(id)) return;
    this.items = this.items.filter((c) => c.id !== id);
    this.touched.delete(id);
  }

  /** Finds a shown conversation. */
  get(id: string): ConversationRow | undefined {
    return this.byId.get(id);
  }

  /**
   * Fetches until the list has grown or Dify has nothing more. A page with nothing new (every row shares a
   * second with rows shown) is asked again larger, up to 100; a page that is full although Dify says there is
   * no more may have stopped inside a second, so the rest of that second is asked for.
   */
  private async fill(current: () => boolean): Promise<void> {
    let grow = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { cursor, overlap } = this.items.length ? tieSafeCursor(this.items, this.touched) : { cursor: undefined, overlap: 0 };
      const limit = Math.min(MAX_PAGE_SIZE, this.pageSize + overlap + grow);
      let page: Page<ConversationRow>;
      try {
        page = await this.fetchPage(cursor === undefined ? { limit } : { lastId: cursor, limit });
      } catch (e) {
        // The cursor was deleted meanwhile (elsewhere): continue from the row before it.
        if (cursor !== undefined && cursorGone(e) && current()) {
          this.remove(cursor);
          continue;
        }
        throw e;
      }
      if (!current()) return;
      const added = this.append(page.data);
      this.loaded = true;
      const full = page.data.length >= limit;
      if (!full || (added > 0 && page.hasMore)) {
        this.more = full && page.hasMore;
        return;
      }
      if (added > 0) continue;
      if (limit >= MAX_PAGE_SIZE) {
        await this.stepPast(current);
        return;
      }
      grow = MAX_PAGE_SIZE;
    }
    // Still inconclusive after every round: offer another go rather than claim the end.
    this.more = true;
  }

  /**
   * More than a whole page of 100 shares one second: no cursor reaches the rest of that second, so step past
   * it with Dify's own cursor (the last row). The rows of that second beyond those 100 cannot be listed.
   */
  private async stepPast(current: () => boolean): Promise<void> {
    const last = this.items[this.items.length - 1];
    if (!last) return;
    const page = await this.fetchPage({ lastId: last.id, limit: this.pageSize });
    if (!current()) return;
    this.append(page.data);
    this.more = page.hasMore;
  }

  /** Adds the rows not shown yet, in page order; returns how many. */
  private append(rows: readonly ConversationRow[]): number {
    let added = 0;
    for (const c of rows) {
      if (this.byId.has(c.id)) continue;
      const row = toRow(c);
      this.byId.set(row.id, row);
      this.items.push(row);
      added++;
    }
    return added;
  }
}

/** How old a Unix-seconds time is, in the unit a person would say it in (a date after a week). */
export type Age = { unit: 'now' } | { unit: 'minute' | 'hour' | 'day'; value: number } | { unit: 'date' };

/** The age of a Unix-seconds time at `nowMs`: under a minute, minutes, hours, days (under a week), or a date. */
export function ageOf(unixSeconds: number, nowMs: number): Age {
  const seconds = Math.max(0, Math.round(nowMs / 1000 - unixSeconds));
  if (seconds < 60) return { unit: 'now' };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: 'minute', value: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hour', value: hours };
  const days = Math.floor(hours / 24);
  return days < 7 ? { unit: 'day', value: days } : { unit: 'date' };
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", or a date, for a Unix-seconds time (English). */
export function relativeTime(unixSeconds: number, nowMs: number): string {
  const age = ageOf(unixSeconds, nowMs);
  switch (age.unit) {
    case 'now':
      return 'just now';
    case 'minute':
      return `${age.value} min ago`;
    case 'hour':
      return `${age.value} h ago`;
    case 'day':
      return age.value === 1 ? 'yesterday' : `${age.value} days ago`;
    case 'date':
      return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
  }
}
