// A key's origin, kept in the key's own secret, and when the user is asked about it: in the real extension host
// against the simulator. Background work (the status bar's check, the panel's app, the tree) never opens a dialog
// and sends no key that needs a yes; the question comes when the user acts (a message, Refresh, Test Connection).
// A key stored by an older version (a bare string, no origin) is asked about once, then rewritten with its origin.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import { keyNotSentText } from '../../../../src/host/connection/profileClients';
import { KeyStore } from '../../../../src/host/connection/secrets';
import type { Proxy, SimEnv } from '../../support';
import { ScriptedDialogs, extensionApi, nextEvent, nextMessage, saveUserSettings, simAdmin, simEnv, startProxy } from '../../support';

describe('Connection: a key\'s origin, and when to ask about it', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let proxy: Proxy;
  let settings: { restore(): Promise<void> };
  let dialogs: ScriptedDialogs;
  const created = ['it-origin-moved', 'it-origin-legacy'];

  const confirms = (): string[] => dialogs.shown.filter((s) => s.kind === 'confirm').map((s) => s.text);
  const chatReady = (name: string): boolean => api.chat.getState().connection.status === 'ready' && api.chat.getState().app?.name === name;

  async function whenChatReady(name: string): Promise<void> {
    if (!chatReady(name)) await nextMessage(api.chat, 'state', () => chatReady(name));
  }

  before(async () => {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    await simAdmin(sim.origin, 'POST', 'reset');
    proxy = await startProxy(sim.origin);
    // The tree is open, so a change reloads it in the background too.
    await vscode.commands.executeCommand('dify.conversations.focus');
  });

  beforeEach(() => {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
  });

  afterEach(async () => {
    dialogs.restore();
    await api.chat.stop();
    await api.chat.whenIdle();
  });

  after(async () => {
    for (const id of created) await api.profiles.clearKey(id).catch(() => undefined);
    await settings.restore();
    await proxy.close();
  });

  it('a changed base URL: the background refreshes ask nothing and send nothing; the user\'s Refresh and message ask, once accepted it goes out', async () => {
    await api.profiles.addProfile({ name: 'It Moved', baseUrl: sim.baseUrl }, 'it-origin-moved');
    await api.profiles.storeKey('it-origin-moved', sim.keys.chat, sim.baseUrl);
    await api.profiles.switchTo('it-origin-moved');
    await whenChatReady('Sim Chatbot');
    await api.conversations.refresh();
    assert.deepEqual(confirms(), []);

    // The base URL moves to another server: the status bar, the panel and the open tree all refresh by themselves.
    const panelSettled = nextMessage(api.chat, 'state', (m) => m.state.connection.status === 'error');
    const treeSettled = nextEvent(api.conversations.onDidChangeTreeData);
    await api.profiles.updateProfile('it-origin-moved', { baseUrl: `${proxy.url}/v1` });
    const panel = await panelSettled;
    await treeSettled;
    assert.equal((await api.profiles.refreshStatus()).status, 'needsConfirmation');
    assert.deepEqual(confirms(), [], 'background work opened a dialog');
    assert.equal(proxy.hits, 0, 'something was sent to the new server before the user did anything');
    assert.equal(panel.state.connection.message, keyNotSentText());
    assert.match(api.connection.statusBar.text, /It Moved · key not sent$/);
    assert.deepEqual(api.conversations.getChildren(), []);

    // The user refreshes the tree: asked; declined, still nothing sent.
    dialogs.confirms = [undefined];
    await api.conversations.refresh();
    assert.equal(confirms().length, 1);
    assert.match(confirms()[0] ?? '', new RegExp(`^The API key of "It Moved" was entered for ${sim.origin.replace(/\./g, '\\.')}\\. Send it to ${proxy.url.replace(/\./g, '\\.')}\\?`));
    assert.equal(proxy.hits, 0);

    // The user sends a message: asked again; accepted, the answer comes through the new server, and the
    // background picks the accepted key up by itself (the panel's app, the status bar).
    dialogs.confirms = ['Send Key'];
    const panelBack = whenChatReady('Sim Chatbot');
    assert.equal(await api.chat.ask('Hello through the moved server'), true);
    await api.chat.whenIdle();
    assert.equal(api.chat.getState().turns.at(-1)?.answer.status, 'done');
    assert.equal(confirms().length, 2);
    assert.ok(proxy.hits > 0, 'the question went to the new server');
    await panelBack;
    assert.equal((await api.profiles.refreshStatus()).status, 'connected');
    assert.equal(confirms().length, 2, 'accepted once: not asked again');
  });

  it('a key stored by an older version (a bare string, no origin) is not sent until the user says yes, then kept with its origin', async () => {
    const storage = api.connection.storage;
    const secretName = KeyStore.storageKey('it-origin-legacy');
    await api.profiles.addProfile({ name: 'It Legacy', baseUrl: sim.baseUrl }, 'it-origin-legacy');
    await storage.secrets.store(secretName, sim.keys.agent);
    const panelSettled = nextMessage(api.chat, 'state', (m) => m.state.connection.status === 'error' && m.state.connection.profileName === 'It Legacy');
    await api.profiles.switchTo('it-origin-legacy');
    await panelSettled;
    assert.equal((await api.profiles.refreshStatus()).status, 'needsConfirmation');
    assert.deepEqual(confirms(), [], 'background work opened a dialog');
    assert.equal(await storage.secrets.get(secretName), sim.keys.agent, 'not rewritten without the user');

    // The user runs Test Connection: asked once about this server; yes sends it and binds it there.
    dialogs.confirms = ['Send Key'];
    const d = await api.connection.commands.testConnection();
    assert.equal(d?.kind, 'ok');
    assert.deepEqual(d?.app, { name: 'Sim Agent', mode: 'agent-chat' });
    assert.equal(confirms().length, 1);
    assert.match(confirms()[0] ?? '', new RegExp(`^The API key of "It Legacy" has no record of the server it was entered for\\. Send it to ${sim.origin.replace(/\./g, '\\.')}\\?`));
    const stored = await storage.secrets.get(secretName);
    assert.deepEqual(JSON.parse(stored ?? ''), { version: 1, key: sim.keys.agent, origin: sim.origin });
    console.log(`      the secret as stored now: ${(stored ?? '').replace(sim.keys.agent, '<the key>')}`);
    await whenChatReady('Sim Agent');
    assert.ok(await api.profiles.getClient());
    assert.equal(confirms().length, 1, 'asked once');
  });
});
