// The Conversations tree in the real extension host against the Dify simulator: cursor paging through
// "Load more…", a conversation started in the panel appearing at the top, opening one into the panel,
// rename (by hand and by Dify) and delete reaching Dify, and a failure shown as one sentence.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ConversationNode as Node } from '../../../../src/host/conversations/conversationsTree';
import type { SimEnv } from '../../support';
import { ScriptedDialogs, extensionApi, nextEvent, saveUserSettings, simAdmin, simEnv } from '../../support';

describe('Conversations tree', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let dialogs: ScriptedDialogs;
  const user = `tree-it-${Date.now().toString(36)}`;

  const children = (): Node[] => api.conversations.rootNodes();
  const conversations = () => children().flatMap((n) => (n.type === 'conversation' ? [n.conversation] : []));

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    await api.profiles.addProfile({ name: 'Tree', baseUrl: sim.baseUrl, user }, 'it-tree');
    await api.profiles.storeKey('it-tree', sim.keys.chat, sim.baseUrl);
    await api.profiles.switchTo('it-tree');
    await simAdmin(sim.origin, 'POST', 'seed', { key: sim.keys.chat, user, count: 65 });
    await vscode.commands.executeCommand('dify.conversations.focus');
  });

  beforeEach(() => {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
  });

  afterEach(() => dialogs.restore());

  after(async () => {
    await api.profiles.clearKey('it-tree').catch(() => undefined);
    await api.profiles.removeProfile('it-tree').catch(() => undefined);
    await settings.restore();
  });

  it('pages through 65 conversations with Load more, none lost or repeated', async () => {
    await api.conversations.refresh();
    assert.equal(api.conversations.errorMessage, undefined);
    assert.equal(conversations().length, 30);
    assert.equal(children().at(-1)?.type, 'loadMore');
    await vscode.commands.executeCommand('dify.conversations.loadMore');
    await vscode.commands.executeCommand('dify.conversations.loadMore');
    const ids = conversations().map((c) => c.id);
    assert.equal(ids.length, 65);
    assert.equal(new Set(ids).size, 65);
    assert.notEqual(children().at(-1)?.type, 'loadMore', 'no Load more once Dify says has_more is false');
    const item = api.conversations.getTreeItem(children()[0]!);
    assert.equal(item.contextValue, 'dify.conversation');
    assert.equal(item.command?.command, 'dify.conversations.open');
  });

  it('shows a conversation started in the panel at the top, and opens one into the panel', async () => {
    assert.equal(await api.chat.ask('Tree test: say hello', { newConversation: true }), true);
    await api.chat.whenIdle();
    const started = api.chat.conversationId;
    assert.ok(started, 'the answer gave the conversation an id');
    assert.equal(conversations()[0]?.id, started, 'the new conversation is first in the tree');

    api.chat.newChat();
    assert.equal(api.chat.conversationId, undefined);
    await vscode.commands.executeCommand('dify.conversations.open', started);
    assert.equal(api.chat.conversationId, started);
    const turns = api.chat.getState().turns;
    assert.equal(turns.length, 1);
    assert.match(JSON.stringify(turns[0]), /Tree test: say hello/);
  });

  it('opening a conversation redraws its row and the one open before, not the tree; New chat redraws the closed one', async () => {
    const rows = () => children().flatMap((n) => (n.type === 'conversation' ? [n] : []));
    const icon = (id: string) => (api.conversations.getTreeItem(rows().find((n) => n.conversation.id === id)!).iconPath as vscode.ThemeIcon).id;
    const before = api.chat.conversationId;
    assert.ok(before, 'the previous test left a conversation open');
    const target = conversations().find((c) => c.id !== before)!;
    const fired: Array<Node | Node[] | undefined> = [];
    const sub = api.conversations.onDidChangeTreeData((e) => fired.push(e));
    try {
      await vscode.commands.executeCommand('dify.conversations.open', target.id);
      assert.equal(api.chat.conversationId, target.id);
      assert.equal(fired.length, 1, 'one redraw for the open');
      const redrawn = fired[0];
      assert.ok(Array.isArray(redrawn), 'rows, not the whole tree');
      assert.deepEqual(redrawn.map((n) => (n.type === 'conversation' ? n.conversation.id : n.type)).sort(), [before, target.id].sort());
      const shown: Node[] = rows();
      assert.ok(redrawn.every((n) => shown.includes(n)), 'the very nodes the tree shows');
      assert.equal(icon(target.id), 'comment-discussion');
      assert.equal(icon(before), 'comment');

      fired.length = 0;
      api.chat.newChat();
      assert.deepEqual(fired.map((e) => (Array.isArray(e) ? e.map((n) => (n.type === 'conversation' ? n.conversation.id : n.type)) : e)), [[target.id]]);
      assert.equal(icon(target.id), 'comment');
    } finally {
      sub.dispose();
    }
  });

  it('renames by hand and by Dify, and the names reach Dify', async () => {
    const target = conversations()[1]!;
    dialogs.inputs = ['重命名的对话 ✨'];
    const fired: Array<Node | Node[] | undefined> = [];
    const sub = api.conversations.onDidChangeTreeData((e) => fired.push(e));
    await vscode.commands.executeCommand('dify.conversations.rename', { type: 'conversation', conversation: target });
    sub.dispose();
    assert.equal(conversations().find((c) => c.id === target.id)?.name, '重命名的对话 ✨');
    // Its row alone is redrawn, with the new name.
    assert.equal(fired.length, 1);
    const redrawn = fired[0];
    assert.ok(Array.isArray(redrawn) && redrawn.length === 1 && redrawn[0]?.type === 'conversation');
    assert.equal(api.conversations.getTreeItem(redrawn[0]).label, '重命名的对话 ✨');
    const client = await api.profiles.getClient();
    assert.ok(client);
    const page = await client.conversations({ limit: 100 });
    assert.equal(page.data.find((c) => c.id === target.id)?.name, '重命名的对话 ✨');

    const first = conversations()[0]!; // has a real first message, so Dify can generate a title
    await vscode.commands.executeCommand('dify.conversations.autoName', { type: 'conversation', conversation: first });
    assert.equal(api.conversations.errorMessage, undefined);
    const after = (await client.conversations({ limit: 100 })).data.find((c) => c.id === first.id);
    assert.equal(conversations().find((c) => c.id === first.id)?.name, after?.name);
  });

  it('deletes after confirmation, in the tree and in Dify; Cancel deletes nothing', async () => {
    const target = conversations()[2]!;
    const node: Node = { type: 'conversation', conversation: target };
    dialogs.confirms = [undefined];
    await vscode.commands.executeCommand('dify.conversations.delete', node);
    assert.ok(conversations().some((c) => c.id === target.id), 'Cancel keeps it');
    assert.match(dialogs.last('confirm')?.text ?? '', /Delete the conversation/);

    dialogs.confirms = ['Delete'];
    await vscode.commands.executeCommand('dify.conversations.delete', node);
    assert.ok(!conversations().some((c) => c.id === target.id));
    const client = await api.profiles.getClient();
    const page = await client!.conversations({ limit: 100 });
    assert.ok(!page.data.some((c) => c.id === target.id), 'Dify no longer lists it');
    assert.equal(page.data.length, 65, '65 seeded + 1 started - 1 deleted');
  });

  it('a failed load is one sentence above the tree, and clears on success', async () => {
    // Wait for the key change to reach the tree before asking it to load, so the load uses the new key.
    let changed = nextEvent(api.profiles.onDidChange);
    await api.profiles.storeKey('it-tree', sim.keys.disabled, sim.baseUrl);
    await changed;
    await api.conversations.refresh();
    assert.match(api.conversations.errorMessage ?? '', /\./);
    assert.doesNotMatch(api.conversations.errorMessage ?? '', /app-/, 'never the key');
    changed = nextEvent(api.profiles.onDidChange);
    await api.profiles.storeKey('it-tree', sim.keys.chat, sim.baseUrl);
    await changed;
    await api.conversations.refresh();
    assert.equal(api.conversations.errorMessage, undefined);
    assert.equal(conversations().length, 30);
  });
});
