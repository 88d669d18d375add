import type { ConversationRow } from '../../chat/conversationList';
import type { ConversationNode } from './nodes';

/** A conversation's row, at the top level or in the Pinned group. */
export type ConversationRowNode = Extract<ConversationNode, { type: 'conversation' }>;

/**
 * The conversation rows' node objects, one per row for as long as the row is shown. VS Code knows a row by
 * its node object, so handing it the same object again lets one row be redrawn on its own (the row opened in
 * the panel, a name Dify generated) without rebuilding every row: with thousands loaded, a whole-tree refresh
 * costs the host a `getTreeItem` per row and the workbench a re-render of the list, and a click or Enter that
 * lands while the list is being replaced can miss its row.
 */
export class RowNodes {
  private top = new Map<string, ConversationRowNode>();
  private pinned = new Map<string, ConversationRowNode>();

  /** The top-level rows' nodes, in order: the ones shown before, given their current row, and new ones. */
  topLevel(rows: readonly ConversationRow[]): ConversationRowNode[] {
    this.top = reuse(this.top, rows, false);
    return [...this.top.values()];
  }

  /** The Pinned group's rows' nodes, in order. */
  inPinnedGroup(rows: readonly ConversationRow[]): ConversationRowNode[] {
    this.pinned = reuse(this.pinned, rows, true);
    return [...this.pinned.values()];
  }

  /**
   * The nodes that show these conversations (a conversation may show twice: pinned and, below, loaded), each
   * given its row as `find` has it now; a conversation with no row shown has none.
   */
  showing(ids: Iterable<string | undefined>, find: (id: string) => ConversationRow | undefined): ConversationRowNode[] {
    const out: ConversationRowNode[] = [];
    for (const id of new Set(ids)) {
      if (id === undefined) continue;
      const row = find(id);
      for (const node of [this.pinned.get(id), this.top.get(id)]) {
        if (!node) continue;
        if (row) node.conversation = row;
        out.push(node);
      }
    }
    return out;
  }

  /** Another app, or no rows: nothing shown before is reused. */
  clear(): void {
    this.top = new Map();
    this.pinned = new Map();
  }
}

function reuse(before: ReadonlyMap<string, ConversationRowNode>, rows: readonly ConversationRow[], pinned: boolean): Map<string, ConversationRowNode> {
  const after = new Map<string, ConversationRowNode>();
  for (const conversation of rows) {
    const node = before.get(conversation.id);
    if (node) node.conversation = conversation;
    after.set(conversation.id, node ?? { type: 'conversation', conversation, pinned });
  }
  return after;
}
