// Paging the Conversations tree in the real extension host against the simulator, which stores whole seconds
// as Dify does: 250 conversations sharing seconds four by four, walked with "Load more…", lose nothing and
// repeat nothing; a conversation continued in the panel moves to the top; a rename or delete made elsewhere
// (another window, another client) shows after a refresh and when the view comes back into sight.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { SimEnv, SuiteProfile } from '../../support';
import { extensionApi, loadAll, saveUserSettings, simEnv, suiteProfile, treeRows } from '../../support';

describe('Conversations tree: paging with ties, order, changes made elsewhere', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let profile: SuiteProfile;
  let seeded: string[];

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    profile = await suiteProfile(api, sim, 'it-paging', 'chat');
    seeded = await profile.seed(250, { perSecond: 4 });
    await vscode.commands.executeCommand('dify.conversations.focus');
  });

  after(async () => {
    await profile.remove();
    await settings.restore();
  });

  it('250 conversations in whole seconds, four to a second: every one once, newest first', async () => {
    await api.conversations.refresh();
    assert.equal(api.conversations.errorMessage, undefined);
    assert.equal(treeRows(api).length, 30, 'a page of 30 first');
    await loadAll(api);
    const rows = treeRows(api);
    assert.equal(rows.length, 250, 'none lost');
    assert.equal(new Set(rows.map((r) => r.id)).size, 250, 'none repeated');
    assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(seeded));
    for (let i = 1; i < rows.length; i++) assert.ok((rows[i]?.updatedAt ?? 0) <= (rows[i - 1]?.updatedAt ?? 0), `newest first at ${i}`);
    // The simulator really ties them: what Dify's own cursor would have skipped at the first page boundary.
    const client = await api.profiles.getClient();
    const naive = await client!.conversations({ limit: 30, lastId: rows[29]?.id as string });
    assert.ok(!naive.data.some((c) => c.id === rows[30]?.id), 'a client that trusts the cursor misses the 31st');
    assert.notEqual(api.conversations.rootNodes().at(-1)?.type, 'loadMore');
  });

  it('a conversation continued in the panel moves to the top (and stays there after a refresh from Dify)', async () => {
    const old = treeRows(api)[200];
    assert.ok(old);
    await vscode.commands.executeCommand('dify.conversations.open', old.id);
    assert.equal(api.chat.conversationId, old.id);
    assert.equal(await api.chat.ask('Continuing an old conversation'), true);
    await api.chat.whenIdle();
    assert.equal(treeRows(api)[0]?.id, old.id, 'on top at once');
    assert.equal(treeRows(api).filter((r) => r.id === old.id).length, 1, 'and only there');
    await api.conversations.refresh();
    assert.equal(treeRows(api)[0]?.id, old.id, 'Dify agrees after a refresh');
    api.chat.newChat();
  });

  it('a rename and a delete made elsewhere show after a refresh', async () => {
    await api.conversations.refresh();
    const [a, b] = treeRows(api).slice(3, 5);
    assert.ok(a && b);
    const client = await api.profiles.getClient();
    await client!.renameConversation(a.id, { name: 'Renamed in another window' });
    await client!.deleteConversation(b.id);
    assert.notEqual(treeRows(api).find((r) => r.id === a.id)?.name, 'Renamed in another window', 'not yet');
    await vscode.commands.executeCommand('dify.conversations.refresh');
    assert.equal(treeRows(api)[0]?.id, a.id, 'a rename bumps updated_at at Dify: on top');
    assert.equal(treeRows(api)[0]?.name, 'Renamed in another window');
    assert.ok(!treeRows(api).some((r) => r.id === b.id), 'the deleted one is gone');
  });

  it('a rename and a delete made elsewhere show when the view comes back into sight, keeping the pages loaded', async () => {
    await api.conversations.refresh();
    await loadAll(api);
    const before = treeRows(api);
    const [a, b] = before.slice(6, 8);
    assert.ok(a && b);
    const client = await api.profiles.getClient();
    await client!.renameConversation(a.id, { name: 'Renamed while the view was hidden' });
    await client!.deleteConversation(b.id);
    await vscode.commands.executeCommand('workbench.view.explorer');
    // Dify keeps whole seconds: the renamed one may share its second with the newest row, so it is looked for by id.
    const synced = new Promise<void>((resolve) => {
      const sub = api.conversations.onDidChangeTreeData(() => {
        const rows = treeRows(api);
        if (rows.find((r) => r.id === a.id)?.name === 'Renamed while the view was hidden' && !rows.some((r) => r.id === b.id)) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('dify.conversations.focus');
    await synced;
    const after = treeRows(api);
    const renamed = after.findIndex((r) => r.id === a.id);
    assert.ok(renamed >= 0 && after.slice(0, renamed).every((r) => r.updatedAt === after[renamed]?.updatedAt), 'the renamed one is on top (or tied with the top, to the second)');
    assert.ok(!after.some((r) => r.id === b.id), 'deleted elsewhere: gone');
    assert.equal(after.length, before.length - 1, 'the deeper pages stay loaded');
  });
});
