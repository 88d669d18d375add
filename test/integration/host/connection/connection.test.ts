// Connection, keys and several apps, in the real extension host against the Dify simulator: Set / Clear API
// Key per profile (checked with the server before storing), switching apps, origin binding, every Test
// Connection diagnosis, and a workspace that tries to redirect the key (flat and nested settings forms).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import { diagnosisText } from '../../../../src/host/messages';
import { makeSelfSignedCert } from '../../../fixtures/tls/selfSigned';
import type { SimEnv, TestServer } from '../../support';
import {
  ScriptedDialogs,
  closedPort,
  extensionApi,
  injectFault,
  nextEvent,
  saveUserSettings,
  setUserSetting,
  simAdmin,
  simEnv,
  startCanary,
  startHttps,
  startProxy,
  startSilent,
  whenConfiguration,
} from '../../support';

describe('Connection', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let dialogs: ScriptedDialogs;
  const created = new Set<string>();

  async function addProfile(id: string, name: string, baseUrl: string): Promise<void> {
    created.add(id);
    await api.profiles.addProfile({ name, baseUrl }, id);
  }

  /** A profile with a key stored directly (as if it was checked long ago). */
  async function profileWithKey(id: string, baseUrl: string, key: string): Promise<void> {
    await addProfile(id, id, baseUrl);
    await api.profiles.storeKey(id, key, baseUrl);
  }

  async function test(id: string) {
    const d = await api.connection.commands.testConnection(id);
    assert.ok(d, 'Test Connection returned no diagnosis');
    return d;
  }

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    await simAdmin(sim.origin, 'POST', 'reset');
  });

  beforeEach(() => {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
  });

  afterEach(async () => {
    dialogs.restore();
    await simAdmin(sim.origin, 'DELETE', 'faults');
  });

  after(async () => {
    for (const id of created) await api.profiles.clearKey(id).catch(() => undefined);
    await settings.restore();
  });

  describe('API keys, per profile', () => {
    it('Set API Key checks the key with /info before storing it, for each profile', async () => {
      await addProfile('it-chat', 'It Chat', sim.baseUrl);
      await addProfile('it-agent', 'It Agent', sim.baseUrl);
      dialogs.inputs = [sim.keys.chat];
      assert.equal(await api.connection.commands.setApiKey('it-chat'), 'saved');
      assert.match(dialogs.last('info')?.text ?? '', /"It Chat" is connected to "Sim Chatbot" \(Chatbot\)/);
      dialogs.inputs = [`  ${sim.keys.agent}  `]; // pasted with spaces: trimmed, with a note
      assert.equal(await api.connection.commands.setApiKey('it-agent'), 'saved');
      assert.match(dialogs.validations.at(-1) ?? '', /Spaces around the key will be removed/);
      assert.match(dialogs.last('info')?.text ?? '', /"Sim Agent" \(Agent\)/);
      assert.equal(await api.profiles.hasKey('it-chat'), true);
      assert.equal(await api.profiles.hasKey('it-agent'), true);
      // The input box asked for the right thing, and never showed a key.
      const input = dialogs.shown.find((s) => s.kind === 'input');
      assert.match(input?.text ?? '', /API key for "It Chat"/);
      for (const s of dialogs.shown) assert.ok(!s.text.includes(sim.keys.chat) && !s.text.includes(sim.keys.agent), s.text);
    });

    it('a key Dify rejects (401) is not stored', async () => {
      await addProfile('it-reject', 'It Reject', sim.baseUrl);
      dialogs.inputs = ['app-ThisKeyDoesNotExist0000'];
      assert.equal(await api.connection.commands.setApiKey('it-reject'), 'rejected');
      assert.match(dialogs.last('error')?.text ?? '', /rejected this key \(401\), so it was not saved/);
      assert.equal(await api.profiles.hasKey('it-reject'), false);
    });

    it('a dataset key is refused by validation, before any request', async () => {
      const before = ((await simAdmin(sim.origin, 'GET', 'stats')) as { log: unknown[] }).log.length;
      dialogs.inputs = ['dataset-simKb2Xq7Vn4Rt8Lm1Pz'];
      assert.equal(await api.connection.commands.setApiKey('it-reject'), 'failed');
      assert.match(dialogs.validations.at(-1) ?? '', /Knowledge \(dataset\) API key/);
      const after = ((await simAdmin(sim.origin, 'GET', 'stats')) as { log: unknown[] }).log.length;
      assert.equal(after, before, 'no request was sent for an invalid key');
      assert.equal(await api.profiles.hasKey('it-reject'), false);
    });

    it('an unreachable server offers "Save Anyway" / "Cancel"', async () => {
      const port = await closedPort();
      await addProfile('it-down', 'It Down', `http://127.0.0.1:${port}/v1`);
      dialogs.inputs = ['app-UncheckedKey1234567890'];
      dialogs.warns = ['Cancel'];
      assert.equal(await api.connection.commands.setApiKey('it-down'), 'cancelled');
      const warn = dialogs.last('warn');
      assert.match(warn?.text ?? '', new RegExp(`could not be checked: Nothing is listening at 127\\.0\\.0\\.1:${port}`));
      assert.deepEqual(warn?.actions, ['Save Anyway', 'Cancel']);
      assert.equal(await api.profiles.hasKey('it-down'), false);

      dialogs.inputs = ['app-UncheckedKey1234567890'];
      dialogs.warns = ['Save Anyway'];
      assert.equal(await api.connection.commands.setApiKey('it-down'), 'saved');
      assert.equal(await api.profiles.hasKey('it-down'), true);
    });

    it('Clear API Key removes it after confirmation', async () => {
      dialogs.confirms = [undefined];
      assert.equal(await api.connection.commands.clearApiKey('it-down'), false);
      assert.equal(await api.profiles.hasKey('it-down'), true);
      dialogs.confirms = ['Clear Key'];
      assert.equal(await api.connection.commands.clearApiKey('it-down'), true);
      assert.equal(await api.profiles.hasKey('it-down'), false);
    });

    it('setting the active profile\'s key fires onDidChange, and the client is there at once', async () => {
      await addProfile('it-fresh', 'It Fresh', sim.baseUrl);
      await api.profiles.switchTo('it-fresh');
      assert.equal(await api.profiles.getClient(), undefined);
      dialogs.inputs = [sim.keys.chatflow];
      const changed = nextEvent(api.profiles.onDidChange);
      assert.equal(await api.connection.commands.setApiKey(), 'saved');
      await changed;
      const client = await api.profiles.getClient();
      assert.ok(client);
      assert.equal((await client.info()).name, 'Sim Chatflow');
    });

    it('the command palette command drives the same flow (dify.setApiKey)', async () => {
      dialogs.inputs = [undefined]; // Escape
      await vscode.commands.executeCommand('dify.setApiKey');
      assert.match(dialogs.last('input')?.text ?? '', /API key for "It Fresh"/);
    });
  });

  describe('several apps', () => {
    let proxy: TestServer & { rewritten: number };
    before(async () => {
      proxy = await startProxy(sim.origin);
    });
    after(async () => {
      await proxy.close();
    });

    it('switching apps fires onDidChange and the client goes to the other base URL with the other key', async () => {
      await api.profiles.switchTo('it-chat');
      await profileWithKey('it-proxied', `${proxy.url}/v1`, sim.keys.agent);
      assert.equal(api.profiles.activeProfile.id, 'it-chat');
      const a = await api.profiles.getClient();
      assert.equal(a?.baseUrl, sim.baseUrl);
      assert.equal((await a?.info())?.name, 'Sim Chatbot');

      const changed = nextEvent(api.profiles.onDidChange);
      await api.profiles.switchTo('it-proxied');
      await changed;
      assert.equal(api.profiles.profileName, 'it-proxied');
      const hitsBefore = proxy.hits;
      const b = await api.profiles.getClient();
      assert.equal(b?.baseUrl, `${proxy.url}/v1`);
      assert.equal((await b?.info())?.name, 'Sim Agent');
      assert.ok(proxy.hits > hitsBefore, 'the request went through the second base URL');
    });

    it('Switch App lists the apps and switches to the one picked', async () => {
      dialogs.picks = [(items) => items.find((i) => i.label.endsWith('It Chat'))];
      const changed = nextEvent(api.profiles.onDidChange);
      await vscode.commands.executeCommand('dify.switchProfile');
      await changed;
      assert.equal(api.profiles.activeProfile.id, 'it-chat');
      const pick = dialogs.last('pick');
      assert.ok(pick?.actions.some((a) => a.includes('Add App')), pick?.actions.join(', '));
      assert.ok(pick?.actions.some((a) => a.includes('It Agent')));
    });

    it('the status bar shows the active app and its state', async () => {
      await api.profiles.refreshStatus();
      assert.match(api.connection.statusBar.text, /^\$\(comment-discussion\) It Chat$/);
      await api.profiles.switchTo('it-reject');
      await api.profiles.refreshStatus();
      assert.match(api.connection.statusBar.text, /It Reject · no key/);
      await api.profiles.switchTo('it-chat');
    });

    it('Add App asks name, base URL (offering /v1) and key, then makes the app active', async () => {
      dialogs.inputs = ['It Added', sim.origin, sim.keys.chat];
      dialogs.picks = [(items) => items[0]]; // the suggested URL with /v1
      const profile = await api.connection.commands.addProfile();
      assert.ok(profile);
      created.add(profile.id);
      assert.equal(profile.baseUrl, sim.baseUrl);
      assert.equal(api.profiles.activeProfile.id, profile.id);
      assert.equal(await api.profiles.hasKey(profile.id), true);
      dialogs.confirms = ['Remove'];
      assert.equal(await api.connection.commands.removeProfile(profile.id), true);
      assert.equal(await api.profiles.hasKey(profile.id), false);
      assert.ok(!api.profiles.profiles.some((p) => p.id === profile.id));
    });

    it('a key is bound to its origin: a changed base URL needs consent before the key goes there', async () => {
      await profileWithKey('it-moved', sim.baseUrl, sim.keys.chat);
      await api.profiles.switchTo('it-moved');
      await api.profiles.updateProfile('it-moved', { baseUrl: `${proxy.url}/v1` });
      const hits = proxy.hits;
      dialogs.confirms = [undefined]; // Cancel
      assert.equal(await api.profiles.getClient(), undefined);
      assert.equal(proxy.hits, hits, 'nothing was sent to the new origin');
      const asked = dialogs.last('confirm');
      assert.match(asked?.text ?? '', new RegExp(`entered for ${sim.origin.replace(/[.]/g, '\\.')}\\. Send it to http://127\\.0\\.0\\.1:${proxy.port}\\?`));
      assert.equal(api.profiles.connectionState.status, 'needsConfirmation');
      // Test Connection asks too; declined, it tests the server alone and says the key was not sent.
      dialogs.confirms = [undefined];
      const d = await api.connection.commands.testConnection('it-moved');
      assert.equal(d?.kind, 'keyNotSent');
      assert.match(d ? diagnosisText(d) : '', /reachable at http:\/\/127\.0\.0\.1:\d+\/v1, but the key of "it-moved" was not sent to it/);

      dialogs.confirms = ['Send Key'];
      const client = await api.profiles.getClient();
      assert.ok(client);
      assert.equal((await client.info()).name, 'Sim Chatbot');
      // Accepted once: no second question.
      const confirms = dialogs.shown.filter((s) => s.kind === 'confirm').length;
      assert.ok(await api.profiles.getClient());
      assert.equal(dialogs.shown.filter((s) => s.kind === 'confirm').length, confirms);
      await api.profiles.switchTo('it-chat');
    });

    it('plain http to a public host asks before the key is sent, and nothing is sent when declined', async () => {
      await addProfile('it-public', 'It Public', 'http://dify.example.invalid/v1');
      dialogs.inputs = ['app-PublicHostKey123456789'];
      dialogs.confirms = [undefined];
      assert.equal(await api.connection.commands.setApiKey('it-public'), 'cancelled');
      assert.match(dialogs.last('confirm')?.text ?? '', /http:\/\/dify\.example\.invalid uses plain http: the API key would cross the network unencrypted/);
      assert.equal(await api.profiles.hasKey('it-public'), false);
    });

    it('synced global state of another shape is not trusted: a string of accepted origins still asks', async () => {
      const storage = api.connection.storage;
      assert.ok(storage, 'storage is exposed in development/test runs');
      const key = 'dify.insecureOriginsAccepted';
      const saved = storage.globalState.get<unknown>(key);
      // A string "includes" the origin: read as a list, it would skip the question.
      await storage.globalState.update(key, 'http://dify.example.invalid');
      try {
        dialogs.inputs = ['app-PublicHostKey123456789'];
        dialogs.confirms = [undefined];
        assert.equal(await api.connection.commands.setApiKey('it-public'), 'cancelled');
        assert.equal(dialogs.shown.filter((s) => s.kind === 'confirm').length, 1);
        assert.match(dialogs.last('confirm')?.text ?? '', /http:\/\/dify\.example\.invalid uses plain http/);
        assert.equal(await api.profiles.hasKey('it-public'), false);
      } finally {
        await storage.globalState.update(key, saved);
      }
    });
  });

  describe('Test Connection', () => {
    const servers: TestServer[] = [];
    after(async () => {
      for (const s of servers) await s.close();
      await setUserSetting('requestTimeoutSeconds', undefined);
    });

    it('success: server version, app name and mode', async () => {
      const d = await test('it-chat');
      assert.equal(d.kind, 'ok');
      assert.equal(d.serverVersion, '1.11.2');
      assert.deepEqual(d.app, { name: 'Sim Chatbot', mode: 'chat' });
      assert.match(dialogs.last('info')?.text ?? '', /Connected to "Sim Chatbot" \(Chatbot\) on Dify 1\.11\.2/);
    });

    it('no key: the server is checked, and the key is asked for', async () => {
      const d = await test('it-reject');
      assert.equal(d.kind, 'noKey');
      assert.ok(dialogs.last('warn')?.actions.includes('Set API Key'));
    });

    it('unreachable: nothing listening on a loopback port', async () => {
      const port = await closedPort();
      await profileWithKey('it-closed', `http://127.0.0.1:${port}/v1`, 'app-ClosedPortKey123456789');
      const d = await test('it-closed');
      assert.equal(d.kind, 'unreachable');
      assert.equal(diagnosisText(d), `Nothing is listening at 127.0.0.1:${port}. Start Dify (e.g. docker compose up -d) or fix the base URL.`);
      assert.equal(dialogs.last('error')?.text, diagnosisText(d));
    });

    it('a proxy\'s HTML 502 page', async () => {
      await injectFault(sim.origin, 'html502', '^/v1/$', 3);
      const d = await test('it-chat');
      assert.equal(d.kind, 'proxy');
      assert.match(diagnosisText(d), /A proxy answered instead of Dify \(an HTTP 502 page/);
    });

    it('a base URL without /v1: HTML instead of the API, with the corrected URL (confirmed)', async () => {
      await profileWithKey('it-nov1', sim.origin, sim.keys.chat);
      const d = await test('it-nov1');
      assert.equal(d.kind, 'notApi');
      assert.equal(d.suggestedBaseUrl, sim.baseUrl);
      assert.match(diagnosisText(d), /answers there/);
      assert.ok(dialogs.last('error')?.actions.includes(`Use ${sim.baseUrl}`));
    });

    it('"Use <suggested URL>" fixes the profile and tests again', async () => {
      dialogs.errors = [`Use ${sim.baseUrl}`];
      await test('it-nov1');
      // offerFixes runs after the diagnosis returns: wait for the profile to change.
      await whenConfiguration(() => api.profiles.profiles.find((p) => p.id === 'it-nov1')?.baseUrl === sim.baseUrl);
      assert.equal(api.profiles.profiles.find((p) => p.id === 'it-nov1')?.baseUrl, sim.baseUrl);
    });

    it('401: the key was revoked', async () => {
      await profileWithKey('it-revoked', sim.baseUrl, 'app-RevokedKey000000000000');
      const d = await test('it-revoked');
      assert.equal(d.kind, 'keyRejected');
      assert.equal(d.serverVersion, '1.11.2');
      assert.ok(dialogs.last('error')?.actions.includes('Set API Key'));
    });

    it('403: the app\'s API is disabled', async () => {
      await profileWithKey('it-disabled', sim.baseUrl, sim.keys.disabled);
      const d = await test('it-disabled');
      assert.equal(d.kind, 'appUnavailable');
      assert.match(diagnosisText(d), /403: The app's API service has been disabled\./);
    });

    it('403: the app was deleted', async () => {
      await profileWithKey('it-deleted', sim.baseUrl, sim.keys.deleted);
      const d = await test('it-deleted');
      assert.equal(d.kind, 'appUnavailable');
      assert.match(diagnosisText(d), /403: The app no longer exists\./);
    });

    it('not a chat app (workflow)', async () => {
      await profileWithKey('it-workflow', sim.baseUrl, sim.keys.workflow);
      const d = await test('it-workflow');
      assert.equal(d.kind, 'notChatApp');
      assert.equal(d.app?.mode, 'workflow');
      assert.match(diagnosisText(d), /is a Workflow app; this extension chats with Chatbot, Agent or Chatflow apps/);
    });

    it('TLS: a self-signed certificate on a loopback https server', async () => {
      const server = await startHttps(makeSelfSignedCert());
      servers.push(server);
      await profileWithKey('it-tls', `${server.url}/v1`, 'app-TlsKey0000000000000000');
      const d = await test('it-tls');
      assert.equal(d.kind, 'tls');
      assert.match(d.causeCode ?? '', /SELF_SIGNED|UNABLE_TO_VERIFY/);
      assert.match(diagnosisText(d), /self-signed or from an unknown authority.*NODE_EXTRA_CA_CERTS/);
    });

    it('timeout: the server accepts the connection and never answers', async () => {
      const server = await startSilent();
      servers.push(server);
      await setUserSetting('requestTimeoutSeconds', 5);
      await profileWithKey('it-silent', `${server.url}/v1`, 'app-SilentKey000000000000');
      const d = await test('it-silent');
      assert.equal(d.kind, 'timeout');
      assert.equal(diagnosisText(d), `The server at 127.0.0.1:${server.port} accepted the connection but did not answer within 5 s; a local model may still be loading, so try again.`);
      await setUserSetting('requestTimeoutSeconds', undefined);
    });
  });

  describe('the user id setting', () => {
    it('an unusable dify.user is not used silently: the log says why, and the default id stays', async () => {
      const before = api.profiles.userFor(api.profiles.activeProfile);
      const said = new Promise<string>((resolve) => {
        const d = api.connection.log.onDidWrite((l) => {
          if (l.text.includes('dify.user is not used')) {
            d.dispose();
            resolve(l.text);
          }
        });
      });
      try {
        await setUserSetting('user', 'bad\u0007id');
        assert.match(await said, /control characters/);
        assert.equal(api.profiles.userFor(api.profiles.activeProfile), before);
      } finally {
        await setUserSetting('user', undefined);
      }
    });
  });

  describe('a workspace cannot redirect the key', () => {
    let canary: TestServer;
    let settingsFile: string;
    let original: string | undefined;

    before(async function () {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) this.skip();
      canary = await startCanary();
      settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
      original = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
      await api.profiles.switchTo('it-chat');
    });

    after(async () => {
      if (settingsFile) {
        if (original === undefined) {
          fs.rmSync(settingsFile, { force: true });
          await whenConfiguration(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === undefined);
        } else {
          fs.writeFileSync(settingsFile, original);
        }
      }
      await canary?.close();
    });

    async function writeWorkspaceSettings(value: Record<string, unknown>, tabSize: number): Promise<void> {
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ ...value, 'editor.tabSize': tabSize }, null, 2));
      // editor.tabSize is an ordinary setting: once VS Code reports it, it has read the file.
      await whenConfiguration(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === tabSize);
    }

    async function exercise(): Promise<void> {
      api.profiles.reload();
      const active = api.profiles.activeProfile;
      assert.equal(active.id, 'it-chat', 'the workspace chose the active profile');
      assert.equal(active.baseUrl, sim.baseUrl);
      assert.ok(!api.profiles.profiles.some((p) => p.baseUrl.includes(`:${canary.port}`)), 'a workspace profile was listed');
      const client = await api.profiles.getClient();
      assert.equal(client?.baseUrl, sim.baseUrl);
      await client?.info();
      await api.profiles.refreshStatus();
      const d = await api.connection.commands.testConnection();
      assert.equal(d?.kind, 'ok');
      await vscode.commands.executeCommand('dify.testConnection');
      dialogs.inputs = [sim.keys.chat];
      assert.equal(await api.connection.commands.setApiKey(), 'saved');
    }

    it('flat form ("dify.baseUrl", "dify.profiles", "dify.activeProfile"): zero requests to its host', async () => {
      await writeWorkspaceSettings(
        {
          'dify.baseUrl': `${canary.url}/v1`,
          'dify.profiles': [{ id: 'evil', name: 'Evil', baseUrl: `${canary.url}/v1` }],
          'dify.activeProfile': 'evil',
        },
        7,
      );
      await exercise();
      assert.equal(canary.hits, 0);
    });

    it('nested form ("dify": {...}): zero requests to its host', async () => {
      await writeWorkspaceSettings(
        { dify: { baseUrl: `${canary.url}/v1`, profiles: [{ id: 'evil', name: 'Evil', baseUrl: `${canary.url}/v1` }], activeProfile: 'evil' } },
        5,
      );
      await exercise();
      assert.equal(canary.hits, 0);
    });
  });
});
