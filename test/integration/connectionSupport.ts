// Shared by the connection and leak suites: the extension's exports, scripted answers to its dialogs,
// loopback servers (a counting canary, a key-rewriting proxy, a self-signed https server, a silent one),
// the simulator's admin API, and saving/restoring the user settings the suites change.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../src/extension';
import type { Prompter } from '../../src/host/prompts';

export const EXTENSION_ID = 'dify-community.dify-vscode';

export interface SimEnv {
  origin: string;
  baseUrl: string;
  keys: { chat: string; agent: string; chatflow: string; disabled: string; deleted: string; workflow: string };
}

/** The simulator the harness started (its address and keys arrive through the environment). */
export function simEnv(): SimEnv {
  const origin = process.env['DIFY_SIM_ORIGIN'];
  const baseUrl = process.env['DIFY_SIM_BASE_URL'];
  const keys = process.env['DIFY_SIM_KEYS'];
  assert.ok(origin && baseUrl && keys, 'DIFY_SIM_ORIGIN, DIFY_SIM_BASE_URL and DIFY_SIM_KEYS must be set by the harness');
  return { origin, baseUrl, keys: JSON.parse(keys) as SimEnv['keys'] };
}

export async function extensionApi(): Promise<DifyExtensionExports> {
  const ext = vscode.extensions.getExtension<DifyExtensionExports>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

/** The simulator's admin API (`/__sim/`). */
export async function simAdmin(origin: string, method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${origin}/__sim/${route}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as unknown;
  assert.ok(res.ok, `sim admin ${method} ${route}: ${JSON.stringify(json)}`);
  return json;
}

/** Queues a simulator fault for requests whose path matches `pathRegex`. */
export async function injectFault(origin: string, fault: string | Record<string, unknown>, pathRegex: string, times = 1): Promise<void> {
  await simAdmin(origin, 'POST', 'faults', { fault, match: { pathRegex, times } });
}

// ---- dialogs -------------------------------------------------------------------------------------------

export interface Shown {
  kind: 'input' | 'pick' | 'confirm' | 'info' | 'warn' | 'error';
  text: string;
  actions: string[];
}

type PickAnswer = (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined;

/**
 * Answers the extension's dialogs from queues and records everything it showed. An unanswered question is
 * cancelled (undefined), as Escape would.
 */
export class ScriptedDialogs {
  readonly shown: Shown[] = [];
  /** What `validateInput` said about each scripted input (error or warning text, '' when fine). */
  readonly validations: string[] = [];
  inputs: Array<string | undefined> = [];
  confirms: Array<string | undefined> = [];
  warns: Array<string | undefined> = [];
  errors: Array<string | undefined> = [];
  infos: Array<string | undefined> = [];
  picks: PickAnswer[] = [];
  private saved: Partial<Prompter> = {};

  constructor(private readonly prompter: Prompter) {}

  install(): this {
    const p = this.prompter;
    this.saved = { inputBox: p.inputBox, quickPick: p.quickPick, confirm: p.confirm, info: p.info, warn: p.warn, error: p.error };
    p.inputBox = async (options) => {
      this.shown.push({ kind: 'input', text: [options.title, options.prompt].filter(Boolean).join(' | '), actions: [] });
      const answer = this.inputs.shift();
      if (answer !== undefined && options.validateInput) {
        const v = await options.validateInput(answer);
        this.validations.push(typeof v === 'string' ? v : (v?.message ?? ''));
      }
      return answer;
    };
    p.quickPick = (async (items: readonly vscode.QuickPickItem[], options: vscode.QuickPickOptions) => {
      this.shown.push({ kind: 'pick', text: options.title ?? '', actions: items.map((i) => i.label) });
      const answer = this.picks.shift();
      return answer ? answer(items) : undefined;
    }) as Prompter['quickPick'];
    p.confirm = async (message, detail, ...actions) => {
      this.shown.push({ kind: 'confirm', text: `${message} ${detail}`, actions });
      return this.confirms.shift();
    };
    p.info = async (message, ...actions) => {
      this.shown.push({ kind: 'info', text: message, actions });
      return this.infos.shift();
    };
    p.warn = async (message, ...actions) => {
      this.shown.push({ kind: 'warn', text: message, actions });
      return this.warns.shift();
    };
    p.error = async (message, ...actions) => {
      this.shown.push({ kind: 'error', text: message, actions });
      return this.errors.shift();
    };
    return this;
  }

  restore(): void {
    Object.assign(this.prompter, this.saved);
  }

  last(kind: Shown['kind']): Shown | undefined {
    return [...this.shown].reverse().find((s) => s.kind === kind);
  }
}

// ---- servers -------------------------------------------------------------------------------------------

export interface TestServer {
  url: string;
  port: number;
  hits: number;
  close(): Promise<void>;
}

function listen(server: http.Server | https.Server, scheme: 'http' | 'https'): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // A handshake that fails never becomes a secureConnection: track raw sockets too.
  if (scheme === 'https') {
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const s: TestServer = {
        url: `${scheme}://127.0.0.1:${port}`,
        port,
        hits: 0,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const sock of sockets) sock.destroy();
          }),
      };
      server.on('request', () => {
        s.hits++;
      });
      resolve(s);
    });
  });
}

