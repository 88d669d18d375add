import * as vscode from 'vscode';
import { Command } from '../commands';
import type { ConversationRow } from '../../chat/conversationList';
import { formatNumber, formatRelativeTime } from '../locale';
import type { ConversationVariable } from '../../dify/types';
import { displayName } from './nodes';
import { translate } from '../messages';

/** The id of the Pinned group's row (conversation rows use the conversation's id). */
export const PINNED_GROUP_ID = 'dify.pinnedGroup';

/** How a conversation row is drawn. */
export interface ConversationLook {
  /** It is the one open in the chat panel. */
  open: boolean;
  pinned: boolean;
  /** Chatflow apps: the row expands to the conversation's variables. */
  expandable: boolean;
  nowMs: number;
}

/**
 * A conversation's row. Its tooltip is left to {@link conversationTooltip} (asked for on hover), so thousands
 * of rows do not each carry one.
 */
export function conversationItem(c: ConversationRow, look: ConversationLook): vscode.TreeItem {
  const label = displayName(c, translate);
  const item = new vscode.TreeItem(label, look.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = c.id;
  // A pinned conversation that is not on a loaded page has no time: the pin only knows its name.
  const when = c.updatedAt > 0 ? formatRelativeTime(c.updatedAt, look.nowMs) : '';
  item.description = when;
  item.iconPath = new vscode.ThemeIcon(look.open ? 'comment-discussion' : look.pinned ? 'pinned' : 'comment');
  item.contextValue = look.pinned ? 'dify.conversation.pinned' : 'dify.conversation';
  item.command = { command: Command.conversationsOpen, title: vscode.l10n.t('Open Conversation'), arguments: [c.id] };
  const parts = [label, when, look.pinned ? vscode.l10n.t('pinned') : '', look.open ? vscode.l10n.t('open in chat') : ''].filter((p) => p !== '');
  item.accessibilityInformation = { label: parts.join(', ') };
  return item;
}

/** The hover of a conversation row: its name and when it was last updated. */
export function conversationTooltip(c: ConversationRow, pinned: boolean, formatDate: (unixSeconds: number) => string): vscode.MarkdownString {
  const md = new vscode.MarkdownString().appendText(displayName(c, translate));
  if (c.updatedAt > 0) md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Updated {0}', formatDate(c.updatedAt)));
  if (pinned) md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Pinned'));
  return md;
}

export function pinnedGroupItem(count: number): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Pinned'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = PINNED_GROUP_ID;
  item.iconPath = new vscode.ThemeIcon('pinned');
  item.description = formatNumber(count);
  item.contextValue = 'dify.pinnedGroup';
  item.accessibilityInformation = { label: count === 1 ? vscode.l10n.t('Pinned, 1 conversation') : vscode.l10n.t('Pinned, {0} conversations', formatNumber(count)) };
  return item;
}

/** One conversation variable, read-only: its value beside the name, whole in the tooltip. */
export function variableItem(conversationId: string, v: ConversationVariable): vscode.TreeItem {
  const item = new vscode.TreeItem(v.name || v.id, vscode.TreeItemCollapsibleState.None);
  item.id = `${conversationId}/${v.id}`;
  const value = v.value.replace(/\s+/g, ' ').trim();
  item.description = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  item.iconPath = new vscode.ThemeIcon('symbol-variable');
  item.contextValue = 'dify.variable';
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(v.name).appendMarkdown('** ').appendText(`(${v.valueType})`);
  if (v.description) md.appendMarkdown('\n\n').appendText(v.description);
  md.appendMarkdown('\n\n').appendCodeblock(v.value, isJson(v.value) ? 'json' : '');
  item.tooltip = md;
  item.accessibilityInformation = { label: `${v.name}, ${v.valueType}, ${value || vscode.l10n.t('empty')}` };
  return item;
}

/** Dify stringifies a variable's value with Python's str(): only some values are JSON (numbers, strings, lists of those). */
function isJson(value: string): boolean {
  if (!/^[[{]/.test(value.trim())) return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** A line in place of a conversation's variables: none, or why they could not be read. */
export function noteItem(conversationId: string, text: string, kind: 'empty' | 'error'): vscode.TreeItem {
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.id = `${conversationId}/${kind}`;
  item.iconPath = new vscode.ThemeIcon(kind === 'error' ? 'warning' : 'info');
  item.contextValue = `dify.variables.${kind}`;
  return item;
}

export function loadMoreItem(): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Load more…'));
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: Command.conversationsLoadMore, title: vscode.l10n.t('Load more') };
  item.contextValue = 'dify.loadMore';
  return item;
}
