// The key store's edge cases, in the real extension host with a stand-in SecretStorage: no OS keyring (get and
// store throw) gives one clear sentence and a link to VS Code's troubleshooting page, never a crash; a key set
// in another window (SecretStorage.onDidChange) reaches this window's panel at once. Plus the development seed, and
// clients that wait for it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Connection } from '../../../../src/host/connection/connection';
import type { ConnectionCommands } from '../../../../src/host/connection/connectionCommands';
import { DifyLog } from '../../../../src/host/log';
import type { ProfileManager } from '../../../../src/host/connection/profiles';
import type { Prompter } from '../../../../src/host/prompts';
import { vscodePrompter } from '../../../../src/host/prompts';
import { KEYRING_DOCS_URL, KeyStore } from '../../../../src/host/connection/secrets';
import { encodeStoredKey } from '../../../../src/host/connection/storedKey';
import type { SimEnv } from '../../support';
import { ScriptedDialogs, extensionApi, nextEvent, saveUserSettings, simEnv } from '../../support';

/** A SecretStorage that can be made to fail like a missing or locked OS keyring. */
class FakeSecretStorage implements vscode.SecretStorage {
  failing = true;
  /** Calls of get(): each is a round trip to the renderer in VS Code. */
  gets = 0;
  readonly values = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.emitter.event;

