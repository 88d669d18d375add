// A chatflow app's conversations expand to their conversation variables in the real extension host (every
// page of GET /conversations/:id/variables, read-only, the value in the tooltip; "No variables" for none);
// other app modes show no expander.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ConversationNode } from '../../../../src/host/conversations/nodes';
import type { SimEnv, SuiteProfile } from '../../support';
import { extensionApi, nextEvent, rowNode, saveUserSettings, simAdmin, simEnv, suiteProfile, treeRows } from '../../support';

describe('Conversations tree: chatflow variables', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let flow: SuiteProfile;
  let chat: SuiteProfile;

  const children = async (node: ConversationNode): Promise<ConversationNode[]> => api.conversations.getChildren(node);

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    chat = await suiteProfile(api, sim, 'it-vars-chat', 'chat');
    await chat.seed(3, { ties: 0 });
    flow = await suiteProfile(api, sim, 'it-vars-flow', 'chatflow');
    await vscode.commands.executeCommand('dify.conversations.focus');
  });

  after(async () => {
    await chat.remove();
    await flow.remove();
    await settings.restore();
  });

  it('a chatflow conversation expands to its variables: name, value, type and the value in full in the tooltip', async () => {
    const [withVars] = await flow.seed(2, { ties: 0 });
    await api.conversations.refresh();
    const row = treeRows(api).find((r) => r.id === withVars);
    assert.ok(row);
    const item = api.conversations.getTreeItem(rowNode(row));
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'an expander');
    const vars = await children(rowNode(row));
    assert.deepEqual(vars.map((v) => (v.type === 'variable' ? v.variable.name : v.type)), ['topic', 'turns', 'preferences']);
    const prefs = vars[2]!;
    const prefItem = api.conversations.getTreeItem(prefs);
    assert.equal(prefItem.label, 'preferences');
    assert.match(String(prefItem.description), /tone/);
    const tooltip = prefItem.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /object/, 'its type');
    assert.match(tooltip.value, /'tone': 'Friendly'/, 'the value, whole');
    assert.equal(prefItem.command, undefined, 'read-only: nothing happens on click');
    assert.equal(prefItem.contextValue, 'dify.variable', 'no rename or delete menu');
  });

  it('reads every page (123 variables over two pages of 100)', async () => {
    const [id] = await flow.seed(1, { ties: 0 });
    await simAdmin(sim.origin, 'POST', 'seed', { kind: 'variables', key: sim.keys.chatflow, user: flow.user, count: 120, conversationId: id });
    await api.conversations.refresh();
    const row = treeRows(api).find((r) => r.id === id)!;
    const vars = await children(rowNode(row));
    assert.equal(vars.length, 123);
    assert.equal(new Set(vars.map((v) => (v.type === 'variable' ? v.variable.id : ''))).size, 123);
    const log = ((await simAdmin(sim.origin, 'GET', 'stats')) as { log: Array<{ path: string }> }).log.filter((r) => r.path.includes(`/conversations/${id}/variables`));
    assert.ok(log.some((r) => /last_id=/.test(r.path)), 'the second page asked with last_id');
  });

  it('none: "No variables"', async () => {
    const [id] = await flow.seed(1, { ties: 0, variables: false });
    await api.conversations.refresh();
    const row = treeRows(api).find((r) => r.id === id)!;
    const vars = await children(rowNode(row));
    assert.equal(vars.length, 1);
    assert.equal(vars[0]?.type, 'note');
    assert.equal(api.conversations.getTreeItem(vars[0]!).label, 'No variables');
  });

  it('other app modes show no expander', async () => {
    const changed = nextEvent(api.profiles.onDidChange);
    await api.profiles.switchTo(chat.id);
    await changed;
    await api.conversations.refresh();
    const row = treeRows(api)[0]!;
    assert.equal(api.conversations.getTreeItem(rowNode(row)).collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.deepEqual(await children(rowNode(row)), []);
  });
});
