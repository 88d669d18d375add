// How much of the extension host's heap 5,000 loaded conversations take (the performance report's goal: under
// 30 MB more than an empty tree). Measured in the real extension host: the rows loaded from the simulator,
// the view visible so VS Code has fetched every tree item, garbage collected before each reading.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ConversationNode } from '../../../../src/host/conversations/nodes';
import type { ConversationsTree } from '../../../../src/host/conversations/conversationsTree';
import type { SimEnv, SuiteProfile } from '../../support';
import { extensionApi, saveUserSettings, simEnv, suiteProfile } from '../../support';

const COUNT = 5_000;
const BUDGET_MB = 30;

/** A full collection, as `--expose-gc` gives it (turned on here: the extension host does not start with it). */
function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) gc();
}

function heapUsedMb(): number {
  collect();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

/**
 * Resolves once VS Code has asked the tree for its root and for the item of each of the `rows` it got (what
 * the view does after a change), without waiting on time.
 */
function whenFetched(tree: ConversationsTree, rows: number): Promise<void> {
  const getChildren = tree.getChildren.bind(tree);
  const getTreeItem = tree.getTreeItem.bind(tree);
  let items = -1;
  return new Promise((resolve) => {
    const done = (): void => {
      tree.getChildren = getChildren;
      tree.getTreeItem = getTreeItem;
      resolve();
    };
    tree.getChildren = (node?: ConversationNode) => {
      const out = getChildren(node);
      if (node === undefined && Array.isArray(out) && out.length === rows) {
        items = 0;
        if (rows === 0) done();
      }
      return out;
    };
    tree.getTreeItem = (node: ConversationNode) => {
      const item = getTreeItem(node);
      if (items >= 0 && ++items === rows) done();
      return item;
    };
  });
}

describe('Conversations tree: memory with 5,000 conversations', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let profile: SuiteProfile;

  before(async function () {
    this.timeout(300_000);
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    profile = await suiteProfile(api, sim, 'it-memory', 'chat');
    await profile.seed(COUNT, { perSecond: 3 });
    await vscode.commands.executeCommand('dify.conversations.focus');
    await api.conversations.refresh();
  });

  after(async () => {
    await profile.remove();
    await settings.restore();
  });

  it(`holds ${COUNT} loaded conversations in under ${BUDGET_MB} MB of extension-host heap more than an empty tree`, async function () {
    this.timeout(300_000);
    const tree = api.conversations;
    // Empty: nothing loaded, and the view has fetched its (empty) root.
    tree.list.clear();
    let fetched = whenFetched(tree, 0);
    tree.changed();
    await fetched;
    const empty = heapUsedMb();

    // Loaded: every page, then one redraw so VS Code fetches every row's item once.
    await tree.list.reload();
    let pages = 1;
    while (tree.list.hasMore && pages < 1_000) {
      await tree.list.loadMore();
      pages++;
    }
    assert.equal(tree.list.conversations.length, COUNT);
    fetched = whenFetched(tree, COUNT);
    tree.changed();
    await fetched;
    const loaded = heapUsedMb();
    const delta = loaded - empty;
    const perRow = (delta * 1024 * 1024) / COUNT;
    console.log(
      `[memory] extension host heap: empty tree ${empty.toFixed(1)} MB, ${COUNT} conversations loaded ${loaded.toFixed(1)} MB: ` +
        `+${delta.toFixed(1)} MB (${perRow.toFixed(0)} bytes per conversation, ${pages} pages)`,
    );
    assert.ok(delta < BUDGET_MB, `+${delta.toFixed(1)} MB for ${COUNT} conversations`);
  });

  it(`opening one of ${COUNT} loaded conversations redraws its row and the one open before, not every row`, async function () {
    this.timeout(120_000);
    const tree = api.conversations;
    assert.equal(tree.list.conversations.length, COUNT, 'the rows the test above loaded');
    // What a whole-tree refresh costs: VS Code asks for the root and then for every row's item.
    const began = performance.now();
    const fetched = whenFetched(tree, COUNT);
    tree.changed();
    await fetched;
    const whole = performance.now() - began;

    const rows = tree.rootNodes().flatMap((n) => (n.type === 'conversation' ? [n.conversation.id] : []));
    const asked: string[] = [];
    let roots = 0;
    const getChildren = tree.getChildren.bind(tree);
    const getTreeItem = tree.getTreeItem.bind(tree);
    tree.getChildren = (node?: ConversationNode) => {
      if (node === undefined) roots++;
      return getChildren(node);
    };
    let redrawn: () => void = () => undefined;
    const target = rows[COUNT - 1]!;
    const targetDrawn = new Promise<void>((resolve) => (redrawn = resolve));
    tree.getTreeItem = (node: ConversationNode) => {
      if (node.type === 'conversation') {
        asked.push(node.conversation.id);
        if (node.conversation.id === target) redrawn();
      }
      return getTreeItem(node);
    };
    try {
      const opened = performance.now();
      await vscode.commands.executeCommand('dify.conversations.open', target);
      await targetDrawn;
      const redraw = performance.now() - opened;
      console.log(
        `[tree] ${COUNT} rows: a whole-tree refresh (root and every item fetched) ${whole.toFixed(0)} ms; ` +
          `opening the oldest row, to its redraw (including reading its messages) ${redraw.toFixed(0)} ms, ${asked.length} item(s) fetched`,
      );
      assert.equal(api.chat.conversationId, target);
      assert.equal(roots, 0, 'the root was not fetched again');
      assert.ok(asked.length <= 2 && asked.includes(target), `items fetched: ${asked.length}`);
    } finally {
      tree.getChildren = getChildren;
      tree.getTreeItem = getTreeItem;
    }
  });
});
