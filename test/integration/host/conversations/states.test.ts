// The Conversations view's states in the real extension host, as the `dify.conversations.state` context key
// that picks the viewsWelcome entry: no key, no conversations yet, Dify unreachable, the key rejected, the app
// refused; each failure one sentence, never the key, and no message line (it would hide the welcome).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ProfileTarget, SimEnv, SuiteProfile } from '../../support';
import { ScriptedDialogs, closedPort, extensionApi, injectFault, nextEvent, saveUserSettings, simEnv, suiteProfile } from '../../support';

describe('Conversations tree: every welcome state', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let dialogs: ScriptedDialogs;
  const profiles: SuiteProfile[] = [];

  /** A fresh app (nothing of another app's rows), loaded once. */
  async function onApp(id: string, target: ProfileTarget): Promise<SuiteProfile> {
    const p = await suiteProfile(api, sim, id, target);
    profiles.push(p);
    await api.conversations.refresh();
    return p;
  }

  function assertFailure(state: string): void {
    assert.equal(api.conversations.state, state);
    assert.deepEqual(api.conversations.rootNodes(), []);
    const message = api.conversations.errorMessage;
    assert.ok(message && /[.!?)]$/.test(message) && !message.includes('\n'), `one sentence: ${message}`);
    for (const key of Object.values(sim.keys)) assert.ok(!message.includes(key), 'never the key');
    assert.equal(api.conversations.message, undefined, 'no message line: the welcome (reason and Retry) shows');
  }

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    // Anything interactive (a consent question) is answered with Cancel.
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
    await vscode.commands.executeCommand('dify.conversations.focus');
  });

  after(async () => {
    dialogs.restore();
    for (const p of profiles) await p.remove();
    await settings.restore();
  });

  it('no conversations yet: "empty" (Start a conversation); then "ready" once there are', async () => {
    const p = await onApp('it-states-empty', 'chat');
    assert.equal(api.conversations.state, 'empty');
    assert.deepEqual(api.conversations.rootNodes(), []);
    assert.equal(api.conversations.message, undefined);
    await p.seed(2, { ties: 0 });
    await vscode.commands.executeCommand('dify.conversations.refresh');
    assert.equal(api.conversations.state, 'ready');
    assert.equal(api.conversations.rootNodes().length, 2);
  });

  it('the key rejected (401): "rejected"', async () => {
    await onApp('it-states-401', { key: 'app-notAKeyTheSimulatorKnows0' });
    assertFailure('rejected');
  });

  it('the app refused (403): "forbidden"', async () => {
    await onApp('it-states-403', 'disabled');
    assertFailure('forbidden');
  });

  it('Dify unreachable: "unreachable"', async () => {
    await onApp('it-states-down', { key: sim.keys.chat, baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    assertFailure('unreachable');
  });

  it('Dify unreachable for a moment, then Retry loads the rows', async () => {
    // Every attempt of the first load (the GET and its two retries) finds the connection dropped.
    await injectFault(sim.origin, 'refuse', '^/v1/conversations$', 3);
    const p = await onApp('it-states-retry', 'chat');
    assertFailure('unreachable');
    await p.seed(3, { ties: 0 });
    await vscode.commands.executeCommand('dify.conversations.refresh');
    assert.equal(api.conversations.state, 'ready');
    assert.equal(api.conversations.errorMessage, undefined);
    assert.equal(api.conversations.rootNodes().length, 3);
  });

  it('no key: "noKey" (the Set API Key welcome)', async () => {
    const p = profiles.at(-1)!;
    const changed = nextEvent(api.profiles.onDidChange);
    await api.profiles.clearKey(p.id);
    await changed;
    await api.conversations.refresh();
    assert.equal(api.conversations.state, 'noKey');
    assert.deepEqual(api.conversations.rootNodes(), []);
  });
});
