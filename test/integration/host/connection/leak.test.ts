// Nothing leaks: a CANARY key goes through the whole fault suite (Set API Key, Test Connection, chats through
// the panel and the client, every simulator fault, an error message that echoes the key, unreachable and TLS
// servers), then every place a key could end up is searched for it: the log (lines and files), globalState
// and workspaceState, settings files, webview messages, dialogs, error objects, exports, the clipboard.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import { makeSelfSignedCert } from '../../../fixtures/tls/selfSigned';
import type { Proxy, SimEnv, TestServer } from '../../support';
import {
  ScriptedDialogs,
  closedPort,
  extensionApi,
  injectFault,
  saveUserSettings,
  simAdmin,
  simEnv,
  startHttps,
  startProxy,
} from '../../support';

/** Every file under `dir`, recursively (missing dir: none). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** A readable description of everything an error carries (message, server message, causes, stack). */
function dumpError(e: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown): void => {
    if (typeof x !== 'object' || x === null || seen.has(x)) {
      parts.push(String(x));
      return;
    }
    seen.add(x);
    const r = x as Record<string, unknown>;
    for (const k of ['name', 'message', 'stack', 'kind', 'code', 'causeCode', 'serverMessage', 'status']) parts.push(String(r[k]));
    if ('cause' in r) visit(r['cause']);
  };
  visit(e);
  return parts.join('\n');
}

