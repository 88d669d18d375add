// Pin and Unpin in the real extension host: the Pinned group on top with the rest newest first below it, the
// pins kept in global state per profile and user (so they survive a reload), shown even when not on a loaded
// page, pruned when Dify answers 404 for the conversation (deleted here or elsewhere) and kept on any other error.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import { PINS_STATE_KEY, PinStore, pinScope } from '../../../../src/chat/pins';
import type { SimEnv, SuiteProfile } from '../../support';
import { ScriptedDialogs, extensionApi, injectFault, nextEvent, pinnedRows, rowNode, saveUserSettings, simAdmin, simEnv, suiteProfile, treeRows } from '../../support';

describe('Conversations tree: pins', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let profile: SuiteProfile;
  let other: SuiteProfile;
  let dialogs: ScriptedDialogs;

  const globalState = (): vscode.Memento => {
    const state = api.connection.storage?.globalState;
    assert.ok(state, 'a development run hands out its storage');
    return state;
  };

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    other = await suiteProfile(api, sim, 'it-pins-other', 'chat');
    await other.seed(5, { ties: 0 });
    profile = await suiteProfile(api, sim, 'it-pins', 'chat');
    await profile.seed(65, { perSecond: 2 });
    await vscode.commands.executeCommand('dify.conversations.focus');
    await api.conversations.refresh();
  });

  beforeEach(() => {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
  });

  afterEach(() => dialogs.restore());

  after(async () => {
    await other.remove();
    await profile.remove();
    await settings.restore();
  });

  it('Pin puts conversations in a Pinned group on top; the rest stays newest first without them', async () => {
    const rows = treeRows(api);
    const [a, b] = [rows[4], rows[10]];
    assert.ok(a && b);
    await vscode.commands.executeCommand('dify.conversations.pin', rowNode(a));
    await vscode.commands.executeCommand('dify.conversations.pin', rowNode(b), [rowNode(b)]);
    const top = api.conversations.rootNodes()[0];
    assert.equal(top?.type, 'pinnedGroup');
    assert.equal(api.conversations.getTreeItem(top!).label, 'Pinned');
    assert.deepEqual(pinnedRows(api).map((r) => r.id), [b.id, a.id], 'newest pin first');
    const rest = treeRows(api);
    assert.ok(!rest.some((r) => r.id === a.id || r.id === b.id), 'a pinned conversation is shown once, in the group');
    for (let i = 1; i < rest.length; i++) assert.ok((rest[i]?.updatedAt ?? 0) <= (rest[i - 1]?.updatedAt ?? 0));
    const item = api.conversations.getTreeItem({ type: 'conversation', conversation: a, pinned: true });
    assert.equal(item.contextValue, 'dify.conversation.pinned', 'the menu offers Unpin');
  });

  it('pins survive a reload: they are in global state, per profile and user, with their names', async () => {
    const stored = globalState().get(PINS_STATE_KEY) as Record<string, Array<{ id: string; name: string }>>;
    const mine = stored[pinScope(profile.id, profile.user)];
    assert.deepEqual(mine?.map((p) => p.id), pinnedRows(api).map((r) => r.id));
    assert.ok(mine?.every((p) => p.name.startsWith('Seeded conversation')));
    // What a restarted extension host reads: a fresh store over the same global state.
    const reread = new PinStore(globalState(), () => pinScope(profile.id, profile.user));
    assert.deepEqual(reread.list().map((p) => p.id), mine?.map((p) => p.id));
    assert.deepEqual(new PinStore(globalState(), () => pinScope(profile.id, 'someone-else')).list(), [], 'another user: none');
  });

  it('a pinned conversation shows even when it is not on a loaded page (with the name it had)', async () => {
    const client = await api.profiles.getClient();
    const page3 = (await client!.conversations({ limit: 100 })).data[60];
    assert.ok(page3 && !treeRows(api).some((r) => r.id === page3.id), 'row 61 is not loaded yet');
    await vscode.commands.executeCommand('dify.conversations.pin', rowNode({ ...page3 }));
    await api.conversations.refresh();
    const shown = pinnedRows(api).find((r) => r.id === page3.id);
    assert.equal(shown?.name, page3.name);
    const item = api.conversations.getTreeItem({ type: 'conversation', conversation: shown!, pinned: true });
    assert.equal(item.label, page3.name);
  });

  it('switching the app switches the pins', async () => {
    const pinned = pinnedRows(api).map((r) => r.id);
    assert.ok(pinned.length >= 3);
    let changed = nextEvent(api.profiles.onDidChange);
    await api.profiles.switchTo(other.id);
    await changed;
    await api.conversations.refresh();
    assert.deepEqual(pinnedRows(api), [], 'the other app has none');
    assert.equal(treeRows(api).length, 5);
    changed = nextEvent(api.profiles.onDidChange);
    await api.profiles.switchTo(profile.id);
    await changed;
    await api.conversations.refresh();
    assert.deepEqual(pinnedRows(api).map((r) => r.id), pinned);
  });

  it('a pin whose conversation was deleted elsewhere is pruned on refresh; another error keeps it', async () => {
    // Newest pin first: the one from beyond the loaded pages, then b, then a. Both deleted elsewhere.
    const [kept, gone] = pinnedRows(api);
    assert.ok(kept && gone);
    const client = await api.profiles.getClient();
    await client!.deleteConversation(kept.id);
    await client!.deleteConversation(gone.id);
    // Pins are checked in order: the first lookup fails with a 500 (three times: the GET's retries), so it is no
    // definite "gone"; the second gets Dify's 404.
    await injectFault(sim.origin, '500', '^/v1/messages$', 3);
    await api.conversations.refresh();
    await new Promise<void>((resolve) => {
      if (!pinnedRows(api).some((r) => r.id === gone.id)) return resolve();
      const sub = api.conversations.onDidChangeTreeData(() => {
        if (!pinnedRows(api).some((r) => r.id === gone.id)) {
          sub.dispose();
          resolve();
        }
      });
    });
    assert.ok(!pinnedRows(api).some((r) => r.id === gone.id), '404: pruned');
    assert.ok(pinnedRows(api).some((r) => r.id === kept.id), '500: kept');
    const stats = (await simAdmin(sim.origin, 'GET', 'stats')) as { log: Array<{ path: string; status: number }> };
    assert.ok(stats.log.some((r) => r.path.startsWith('/v1/messages') && r.status === 500), 'the failing lookup happened');
  });

  it('Unpin, and deleting a pinned conversation here unpins it', async () => {
    const [first, second] = pinnedRows(api);
    assert.ok(first);
    await vscode.commands.executeCommand('dify.conversations.unpin', rowNode(first));
    assert.ok(!pinnedRows(api).some((r) => r.id === first.id));
    assert.ok(treeRows(api).some((r) => r.id === first.id) || first.updatedAt === 0, 'back among the rest when loaded');
    if (second) {
      dialogs.confirms = ['Delete'];
      await vscode.commands.executeCommand('dify.conversations.delete', rowNode(second));
      assert.ok(!pinnedRows(api).some((r) => r.id === second.id));
    }
    const left = new PinStore(globalState(), () => pinScope(profile.id, profile.user)).list();
    assert.deepEqual(left.map((p) => p.id), pinnedRows(api).map((r) => r.id));
  });
});
