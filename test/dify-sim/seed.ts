/**
 * Seeding for pagination tests: many conversations with distinct timestamps (plus, by default, one tie
 * so the strict `<` cursor can be observed), or a long history in one conversation.
 */
import type { SimContext } from './context';
import type { PyJson } from './pyjson';

export interface SeedConversationOptions {
  /**
   * How many of the newest conversations share one `created_at`/`updated_at` (default 2). A page boundary
   * inside that group loses rows, as Dify's strict `<` cursor does (only `limit: 1` walks hit it).
   * 0 or 1: every timestamp distinct.
   */
  ties?: number;
}

const MINUTE_US = 60_000_000;

function appKeyOf(ctx: SimContext, key: string): string {
  const byKind = ctx.apps.find((a) => a.kind === key);
  const app = byKind ?? ctx.appByKey(key);
  if (!app) throw new Error(`unknown app key or kind: ${key}`);
  return app.key;
}

/** Creates `count` conversations, a minute apart, older than anything created so far. Returns ids, newest first. */
export function seedConversations(ctx: SimContext, key: string, user: string, count: number, opts: SeedConversationOptions = {}): string[] {
  const appKey = appKeyOf(ctx, key);
  const { store } = ctx;
  const endUser = store.endUser(appKey, user);
  const ties = Math.max(1, opts.ties ?? 2);
  const newest = store.tick() - MINUTE_US;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = newest - Math.max(0, i - (ties - 1)) * MINUTE_US;
    const c = store.createConversation(appKey, endUser, `Seeded conversation ${count - i}`, {}, '');
    c.createdUs = at;
    c.updatedUs = at;
    ids.push(c.id);
  }
  return ids;
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
): { conversationId: string; messageIds: string[] } {
  const appKey = appKeyOf(ctx, key);
  const { store } = ctx;
  const endUser = store.endUser(appKey, user);
  const existing = conversationId ? store.conversation(appKey, endUser, conversationId) : undefined;
  if (conversationId && !existing) throw new Error(`unknown conversation ${conversationId}`);
  const inputs: Record<string, PyJson> = {};
  const c = existing ?? store.createConversation(appKey, endUser, 'Seeded history', inputs, '');
  const end = store.tick();
  const start = end - count * MINUTE_US;
  if (!existing) c.createdUs = start - MINUTE_US;
  const messageIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = store.addMessage(c, endUser, `Question ${i + 1}`, inputs, []);
    m.createdUs = start + i * MINUTE_US;
    m.answer = `Answer ${i + 1}`;
    messageIds.push(m.id);
  }
  c.messages.sort((a, b) => a.createdUs - b.createdUs);
  c.updatedUs = end;
  return { conversationId: c.id, messageIds };
}