/** A server that counts hits and answers 418, for "zero requests to this host" assertions. */
export function startCanary(): Promise<TestServer> {
  return listen(
    http.createServer((_req, res) => {
      res.writeHead(418, { 'Content-Type': 'text/plain' });
      res.end('canary');
    }),
    'http',
  );
}

/** A server that accepts connections and requests and never answers them. */
export function startSilent(): Promise<TestServer> {
  return listen(
    http.createServer(() => {
      // never answer
    }),
    'http',
  );
}

/** An https server with the given certificate, answering like Dify's root if a client ever trusted it. */
export function startHttps(tls: { key: string; cert: string }): Promise<TestServer> {
  return listen(
    https.createServer(tls, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"welcome": "Dify OpenAPI", "api_version": "v1", "server_version": "1.11.2"}\n');
    }),
    'https',
  );
}

/** A port on 127.0.0.1 where nothing listens (bound by the OS, then closed). */
export async function closedPort(): Promise<number> {
  const s = await listen(http.createServer(), 'http');
  await s.close();
  return s.port;
}

export interface Proxy extends TestServer {
  /** Requests that arrived with `Bearer <from>` (rewritten to `Bearer <to>`). */
  rewritten: number;
}

/**
 * A loopback reverse proxy to `target` (streaming both ways). With `rewrite`, a request authorised with
 * the `from` key is forwarded with the `to` key: the extension can use a canary key that the simulator
 * does not know, and still get real answers.
 */
export async function startProxy(target: string, rewrite?: { from: string; to: string }): Promise<Proxy> {
  const counts = { rewritten: 0 };
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers };
    delete headers.host;
    if (rewrite && headers.authorization === `Bearer ${rewrite.from}`) {
      headers.authorization = `Bearer ${rewrite.to}`;
      counts.rewritten++;
    }
    const up = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
    });
    up.on('error', () => res.destroy());
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  });
  const base = await listen(server, 'http');
  return Object.defineProperty(base, 'rewritten', { get: () => counts.rewritten, enumerable: true }) as Proxy;
}

// ---- settings ------------------------------------------------------------------------------------------

const CONNECTION_KEYS = ['baseUrl', 'profiles', 'activeProfile', 'user', 'requestTimeoutSeconds', 'idleTimeoutSeconds'] as const;

/** Saves the user's connection settings; `restore()` puts them back (the other suites expect theirs). */
export function saveUserSettings(): { restore(): Promise<void> } {
  const config = vscode.workspace.getConfiguration('dify');
  const saved = CONNECTION_KEYS.map((k) => [k, config.inspect(k)?.globalValue] as const);
  return {
    async restore() {
      const c = vscode.workspace.getConfiguration('dify');
      for (const [k, v] of saved) await c.update(k, v, vscode.ConfigurationTarget.Global);
    },
  };
}

export async function setUserSetting(key: (typeof CONNECTION_KEYS)[number], value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dify').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Resolves with the next firing of `event` (mocha's timeout bounds the wait). */
export function nextEvent<T>(event: vscode.Event<T>): Promise<T> {
  return new Promise((resolve) => {
    const d = event((e) => {
      d.dispose();
      resolve(e);
    });
  });
}

/** Resolves when `check()` holds, re-checking on every configuration change (no polling, no sleeps). */
export function whenConfiguration(check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const d = vscode.workspace.onDidChangeConfiguration(() => {
      if (check()) {
        d.dispose();
        resolve();
      }
    });
  });
}
