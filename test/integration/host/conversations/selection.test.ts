// Several conversations selected in the real extension host: one confirmation that names how many, every one
// deleted at Dify, the one open in the panel among them replaced by a new chat; the commands F2 and Delete run
// (no argument: the view's selection counts); Cancel deletes nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { SimEnv, SuiteProfile } from '../../support';
import { ScriptedDialogs, extensionApi, rowNode, saveUserSettings, simEnv, suiteProfile, treeRows } from '../../support';

describe('Conversations tree: selecting several, keys', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let profile: SuiteProfile;
  let dialogs: ScriptedDialogs;

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    profile = await suiteProfile(api, sim, 'it-select', 'chat');
    await profile.seed(12, { ties: 0 });
    await vscode.commands.executeCommand('dify.conversations.focus');
    await api.conversations.refresh();
  });

  beforeEach(() => {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
  });

  afterEach(() => dialogs.restore());

  after(async () => {
    await profile.remove();
    await settings.restore();
  });

  it('deletes three selected conversations with one confirmation that says three; the open one gives a new chat', async () => {
    const picked = treeRows(api).slice(1, 4);
    const open = picked[1]!;
    await vscode.commands.executeCommand('dify.conversations.open', open.id);
    assert.equal(api.chat.conversationId, open.id);
    const nodes = picked.map(rowNode);
    dialogs.confirms = [undefined];
    await vscode.commands.executeCommand('dify.conversations.delete', nodes[0], nodes);
    assert.equal(dialogs.shown.filter((s) => s.kind === 'confirm').length, 1, 'one confirmation');
    assert.match(dialogs.last('confirm')?.text ?? '', /^Delete 3 conversations\?/);
    assert.equal(treeRows(api).length, 12, 'Cancel deletes nothing');

    dialogs.confirms = ['Delete'];
    await vscode.commands.executeCommand('dify.conversations.delete', nodes[2], nodes);
    const left = treeRows(api).map((r) => r.id);
    assert.equal(left.length, 9);
    for (const p of picked) assert.ok(!left.includes(p.id));
    const client = await api.profiles.getClient();
    const atDify = (await client!.conversations({ limit: 100 })).data.map((c) => c.id);
    for (const p of picked) assert.ok(!atDify.includes(p.id), 'deleted at Dify');
    assert.equal(atDify.length, 9);
    assert.equal(api.chat.conversationId, undefined, 'the open one was among them: a new chat');
  });

  it('a right-click outside the selection acts on that row only', async () => {
    const [a, b, c] = treeRows(api);
    assert.ok(a && b && c);
    dialogs.confirms = ['Delete'];
    await vscode.commands.executeCommand('dify.conversations.delete', rowNode(c), [rowNode(a), rowNode(b)]);
    assert.match(dialogs.last('confirm')?.text ?? '', /^Delete the conversation “/);
    assert.ok(treeRows(api).some((r) => r.id === a.id) && treeRows(api).some((r) => r.id === b.id));
    assert.ok(!treeRows(api).some((r) => r.id === c.id));
  });

  it('F2 and Delete are bound to the view (their commands take the selection when run without a row)', async () => {
    const manifest = vscode.extensions.getExtension('dify-community.dify-vscode')!.packageJSON as {
      contributes: { keybindings: Array<{ command: string; key: string; mac?: string; when: string }> };
    };
    const keys = manifest.contributes.keybindings;
    assert.deepEqual(keys.find((k) => k.command === 'dify.conversations.rename')?.key, 'f2');
    const del = keys.find((k) => k.command === 'dify.conversations.delete');
    assert.equal(del?.key, 'delete');
    assert.equal(del?.mac, 'cmd+backspace');
    const viewKeys = keys.filter((k) => k.command.startsWith('dify.conversations.'));
    assert.equal(viewKeys.length, 2);
    for (const k of viewKeys) assert.match(k.when, /focusedView == dify\.conversations/);
    // No selection and no row: nothing is asked, nothing deleted.
    const before = treeRows(api).length;
    await vscode.commands.executeCommand('dify.conversations.delete');
    await vscode.commands.executeCommand('dify.conversations.rename');
    assert.equal(dialogs.shown.length, 0);
    assert.equal(treeRows(api).length, before);
  });
});
