import type { Translate } from '../messages/translate';
import type { ConversationRow } from '../../chat/conversationList';
import type { ConversationVariable } from '../../dify/types';

/**
 * A row of the Conversations tree: the Pinned group, a conversation (in it or below it), one of a chatflow
 * conversation's variables, a line in place of variables ("No variables", or why they could not be read),
 * or the "Load more…" row after the last page shown.
 */
export type ConversationNode =
  | { type: 'pinnedGroup' }
  | { type: 'conversation'; conversation: ConversationRow; pinned?: boolean }
  | { type: 'variable'; conversationId: string; variable: ConversationVariable }
  | { type: 'note'; conversationId: string; text: string; kind: 'empty' | 'error' }
  | { type: 'loadMore' };

const TYPES: ReadonlySet<string> = new Set(['pinnedGroup', 'conversation', 'variable', 'note', 'loadMore']);

/** A command argument as a tree node: VS Code passes the clicked node, the palette passes nothing. */
export function asNode(arg: unknown): ConversationNode | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const type = (arg as { type?: unknown }).type;
  return typeof type === 'string' && TYPES.has(type) ? (arg as ConversationNode) : undefined;
}

/**
 * The conversations a command acts on. A context menu passes the clicked node and, when several rows are
 * selected, the whole selection; a keybinding passes nothing, so the view's selection counts. The clicked
 * node always counts, even when it is not among the selected.
 */
export function conversationsOf(clicked: unknown, selected: unknown, viewSelection: readonly ConversationNode[]): ConversationRow[] {
  const node = asNode(clicked);
  const list = Array.isArray(selected) ? (selected as unknown[]).map(asNode) : [];
  let nodes: Array<ConversationNode | undefined>;
  if (node && list.some((n) => n?.type === 'conversation' && node.type === 'conversation' && n.conversation.id === node.conversation.id)) nodes = list;
  else if (node) nodes = [node];
  else nodes = [...viewSelection];
  const out: ConversationRow[] = [];
  const seen = new Set<string>();
  for (const n of nodes) {
    if (n?.type !== 'conversation' || seen.has(n.conversation.id)) continue;
    seen.add(n.conversation.id);
    out.push(n.conversation);
  }
  return out;
}

/** The name a conversation is shown by (Dify's name may be empty for a moment); `t` is VS Code's `l10n.t`. */
export function displayName(c: { name: string }, t: Translate): string {
  return c.name.trim() || t('New conversation');
}
