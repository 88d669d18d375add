// The Conversations suites' common ground: a profile of their own on one of the simulator's apps (its own end
// user, so its conversations are its own), the tree's rows as data, and the view's state.
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../src/extension';
import type { ConversationNode } from '../../../src/host/conversations/nodes';
import type { ConversationRow } from '../../../src/chat/conversationList';
import type { SimEnv } from './env';
import { nextEvent } from './events';
import { simAdmin } from './sim';

/** A profile for one suite: its id, the user its conversations belong to, and how to put things back. */
export interface SuiteProfile {
  id: string;
  user: string;
  /** Seeds conversations for this user (newest first ids), with the simulator's seeding options. */
  seed(count: number, options?: { ties?: number; perSecond?: number; variables?: boolean }): Promise<string[]>;
  remove(): Promise<void>;
}

/** Where a suite's profile points: one of the simulator's apps, or any key at any base URL. */
export type ProfileTarget = keyof SimEnv['keys'] | { key: string; baseUrl?: string };

/** Adds a profile on the simulator's `kind` app, stores its key and makes it active (waiting for the tree to hear of it). */
export async function suiteProfile(api: DifyExtensionExports, sim: SimEnv, id: string, target: ProfileTarget, name = id): Promise<SuiteProfile> {
  const user = `${id}-${Date.now().toString(36)}`;
  const key = typeof target === 'string' ? sim.keys[target] : target.key;
  const baseUrl = typeof target === 'string' ? sim.baseUrl : (target.baseUrl ?? sim.baseUrl);
  await api.profiles.addProfile({ name, baseUrl, user }, id);
  await api.profiles.storeKey(id, key, baseUrl);
  if (api.profiles.activeProfile.id !== id) {
    const changed = nextEvent(api.profiles.onDidChange);
    await api.profiles.switchTo(id);
    await changed;
  }
  return {
    id,
    user,
    async seed(count, options = {}) {
      const r = (await simAdmin(sim.origin, 'POST', 'seed', { key, user, count, ...options })) as { ids: string[] };
      return r.ids;
    },
    async remove() {
      await api.profiles.clearKey(id).catch(() => undefined);
      await api.profiles.removeProfile(id).catch(() => undefined);
    },
  };
}

/** The conversation rows of the tree's top level (below the Pinned group), in order. */
export function treeRows(api: DifyExtensionExports): ConversationRow[] {
  return api.conversations.rootNodes().flatMap((n) => (n.type === 'conversation' ? [n.conversation] : []));
}

/** The rows of the Pinned group, in order (none when there is no group). */
export function pinnedRows(api: DifyExtensionExports): ConversationRow[] {
  const group = api.conversations.rootNodes().find((n) => n.type === 'pinnedGroup');
  if (!group) return [];
  return (api.conversations.getChildren(group) as ConversationNode[]).flatMap((n) => (n.type === 'conversation' ? [n.conversation] : []));
}

/** Loads every page ("Load more…" until it is gone). */
export async function loadAll(api: DifyExtensionExports, maxPages = 500): Promise<void> {
  for (let i = 0; i < maxPages && api.conversations.rootNodes().at(-1)?.type === 'loadMore'; i++) {
    await vscode.commands.executeCommand('dify.conversations.loadMore');
  }
}

/** A conversation row as the context menu passes it. */
export function rowNode(conversation: ConversationRow): ConversationNode {
  return { type: 'conversation', conversation };
}