  private check(): void {
    if (this.failing) throw new Error('Cannot create an item in a locked collection');
  }
  async get(key: string): Promise<string | undefined> {
    this.gets++;
    this.check();
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.check();
    this.values.set(key, value);
    this.emitter.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.check();
    this.values.delete(key);
    this.emitter.fire({ key });
  }
  /** What another VS Code window storing a key looks like from here. */
  storeFromAnotherWindow(key: string, value: string): void {
    this.values.set(key, value);
    this.emitter.fire({ key });
  }
  /** What another VS Code window deleting a key looks like from here. */
  deleteFromAnotherWindow(key: string): void {
    this.values.delete(key);
    this.emitter.fire({ key });
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

class MapMemento implements vscode.Memento {
  private readonly map = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.map.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.map.has(key) ? (this.map.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, value);
  }
}

describe('Connection: key store edge cases', () => {
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let secrets: FakeSecretStorage;
  let connection: Connection;
  let manager: ProfileManager;
  let commands: ConnectionCommands;
  let prompter: Prompter;
  let dialogs: ScriptedDialogs;
  const opened: string[] = [];

  before(async () => {
    sim = simEnv();
    const api = await extensionApi();
    settings = saveUserSettings();
    await api.profiles.addProfile({ name: 'It Keyring', baseUrl: sim.baseUrl }, 'it-keyring');
    await api.profiles.switchTo('it-keyring');
    secrets = new FakeSecretStorage();
    const log = new DifyLog(vscode.window.createOutputChannel('Dify (keyring test)', { log: true }));
    prompter = { ...vscodePrompter(), openExternal: async (url) => void opened.push(url) };
    dialogs = new ScriptedDialogs(prompter).install();
    // A second connection layer beside the extension's own, on the stand-ins (its commands stay unregistered).
    connection = new Connection({ globalState: new MapMemento(), secrets, log, prompter, defaultUserId: 'it-keyring-user' });
    manager = connection.profiles;
    commands = connection.commands;
    assert.equal(manager.activeProfile.id, 'it-keyring');
  });

  after(async () => {
    dialogs.restore();
    connection.dispose();
    secrets.dispose();
    await settings.restore();
  });

  it('no keyring: getClient() is undefined with one sentence and a link to VS Code\'s docs, not a crash', async () => {
    dialogs.errors = ['Open Troubleshooting'];
    assert.equal(await manager.getClient(), undefined);
    const shown = dialogs.last('error');
    assert.match(shown?.text ?? '', /^VS Code could not read the API key in its secret storage \(the OS keyring may be missing or locked\); see "Troubleshooting keychain issues" in VS Code's docs\.$/);
    assert.deepEqual(shown?.actions, ['Open Troubleshooting']);
    assert.deepEqual(opened, [KEYRING_DOCS_URL]);
    assert.equal(manager.connectionState.status, 'keyringError');
  });

  it('no keyring: Set API Key checks the key, then says the keyring failed (outcome "failed")', async () => {
    dialogs.inputs = [sim.keys.chat];
    assert.equal(await commands.setApiKey(), 'failed');
    assert.match(dialogs.last('error')?.text ?? '', /could not store the API key in its secret storage/);
    assert.ok(!dialogs.shown.some((s) => s.text.includes(sim.keys.chat)));
  });

  it('a key stored in another window reaches this one (SecretStorage.onDidChange)', async () => {
    secrets.failing = false;
    assert.equal(await manager.getClient(), undefined);
    const changed = nextEvent(manager.onDidChange);
    // Another window running this version stores the key with the origin it was entered for.
    secrets.storeFromAnotherWindow(KeyStore.storageKey('it-keyring'), encodeStoredKey({ key: sim.keys.agent, origin: sim.origin }));
    await changed;
    const client = await manager.getClient();
    assert.ok(client);
    assert.equal((await client.info()).name, 'Sim Agent');
  });

  it('a key read once is served from memory until it changes, here or in another window', async () => {
    const before = secrets.gets;
    assert.ok(await manager.getClient());
    assert.ok(await manager.hasKey('it-keyring'));
    assert.equal(secrets.gets, before, 'no second read of the same key');
    const changed = nextEvent(manager.onDidChange);
    secrets.storeFromAnotherWindow(KeyStore.storageKey('it-keyring'), encodeStoredKey({ key: sim.keys.chat, origin: sim.origin }));
    await changed;
    assert.equal(secrets.gets, before + 1, 'the change is read once');
    const client = await manager.getClient();
    assert.equal((await client?.info())?.name, 'Sim Chatbot', 'the new key is the one sent');
    assert.equal(secrets.gets, before + 1);
  });

  it('a key removed in another window is gone here too', async () => {
    const changed = nextEvent(manager.onDidChange);
    secrets.storeFromAnotherWindow('unrelated.key', 'x'); // not a Dify key: ignored
    secrets.deleteFromAnotherWindow(KeyStore.storageKey('it-keyring'));
    await changed;
    assert.equal(await manager.getClient(), undefined);
  });

  it('the development seed makes a "Simulator" profile with its key, active', async () => {
    const api = await extensionApi();
    const changed = nextEvent(api.profiles.onDidChange);
    await api.profiles.seedDevProfile(sim.baseUrl, sim.keys.chat);
    await changed;
    assert.equal(api.profiles.activeProfile.id, 'simulator');
    assert.equal(api.profiles.profileName, 'Simulator');
    assert.equal(api.profiles.activeProfile.baseUrl, sim.baseUrl);
    const client = await api.profiles.getClient();
    assert.equal((await client?.info())?.name, 'Sim Chatbot');
  });

  it('the origins older versions kept in global state are removed: the keys\' secrets hold them now', async () => {
    const memento = new MapMemento();
    await memento.update('dify.keyOrigins', { 'it-keyring': sim.origin });
    const log = new DifyLog(vscode.window.createOutputChannel('Dify (legacy state test)', { log: true }));
    const another = new Connection({ globalState: memento, secrets, log, prompter, defaultUserId: 'it-keyring-user' });
    try {
      assert.equal(memento.get('dify.keyOrigins'), undefined);
      assert.equal(await another.profiles.hasKey('it-keyring'), false, 'and it binds no key');
    } finally {
      another.dispose();
    }
  });

  it('a client asked for while the seed is still choosing the profile is the seeded one\'s, not "no key" for the one before', async () => {
    // The second connection is on a profile without a key; the seed is held until the lookup is under way.
    await manager.switchTo('it-keyring');
    assert.equal(await manager.hasKey('it-keyring'), false);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    manager.resolveAfter(held.then(() => manager.seedDevProfile(sim.baseUrl, sim.keys.chat)));
    const lookup = manager.getClient({ interactive: false });
    release();
    const client = await lookup;
    assert.equal(manager.activeProfile.id, 'simulator');
    assert.equal((await client?.info())?.name, 'Sim Chatbot');
  });
});