describe('Nothing leaks (a canary key through the fault suite)', function () {
  const CANARY = `app-CANARY${randomBytes(12).toString('hex')}`;
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let proxy: Proxy;
  let settings: { restore(): Promise<void> };
  let dialogs: ScriptedDialogs;
  const servers: TestServer[] = [];
  const logLines: string[] = [];
  const posted: string[] = [];
  const errors: string[] = [];
  let streamed = 0;
  const profileIds = ['leak-canary', 'leak-closed', 'leak-tls', 'leak-direct'];
  const subscriptions: vscode.Disposable[] = [];

  async function capture<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (e) {
      errors.push(dumpError(e));
      return undefined;
    }
  }

  async function chatThroughClient(): Promise<void> {
    const client = await api.profiles.getClient();
    assert.ok(client, 'the canary profile has a client');
    await capture(async () => {
      // Raw events stay in memory here; what matters is what reaches the webview, the log and the dialogs.
      for await (const ev of client.chatStream({ query: 'hello there', inputs: {} })) streamed += ev.event.length > 0 ? 1 : 0;
    });
  }

  async function chatThroughPanel(question: string): Promise<void> {
    await capture(async () => {
      await api.chat.ask(question, { newConversation: true });
      await api.chat.whenIdle();
    });
  }

  before(async () => {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    await simAdmin(sim.origin, 'POST', 'reset');
    proxy = await startProxy(sim.origin, { from: CANARY, to: sim.keys.chat });
    servers.push(proxy);
    subscriptions.push(
      api.connection.log.onDidWrite((l) => logLines.push(l.text)),
      api.chat.onDidPostMessage((m) => posted.push(JSON.stringify(m))),
    );
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
  });

  after(async () => {
    dialogs.restore();
    for (const d of subscriptions) d.dispose();
    await simAdmin(sim.origin, 'DELETE', 'faults');
    for (const id of profileIds) await api.profiles.clearKey(id).catch(() => undefined);
    await settings.restore();
    for (const s of servers) await s.close();
  });

  it('the canary key is entered in the input box, checked with the server and stored', async () => {
    await api.profiles.addProfile({ name: 'Leak Canary', baseUrl: `${proxy.url}/v1` }, 'leak-canary');
    dialogs.inputs = [CANARY];
    assert.equal(await api.connection.commands.setApiKey('leak-canary'), 'saved');
    await api.profiles.switchTo('leak-canary');
    assert.ok(proxy.rewritten > 0, 'the canary key reached the proxy');
  });

  it('runs the connection faults with it', async () => {
    const infoFaults: Array<[string | Record<string, unknown>, number]> = [
      ['html502', 3],
      ['server500', 3],
      ['429:0', 3],
      ['status:401:unauthorized:Access token is invalid', 1],
      ['status:403:forbidden:The app no longer exists.', 1],
      ['refuse', 3],
      ['cut:5', 3],
      // A server that echoes the key in its error message (as some proxies do).
      [{ kind: 'status', status: 401, code: 'unauthorized', message: `Access token ${CANARY} is invalid` }, 1],
      [{ kind: 'status', status: 500, code: 'unknown', message: `upstream said: Authorization: Bearer ${CANARY}` }, 3],
    ];
    for (const [fault, times] of infoFaults) {
      await injectFault(sim.origin, fault, '^/v1/info$', times);
      await capture(() => api.connection.commands.testConnection('leak-canary'));
      await injectFault(sim.origin, fault, '^/v1/info$', times);
      const client = await api.profiles.getClient();
      await capture(async () => client?.info());
      await api.profiles.refreshStatus();
      await simAdmin(sim.origin, 'DELETE', 'faults');
    }
  });

  it('runs the chat faults with it, through the client and through the panel', async () => {
    const chatFaults: Array<string | Record<string, unknown>> = [
      'cut:300',
      'errorFrame',
      'eofWithoutEnd:2',
      'html502',
      '429:0',
      'status:400:invalid_param:query is required',
      { kind: 'status', status: 400, code: 'invalid_param', message: `bad key ${CANARY}` },
      { kind: 'errorFrame', afterFrames: 1, code: 'completion_request_error', message: `model failed for ${CANARY}` },
    ];
    await chatThroughClient();
    await chatThroughPanel('hello');
    for (const fault of chatFaults) {
      await injectFault(sim.origin, fault, '^/v1/chat-messages$');
      await chatThroughClient();
      await injectFault(sim.origin, fault, '^/v1/chat-messages$');
      await chatThroughPanel('again');
    }
    await simAdmin(sim.origin, 'DELETE', 'faults');
    assert.ok(streamed > 0, 'events arrived through the canary key');
    assert.ok(posted.length > 0, 'webview messages were captured');
  });

  it('and against an unreachable server, a TLS failure and a server that rejects it', async () => {
    const port = await closedPort();
    await api.profiles.addProfile({ name: 'Leak Closed', baseUrl: `http://127.0.0.1:${port}/v1` }, 'leak-closed');
    await api.profiles.storeKey('leak-closed', CANARY, `http://127.0.0.1:${port}/v1`);
    await capture(() => api.connection.commands.testConnection('leak-closed'));

    const tls = await startHttps(makeSelfSignedCert());
    servers.push(tls);
    await api.profiles.addProfile({ name: 'Leak TLS', baseUrl: `${tls.url}/v1` }, 'leak-tls');
    await api.profiles.storeKey('leak-tls', CANARY, `${tls.url}/v1`);
    await capture(() => api.connection.commands.testConnection('leak-tls'));
    await api.profiles.switchTo('leak-tls');
    await capture(async () => (await api.profiles.getClient())?.info());

    // The simulator itself does not know the canary: 401, not stored.
    await api.profiles.addProfile({ name: 'Leak Direct', baseUrl: sim.baseUrl }, 'leak-direct');
    dialogs.inputs = [CANARY];
    assert.equal(await api.connection.commands.setApiKey('leak-direct'), 'rejected');
    await api.profiles.switchTo('leak-canary');
  });

  it('the canary appears nowhere', async () => {
    const where: string[] = [];
    const check = (label: string, text: string): void => {
      if (text.includes(CANARY) || text.includes(CANARY.slice(4))) where.push(label);
    };
    // Even a careless caller that logs the key (or an error quoting it) cannot put it in the log.
    const before = logLines.length;
    api.connection.log.error('careless caller', new Error(`request with Authorization: Bearer ${CANARY} failed`));
    api.connection.log.warn(`the key is ${CANARY}`);
    assert.equal(logLines.length, before + 2);
    assert.ok(logLines.slice(before).every((l) => l.includes('[redacted]')), logLines.slice(before).join(' | '));
    // The log, as written (after redaction), and its files on disk.
    assert.ok(logLines.length > 20, `log lines captured: ${logLines.length}`);
    logLines.forEach((l, i) => check(`log line ${i}: ${l.slice(0, 80)}`, l));
    const storage = api.connection.storage;
    assert.ok(storage, 'storage is exposed in development/test runs');
    const logFiles = filesUnder(storage.logUri.fsPath);
    assert.ok(logFiles.length > 0, `no log file under ${storage.logUri.fsPath}`);
    for (const f of logFiles) check(`log file ${f}`, fs.readFileSync(f, 'utf8'));
    // globalState and workspaceState.
    for (const [name, memento] of [['globalState', storage.globalState], ['workspaceState', storage.workspaceState]] as const) {
      for (const k of memento.keys()) check(`${name}.${k}`, `${k}=${JSON.stringify(memento.get(k))}`);
    }
    // Settings: the user's settings.json, the workspace's, and what the configuration API returns.
    const userSettings = path.resolve(storage.globalStorageUri.fsPath, '..', '..', 'settings.json');
    assert.ok(fs.existsSync(userSettings), `the user settings.json is where it is expected: ${userSettings}`);
    check('user settings.json', fs.readFileSync(userSettings, 'utf8'));
    const folder = vscode.workspace.workspaceFolders?.[0];
    const wsSettings = folder ? path.join(folder.uri.fsPath, '.vscode', 'settings.json') : undefined;
    if (wsSettings && fs.existsSync(wsSettings)) check('workspace settings.json', fs.readFileSync(wsSettings, 'utf8'));
    check('configuration', JSON.stringify(vscode.workspace.getConfiguration('dify')));
    // What went to the webview, dialogs, error objects.
    posted.forEach((m, i) => check(`webview/event message ${i}: ${m.slice(0, 80)}`, m));
    dialogs.shown.forEach((s, i) => check(`dialog ${i} (${s.kind}): ${s.text.slice(0, 80)}`, `${s.text} ${s.actions.join(' ')}`));
    assert.ok(errors.length > 5, `errors captured: ${errors.length}`);
    errors.forEach((e, i) => check(`error ${i}: ${e.slice(0, 80)}`, e));
    // Exports and visible state.
    check('profiles', JSON.stringify(api.profiles.profiles));
    check('connection state', JSON.stringify(api.profiles.connectionState));
    check('status bar', api.connection.statusBar.text);
    check('chat state', JSON.stringify(api.chat.getState()));
    check('clipboard', await vscode.env.clipboard.readText());
    assert.deepEqual(where, [], `the canary key was found in: ${where.join('; ')}`);
    assert.ok(proxy.rewritten >= 20, `the canary key was actually used (${proxy.rewritten} requests)`);
  });
});
