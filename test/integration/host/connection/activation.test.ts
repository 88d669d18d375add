// Activation costs nothing a user would notice: the connection layer reads no API key from SecretStorage and
// sends no request until something needs the connection (a Dify view asks for a client when it is shown, and
// so do the commands that talk to Dify); then the first quiet status check runs, once. Plus the time activate()
// took in this extension host, written to test-results/bench/activation.json for the performance report (a
// figure, never a pass/fail on time).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createConnection } from '../../../../src/host/connection/connection';
import type { RequestLogEvent } from '../../../../src/host/log';
import { DifyLog } from '../../../../src/host/log';
import { KeyStore } from '../../../../src/host/connection/secrets';
import { encodeStoredKey } from '../../../../src/host/connection/storedKey';
import type { SimEnv } from '../../support';
import { EXTENSION_ID, extensionApi, saveUserSettings, simEnv } from '../../support';

/** A SecretStorage that counts every read. */
class CountingSecrets implements vscode.SecretStorage {
  reads = 0;
  readonly values = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.emitter.event;
  async get(key: string): Promise<string | undefined> {
    this.reads++;
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.emitter.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.emitter.fire({ key });
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

class MapMemento implements vscode.Memento {
  private readonly map = new Map<string, unknown>();
  setKeysForSync(): void {
    // nothing syncs here
  }
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

describe('Activation: no key read and no request until the connection is needed', () => {
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let secrets: CountingSecrets;
  const subscriptions: { dispose(): unknown }[] = [];
  const requests: string[] = [];

  before(async () => {
    sim = simEnv();
    const api = await extensionApi();
    settings = saveUserSettings();
    await api.profiles.addProfile({ name: 'It Lazy', baseUrl: sim.baseUrl }, 'it-lazy');
    await api.profiles.switchTo('it-lazy');
    secrets = new CountingSecrets();
    secrets.values.set(KeyStore.storageKey('it-lazy'), encodeStoredKey({ key: sim.keys.chat, origin: sim.origin }));
  });

  after(async () => {
    for (const d of subscriptions) d.dispose();
    secrets.dispose();
    await settings.restore();
  });

  it('builds the connection as activation does without reading a key or sending a request; the first client asked for starts one status check', async () => {
    // Every request of every client this connection makes, as its log sees them (one line per attempt).
    const log = new (class extends DifyLog {
      override request(e: RequestLogEvent): void {
        requests.push(e.path.split('?')[0] ?? e.path);
        super.request(e);
      }
    })(vscode.window.createOutputChannel('Dify (activation test)', { log: true }));
    const context = { globalState: new MapMemento(), secrets, extensionMode: vscode.ExtensionMode.Test, subscriptions };
    const connection = createConnection(context, log);
    assert.ok(subscriptions.includes(connection));
    const manager = connection.profiles;
    assert.equal(manager.activeProfile.id, 'it-lazy');
    // Whatever activation started has had its turn: the status bar drew, the user id was stored.
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(secrets.reads, 0, 'the connection read a key while it was built');
    assert.equal(requests.length, 0, `requests: ${requests.join(', ')}`);
    assert.equal(manager.connectionState.status, 'unknown');
    assert.doesNotMatch(connection.statusBar.text, /checking/);

    // A view shown asks for a client: that starts the first status check (GET /info), once.
    const client = await manager.getClient({ interactive: false });
    assert.ok(client);
    const state = await manager.start();
    assert.equal(state.status, 'connected');
    assert.ok(secrets.reads > 0);
    assert.deepEqual(requests.filter((p) => p.startsWith('/info')), ['/info'], `requests: ${requests.join(', ')}`);
    assert.equal(await manager.start(), state, 'start() again runs no second check');
    assert.equal(requests.filter((p) => p.startsWith('/info')).length, 1);
  });

  it('records how long activate() took in this extension host (for the performance report)', async () => {
    const api = await extensionApi();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok((api.activationMs ?? -1) > 0);
    console.log(`[activation] activate() took ${(api.activationMs ?? 0).toFixed(1)} ms`);
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
    if (root) {
      fs.mkdirSync(path.join(root, 'test-results', 'bench'), { recursive: true });
      fs.writeFileSync(path.join(root, 'test-results', 'bench', 'activation.json'), JSON.stringify({ activateMs: api.activationMs }, null, 2));
    }
  });
});
