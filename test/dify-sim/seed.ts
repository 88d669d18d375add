/**
 * Seeding for pagination tests: many conversations (whole seconds, as Dify stores them, with ties where
 * asked, so the strict `<` cursor can be observed), a long history in one conversation, or more variables
 * for a chatflow conversation.
 */
import type { SimContext } from './context';
import type { PyJson } from './pyjson';
import { wholeSecond } from './store';
import { addVariables, initialVariables } from './variables';

export interface SeedConversationOptions {
  /**
   * How many of the newest conversations share one `created_at`/`updated_at` (default 2). A page boundary
   * inside that group loses rows, as Dify's strict `<` cursor does (only `limit: 1` walks hit it).
   * 0 or 1: every timestamp distinct.
   */
  ties?: number;
  /**
   * How many consecutive conversations share each second, all the way down (overrides `ties`): with 4, page
   * boundaries of a 30-row page fall inside a second, where a client that trusts the cursor loses rows.
   */
  perSecond?: number;
  /** Chatflow conversations get `topic`, `turns` and `preferences` (default true); false: none, as a chatflow without conversation variables. */
  variables?: boolean;
}

const MINUTE_US = 60_000_000;

function appOf(ctx: SimContext, key: string) {
  const app = ctx.apps.find((a) => a.kind === key) ?? ctx.appByKey(key);
  if (!app) throw new Error(`unknown app key or kind: ${key}`);
  return app;
}

/** The minute (before `newest`) that conversation `i` is stamped with. */
function minuteOf(i: number, opts: SeedConversationOptions): number {
  const perSecond = Math.max(1, Math.floor(opts.perSecond ?? 1));
  if (perSecond > 1) return Math.floor(i / perSecond);
  const ties = Math.max(1, opts.ties ?? 2);
  return Math.max(0, i - (ties - 1));
}

/**
 * Creates `count` conversations, a minute apart (or sharing seconds, see the options), older than anything
 * created so far. Chatflow conversations get their variables. Returns ids, newest first.
 */
export function seedConversations(ctx: SimContext, key: string, user: string, count: number, opts: SeedConversationOptions = {}): string[] {
  const app = appOf(ctx, key);
  const { store } = ctx;
  const endUser = store.endUser(app.key, user);
  const newest = wholeSecond(store.tick()) - MINUTE_US;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = newest - minuteOf(i, opts) * MINUTE_US;
    const c = store.createConversation(app.key, endUser, `Seeded conversation ${count - i}`, {}, '');
    c.createdUs = at;
    c.updatedUs = at;
    if (app.mode === 'advanced-chat' && opts.variables !== false) initialVariables(c, { topic: `Topic ${count - i}` }, at);
    ids.push(c.id);
  }
  return ids;
}

/** What seeded turns say (the wire format stays Dify's; only the stored texts change). */
export interface SeedMessageOptions {
  /** The answer of turn `i` (0 = oldest); default `Answer ${i + 1}`. Long ones make a long history for benchmarks. */
  answer?: (i: number) => string;
  /** The name of a conversation this creates; default `Seeded history`. */
  name?: string;
}

/**
 * Adds `count` question/answer turns to a conversation (a new one unless `conversationId` is given), a
 * minute apart and older than now. Returns the conversation id and the message ids, oldest first.
 */
export function seedMessages(
  ctx: SimContext,
  key: string,
  user: string,
  count: number,
  conversationId?: string,
  opts: SeedMessageOptions = {},
): { conversationId: string; messageIds: string[] } {
  const app = appOf(ctx, key);
  const { store } = ctx;
  const endUser = store.endUser(app.key, user);
  const existing = conversationId ? store.conversation(app.key, endUser, conversationId) : undefined;
  if (conversationId && !existing) throw new Error(`unknown conversation ${conversationId}`);
  const inputs: Record<string, PyJson> = {};
  const c = existing ?? store.createConversation(app.key, endUser, opts.name ?? 'Seeded history', inputs, '');
  const end = store.tick();
  const start = end - count * MINUTE_US;
  if (!existing) c.createdUs = wholeSecond(start - MINUTE_US);
  if (!existing && app.mode === 'advanced-chat') initialVariables(c, inputs, start - MINUTE_US);
  const messageIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = store.addMessage(c, endUser, `Question ${i + 1}`, inputs, []);
    m.createdUs = start + i * MINUTE_US;
    m.answer = opts.answer ? opts.answer(i) : `Answer ${i + 1}`;
    messageIds.push(m.id);
  }
  c.messages.sort((a, b) => a.createdUs - b.createdUs);
  c.updatedUs = wholeSecond(end);
  return { conversationId: c.id, messageIds };
}

/** Adds `count` variables to a conversation of this user (any mode: a test may want paging anywhere). */
export function seedVariables(ctx: SimContext, key: string, user: string, conversationId: string, count: number): string[] {
  const app = appOf(ctx, key);
  const c = ctx.store.conversation(app.key, ctx.store.endUser(app.key, user), conversationId);
  if (!c) throw new Error(`unknown conversation ${conversationId}`);
  return addVariables(c, count, ctx.store.tick());
}
